"""How fuzz examples are drawn: seeded, and as many as the budget says."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, seed, settings, strategies as st


@dataclass(frozen=True)
class FuzzBudget:
    examples: int | None  # None: each test's own CI budget
    seed: int | None  # None: derandomized

    def given(
        self, strategy: st.SearchStrategy[Any], *, examples: int
    ) -> Callable[[Callable[[Any], None]], Callable[[], None]]:
        """``@budget.given(strategy, examples=N)`` on ``def check(value)`` makes a
        Hypothesis test of it, seeded and bounded."""

        def decorate(check: Callable[[Any], None]) -> Callable[[], None]:
            test = given(strategy)(check)
            test = settings(
                max_examples=max(self.examples or 0, examples),
                derandomize=self.seed is None,
                database=None,
                deadline=None,
                print_blob=True,
                suppress_health_check=list(HealthCheck),
            )(test)
            if self.seed is not None:
                test = seed(self.seed)(test)
            return test

        return decorate
