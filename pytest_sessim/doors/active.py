"""The engines that doors answer for: those of the simulators active in this process.

A door needs nothing of a simulator but its engine (which carries the clock and the
lock that serialises the doors' threads), so this registry holds engines. Kept free
of heavy imports: the botocore hook reads it on every AWS request. The package
imports it once, up front, so that every door shares one registry even when
pytester's inline runs reload modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..engine.service import Engine

ACTIVE: list[Engine] = []


class HasEngine(Protocol):
    """Anything that carries an engine, such as a ``SesSim``."""

    @property
    def engine(self) -> Engine: ...


def current() -> Engine | None:
    """The innermost active engine, or None."""
    return ACTIVE[-1] if ACTIVE else None


def is_active(engine: Engine) -> bool:
    return any(item is engine for item in ACTIVE)


def push(engine: Engine) -> None:
    ACTIVE.append(engine)


def remove(engine: Engine) -> None:
    for index, item in enumerate(ACTIVE):
        if item is engine:
            del ACTIVE[index]
            return


def engine_of(target: Engine | HasEngine) -> Engine:
    """The engine itself, or the one a simulator carries."""
    from ..engine.service import Engine

    return target if isinstance(target, Engine) else target.engine
