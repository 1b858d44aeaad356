"""Reading, checking and showing a configuration set's options (SESv2 shapes; SES v1
reads the same state through ``v1_configuration_sets``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..account.configuration_sets import (
    ConfigurationSetOptions,
    DeliveryOptions,
    TrackingOptions,
)
from ..account.suppression import REASONS
from ..errors import invalid_parameter

if TYPE_CHECKING:
    from ..account.state import Account, ConfigurationSet

TLS_POLICIES = ("OPTIONAL", "REQUIRE")
HTTPS_POLICIES = ("OPTIONAL", "REQUIRE", "REQUIRE_OPEN_ONLY")
SHARED_POOL_MODES = ("GLOBAL", "REGIONAL", "ACCOUNT")
FEATURE_STATUSES = ("ENABLED", "DISABLED")
SCOPES = ("ACCOUNT", "TENANT")
VERDICT_THRESHOLDS = ("MEDIUM", "HIGH", "MANAGED")
MISSING_DOMAIN = "CustomRedirectDomain must be specified."
MIN_DELIVERY_SECONDS = 300
MAX_DELIVERY_SECONDS = 50400
_ARCHIVE_ARN = re.compile(
    r"^arn:(aws|aws-[a-z-]+):ses:[a-z]{2,4}-[a-z-]+-[0-9]:[0-9]{1,20}:"
    r"mailmanager-archive/a-[a-z0-9]{24,62}$"
)


def one_error(where: str, constraint: str) -> Exception:
    """SES's wording of one failed model constraint."""
    return invalid_parameter(
        f"1 validation error detected: Value at '{where}' failed to satisfy constraint: "
        f"{constraint}"
    )


def check_enum(value: Any, allowed: Sequence[str], where: str) -> None:
    if value is not None and value not in allowed:
        raise one_error(where, f"Member must satisfy enum value set: [{', '.join(allowed)}]")


def _at(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


# tracking ----------------------------------------------------------------------
def verified_domain(account: Account, domain: str) -> bool:
    """Whether ``domain`` (or a parent domain) is a verified domain identity."""
    lowered = domain.lower()
    while lowered:
        identity = account.identities.get(lowered)
        if identity is not None and identity.kind == "Domain" and identity.verified:
            return True
        lowered = lowered.partition(".")[2]
    return False


def not_verified(domain: str) -> str:
    return f"Domain <{domain}> is not verified under this account."


def tracking_from(
    account: Account, params: Mapping[str, Any] | None, prefix: str = ""
) -> TrackingOptions | None:
    """SESv2 ``TrackingOptions``: an empty one clears them."""
    params = params or {}
    domain = params.get("CustomRedirectDomain")
    policy = params.get("HttpsPolicy")
    if domain is None and policy is None:
        return None
    if not domain or not domain.strip():
        raise invalid_parameter(MISSING_DOMAIN)
    if not verified_domain(account, domain):
        raise invalid_parameter(not_verified(domain))
    check_enum(policy, HTTPS_POLICIES, _at(prefix, "httpsPolicy"))
    return TrackingOptions(domain, policy)


# delivery ------------------------------------------------------------------------
def delivery_from(
    account: Account, params: Mapping[str, Any] | None, prefix: str = ""
) -> DeliveryOptions | None:
    """SESv2 ``DeliveryOptions``: an empty one clears them."""
    params = params or {}
    tls = params.get("TlsPolicy")
    pool = params.get("SendingPoolName")
    seconds = params.get("MaxDeliverySeconds")
    mode = params.get("SharedPoolDeliveryMode")
    if tls is None and pool is None and seconds is None and mode is None:
        return None
    check_enum(tls, TLS_POLICIES, _at(prefix, "tlsPolicy"))
    if seconds is not None:
        where = _at(prefix, "maxDeliverySeconds")
        if seconds < MIN_DELIVERY_SECONDS:
            bound = f"greater than or equal to {MIN_DELIVERY_SECONDS}"
            raise one_error(where, f"Member must have value {bound}")
        if seconds > MAX_DELIVERY_SECONDS:
            bound = f"less than or equal to {MAX_DELIVERY_SECONDS}"
            raise one_error(where, f"Member must have value {bound}")
    check_enum(mode, SHARED_POOL_MODES, _at(prefix, "sharedPoolDeliveryMode"))
    if pool is not None:
        if not pool.strip():
            raise invalid_parameter("sendingPoolName can't be blank.")
        if pool not in account.infrastructure.dedicated_ips.pools:
            raise invalid_parameter(f"SendingPool <{pool}> doesn't exist")
    return DeliveryOptions(tls, pool, int(seconds) if seconds is not None else None, mode)


# suppression, VDM, archiving ----------------------------------------------------------
def reasons_from(values: Any, where: str | None) -> list[str]:
    """Suppression reasons; ``where`` names the member for the constraint-style text
    (CreateConfigurationSet), None gives the Put operations' sentence."""
    reasons = list(values or [])
    for reason in reasons:
        if reason not in REASONS:
            if where is not None:
                raise one_error(
                    where,
                    "Member must satisfy constraint: [Member must satisfy enum value set: "
                    f"[{', '.join(REASONS)}]]",
                )
            raise invalid_parameter(
                f"Reason {reason} is invalid, must be one of [{', '.join(REASONS)}]."
            )
    return reasons


def check_validation_options(options: Mapping[str, Any] | None, where: str) -> None:
    """Auto Validation's thresholds (``ValidationOptions``/``ValidationAttributes``)."""
    threshold = (options or {}).get("ConditionThreshold") or {}
    check_enum(
        threshold.get("ConditionThresholdEnabled"),
        FEATURE_STATUSES,
        f"{where}.conditionThreshold.conditionThresholdEnabled",
    )
    overall = threshold.get("OverallConfidenceThreshold") or {}
    check_enum(
        overall.get("ConfidenceVerdictThreshold"),
        VERDICT_THRESHOLDS,
        f"{where}.conditionThreshold.overallConfidenceThreshold.confidenceVerdictThreshold",
    )


def vdm_from(params: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """SESv2 ``VdmOptions``, checked; an empty one clears them."""
    if not params:
        return None
    dashboard = params.get("DashboardOptions") or {}
    guardian = params.get("GuardianOptions") or {}
    check_enum(
        dashboard.get("EngagementMetrics"),
        FEATURE_STATUSES,
        "vdmOptions.dashboardOptions.engagementMetrics",
    )
    check_enum(
        guardian.get("OptimizedSharedDelivery"),
        FEATURE_STATUSES,
        "vdmOptions.guardianOptions.optimizedSharedDelivery",
    )
    return {key: dict(value) for key, value in params.items() if value is not None}


def archive_from(arn: str | None, where: str) -> str | None:
    if arn is None:
        return None
    if not _ARCHIVE_ARN.match(arn):
        raise one_error(
            where, f"Member must satisfy regular expression pattern: {_ARCHIVE_ARN.pattern}"
        )
    return arn


# showing ---------------------------------------------------------------------------
def tracking_shape(tracking: TrackingOptions) -> dict[str, Any]:
    shown: dict[str, Any] = {"CustomRedirectDomain": tracking.custom_redirect_domain}
    if tracking.https_policy is not None:
        shown["HttpsPolicy"] = tracking.https_policy
    return shown


def delivery_shape(delivery: DeliveryOptions) -> dict[str, Any]:
    values = {
        "TlsPolicy": delivery.tls_policy,
        "SendingPoolName": delivery.sending_pool_name,
        "MaxDeliverySeconds": delivery.max_delivery_seconds,
        "SharedPoolDeliveryMode": delivery.shared_pool_delivery_mode,
    }
    return {key: value for key, value in values.items() if value is not None}


def v2_shape(found: ConfigurationSet, tags: list[dict[str, str]]) -> dict[str, Any]:
    """GetConfigurationSet's answer."""
    options: ConfigurationSetOptions = found.options
    reputation: dict[str, Any] = {"ReputationMetricsEnabled": options.reputation_metrics_enabled}
    if options.last_fresh_start is not None:
        reputation["LastFreshStart"] = options.last_fresh_start
    shown: dict[str, Any] = {"ConfigurationSetName": found.name}
    if options.tracking is not None:
        shown["TrackingOptions"] = tracking_shape(options.tracking)
    if options.delivery is not None:
        shown["DeliveryOptions"] = delivery_shape(options.delivery)
    shown["ReputationOptions"] = reputation
    shown["SendingOptions"] = {"SendingEnabled": found.sending_enabled}
    shown["Tags"] = tags
    if found.suppressed_reasons is not None:
        suppression: dict[str, Any] = {"SuppressedReasons": list(found.suppressed_reasons)}
        if options.suppression_scope is not None:
            suppression["SuppressionScope"] = options.suppression_scope
        if options.suppression_validation is not None:
            suppression["ValidationOptions"] = options.suppression_validation
        shown["SuppressionOptions"] = suppression
    if options.vdm is not None:
        shown["VdmOptions"] = options.vdm
    if options.archive_arn is not None:
        shown["ArchivingOptions"] = {"ArchiveArn": options.archive_arn}
    if options.message_security is not None:
        shown["MessageSecurityOptions"] = options.message_security
    return shown
