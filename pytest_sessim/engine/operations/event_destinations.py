"""Event-destination bookkeeping shared by the v1 and v2 operations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..account import ConfigurationSet
from ..destinations import EventDestination
from ..errors import ErrorKind, SesError
from ..names import check_event_destination_name
from ..publishing import sns_destination_validated

if TYPE_CHECKING:
    from ..engine import Engine


def _check_topic(engine: Engine, destination: EventDestination) -> None:
    topic = destination.sns_topic_arn
    exists = engine.publisher.topic_exists
    if topic is not None and exists is not None and not exists(topic):
        raise SesError(ErrorKind.INVALID_SNS_DESTINATION, f"SNS topic <{topic}> not found.")


def add_destination(
    engine: Engine, configuration_set: ConfigurationSet, destination: EventDestination
) -> None:
    """Store a new destination; an SNS one gets SES's validation message."""
    check_event_destination_name(destination.name)
    if destination.name in configuration_set.event_destinations:
        raise SesError(
            ErrorKind.EVENT_DESTINATION_ALREADY_EXISTS,
            f"An event destination with name <{destination.name}> already exists for "
            f"configuration set <{configuration_set.name}>.",
        )
    _check_topic(engine, destination)
    configuration_set.event_destinations[destination.name] = destination
    if destination.sns_topic_arn is not None:
        engine.publisher.announce(sns_destination_validated(destination.sns_topic_arn))


def replace_destination(
    engine: Engine,
    configuration_set: ConfigurationSet,
    destination: EventDestination,
    missing: str,
) -> None:
    """Replace a stored destination (``missing`` is the text when there is none);
    SES validates an SNS topic again when it changes."""
    previous = configuration_set.event_destinations.get(destination.name)
    if previous is None:
        raise SesError(ErrorKind.EVENT_DESTINATION_NOT_FOUND, missing)
    _check_topic(engine, destination)
    configuration_set.event_destinations[destination.name] = destination
    topic = destination.sns_topic_arn
    if topic is not None and topic != previous.sns_topic_arn:
        engine.publisher.announce(sns_destination_validated(topic))


def remove_destination(configuration_set: ConfigurationSet, name: str, missing: str) -> None:
    if configuration_set.event_destinations.pop(name, None) is None:
        raise SesError(ErrorKind.EVENT_DESTINATION_NOT_FOUND, missing)
