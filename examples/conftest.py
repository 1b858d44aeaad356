"""Fixtures for the example tests: the shop's state, reset per test, and sample orders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import moto  # noqa: F401  (registers moto's handler before the clients below exist)
import pytest

from shop import feedback
from shop.models import Customer, LineItem, Order


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    # pyproject.toml sets pytest-asyncio's loop scope for the full suite; the examples need
    # only the package, and without pytest-asyncio that setting would be an unknown option
    if not pluginmanager.has_plugin("asyncio"):
        parser.addini("asyncio_default_fixture_loop_scope", "pytest-asyncio's (not installed)")


@pytest.fixture(autouse=True)
def store() -> feedback.SuppressionStore:
    """The shop's suppression store, emptied before every test."""
    feedback.store.clear()
    return feedback.store


@pytest.fixture
def order_for() -> Callable[[str], Order]:
    """Build order #1042 for a customer at the given address."""

    def make(email: str) -> Order:
        items = [LineItem("Teapot", 1, 3500), LineItem("Green tea, 100 g", 2, 800)]
        return Order("1042", Customer("Ada", email), items)

    return make


# AWS clients for the recipes (webhooks, SQS worker, Lambda), made once per session. moto
# is imported before them so that its handler reaches them; the simulator answers SES.
_TESTING = {
    "region_name": "us-east-1",
    "aws_access_key_id": "testing",
    "aws_secret_access_key": "testing",
}


@pytest.fixture(scope="session")
def ses() -> Any:
    return boto3.client("ses", **_TESTING)


@pytest.fixture(scope="session")
def sesv2() -> Any:
    return boto3.client("sesv2", **_TESTING)


@pytest.fixture(scope="session")
def sns() -> Any:
    return boto3.client("sns", **_TESTING)


@pytest.fixture(scope="session")
def sqs() -> Any:
    return boto3.client("sqs", **_TESTING)
