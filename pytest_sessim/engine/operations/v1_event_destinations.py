"""SES v1 configuration-set event destinations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..account.event_destinations import from_v1, to_v1
from ..account.state import ConfigurationSet
from .common import find_configuration_set
from .event_destinations import add_destination, remove_destination, replace_destination
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "ses"


def _missing(configuration_set: str) -> str:
    return f"No EventDestination found for {configuration_set}"


def described_attributes(found: ConfigurationSet, attributes: Iterable[str]) -> dict[str, Any]:
    """The parts of DescribeConfigurationSet's answer that callers ask for by name."""
    wanted = set(attributes)
    result: dict[str, Any] = {}
    if "eventDestinations" in wanted:
        shown = (to_v1(destination) for destination in found.event_destinations.values())
        result["EventDestinations"] = [item for item in shown if item is not None]
    if "reputationOptions" in wanted:
        result["ReputationOptions"] = {
            "SendingEnabled": found.sending_enabled,
            "ReputationMetricsEnabled": False,
        }
    return result


@operation(API, "CreateConfigurationSetEventDestination")
def create_configuration_set_event_destination(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    add_destination(engine, found, from_v1(params.get("EventDestination", {})))
    return {}


@operation(API, "UpdateConfigurationSetEventDestination")
def update_configuration_set_event_destination(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    destination = from_v1(params.get("EventDestination", {}))
    replace_destination(engine, found, destination, _missing(found.name))
    return {}


@operation(API, "DeleteConfigurationSetEventDestination")
def delete_configuration_set_event_destination(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    remove_destination(found, params.get("EventDestinationName", ""), _missing(found.name))
    return {}
