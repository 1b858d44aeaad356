"""SESv2 configuration-set event destinations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.event_destinations import from_v2, to_v2
from .common import find_configuration_set
from .event_destinations import add_destination, remove_destination, replace_destination
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"


def _missing(name: str, configuration_set: str) -> str:
    return (
        f"An event destination with name <{name}> does not exist for configuration set "
        f"<{configuration_set}>."
    )


@operation(API, "CreateConfigurationSetEventDestination")
def create_configuration_set_event_destination(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Adds a destination (SNS, Firehose, CloudWatch, EventBridge, Pinpoint); matching events are
    published to it."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    name = params.get("EventDestinationName", "")
    add_destination(engine, found, from_v2(name, params.get("EventDestination", {})))
    return {}


@operation(API, "GetConfigurationSetEventDestinations")
def get_configuration_set_event_destinations(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Returns the set's destinations as stored."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    return {"EventDestinations": [to_v2(item) for item in found.event_destinations.values()]}


@operation(API, "UpdateConfigurationSetEventDestination")
def update_configuration_set_event_destination(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Replaces the destination's settings (types, target, enabled)."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    name = params.get("EventDestinationName", "")
    destination = from_v2(name, params.get("EventDestination", {}))
    replace_destination(engine, found, destination, _missing(name, found.name))
    return {}


@operation(API, "DeleteConfigurationSetEventDestination")
def delete_configuration_set_event_destination(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Removes the destination; its events stop at once."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    name = params.get("EventDestinationName", "")
    remove_destination(found, name, _missing(name, found.name))
    return {}
