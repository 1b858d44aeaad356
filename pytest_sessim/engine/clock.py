"""The simulator's own clock: it moves only when the test moves it."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from .durations import Duration, duration


def utc_now() -> datetime:
    """Wall-clock time; under time-machine or freezegun this is the frozen time."""
    return datetime.now(timezone.utc)


def as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def iso_millis(moment: datetime) -> str:
    """SES's timestamp form: ``2022-08-03T17:31:45.147Z``."""
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


class Clock:
    """Starts at a given instant and advances only through :meth:`advance`.

    Work that SES does later (retries, delayed deliveries) is scheduled on it and
    runs, in time order, when the clock passes its due time. Nothing sleeps.
    """

    def __init__(self, start: datetime | None = None) -> None:
        self._now = as_utc(start) if start is not None else utc_now()
        self._queue: list[tuple[datetime, int, Callable[[], None]]] = []
        self._order = itertools.count()

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: Duration) -> datetime:
        """Move forward by ``delta`` (a timedelta, seconds or text such as ``"2h"``),
        running what falls due."""
        backwards = isinstance(delta, timedelta) and delta < timedelta(0)
        if backwards or (isinstance(delta, int | float) and delta < 0):
            raise ValueError(f"the simulator clock only moves forward, not by {delta}")
        step = duration(delta, "advance")
        target = self._now + step
        while self._queue and self._queue[0][0] <= target:
            due, _, action = heapq.heappop(self._queue)
            self._now = max(self._now, due)
            action()
        self._now = target
        return self._now

    def schedule(self, due: datetime, action: Callable[[], None]) -> None:
        heapq.heappush(self._queue, (due, next(self._order), action))

    @property
    def pending(self) -> int:
        """How many scheduled actions have not run yet."""
        return len(self._queue)

    def __repr__(self) -> str:
        return f"<Clock {iso_millis(self._now)} pending={self.pending}>"
