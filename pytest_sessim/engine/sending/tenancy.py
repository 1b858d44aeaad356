"""A send that names a tenant (SESv2 ``TenantName``): the tenant must exist and be
allowed to send, and the identity, configuration set and stored template the message
uses must be associated with it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ErrorKind, SesError, invalid_parameter

if TYPE_CHECKING:
    from ..account.state import Account, ConfigurationSet
    from ..templates.template import TemplateContent

# Not documented word for word; these follow SES's texts for paused sending.
TENANT_PAUSED = "Sending paused for tenant <{name}>."


def check_tenant(
    account: Account,
    name: str | None,
    identity: str,
    configuration_set: ConfigurationSet | None,
    template: TemplateContent | None,
) -> str | None:
    """The tenant the message is sent for (None: no tenant), after SES's checks."""
    if name is None:
        return None
    if not name.strip():
        raise invalid_parameter("TenantName cannot be empty")
    tenant = account.infrastructure.tenants.by_name.get(name)
    if tenant is None:
        raise SesError(
            ErrorKind.NOT_FOUND, f"Tenant {name} for AwsAccountId {account.account_id} not found."
        )
    if tenant.sending_status == "DISABLED":
        raise SesError(ErrorKind.TENANT_SENDING_PAUSED, TENANT_PAUSED.format(name=name))
    used = [account.arn(f"identity/{identity}")]
    if configuration_set is not None:
        used.append(account.arn(f"configuration-set/{configuration_set.name}"))
    if template is not None and template.name in account.templates:
        used.append(account.arn(f"template/{template.name}"))
    missing = [arn for arn in used if arn not in tenant.resources]
    if missing:
        raise SesError(
            ErrorKind.ACCESS_DENIED, f"Tenant not associated with resources [{', '.join(missing)}]."
        )
    return tenant.name
