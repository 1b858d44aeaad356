"""Clients of the configuration-set and account-infrastructure tests."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config

_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@pytest.fixture(scope="session")
def unchecked_sesv2() -> Any:
    """A SESv2 client that sends what botocore would refuse, so SES's own checks answer."""
    return boto3.client(
        "sesv2", region_name="us-east-1", config=Config(parameter_validation=False), **_CREDENTIALS
    )


@pytest.fixture(scope="session")
def sesv2_west() -> Any:
    return boto3.client("sesv2", region_name="eu-west-1", **_CREDENTIALS)
