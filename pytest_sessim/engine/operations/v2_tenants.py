"""SESv2 tenants and their resource associations (identities, configuration sets,
templates). A send that names a tenant may use only its resources (sending/tenancy.py)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.tenants import DEFAULT_REPUTATION_POLICY, RESOURCE_TYPES, StatusRecord, Tenant
from ..arns import parse_arn
from ..errors import ErrorKind, SesError, invalid_parameter
from .common import listing
from .configuration_set_options import SCOPES, check_enum, one_error, reasons_from
from .registry import operation
from .tagging import NOT_SES, NOT_SES_FORMAT, check_tags, put_tags, resource_arn

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
EMPTY_NAME = "TenantName cannot be empty"
_FILTER_TYPES = {value: key for key, value in RESOURCE_TYPES.items()}


def _check_name(name: str | None) -> str:
    if name is None or not name.strip():
        raise invalid_parameter(EMPTY_NAME)
    if len(name) > 64:
        raise invalid_parameter("TenantName cannot exceed 64 characters.")
    if not _NAME.match(name):
        raise invalid_parameter(
            f"Invalid tenant name <{name}>: only alphanumeric ASCII characters, '_', and '-' "
            "are allowed."
        )
    return name


def find_tenant(engine: Engine, name: str | None) -> Tenant:
    found = engine.account.infrastructure.tenants.by_name.get(_check_name(name))
    if found is None:
        raise SesError(ErrorKind.NOT_FOUND, f"The requested tenant <{name}> does not exist.")
    return found


def _suppression(reasons: Any, scope: Any) -> tuple[list[str] | None, str | None]:
    """Tenant suppression attributes: reasons and scope go together."""
    checked = None if reasons is None else reasons_from(reasons, "suppressedReasons")
    check_enum(scope, SCOPES[::-1], "suppressionScope")  # SES lists TENANT first
    if checked is not None and len(set(checked)) != len(checked):
        raise invalid_parameter("Each suppressed reason can only be specified at most once")
    if checked and scope is None:
        raise invalid_parameter("SuppressedReasons cannot be specified without SuppressionScope.")
    if checked == [] and scope is None:
        raise invalid_parameter(
            "SuppressionScope is required when SuppressedReasons are provided. Valid values "
            "are: TENANT, ACCOUNT"
        )
    if scope is not None and checked is None:
        raise invalid_parameter("SuppressionScope cannot be specified without SuppressedReasons.")
    return checked, scope


def _suppression_shape(tenant: Tenant) -> dict[str, Any] | None:
    if tenant.suppressed_reasons is None:
        return None
    return {
        "SuppressedReasons": list(tenant.suppressed_reasons),
        "SuppressionScope": tenant.suppression_scope,
    }


def tenant_shape(engine: Engine, tenant: Tenant, *, tags: bool = True) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "TenantName": tenant.name,
        "TenantId": tenant.id,
        "TenantArn": tenant.arn,
        "CreatedTimestamp": tenant.created,
    }
    if tags:
        shown["Tags"] = sorted(engine.account.tags.of(tenant.arn), key=lambda tag: tag["Key"])
    shown["SendingStatus"] = tenant.sending_status
    suppression = _suppression_shape(tenant) if tags else None
    if suppression is not None:
        shown["SuppressionAttributes"] = suppression
    return shown


@operation(API, "CreateTenant")
def create_tenant(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Stores a tenant (and its reputation entity) with a new id and ARN."""
    name = params.get("TenantName")
    if name is None:
        raise one_error("tenantName", "Member must not be null")
    if name == "":
        raise one_error("tenantName", "Member must have length greater than or equal to 1")
    _check_name(name)
    attributes = params.get("SuppressionAttributes") or {}
    reasons, scope = _suppression(
        attributes.get("SuppressedReasons"), attributes.get("SuppressionScope")
    )
    tags = check_tags(params.get("Tags"))
    account = engine.account
    tenants = account.infrastructure.tenants
    if name in tenants.by_name:
        raise SesError(ErrorKind.ALREADY_EXISTS, f"Tenant <{name}> already exists.")
    now = engine.clock.now()
    tenant_id = "tn-" + engine.ids.uuid().replace("-", "")[:30]
    tenant = Tenant(
        name=name,
        id=tenant_id,
        arn=account.arn(f"tenant/{name}/{tenant_id}"),
        created=now,
        customer_status=StatusRecord("ENABLED", now),
        ses_status=StatusRecord("ENABLED", now),
        reputation_policy=DEFAULT_REPUTATION_POLICY.format(region=account.region),
        suppressed_reasons=reasons,
        suppression_scope=scope,
    )
    tenants.by_name[name] = tenant
    put_tags(engine, tenant.arn, tags)
    return tenant_shape(engine, tenant)


@operation(API, "GetTenant")
def get_tenant(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns the tenant, its tags and its sending status."""
    return {"Tenant": tenant_shape(engine, find_tenant(engine, params.get("TenantName")))}


@operation(API, "ListTenants")
def list_tenants(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists the Region's tenants by name (filters: TENANT_NAME_CONTAINS, SENDING_STATUS)."""
    tenants = engine.account.infrastructure.tenants.sorted()
    for key, value in (params.get("Filter") or {}).items():
        check_enum(key, ("TENANT_NAME_CONTAINS", "SENDING_STATUS"), "filter")
        if key == "TENANT_NAME_CONTAINS":
            tenants = [tenant for tenant in tenants if value in tenant.name]
        else:
            tenants = [tenant for tenant in tenants if tenant.sending_status == value]
    return listing(
        "Tenants", tenants, params, "PageSize", lambda t: tenant_shape(engine, t, tags=False)
    )


@operation(API, "DeleteTenant")
def delete_tenant(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Deletes the tenant, its resource associations and its tags."""
    tenant = find_tenant(engine, params.get("TenantName"))
    del engine.account.infrastructure.tenants.by_name[tenant.name]
    engine.account.tags.forget(tenant.arn)
    return {}


@operation(API, "PutTenantSuppressionAttributes")
def put_tenant_suppression_attributes(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Stores the tenant's suppression reasons and scope (neither: clears them)."""
    _check_name(params.get("TenantName"))
    reasons, scope = _suppression(params.get("SuppressedReasons"), params.get("SuppressionScope"))
    tenant = find_tenant(engine, params.get("TenantName"))
    tenant.suppressed_reasons, tenant.suppression_scope = reasons, scope
    return {}


# resource associations ----------------------------------------------------------------
def _associable(engine: Engine, arn: str | None) -> str:
    """The canonical ARN of an identity, configuration set or template of the Region."""
    if arn is None:
        raise one_error("resourceArn", "Member must not be null")
    parsed = parse_arn(arn)
    if parsed is None:
        raise invalid_parameter(NOT_SES)
    if parsed.service != "ses":
        raise invalid_parameter(NOT_SES_FORMAT)
    if not parsed.resource.partition("/")[2]:
        raise invalid_parameter(NOT_SES)
    kind = parsed.resource.partition("/")[0]
    if kind not in RESOURCE_TYPES:
        raise invalid_parameter(f"Unsupported resource type: {kind}")
    if parsed.region != engine.account.region:
        raise invalid_parameter(f"Resource {arn} must be in the same region")
    if parsed.account != engine.account.account_id:
        raise invalid_parameter(f"Resource {arn} must be in the same account")
    return resource_arn(engine, arn)


@operation(API, "CreateTenantResourceAssociation")
def create_tenant_resource_association(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Associates an identity, configuration set or template with the tenant."""
    _check_name(params.get("TenantName"))
    arn = _associable(engine, params.get("ResourceArn"))
    tenant = find_tenant(engine, params.get("TenantName"))
    if arn in tenant.resources:
        raise SesError(
            ErrorKind.ALREADY_EXISTS,
            f"Resources {arn} has already been associated with tenant {tenant.name}",
        )
    tenant.resources[arn] = engine.clock.now()
    return {}


@operation(API, "DeleteTenantResourceAssociation")
def delete_tenant_resource_association(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Removes an association (one that does not exist is no error)."""
    _check_name(params.get("TenantName"))
    arn = params.get("ResourceArn") or ""
    tenant = find_tenant(engine, params.get("TenantName"))
    tenant.resources.pop(arn, None)
    return {}


@operation(API, "ListTenantResources")
def list_tenant_resources(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists the tenant's resources by ARN (filter: RESOURCE_TYPE)."""
    tenant = find_tenant(engine, params.get("TenantName"))
    arns = sorted(tenant.resources)
    for key, value in (params.get("Filter") or {}).items():
        check_enum(key, ("RESOURCE_TYPE",), "filter")
        if value not in _FILTER_TYPES:
            raise invalid_parameter(f"Invalid resource type {value} specified.")
        arns = [arn for arn in arns if _kind(arn) == _FILTER_TYPES[value]]
    return listing(
        "TenantResources",
        arns,
        params,
        "PageSize",
        lambda arn: {"ResourceType": RESOURCE_TYPES[_kind(arn)], "ResourceArn": arn},
    )


def _kind(arn: str) -> str:
    return arn.split(":", 5)[5].partition("/")[0]


@operation(API, "ListResourceTenants")
def list_resource_tenants(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists the tenants a resource is associated with, by tenant name."""
    arn = _associable(engine, params.get("ResourceArn"))
    tenants = sorted(engine.account.infrastructure.tenants.of_resource(arn), key=lambda t: t.name)
    return listing(
        "ResourceTenants",
        tenants,
        params,
        "PageSize",
        lambda t: {
            "TenantName": t.name,
            "TenantId": t.id,
            "ResourceArn": arn,
            "AssociatedTimestamp": t.resources[arn],
        },
    )
