"""SESv2 configuration sets and their options (event destinations are in
``v2_event_destinations``, the sending switch in ``sending_controls``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.configuration_sets import check_configuration_set_name
from ..account.state import ConfigurationSet
from ..errors import ErrorKind, SesError, invalid_parameter
from .common import find_configuration_set, listing
from .configuration_set_options import (
    SCOPES,
    archive_from,
    check_enum,
    check_validation_options,
    delivery_from,
    reasons_from,
    tracking_from,
    v2_shape,
    vdm_from,
)
from .registry import operation
from .tagging import check_tags, put_tags

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"
SET_LIMIT = 10_000  # configuration sets per Region


def check_room(engine: Engine) -> None:
    if len(engine.account.configuration_sets) >= SET_LIMIT:
        raise SesError(
            ErrorKind.LIMIT_EXCEEDED,
            f"Maximum number of configuration sets ({SET_LIMIT}) reached.",
        )


def refuse_existing(engine: Engine, name: str, kind: ErrorKind) -> None:
    if name in engine.account.configuration_sets:
        raise SesError(kind, f"Configuration set <{name}> already exists.")


def _arn(engine: Engine, name: str) -> str:
    return engine.account.arn(f"configuration-set/{name}")


@operation(API, "CreateConfigurationSet")
def create_configuration_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Stores the set with every option given; each one applies to the sends that name it."""
    name = check_configuration_set_name(params.get("ConfigurationSetName"))
    refuse_existing(engine, name, ErrorKind.ALREADY_EXISTS)
    check_room(engine)
    account = engine.account
    found = ConfigurationSet(name, engine.clock.now())
    options = found.options
    options.tracking = tracking_from(account, params.get("TrackingOptions"), "trackingOptions")
    options.delivery = delivery_from(account, params.get("DeliveryOptions"), "deliveryOptions")
    reputation = params.get("ReputationOptions") or {}
    # SESv2 collects reputation metrics unless told not to
    options.reputation_metrics_enabled = bool(reputation.get("ReputationMetricsEnabled", True))
    sending = params.get("SendingOptions")
    if sending is not None:  # an empty SendingOptions pauses the set, as in SES
        found.sending_enabled = bool(sending.get("SendingEnabled", False))
    suppression = params.get("SuppressionOptions")
    if suppression is not None and "SuppressedReasons" in suppression:
        where = "suppressionOptions.suppressedReasons"
        found.suppressed_reasons = reasons_from(suppression["SuppressedReasons"], where)
        _suppression_extras(found, suppression, "suppressionOptions")
    options.vdm = vdm_from(params.get("VdmOptions"))
    archiving = params.get("ArchivingOptions") or {}
    options.archive_arn = archive_from(archiving.get("ArchiveArn"), "archivingOptions.archiveArn")
    options.message_security = params.get("MessageSecurityOptions")
    tags = check_tags(params.get("Tags"))
    account.configuration_sets[name] = found
    put_tags(engine, _arn(engine, name), tags)
    return {}


def _suppression_extras(found: ConfigurationSet, params: Mapping[str, Any], prefix: str) -> None:
    at = f"{prefix}." if prefix else ""
    scope = params.get("SuppressionScope")
    check_enum(scope, SCOPES, f"{at}suppressionScope")
    validation = params.get("ValidationOptions")
    check_validation_options(validation, f"{at}validationOptions")
    found.options.suppression_scope = scope
    found.options.suppression_validation = dict(validation) if validation else None


@operation(API, "GetConfigurationSet")
def get_configuration_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns every option of the set, its tags included."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    return v2_shape(found, engine.account.tags.of(_arn(engine, found.name)))


@operation(API, "ListConfigurationSets")
def list_configuration_sets(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists the Region's sets in creation order (``Filter`` by name substring)."""
    names = list(engine.account.configuration_sets)
    for key, value in (params.get("Filter") or {}).items():
        check_enum(key, ("CONFIGURATION_SET_NAME_CONTAINS",), "filter")
        names = [name for name in names if value in name]
    return listing("ConfigurationSets", names, params, "PageSize", str)


def delete_set(engine: Engine, name: str) -> None:
    """Remove a set (both APIs): one associated with a tenant cannot go."""
    found = find_configuration_set(engine, name)
    arn = _arn(engine, found.name)
    if engine.account.infrastructure.tenants.of_resource(arn):
        raise invalid_parameter(
            f"Cannot delete <{arn}> because it has tenant associations. Remove all tenant "
            "associations and try again."
        )
    del engine.account.configuration_sets[found.name]
    engine.account.tags.forget(arn)


@operation(API, "DeleteConfigurationSet")
def delete_configuration_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Deletes the set, its event destinations and its tags."""
    delete_set(engine, params.get("ConfigurationSetName", ""))
    return {}


@operation(API, "UpdateConfigurationSet")
def update_configuration_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Stores the set's message security options (the members the request gives)."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    if params.get("MessageSecurityOptions") is not None:
        found.options.message_security = params["MessageSecurityOptions"]
    return {}


# one option at a time --------------------------------------------------------------
@operation(API, "PutConfigurationSetTrackingOptions")
def put_configuration_set_tracking_options(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Sets (or, empty, clears) the custom open/click domain: it must be a verified domain."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    found.options.tracking = tracking_from(engine.account, params)
    return {}


@operation(API, "PutConfigurationSetDeliveryOptions")
def put_configuration_set_delivery_options(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Sets (or, empty, clears) TLS policy, dedicated IP pool and MaxDeliverySeconds."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    found.options.delivery = delivery_from(engine.account, params)
    return {}


@operation(API, "PutConfigurationSetReputationOptions")
def put_configuration_set_reputation_options(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Switches reputation metrics (Reputation.BounceRate/ComplaintRate per set)."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    found.options.reputation_metrics_enabled = bool(params.get("ReputationMetricsEnabled", False))
    return {}


@operation(API, "PutConfigurationSetSuppressionOptions")
def put_configuration_set_suppression_options(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Overrides the account's suppression reasons for the set's sends (empty: none)."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    reasons = reasons_from(params.get("SuppressedReasons"), None)
    _suppression_extras(found, params, "")
    found.suppressed_reasons = reasons
    return {}


@operation(API, "PutConfigurationSetVdmOptions")
def put_configuration_set_vdm_options(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Stores the set's VDM options (or, empty, clears them)."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    found.options.vdm = vdm_from(params.get("VdmOptions"))
    return {}


@operation(API, "PutConfigurationSetArchivingOptions")
def put_configuration_set_archiving_options(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Sets (or clears) the Mail Manager archive; messages sent with the set record it."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    found.options.archive_arn = archive_from(params.get("ArchiveArn"), "archiveArn")
    return {}
