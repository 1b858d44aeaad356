"""Put the SES simulator provider on the ``faker`` fixture of Faker's pytest plugin.

A fixture-setup hook rather than a fixture override: it works whichever plugin loads
first, whatever locale or seed fixtures the suite defines, and when a conftest
defines its own ``faker`` fixture returning a ``Faker``. Faker is not imported here;
the provider module is imported only when a test asks for ``faker``.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(
    fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest
) -> Generator[None, object, object]:
    value = yield
    if fixturedef.argname == "faker":
        from ..faker_provider import add_to

        add_to(value)
    return value
