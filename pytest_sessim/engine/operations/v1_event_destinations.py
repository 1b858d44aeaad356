"""SES v1 configuration-set event destinations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.event_destinations import from_v1
from .common import find_configuration_set
from .event_destinations import add_destination, remove_destination, replace_destination
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "ses"


def _missing(configuration_set: str) -> str:
    return f"No EventDestination found for {configuration_set}"


@operation(API, "CreateConfigurationSetEventDestination")
def create_configuration_set_event_destination(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Adds a destination (SNS, Firehose, CloudWatch, EventBridge); matching events are published
    to it."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    add_destination(engine, found, from_v1(params.get("EventDestination", {})))
    return {}


@operation(API, "UpdateConfigurationSetEventDestination")
def update_configuration_set_event_destination(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Replaces the destination's settings (types, target, enabled)."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    destination = from_v1(params.get("EventDestination", {}))
    replace_destination(engine, found, destination, _missing(found.name))
    return {}


@operation(API, "DeleteConfigurationSetEventDestination")
def delete_configuration_set_event_destination(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Removes the destination; its events stop at once."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    remove_destination(found, params.get("EventDestinationName", ""), _missing(found.name))
    return {}
