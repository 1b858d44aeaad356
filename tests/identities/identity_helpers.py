"""Values the identity tests share."""

from __future__ import annotations

from typing import Any

SUCCESS = "success@simulator.amazonses.com"
MESSAGE = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}


def send(ses: Any, source: str, **extra: Any) -> str:
    """A v1 SendEmail to the simulator's success address; its MessageId."""
    reply = ses.send_email(
        Source=source, Destination={"ToAddresses": [SUCCESS]}, Message=MESSAGE, **extra
    )
    message_id: str = reply["MessageId"]
    return message_id
