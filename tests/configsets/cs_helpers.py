"""Helpers of the configuration-set and account-infrastructure tests."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

ACCOUNT = "123456789012"
REGION = "us-east-1"
ARCHIVE = f"arn:aws:ses:{REGION}:{ACCOUNT}:mailmanager-archive/a-abcdefghijklmnopqrstuvwx"


def error(info: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    """The code, message and HTTP status of a refused request."""
    response = info.value.response
    status = response["ResponseMetadata"]["HTTPStatusCode"]
    return response["Error"]["Code"], response["Error"]["Message"], status


def refused(call: Any) -> tuple[str, str, int]:
    """Run ``call`` (it must be refused) and give its error."""
    with pytest.raises(ClientError) as info:
        call()
    return error(info)


def arn(resource: str, region: str = REGION) -> str:
    return f"arn:aws:ses:{region}:{ACCOUNT}:{resource}"


def simple(subject: str = "Hello", html: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"Text": {"Data": "text"}}
    if html is not None:
        body["Html"] = {"Data": html}
    return {"Simple": {"Subject": {"Data": subject}, "Body": body}}
