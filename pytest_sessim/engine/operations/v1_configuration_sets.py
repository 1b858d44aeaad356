"""SES v1 configuration sets and the options v1 knows: tracking (custom redirect domain),
delivery (TLS policy) and reputation metrics. They are the same sets SESv2 sees."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..account.configuration_sets import (
    DeliveryOptions,
    TrackingOptions,
    check_configuration_set_name,
)
from ..account.event_destinations import to_v1
from ..account.state import ConfigurationSet
from ..errors import ErrorKind, SesError
from .common import find_configuration_set, listing
from .configuration_set_options import MISSING_DOMAIN, not_verified, verified_domain
from .registry import operation
from .v2_configuration_sets import check_room, delete_set, refuse_existing

if TYPE_CHECKING:
    from ..service import Engine

API = "ses"
ATTRIBUTES = ("eventDestinations", "trackingOptions", "deliveryOptions", "reputationOptions")
V1_TLS = {"Require": "REQUIRE", "Optional": "OPTIONAL"}
_V1_TLS_SHOWN = {value: key for key, value in V1_TLS.items()}


@operation(API, "CreateConfigurationSet")
def create_configuration_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Stores a new set (reputation metrics off, as v1 creates them)."""
    name = check_configuration_set_name(params.get("ConfigurationSet", {}).get("Name"))
    refuse_existing(engine, name, ErrorKind.CONFIGURATION_SET_ALREADY_EXISTS)
    check_room(engine)
    engine.account.configuration_sets[name] = ConfigurationSet(name, engine.clock.now())
    return {}


def _attribute_error(names: list[str]) -> SesError:
    return SesError(
        ErrorKind.VALIDATION,
        f"1 validation error detected: Value '[{', '.join(names)}]' at "
        "'configurationSetAttributeNames' failed to satisfy constraint: Member must satisfy "
        f"constraint: [Member must satisfy enum value set: [{', '.join(ATTRIBUTES)}]]",
    )


def described_attributes(found: ConfigurationSet, attributes: Iterable[str]) -> dict[str, Any]:
    """The parts of DescribeConfigurationSet's answer that callers ask for by name."""
    wanted = list(attributes)
    if any(name not in ATTRIBUTES for name in wanted):
        raise _attribute_error(wanted)
    options = found.options
    result: dict[str, Any] = {}
    if "eventDestinations" in wanted:
        shown = (to_v1(destination) for destination in found.event_destinations.values())
        result["EventDestinations"] = [item for item in shown if item is not None]
    if "trackingOptions" in wanted and options.tracking is not None:
        result["TrackingOptions"] = {
            "CustomRedirectDomain": options.tracking.custom_redirect_domain
        }
    if "deliveryOptions" in wanted:
        policy = options.delivery.tls_policy if options.delivery is not None else None
        result["DeliveryOptions"] = {"TlsPolicy": _V1_TLS_SHOWN.get(policy or "", "Optional")}
    if "reputationOptions" in wanted:
        reputation: dict[str, Any] = {
            "SendingEnabled": found.sending_enabled,
            "ReputationMetricsEnabled": options.reputation_metrics_enabled,
        }
        if options.last_fresh_start is not None:
            reputation["LastFreshStart"] = options.last_fresh_start
        result["ReputationOptions"] = reputation
    return result


@operation(API, "DescribeConfigurationSet")
def describe_configuration_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns the set and the attributes asked for (event destinations, tracking,
    delivery and reputation options)."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    attributes = params.get("ConfigurationSetAttributeNames", ())
    return {"ConfigurationSet": {"Name": found.name}, **described_attributes(found, attributes)}


@operation(API, "ListConfigurationSets")
def list_configuration_sets(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists the Region's sets in creation order, up to 1,000 a page."""
    names = list(engine.account.configuration_sets)
    return listing("ConfigurationSets", names, params, "MaxItems", lambda name: {"Name": name})


@operation(API, "DeleteConfigurationSet")
def delete_configuration_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Deletes the set, its event destinations and its tags."""
    delete_set(engine, params.get("ConfigurationSetName", ""))
    return {}


# tracking options ------------------------------------------------------------------
def _tracking(
    engine: Engine, params: Mapping[str, Any]
) -> tuple[ConfigurationSet, TrackingOptions]:
    """The set and its new tracking options; SES checks the domain before the set."""
    domain = (params.get("TrackingOptions") or {}).get("CustomRedirectDomain")
    if not domain or not domain.strip():
        raise SesError(ErrorKind.INVALID_TRACKING_OPTIONS, MISSING_DOMAIN)
    if not verified_domain(engine.account, domain):
        raise SesError(ErrorKind.INVALID_TRACKING_OPTIONS, not_verified(domain))
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    return found, TrackingOptions(domain)


def _no_tracking(found: ConfigurationSet) -> SesError:
    return SesError(
        ErrorKind.TRACKING_OPTIONS_NOT_FOUND,
        f"Tracking options do not exist for configuration set <{found.name}>.",
    )


@operation(API, "CreateConfigurationSetTrackingOptions")
def create_configuration_set_tracking_options(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Sets the custom open/click domain (a verified domain) of a set that has none."""
    found, tracking = _tracking(engine, params)
    if found.options.tracking is not None:
        raise SesError(
            ErrorKind.TRACKING_OPTIONS_ALREADY_EXIST,
            f"Tracking options already exist for configuration set <{found.name}>.",
        )
    found.options.tracking = tracking
    return {}


@operation(API, "UpdateConfigurationSetTrackingOptions")
def update_configuration_set_tracking_options(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Changes the custom open/click domain of a set that has one."""
    found, tracking = _tracking(engine, params)
    if found.options.tracking is None:
        raise _no_tracking(found)
    found.options.tracking = tracking
    return {}


@operation(API, "DeleteConfigurationSetTrackingOptions")
def delete_configuration_set_tracking_options(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Removes the custom open/click domain: links go to SES's own domain again."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    if found.options.tracking is None:
        raise _no_tracking(found)
    found.options.tracking = None
    return {}


# delivery and reputation -------------------------------------------------------------
@operation(API, "PutConfigurationSetDeliveryOptions")
def put_configuration_set_delivery_options(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Sets the TLS policy (``Require``: a recipient without TLS is never delivered to)."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    policy = (params.get("DeliveryOptions") or {}).get("TlsPolicy")
    if policy is not None and policy not in V1_TLS:
        raise SesError(
            ErrorKind.VALIDATION,
            f"1 validation error detected: Value '{policy}' at 'deliveryOptions.tlsPolicy' "
            "failed to satisfy constraint: Member must satisfy enum value set: "
            "[Require, Optional]",
        )
    delivery = found.options.delivery or DeliveryOptions()
    delivery.tls_policy = V1_TLS.get(policy or "")
    found.options.delivery = delivery if delivery != DeliveryOptions() else None
    return {}


@operation(API, "UpdateConfigurationSetReputationMetricsEnabled")
def update_configuration_set_reputation_metrics_enabled(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Switches reputation metrics for the set (SESv2's ReputationOptions)."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    found.options.reputation_metrics_enabled = bool(params.get("Enabled", False))
    return {}
