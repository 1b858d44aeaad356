"""Helpers for the identity tests: SES's answer to a refused call, and clients in
another Region."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


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


@pytest.fixture(scope="session")
def frankfurt() -> Any:
    return boto3.client("ses", region_name="eu-central-1", **CREDENTIALS)


@pytest.fixture(scope="session")
def frankfurt_v2() -> Any:
    return boto3.client("sesv2", region_name="eu-central-1", **CREDENTIALS)
