"""Helpers the delivery tests import (``from delivery_helpers import ...``)."""

from __future__ import annotations

from typing import Any

REGION = "us-east-1"
ACCOUNT = "123456789012"


def send(ses: Any, to: str, **extra: Any) -> str:
    """A v1 SendEmail from sender@example.com; returns the MessageId."""
    reply = ses.send_email(
        Source=extra.pop("Source", "sender@example.com"),
        Destination={"ToAddresses": [to]},
        Message={"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi there"}}},
        **extra,
    )
    message_id: str = reply["MessageId"]
    return message_id


SUCCESS = "success@simulator.amazonses.com"
BOUNCE = "bounce@simulator.amazonses.com"
COMPLAINT = "complaint@simulator.amazonses.com"
DEFAULT_BUS = f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/default"
