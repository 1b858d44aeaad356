"""SESv2 account settings: GetAccount and the Put operations of the account's details,
VDM, pricing plan, shared-pool delivery mode and dedicated IP warm-up."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.infrastructure import AccountDetails
from ..errors import ErrorKind, SesError
from .common import quota
from .configuration_set_options import FEATURE_STATUSES, check_enum, one_error
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"
MAIL_TYPES = ("MARKETING", "TRANSACTIONAL")
LANGUAGES = ("EN", "JA")
PLANS = ("NONE", "ESSENTIALS", "PRO", "ENTERPRISE")
DELIVERY_MODES = ("GLOBAL", "REGIONAL")
_CONTACT = re.compile(r"^(.+)@(.+)$")
REVIEW_PENDING = (
    "There is already an ongoing account details update under review. Please wait for the "
    "review to complete."
)


def _length(value: str | None, where: str, low: int, high: int) -> None:
    if value is None:
        return
    if len(value) < low:
        raise one_error(where, f"Member must have length greater than or equal to {low}")
    if len(value) > high:
        raise one_error(where, f"Member must have length less than or equal to {high}")


def _details_shape(engine: Engine, details: AccountDetails) -> dict[str, Any]:
    shown: dict[str, Any] = {"MailType": details.mail_type, "WebsiteURL": details.website_url}
    if details.contact_language is not None:
        shown["ContactLanguage"] = details.contact_language
    if details.use_case_description is not None:
        shown["UseCaseDescription"] = details.use_case_description
    if details.additional_contacts:
        shown["AdditionalContactEmailAddresses"] = list(details.additional_contacts)
    if details.review_status is not None:
        # leaving the sandbox (SesSim.set_sandbox(False)) is SES granting the request
        status = "GRANTED" if not engine.account.sandbox else details.review_status
        shown["ReviewDetails"] = {"Status": status, "CaseId": details.case_id}
    return shown


@operation(API, "GetAccount")
def get_account(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """The Region's account: quota, sandbox, switches, suppression, details and settings."""
    account = engine.account
    settings = account.infrastructure
    suppression: dict[str, Any] = {"SuppressedReasons": list(account.suppression.reasons)}
    if settings.suppression_validation is not None:
        suppression["ValidationAttributes"] = settings.suppression_validation
    shown: dict[str, Any] = {
        "DedicatedIpAutoWarmupEnabled": settings.dedicated_ips.auto_warmup_enabled,
        "EnforcementStatus": settings.enforcement_status,
        "ProductionAccessEnabled": not account.sandbox,
        "SendQuota": quota(engine),
        "SendingEnabled": account.sending_enabled,
        "SuppressionAttributes": suppression,
    }
    if settings.details is not None:
        shown["Details"] = _details_shape(engine, settings.details)
    if settings.vdm is not None:
        shown["VdmAttributes"] = settings.vdm
    pricing: dict[str, Any] = {"CurrentPlan": settings.current_plan(engine.clock.now())}
    if settings.next_pricing_plan is not None:
        pricing["NextPlan"] = settings.next_pricing_plan[0]
    shown["PricingAttributes"] = pricing
    if settings.shared_pool_delivery_mode is not None:
        shown["DeliveryAttributes"] = {"SharedPoolDeliveryMode": settings.shared_pool_delivery_mode}
    return shown


@operation(API, "PutAccountDetails")
def put_account_details(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Stores the account's details; asking for production access opens a review (PENDING)
    that SesSim.set_sandbox(False) grants."""
    mail_type = params.get("MailType")
    website = params.get("WebsiteURL")
    if mail_type is None:
        raise one_error("mailType", "Member must not be null")
    check_enum(mail_type, MAIL_TYPES, "mailType")
    if website is None:
        raise one_error("websiteURL", "Member must not be null")
    _length(website, "websiteURL", 1, 1000)
    language = params.get("ContactLanguage")
    check_enum(language, LANGUAGES, "contactLanguage")
    use_case = params.get("UseCaseDescription")
    _length(use_case, "useCaseDescription", 0, 5000)
    contacts = params.get("AdditionalContactEmailAddresses")
    if contacts is not None:
        if not 1 <= len(contacts) <= 4:
            bound = "greater than or equal to 1" if not contacts else "less than or equal to 4"
            raise one_error("additionalContactEmailAddresses", f"Member must have length {bound}")
        for index, address in enumerate(contacts, start=1):
            where = f"additionalContactEmailAddresses.{index}.member"
            _length(address, where, 6, 254)
            if not _CONTACT.match(address):
                raise one_error(
                    where, f"Member must satisfy regular expression pattern: {_CONTACT.pattern}"
                )
    settings = engine.account.infrastructure
    previous = settings.details
    if previous is not None and previous.review_status == "PENDING" and engine.account.sandbox:
        raise SesError(ErrorKind.CONFLICT, REVIEW_PENDING)
    details = AccountDetails(
        mail_type, website, language, use_case, list(contacts or []), None, None
    )
    if params.get("ProductionAccessEnabled") and engine.account.sandbox:
        details.review_status = "PENDING"
        details.case_id = str(engine.ids.between(10**9, 10**10 - 1))
    settings.details = details
    return {}


@operation(API, "PutAccountVdmAttributes")
def put_account_vdm_attributes(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Stores the account's VDM settings (GetAccount's VdmAttributes)."""
    attributes = params.get("VdmAttributes")
    if attributes is None:
        raise one_error("vdmAttributes", "Member must not be null")
    enabled = attributes.get("VdmEnabled")
    if enabled is None:
        raise one_error("vdmAttributes.vdmEnabled", "Member must not be null")
    check_enum(enabled, FEATURE_STATUSES, "vdmAttributes.vdmEnabled")
    dashboard = attributes.get("DashboardAttributes") or {}
    check_enum(
        dashboard.get("EngagementMetrics"),
        FEATURE_STATUSES,
        "vdmAttributes.dashboardAttributes.engagementMetrics",
    )
    guardian = attributes.get("GuardianAttributes") or {}
    check_enum(
        guardian.get("OptimizedSharedDelivery"),
        FEATURE_STATUSES,
        "vdmAttributes.guardianAttributes.optimizedSharedDelivery",
    )
    engine.account.infrastructure.vdm = {
        key: dict(value) if isinstance(value, Mapping) else value
        for key, value in attributes.items()
    }
    return {}


@operation(API, "PutAccountDedicatedIpWarmupAttributes")
def put_account_dedicated_ip_warmup_attributes(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Switches automatic warm-up for dedicated IPs added from now on."""
    dedicated = engine.account.infrastructure.dedicated_ips
    dedicated.auto_warmup_enabled = bool(params.get("AutoWarmupEnabled", False))
    return {}


@operation(API, "PutAccountPricingAttributes")
def put_account_pricing_attributes(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Schedules a pricing plan: NextPlan until the next month begins on the simulator's clock."""
    plan = params.get("Plan")
    if plan is None:
        raise one_error("plan", "Member must not be null")
    check_enum(plan, PLANS, "plan")
    settings = engine.account.infrastructure
    now = engine.clock.now()
    if plan == settings.current_plan(now):
        settings.next_pricing_plan = None
    else:
        settings.next_pricing_plan = (plan, now)
    return {}


@operation(API, "PutAccountDeliveryAttributes")
def put_account_delivery_attributes(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Stores the account's shared-pool delivery mode (GLOBAL or REGIONAL)."""
    mode = params.get("SharedPoolDeliveryMode")
    if mode is None:
        raise one_error("sharedPoolDeliveryMode", "Member must not be null")
    check_enum(mode, DELIVERY_MODES, "sharedPoolDeliveryMode")
    engine.account.infrastructure.shared_pool_delivery_mode = mode
    return {}
