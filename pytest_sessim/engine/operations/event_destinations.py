"""Event-destination bookkeeping shared by the v1 and v2 operations."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..account.event_destinations import EventDestination
from ..account.state import ConfigurationSet
from ..errors import ErrorKind, SesError, invalid_parameter
from ..publishing.deliveries import sns_destination_validated

if TYPE_CHECKING:
    from ..service import Engine


DESTINATION_LIMIT = 10  # event destinations per configuration set
_NAME = re.compile(r"[A-Za-z0-9_-]+")


def check_destination_name(name: str) -> None:
    """Event destination names follow the rules of configuration set names."""
    if not name:
        raise invalid_parameter("The event destination name must be specified.")
    if len(name) > 64:
        raise invalid_parameter("Event destination name cannot exceed 64 characters.")
    if not _NAME.fullmatch(name):  # (``$`` would let a trailing newline through)
        raise invalid_parameter(
            f"Invalid event destination name <{name}>: only alphanumeric ASCII characters, "
            "'_', and '-' are allowed."
        )


def _check_topic(engine: Engine, destination: EventDestination) -> None:
    topic = destination.sns_topic_arn
    if topic is not None and not engine.outbound.topic_exists(topic):
        raise SesError(ErrorKind.INVALID_SNS_DESTINATION, f"SNS topic <{topic}> not found.")


def add_destination(
    engine: Engine, configuration_set: ConfigurationSet, destination: EventDestination
) -> None:
    """Store a new destination; an SNS one gets SES's validation message."""
    check_destination_name(destination.name)
    if destination.name in configuration_set.event_destinations:
        raise SesError(
            ErrorKind.EVENT_DESTINATION_ALREADY_EXISTS,
            f"An event destination with name <{destination.name}> already exists for "
            f"configuration set <{configuration_set.name}>.",
        )
    if len(configuration_set.event_destinations) >= DESTINATION_LIMIT:
        raise SesError(
            ErrorKind.LIMIT_EXCEEDED,
            f"Configuration set <{configuration_set.name}> already has the maximum number of "
            f"event destinations ({DESTINATION_LIMIT}).",
        )
    _check_topic(engine, destination)
    configuration_set.event_destinations[destination.name] = destination
    if destination.sns_topic_arn is not None:
        engine.deliver(sns_destination_validated(destination.sns_topic_arn))


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
        engine.deliver(sns_destination_validated(topic))


def remove_destination(configuration_set: ConfigurationSet, name: str, missing: str) -> None:
    if configuration_set.event_destinations.pop(name, None) is None:
        raise SesError(ErrorKind.EVENT_DESTINATION_NOT_FOUND, missing)
