"""The ``@pytest.mark.sessim`` keywords and ini options, validated and merged nearest first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

import pytest

from ..engine.ids import seed_for
from ..engine.outcomes import Outcome, Script
from ..engine.routing import Pattern
from .seed import base_seed

MARKER_KEYWORDS = (
    "seed",
    "now",
    "region",
    "verified",
    "sandbox",
    "moto",
    "account_id",
    "routes",
    "max_24_hour_send",
    "max_send_rate",
)


@dataclass
class SimOptions:
    seed: int
    now: datetime | None = None
    region: str = "us-east-1"
    verified: list[str] = field(default_factory=list)
    sandbox: bool = False
    moto: bool = True
    account_id: str | None = None
    routes: list[tuple[Pattern, Outcome | Script]] = field(default_factory=list)
    max_24_hour_send: float | None = None
    max_send_rate: float | None = None

    def keywords(self) -> dict[str, Any]:
        """The options as ``SesSim`` keyword arguments (the names are the same)."""
        return {option.name: getattr(self, option.name) for option in fields(self)}


class MarkerError(Exception):
    pass


def _as_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
    raise MarkerError(f"now= must be a datetime or an ISO 8601 string, not {value!r}")


def _as_routes(value: Any) -> list[tuple[Pattern, Outcome | Script]]:
    pairs: Iterable[Any] = value.items() if isinstance(value, Mapping) else value
    routes: list[tuple[Pattern, Outcome | Script]] = []
    for pair in pairs:
        if not (
            isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[1], Outcome | Script)
        ):
            raise MarkerError(
                "routes= takes {pattern: outcome} or [(pattern, outcome)], "
                f"with Outcome or Script values; got {pair!r}"
            )
        routes.append((pair[0], pair[1]))
    return routes


_CHECKS: dict[str, Any] = {
    "seed": lambda v: (
        v if isinstance(v, int) and not isinstance(v, bool) else _bad("seed", "an int", v)
    ),
    "now": _as_datetime,
    "region": lambda v: _region(v),
    "verified": lambda v: [v] if isinstance(v, str) else _strings("verified", v),
    "sandbox": lambda v: v if isinstance(v, bool) else _bad("sandbox", "True or False", v),
    "moto": lambda v: v if isinstance(v, bool) else _bad("moto", "True or False", v),
    "account_id": lambda v: (
        v
        if isinstance(v, str) and v.isdigit() and len(v) == 12
        else _bad("account_id", "a 12-digit string", v)
    ),
    "routes": _as_routes,
    "max_24_hour_send": lambda v: _positive("max_24_hour_send", v),
    "max_send_rate": lambda v: _positive("max_send_rate", v),
}


def _region(value: Any) -> str:
    from ..doors.regions import unknown_region

    why = unknown_region(value)
    if why is not None:
        raise MarkerError(f"region= {why}")
    return str(value)


def _positive(name: str, value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    raise MarkerError(f"{name}= must be a positive number, not {value!r}")


def _bad(name: str, wanted: str, value: Any) -> Any:
    raise MarkerError(f"{name}= must be {wanted}, not {value!r}")


def _strings(name: str, value: Any) -> list[str]:
    if isinstance(value, (list, tuple, set, frozenset)) and all(isinstance(v, str) for v in value):
        return list(value)
    raise MarkerError(f"{name}= must be a list of strings, not {value!r}")


def marker_options(markers: Iterable[pytest.Mark]) -> dict[str, Any]:
    """Merge ``sessim`` markers nearest first: each keyword comes from the nearest marker
    that gives it (so ``verified=[]`` on a test clears what its module verified)."""
    merged: dict[str, Any] = {}
    for mark in reversed(list(markers)):
        if mark.args:
            raise MarkerError(f"@pytest.mark.sessim takes keywords only, got {mark.args!r}")
        unknown = sorted(set(mark.kwargs) - set(MARKER_KEYWORDS))
        if unknown:
            raise MarkerError(
                f"@pytest.mark.sessim got unexpected keyword(s): {', '.join(unknown)}. "
                f"Known keywords: {', '.join(MARKER_KEYWORDS)}."
            )
        for key, value in mark.kwargs.items():
            merged[key] = _CHECKS[key](value)
    return merged


def resolve(item: pytest.Item, config: pytest.Config) -> SimOptions:
    merged = marker_options(item.iter_markers("sessim"))
    seed = merged.pop("seed", None)
    if seed is None:
        seed = seed_for(item.nodeid, base_seed(config))
    options = SimOptions(
        seed=seed,
        region=config.getini("sessim_region") or "us-east-1",
        verified=list(config.getini("sessim_verified")),
        sandbox=bool(config.getini("sessim_sandbox")),
        moto=bool(config.getini("sessim_moto")),
    )
    for key, value in merged.items():
        setattr(options, key, value)
    return options
