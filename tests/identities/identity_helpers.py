"""Values the identity tests share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

SUCCESS = "success@simulator.amazonses.com"
MESSAGE = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}


def send(ses: Any, source: str, **extra: Any) -> str:
    """A v1 SendEmail to the simulator's success address; its MessageId."""
    reply = ses.send_email(
        Source=source, Destination={"ToAddresses": [SUCCESS]}, Message=MESSAGE, **extra
    )
    message_id: str = reply["MessageId"]
    return message_id


def refusal(call: Callable[[], Any]) -> tuple[str, str, int]:
    """(code, message, HTTP status) of the error SES answered ``call`` with."""
    with pytest.raises(ClientError) as caught:
        call()
    error = caught.value.response
    return (
        error["Error"]["Code"],
        error["Error"]["Message"],
        error["ResponseMetadata"]["HTTPStatusCode"],
    )
