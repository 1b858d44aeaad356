"""How a test ended, from its reports: one rule for every feature that records it."""

from __future__ import annotations

import pytest

_OUTCOME_KEY = pytest.StashKey[str]()


def note_outcome(item: pytest.Item, report: pytest.TestReport) -> str:
    """Record what ``report`` says about the test and return the outcome so far:
    "passed", "failed", "error" (setup or teardown), "skipped", "xfailed", "xpassed"."""
    if report.failed:
        item.stash[_OUTCOME_KEY] = "error" if report.when != "call" else "failed"
    elif report.when == "call" or (report.skipped and report.when == "setup"):
        outcome: str = report.outcome
        if hasattr(report, "wasxfail"):
            outcome = "xfailed" if report.skipped else "xpassed"
        item.stash.setdefault(_OUTCOME_KEY, outcome)
    return item.stash.get(_OUTCOME_KEY, "")
