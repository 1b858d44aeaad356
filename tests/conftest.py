"""Shared, costly objects: boto3 clients are made once per session (they are stateless
toward the simulator, which intercepts them whenever one is active)."""

from __future__ import annotations

from typing import Any

import boto3
import pytest


@pytest.fixture(scope="session")
def ses() -> Any:
    return boto3.client(
        "ses", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )


@pytest.fixture(scope="session")
def sesv2() -> Any:
    return boto3.client(
        "sesv2",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
