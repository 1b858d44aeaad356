"""Clients of the validation tests that send what botocore would refuse, so that SES's own
checks answer."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config

_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
_UNCHECKED = Config(parameter_validation=False)


@pytest.fixture(scope="session")
def raw_ses() -> Any:
    return boto3.client("ses", region_name="us-east-1", config=_UNCHECKED, **_CREDENTIALS)


@pytest.fixture(scope="session")
def raw_sesv2() -> Any:
    return boto3.client("sesv2", region_name="us-east-1", config=_UNCHECKED, **_CREDENTIALS)
