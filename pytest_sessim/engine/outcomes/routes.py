"""Which outcome script a recipient gets: test routes first, then the simulator."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..mail.addresses import parse_mailbox, simulator_local_part
from .scripts import DELIVERED, Outcome, Script, simulator_script

Pattern = str | re.Pattern[str] | Callable[[str], bool]


@dataclass(frozen=True)
class Route:
    pattern: Pattern
    script: Script

    def matches(self, address: str) -> bool:
        pattern = self.pattern
        if isinstance(pattern, re.Pattern):
            return pattern.fullmatch(address) is not None
        if isinstance(pattern, str):
            lowered = address.lower()
            wanted = pattern.lower()
            if any(ch in wanted for ch in "*?["):
                return fnmatch.fnmatchcase(lowered, wanted)
            return lowered == wanted
        return bool(pattern(address))

    def describe(self) -> str:
        pattern = self.pattern
        if isinstance(pattern, re.Pattern):
            shown = f"re {pattern.pattern!r}"
        elif isinstance(pattern, str):
            shown = repr(pattern)
        else:
            shown = getattr(pattern, "__name__", repr(pattern))
        return f"{shown} -> {self.script}"


def as_script(outcome: Outcome | Script) -> Script:
    return outcome.script if isinstance(outcome, Outcome) else outcome


class Router:
    """Routes added later take precedence over earlier ones.

    Patterns match the bare address (``user+label@domain``): an exact address
    (case-insensitive), a glob (``*@example.com``), a compiled regex (full match)
    or a predicate. Never a substring.
    """

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def add(self, pattern: Pattern, outcome: Outcome | Script) -> Route:
        if isinstance(pattern, str) and not any(ch in pattern for ch in "*?["):
            pattern = parse_mailbox(pattern).address
        route = Route(pattern, as_script(outcome))
        self.routes.append(route)
        return route

    def resolve(self, address: str) -> Script:
        for route in reversed(self.routes):
            if route.matches(address):
                return route.script
        local = simulator_local_part(address)
        if local is not None:
            return simulator_script(local)
        return DELIVERED
