"""What an account has besides identities, templates and configuration sets: its
details and settings, dedicated IPs, tenants, multi-Region endpoints and the
deliverability dashboard. One ``Infrastructure`` per Region, as SES keeps them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .dedicated_ips import DedicatedIps
from .tenants import Tenants

# "The test takes about 24 hours to complete" (SESv2 API reference), on the simulator's clock
TEST_REPORT_DURATION = timedelta(hours=24)


@dataclass
class AccountDetails:
    """What PutAccountDetails tells SES, and the review of a production-access request."""

    mail_type: str
    website_url: str
    contact_language: str | None = None
    use_case_description: str | None = None
    additional_contacts: list[str] = field(default_factory=list)
    review_status: str | None = None  # PENDING while the request waits; None: no request
    case_id: str | None = None


@dataclass
class MultiRegionEndpoint:
    name: str
    id: str
    regions: list[str]  # the primary Region first
    created: datetime
    updated: datetime
    status: str = "READY"


@dataclass
class TestReport:
    """A predictive inbox placement test: what was tested and when it completes."""

    id: str
    name: str | None
    from_address: str
    subject: str
    message: str
    created: datetime

    def completed(self, now: datetime) -> bool:
        return now >= self.created + TEST_REPORT_DURATION


@dataclass
class Dashboard:
    """The Deliverability dashboard subscription and its tracked domains."""

    enabled: bool = False
    # each as SESv2's DomainDeliverabilityTrackingOption
    domains: list[dict[str, Any]] = field(default_factory=list)


class Infrastructure:
    def __init__(self) -> None:
        self.details: AccountDetails | None = None
        self.vdm: dict[str, Any] | None = None
        # the plan in force, and one requested for the next monthly cycle (and when)
        self.pricing_plan = "NONE"
        self.next_pricing_plan: tuple[str, datetime] | None = None
        self.shared_pool_delivery_mode: str | None = None
        self.suppression_validation: dict[str, Any] | None = None
        self.enforcement_status = "HEALTHY"
        self.dedicated_ips = DedicatedIps()
        self.tenants = Tenants()
        self.endpoints: dict[str, MultiRegionEndpoint] = {}
        self.dashboard = Dashboard()
        self.test_reports: dict[str, TestReport] = {}

    def current_plan(self, now: datetime) -> str:
        """The pricing plan in force: a requested one starts with the next month."""
        if self.next_pricing_plan is not None:
            plan, requested = self.next_pricing_plan
            month = requested.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
            next_month = (month + timedelta(days=32)).replace(day=1)
            if now >= next_month:
                self.pricing_plan, self.next_pricing_plan = plan, None
        return self.pricing_plan

    def endpoint_by_id(self, endpoint_id: str) -> MultiRegionEndpoint | None:
        return next((e for e in self.endpoints.values() if e.id == endpoint_id), None)
