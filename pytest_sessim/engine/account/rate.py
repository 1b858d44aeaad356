"""The account's sending rate, as a token bucket on the simulator clock."""

from __future__ import annotations

from datetime import datetime


class RateLimiter:
    """A token bucket holding one second of sending: a send passes while any rate is
    left, then costs one token per recipient (so a big send blocks the next ones)."""

    def __init__(self) -> None:
        self.tokens: float | None = None
        self.updated: datetime | None = None

    def take(self, rate: float, now: datetime, recipients: int) -> bool:
        """Spend ``recipients`` tokens; False (spending nothing) if none are left."""
        if self.tokens is None or self.updated is None:
            self.tokens = rate
        else:
            elapsed = max(0.0, (now - self.updated).total_seconds())
            self.tokens = min(rate, self.tokens + elapsed * rate)
        self.updated = now
        if self.tokens <= 0:
            return False
        self.tokens -= recipients
        return True
