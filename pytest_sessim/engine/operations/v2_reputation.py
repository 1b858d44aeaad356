"""SESv2 reputation entities (one per tenant, referenced by the tenant's ARN) and VDM
recommendations, computed from what the simulator has sent."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..account.tenants import StatusRecord, Tenant
from ..errors import ErrorKind, SesError
from .common import listing
from .configuration_set_options import check_enum, one_error
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"
ENTITY_TYPES = ("RESOURCE",)
STATUSES = ("ENABLED", "REINSTATED", "DISABLED")
IMPACTS = ("LOW", "HIGH")
# SES reviews an account from a 5% bounce rate (pauses it at 10%) and from a 0.1%
# complaint rate (0.5%): the same thresholds open recommendations here.
BOUNCE_RATES = (0.05, 0.10)
COMPLAINT_RATES = (0.001, 0.005)
RECOMMENDATION_FILTERS = ("TYPE", "IMPACT", "STATUS", "RESOURCE_ARN")


def _status(record: StatusRecord) -> dict[str, Any]:
    shown: dict[str, Any] = {"Status": record.status, "LastUpdatedTimestamp": record.updated}
    if record.cause is not None:
        shown["Cause"] = record.cause
    return shown


def _entity(tenant: Tenant) -> dict[str, Any]:
    return {
        "ReputationEntityReference": tenant.arn,
        "ReputationEntityType": "RESOURCE",
        "ReputationManagementPolicy": tenant.reputation_policy,
        "CustomerManagedStatus": _status(tenant.customer_status),
        "AwsSesManagedStatus": _status(tenant.ses_status),
        "SendingStatusAggregate": tenant.sending_status,
    }


def _find(engine: Engine, params: Mapping[str, Any], kind: ErrorKind) -> Tenant:
    entity_type = params.get("ReputationEntityType")
    check_enum(entity_type, ENTITY_TYPES, "reputationEntityType")
    reference = params.get("ReputationEntityReference") or ""
    found = engine.account.infrastructure.tenants.by_arn(reference)
    if found is None:
        raise SesError(kind, f"Reputation entity <{reference}> does not exist.")
    return found


@operation(API, "GetReputationEntity")
def get_reputation_entity(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns a tenant's reputation entity: policy, customer/SES statuses, aggregate."""
    return {"ReputationEntity": _entity(_find(engine, params, ErrorKind.NOT_FOUND))}


@operation(API, "ListReputationEntities")
def list_reputation_entities(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists the Region's reputation entities (filters: ENTITY_TYPE, SENDING_STATUS,
    ENTITY_REFERENCE_PREFIX, REPUTATION_IMPACT)."""
    tenants = engine.account.infrastructure.tenants.sorted()
    for key, value in (params.get("Filter") or {}).items():
        check_enum(
            key,
            ("ENTITY_TYPE", "REPUTATION_IMPACT", "SENDING_STATUS", "ENTITY_REFERENCE_PREFIX"),
            "filter",
        )
        if key == "ENTITY_TYPE":
            tenants = tenants if value == "RESOURCE" else []
        elif key == "SENDING_STATUS":
            tenants = [t for t in tenants if t.sending_status == value]
        elif key == "ENTITY_REFERENCE_PREFIX":
            tenants = [t for t in tenants if t.arn.startswith(value)]
        else:
            tenants = []  # the simulator's tenants have no reputation findings
    return listing("ReputationEntities", tenants, params, "PageSize", _entity)


@operation(API, "UpdateReputationEntityCustomerManagedStatus")
def update_reputation_entity_customer_managed_status(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Sets the tenant's own sending status: DISABLED stops its sends."""
    status = params.get("SendingStatus")
    if status is None:
        raise one_error("sendingStatus", "Member must not be null")
    check_enum(status, STATUSES, "sendingStatus")
    tenant = _find(engine, params, ErrorKind.INVALID_PARAMETER)
    tenant.customer_status = StatusRecord(status, engine.clock.now())
    return {}


@operation(API, "UpdateReputationEntityPolicy")
def update_reputation_entity_policy(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Sets the SES-managed reputation policy the tenant follows."""
    policy = params.get("ReputationEntityPolicy")
    if not policy:
        raise one_error("reputationEntityPolicy", "Member must not be null")
    tenant = _find(engine, params, ErrorKind.INVALID_PARAMETER)
    tenant.reputation_policy = policy
    return {}


# recommendations -------------------------------------------------------------------
def _rates(engine: Engine) -> dict[str, tuple[int, int, int, datetime]]:
    """Per sending identity ARN of the Region: recipients, bounced, complained, last event."""
    counts: dict[str, list[Any]] = {}
    region = engine.account.region
    for event in engine.events:
        if event.region != region or event.type not in ("Send", "Bounce", "Complaint"):
            continue
        entry = counts.setdefault(event.source_arn, [0, 0, 0, event.timestamp])
        index = {"Send": 0, "Bounce": 1, "Complaint": 2}[event.type]
        if event.type != "Bounce" or event.bounce_type == "Permanent":
            entry[index] += len(event.recipients)
        entry[3] = max(entry[3], event.timestamp)
    return {arn: (a, b, c, at) for arn, (a, b, c, at) in counts.items()}


def _recommendations(engine: Engine) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for arn, (sent, bounced, complained, at) in _rates(engine).items():
        checks = (("BOUNCE", bounced, BOUNCE_RATES), ("COMPLAINT", complained, COMPLAINT_RATES))
        for kind, count, (review, pause) in checks:
            rate = count / sent if sent else 0.0
            if rate < review:
                continue
            found.append(
                {
                    "ResourceArn": arn,
                    "Type": kind,
                    "Description": (
                        f"The {kind.lower()} rate of this identity is {rate:.1%}, above the "
                        f"{review:.1%} at which Amazon SES reviews an account."
                    ),
                    "Status": "OPEN",
                    "CreatedTimestamp": at,
                    "LastUpdatedTimestamp": at,
                    "Impact": "HIGH" if rate >= pause else "LOW",
                }
            )
    return found


@operation(API, "ListRecommendations")
def list_recommendations(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """With VDM on, one BOUNCE/COMPLAINT recommendation per identity whose rate in the
    simulator's record passes SES's review threshold (HIGH past the pause threshold)."""
    filters = dict(params.get("Filter") or {})
    for key in filters:
        check_enum(key, RECOMMENDATION_FILTERS, "filter")
    vdm = engine.account.infrastructure.vdm or {}
    items = _recommendations(engine) if vdm.get("VdmEnabled") == "ENABLED" else []
    fields = {"TYPE": "Type", "IMPACT": "Impact", "STATUS": "Status", "RESOURCE_ARN": "ResourceArn"}
    for key, value in filters.items():
        items = [item for item in items if item[fields[key]] == value]
    return listing("Recommendations", items, params, "PageSize", dict)
