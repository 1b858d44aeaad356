"""Clients for the receiving tests, made once per session after moto is imported (its
botocore handler must exist first); every test runs under the ``sessim`` fixture."""

from __future__ import annotations

from typing import Any

import boto3
import moto  # noqa: F401  (registers moto's botocore handler before the clients exist)
import pytest
from receiving_helpers import REGION

_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def _client(service: str, region: str = REGION) -> Any:
    return boto3.client(service, region_name=region, **_CREDENTIALS)


@pytest.fixture(scope="session")
def s3() -> Any:
    return _client("s3")


@pytest.fixture(scope="session")
def sns() -> Any:
    return _client("sns")


@pytest.fixture(scope="session")
def sqs() -> Any:
    return _client("sqs")


@pytest.fixture(scope="session")
def ses_milan() -> Any:
    """SES in a Region without email receiving."""
    return _client("ses", "eu-south-1")


@pytest.fixture(scope="session")
def ses_ireland() -> Any:
    return _client("ses", "eu-west-1")
