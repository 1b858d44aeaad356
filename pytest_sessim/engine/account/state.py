"""The state of one simulated SES account in one Region, shared by v1 and v2."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..templates.template import TemplateContent
from .configuration_sets import ConfigurationSetOptions
from .contact_lists import ContactLists
from .event_destinations import EventDestination
from .identities import Identity as Identity, covering_identity
from .infrastructure import Infrastructure
from .jobs import Jobs
from .rate import RateLimiter
from .receiving import ReceivingState
from .suppression import SuppressionList
from .tags import TagStore
from .verification import Verification

DEFAULT_ACCOUNT_ID = "123456789012"
SANDBOX_MAX_24H = 200.0
SANDBOX_MAX_RATE = 1.0
PRODUCTION_MAX_24H = 50000.0
PRODUCTION_MAX_RATE = 14.0


@dataclass
class StoredTemplate:
    content: TemplateContent
    created: datetime


@dataclass
class ConfigurationSet:
    name: str
    created: datetime
    sending_enabled: bool = True
    options: ConfigurationSetOptions = field(default_factory=ConfigurationSetOptions)
    event_destinations: dict[str, EventDestination] = field(default_factory=dict)
    # None: the account-level suppression reasons apply
    suppressed_reasons: list[str] | None = None


class Account:
    """Identities, templates, configuration sets, limits and counters."""

    def __init__(self, *, region: str, account_id: str, sandbox: bool) -> None:
        self.region = region
        self.account_id = account_id
        self.identities: dict[str, Identity] = {}
        self.templates: dict[str, StoredTemplate] = {}
        self.configuration_sets: dict[str, ConfigurationSet] = {}
        self.sending_enabled = True
        self.sandbox = sandbox
        self.max_24_hour_send = SANDBOX_MAX_24H if sandbox else PRODUCTION_MAX_24H
        self.max_send_rate = SANDBOX_MAX_RATE if sandbox else PRODUCTION_MAX_RATE
        # Outside the sandbox nothing is throttled unless a test sets limits.
        self.limits_enforced = sandbox
        self.rate_limiter = RateLimiter()
        self.suppression = SuppressionList()
        self.tags = TagStore()
        # verification links mailed and custom verification email templates
        self.verification = Verification()
        self.contact_lists = ContactLists()
        self.jobs = Jobs()
        # dedicated IPs, tenants, endpoints, dashboard, account details...
        self.infrastructure = Infrastructure()
        # receipt rule sets, rules and IP filters (email receiving)
        self.receiving = ReceivingState()
        # (time, recipients counted toward the daily quota)
        self._sent: deque[tuple[datetime, int]] = deque()
        self._sent_total = 0

    # identities -----------------------------------------------------------
    def verified_identity_for(self, address: str) -> str | None:
        """The verified identity that covers ``address``: itself, its domain, or a parent."""
        identity = covering_identity(self.identities, address)
        return identity.name if identity is not None else None

    def arn(self, resource: str) -> str:
        return f"arn:aws:ses:{self.region}:{self.account_id}:{resource}"

    # counters ----------------------------------------------------------------
    def sent_last_24_hours(self, now: datetime) -> int:
        self._expire(now)
        return self._sent_total

    def count_sent(self, now: datetime, recipients: int) -> None:
        if recipients:
            self._sent.append((now, recipients))
            self._sent_total += recipients

    def _expire(self, now: datetime) -> None:
        horizon = now - timedelta(hours=24)
        while self._sent and self._sent[0][0] <= horizon:
            self._sent_total -= self._sent.popleft()[1]


def set_sandbox(account: Account, sandbox: bool) -> None:
    """Enter or leave the sandbox, with its limits."""
    account.sandbox = sandbox
    account.max_24_hour_send = SANDBOX_MAX_24H if sandbox else PRODUCTION_MAX_24H
    account.max_send_rate = SANDBOX_MAX_RATE if sandbox else PRODUCTION_MAX_RATE
    account.limits_enforced = sandbox


def set_limits(
    account: Account, max_24_hour_send: float | None = None, max_send_rate: float | None = None
) -> None:
    """Set (and enforce) the daily quota and/or the maximum send rate."""
    if max_24_hour_send is not None:
        account.max_24_hour_send = float(max_24_hour_send)
    if max_send_rate is not None:
        account.max_send_rate = float(max_send_rate)
    account.limits_enforced = True
