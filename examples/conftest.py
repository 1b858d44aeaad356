"""Fixtures for the example tests: the shop's state, reset per test, and sample orders."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from shop import feedback
from shop.models import Customer, LineItem, Order


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
