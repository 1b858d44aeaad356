"""Fixtures for the identity tests: clients in another Region."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@pytest.fixture(scope="session")
def frankfurt() -> Any:
    return boto3.client("ses", region_name="eu-central-1", **CREDENTIALS)


@pytest.fixture(scope="session")
def frankfurt_v2() -> Any:
    return boto3.client("sesv2", region_name="eu-central-1", **CREDENTIALS)
