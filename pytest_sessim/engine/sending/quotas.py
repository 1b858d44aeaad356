"""Sending switches, the daily quota and the maximum send rate, on the simulator clock.

Outside the sandbox nothing is throttled unless a test sets a quota or rate; in
the sandbox SES's 200 a day and 1 a second apply. Quotas count recipients, and
simulator recipients count toward the rate but not the daily quota.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..errors import ErrorKind, SesError

if TYPE_CHECKING:
    from ..account.state import Account, ConfigurationSet

# Exact texts for sending that was switched off are not documented; these follow
# the enforcement text SES uses ("Sending paused for this account. ...").
ACCOUNT_PAUSED = "Sending paused for this account."
CONFIGURATION_SET_PAUSED = "Sending paused for configuration set <{name}>."
RATE_EXCEEDED = "Maximum sending rate exceeded."
DAILY_QUOTA_EXCEEDED = "Daily message quota exceeded."


def check_sending_enabled(account: Account, configuration_set: ConfigurationSet | None) -> None:
    if not account.sending_enabled:
        raise SesError(ErrorKind.ACCOUNT_SENDING_PAUSED, ACCOUNT_PAUSED)
    if configuration_set is not None and not configuration_set.sending_enabled:
        raise SesError(
            ErrorKind.CONFIGURATION_SET_SENDING_PAUSED,
            CONFIGURATION_SET_PAUSED.format(name=configuration_set.name),
        )


class RateLimiter:
    """A token bucket holding one second of sending: a send passes while any rate is
    left, then costs one token per recipient (so a big send blocks the next ones)."""

    def __init__(self) -> None:
        self.tokens: float | None = None
        self.updated: datetime | None = None

    def take(self, rate: float, now: datetime, recipients: int) -> None:
        if self.tokens is None or self.updated is None:
            self.tokens = rate
        else:
            elapsed = max(0.0, (now - self.updated).total_seconds())
            self.tokens = min(rate, self.tokens + elapsed * rate)
        self.updated = now
        if self.tokens <= 0:
            raise SesError(ErrorKind.THROTTLING, RATE_EXCEEDED)
        self.tokens -= recipients


def check_quota(account: Account, now: datetime, recipients: int, counted: int) -> None:
    """``recipients`` all count toward the rate; ``counted`` (non-simulator) toward the day."""
    if not account.limits_enforced:
        return
    if counted and account.sent_last_24_hours(now) >= account.max_24_hour_send:
        raise SesError(ErrorKind.DAILY_QUOTA, DAILY_QUOTA_EXCEEDED)
    account.rate_limiter.take(account.max_send_rate, now, recipients)
