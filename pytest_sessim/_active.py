"""The simulators currently active in this process (innermost last).

Kept free of heavy imports: the botocore hook reads it on every AWS request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .simulator import SesSim

ACTIVE: list[SesSim] = []


def current() -> SesSim | None:
    return ACTIVE[-1] if ACTIVE else None
