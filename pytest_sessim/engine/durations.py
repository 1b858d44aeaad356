"""One way to say how long: every duration parameter of the plugin reads it the same.

A duration is a ``timedelta``, a number of seconds, or text such as ``"2h"``,
``"30m"``, ``"90s"``, ``"1d"``, ``"1h30m"`` or ``"1.5h"`` (plain digits are seconds).
Durations are never negative.
"""

from __future__ import annotations

import math
import re
from datetime import timedelta

_UNIT_SECONDS = {"d": 86400.0, "h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
_PART = r"(\d+(?:\.\d*)?|\.\d+)\s*(ms|d|h|m|s)"
_TEXT = re.compile(rf"(?:{_PART}\s*)+", re.IGNORECASE)
_PARTS = re.compile(_PART, re.IGNORECASE)
Duration = timedelta | float | int | str


def duration(value: object, name: str = "duration") -> timedelta:
    """``value`` as a timedelta; TypeError or ValueError naming ``name`` otherwise."""
    if isinstance(value, timedelta):
        result = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ValueError(f"{name} must be a finite duration, not {value!r}")
        result = _seconds(value, name)
    elif isinstance(value, str):
        result = _parse(value, name)
    else:
        raise TypeError(
            f"{name} takes a timedelta, seconds or text such as '2h', '30m' or '1h30m', "
            f"not {value!r}"
        )
    if result < timedelta(0):
        raise ValueError(f"{name} must not be negative, not {value!r}")
    return result


def _seconds(value: float, name: str) -> timedelta:
    try:
        return timedelta(seconds=value)
    except OverflowError:
        raise ValueError(f"{name} is too long: {value!r}") from None


def _parse(text: str, name: str) -> timedelta:
    stripped = text.strip()
    if stripped.isdigit():
        return _seconds(int(stripped), name)
    if _TEXT.fullmatch(stripped) is None:
        raise ValueError(
            f"{name} takes text such as '2h', '30m', '90s', '1d' or '1h30m', not {text!r}"
        )
    total = sum(
        float(number) * _UNIT_SECONDS[unit.lower()] for number, unit in _PARTS.findall(stripped)
    )
    return _seconds(total, name)
