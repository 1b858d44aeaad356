"""Shared, costly objects: boto3 clients are made once per session (they are stateless
toward the simulator, which intercepts them whenever one is active)."""

from __future__ import annotations

from typing import Any

import boto3

# Imported before any pytester inline run: such a run drops the modules first imported
# inside it, while cryptography's native bindings keep knowing only the hash classes of
# the first import (moto, which imports it too, is no longer imported by every test).
import cryptography.hazmat.primitives.hashes  # noqa: F401
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
