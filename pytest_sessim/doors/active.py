"""The simulators active in this process (innermost last), as the doors see them.

A door needs little of a simulator: its engine (which carries the clock and the lock
that serialises the doors' threads), its Region, and a way to have moto serve the AWS
services other than SES. :class:`Simulated` is that interface; ``SesSim`` implements
it, and no door imports ``SesSim``. Kept free of heavy imports: the botocore hook reads
it on every AWS request. The package imports it once, up front, so that every door
shares one registry even when pytester's inline runs reload modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..engine.service import Engine


class HasEngine(Protocol):
    """Anything that carries an engine, such as a ``SesSim``."""

    @property
    def engine(self) -> Engine: ...


class Simulated(HasEngine, Protocol):
    """What a door needs of an active simulator."""

    @property
    def region(self) -> str: ...

    def ensure_moto(self) -> bool:
        """Whether moto serves AWS now (starting it if the simulator may)."""
        ...


ACTIVE: list[Simulated] = []


def current_simulator() -> Simulated | None:
    """The innermost active simulator, or None."""
    return ACTIVE[-1] if ACTIVE else None


def current() -> Engine | None:
    """The innermost active simulator's engine, or None."""
    return ACTIVE[-1].engine if ACTIVE else None


def is_active(engine: Engine) -> bool:
    return any(item.engine is engine for item in ACTIVE)


def push(simulator: Simulated) -> None:
    ACTIVE.append(simulator)


def remove(simulator: Simulated) -> None:
    for index, item in enumerate(ACTIVE):
        if item is simulator:
            del ACTIVE[index]
            return


def engine_of(target: Engine | HasEngine) -> Engine:
    """The engine itself, or the one a simulator carries."""
    from ..engine.service import Engine

    return target if isinstance(target, Engine) else target.engine
