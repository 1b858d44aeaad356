"""The fuzz tests' budget: examples per test and how they are drawn.

CI runs each test with the small budget it names (a few thousand cases in all); a
longer run raises it: ``--sessim-fuzz-examples=N`` (or ``SESSIM_FUZZ_EXAMPLES=N``)
runs at least N examples in every fuzz test, and ``--sessim-fuzz-seed=S`` (or
``SESSIM_FUZZ_SEED=S``) draws them from seed S instead of the fixed, derandomized set.
"""

from __future__ import annotations

import os

import pytest
from fuzz_budget import FuzzBudget


def _int_setting(config: pytest.Config, option: str, variable: str) -> int | None:
    value = config.getoption(option)
    if value is None and os.environ.get(variable):
        value = int(os.environ[variable])
    return value


@pytest.fixture(scope="session")
def fuzz_budget(pytestconfig: pytest.Config) -> FuzzBudget:
    return FuzzBudget(
        examples=_int_setting(pytestconfig, "sessim_fuzz_examples", "SESSIM_FUZZ_EXAMPLES"),
        seed=_int_setting(pytestconfig, "sessim_fuzz_seed", "SESSIM_FUZZ_SEED"),
    )
