"""The daily quota and the maximum send rate, on the simulator clock.

Outside the sandbox nothing is throttled unless a test sets a quota or rate; in
the sandbox SES's 200 a day and 1 a second apply. Quotas count recipients, and
simulator recipients count toward the rate but not the daily quota.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..errors import ErrorKind, SesError

if TYPE_CHECKING:
    from ..account.state import Account

RATE_EXCEEDED = "Maximum sending rate exceeded."
DAILY_QUOTA_EXCEEDED = "Daily message quota exceeded."


def check_quota(account: Account, now: datetime, recipients: int, counted: int) -> None:
    """``recipients`` all count toward the rate; ``counted`` (non-simulator) toward the day."""
    if not account.limits_enforced:
        return
    if counted and account.sent_last_24_hours(now) >= account.max_24_hour_send:
        raise SesError(ErrorKind.DAILY_QUOTA, DAILY_QUOTA_EXCEEDED)
    if not account.rate_limiter.take(account.max_send_rate, now, recipients):
        raise SesError(ErrorKind.THROTTLING, RATE_EXCEEDED)
