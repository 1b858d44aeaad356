"""Tenants, the resources associated with each, and their reputation entities.

A tenant groups identities, configuration sets and templates; a send that names a
tenant may use only resources associated with it. Each tenant is a reputation entity
(its ARN is the entity's reference): its sending status combines the status the
customer sets and the one SES manages, and a tenant whose status is DISABLED cannot
send.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# resource type in an ARN -> the API's ResourceType
RESOURCE_TYPES = {
    "identity": "EMAIL_IDENTITY",
    "configuration-set": "CONFIGURATION_SET",
    "template": "EMAIL_TEMPLATE",
}
DEFAULT_REPUTATION_POLICY = "arn:aws:ses:{region}:aws:reputation-policy/standard"


@dataclass
class StatusRecord:
    status: str
    updated: datetime
    cause: str | None = None


@dataclass
class Tenant:
    name: str
    id: str
    arn: str
    created: datetime
    customer_status: StatusRecord
    ses_status: StatusRecord
    reputation_policy: str
    suppressed_reasons: list[str] | None = None
    suppression_scope: str | None = None
    # resource ARN -> when it was associated, in the order of association
    resources: dict[str, datetime] = field(default_factory=dict)

    @property
    def sending_status(self) -> str:
        """The aggregate status: DISABLED if either side disabled sending."""
        statuses = (self.customer_status.status, self.ses_status.status)
        if "DISABLED" in statuses:
            return "DISABLED"
        return "REINSTATED" if "REINSTATED" in statuses else "ENABLED"


class Tenants:
    def __init__(self) -> None:
        self.by_name: dict[str, Tenant] = {}

    def by_arn(self, arn: str) -> Tenant | None:
        return next((tenant for tenant in self.by_name.values() if tenant.arn == arn), None)

    def by_id(self, tenant_id: str) -> Tenant | None:
        return next((tenant for tenant in self.by_name.values() if tenant.id == tenant_id), None)

    def of_resource(self, arn: str) -> list[Tenant]:
        return [tenant for tenant in self.by_name.values() if arn in tenant.resources]

    def sorted(self) -> list[Tenant]:
        return [self.by_name[name] for name in sorted(self.by_name)]
