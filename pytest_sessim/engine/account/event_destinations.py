"""Configuration-set event destinations, as SES stores them and as each API shows them.

One stored form serves both APIs: event types are kept as SESv2 enum names
(``SEND``, ``RENDERING_FAILURE``...), dimension sources in v1 spelling
(``messageTag``, ``emailHeader``, ``linkTag``). The v1 and v2 readers and
writers translate at the edges.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ErrorKind, SesError, invalid_parameter

# SESv2 EventType enum -> the eventType value in records
EVENT_TYPES: dict[str, str] = {
    "SEND": "Send",
    "REJECT": "Reject",
    "BOUNCE": "Bounce",
    "COMPLAINT": "Complaint",
    "DELIVERY": "Delivery",
    "OPEN": "Open",
    "CLICK": "Click",
    "RENDERING_FAILURE": "Rendering Failure",
    "DELIVERY_DELAY": "DeliveryDelay",
    "SUBSCRIPTION": "Subscription",
}
V2_TYPE_OF_EVENT: dict[str, str] = {value: key for key, value in EVENT_TYPES.items()}

# SES v1 EventType enum (no DELIVERY_DELAY or SUBSCRIPTION) <-> SESv2 enum
V1_TYPES: dict[str, str] = {
    "send": "SEND",
    "reject": "REJECT",
    "bounce": "BOUNCE",
    "complaint": "COMPLAINT",
    "delivery": "DELIVERY",
    "open": "OPEN",
    "click": "CLICK",
    "renderingFailure": "RENDERING_FAILURE",
}
V1_OF_V2: dict[str, str] = {value: key for key, value in V1_TYPES.items()}

# CloudWatch dimension value sources, v2 spelling -> stored (v1) spelling
_V2_SOURCES = {"MESSAGE_TAG": "messageTag", "EMAIL_HEADER": "emailHeader", "LINK_TAG": "linkTag"}
_V1_SOURCES = {value: key for key, value in _V2_SOURCES.items()}

ONLY_ONE_DESTINATION = (
    "Please provide only one destination with each request. Either a Firehose Destination "
    "or a Cloudwatch Destination or an SNS Destination or an EventBridge Destination."
)
NO_DESTINATION = "Event destination is not provided."


@dataclass(frozen=True)
class Dimension:
    """One CloudWatch dimension: its name, where its value comes from, and its default."""

    name: str
    source: str  # "messageTag", "emailHeader" or "linkTag"
    default: str


@dataclass(frozen=True)
class EventDestination:
    """One destination of a configuration set; exactly one target field is set."""

    name: str
    enabled: bool
    matching: tuple[str, ...]  # SESv2 EventType names, in the order given
    sns_topic_arn: str | None = None
    event_bus_arn: str | None = None
    firehose_stream_arn: str | None = None
    firehose_role_arn: str | None = None
    dimensions: tuple[Dimension, ...] | None = None
    pinpoint_application_arn: str | None = None

    def publishes(self, event_type: str) -> bool:
        """Whether an event of ``event_type`` (a record's eventType) goes here."""
        return self.enabled and V2_TYPE_OF_EVENT.get(event_type, "") in self.matching


def _check_one_target(targets: list[bool]) -> None:
    count = sum(targets)
    if count == 0:
        raise invalid_parameter(NO_DESTINATION)
    if count > 1:
        raise invalid_parameter(ONLY_ONE_DESTINATION)


# The value set as SES v1 lists it in its validation error (order as observed)
_V1_ENUM_SHOWN = "click, bounce, send, open, complaint, delivery, renderingFailure, reject"


def _enum_error(shown: str) -> SesError:
    return SesError(
        ErrorKind.VALIDATION,
        "1 validation error detected: Value at 'eventDestination.matchingEventTypes' failed "
        "to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum "
        f"value set: [{shown}]]",
    )


def _v1_type(value: str) -> str:
    try:
        return V1_TYPES[value]
    except KeyError:
        raise _enum_error(_V1_ENUM_SHOWN) from None


def _v2_type(value: str) -> str:
    if value not in EVENT_TYPES:
        raise _enum_error(", ".join(EVENT_TYPES))
    return value


def _dimensions(
    config: Mapping[str, Any] | None, sources: Mapping[str, str]
) -> tuple[Dimension, ...] | None:
    if config is None:
        return None
    dimensions: list[Dimension] = []
    for item in config.get("DimensionConfigurations", ()):
        source = item.get("DimensionValueSource", "")
        dimensions.append(
            Dimension(
                name=item.get("DimensionName", ""),
                source=sources.get(source, source),
                default=item.get("DefaultDimensionValue", ""),
            )
        )
    return tuple(dimensions)


def from_v1(params: Mapping[str, Any]) -> EventDestination:
    """An ``EventDestination`` from SES v1's ``EventDestination`` structure."""
    firehose = params.get("KinesisFirehoseDestination")
    cloudwatch = params.get("CloudWatchDestination")
    sns = params.get("SNSDestination")
    _check_one_target([firehose is not None, cloudwatch is not None, sns is not None])
    return EventDestination(
        name=params.get("Name", ""),
        enabled=bool(params.get("Enabled", False)),
        matching=tuple(_v1_type(value) for value in params.get("MatchingEventTypes", ())),
        sns_topic_arn=sns.get("TopicARN", "") if sns is not None else None,
        firehose_stream_arn=firehose.get("DeliveryStreamARN", "") if firehose else None,
        firehose_role_arn=firehose.get("IAMRoleARN", "") if firehose else None,
        dimensions=_dimensions(cloudwatch, {}),
    )


def from_v2(name: str, params: Mapping[str, Any]) -> EventDestination:
    """An ``EventDestination`` from SESv2's ``EventDestinationDefinition``."""
    firehose = params.get("KinesisFirehoseDestination")
    cloudwatch = params.get("CloudWatchDestination")
    sns = params.get("SnsDestination")
    bridge = params.get("EventBridgeDestination")
    pinpoint = params.get("PinpointDestination")
    _check_one_target([item is not None for item in (firehose, cloudwatch, sns, bridge, pinpoint)])
    return EventDestination(
        name=name,
        enabled=bool(params.get("Enabled", False)),
        matching=tuple(_v2_type(value) for value in params.get("MatchingEventTypes", ())),
        sns_topic_arn=sns.get("TopicArn", "") if sns is not None else None,
        event_bus_arn=bridge.get("EventBusArn", "") if bridge is not None else None,
        firehose_stream_arn=firehose.get("DeliveryStreamArn", "") if firehose else None,
        firehose_role_arn=firehose.get("IamRoleArn", "") if firehose else None,
        dimensions=_dimensions(cloudwatch, _V2_SOURCES),
        pinpoint_application_arn=(
            pinpoint.get("ApplicationArn", "") if pinpoint is not None else None
        ),
    )


def to_v1(destination: EventDestination) -> dict[str, Any] | None:
    """SES v1's view of a destination; None for targets v1 cannot show (EventBridge,
    Pinpoint)."""
    shown: dict[str, Any] = {
        "Name": destination.name,
        "Enabled": destination.enabled,
        "MatchingEventTypes": [
            V1_OF_V2[value] for value in destination.matching if value in V1_OF_V2
        ],
    }
    if destination.firehose_stream_arn is not None:
        shown["KinesisFirehoseDestination"] = {
            "IAMRoleARN": destination.firehose_role_arn or "",
            "DeliveryStreamARN": destination.firehose_stream_arn,
        }
    elif destination.dimensions is not None:
        shown["CloudWatchDestination"] = {
            "DimensionConfigurations": [
                {
                    "DimensionName": dimension.name,
                    "DimensionValueSource": dimension.source,
                    "DefaultDimensionValue": dimension.default,
                }
                for dimension in destination.dimensions
            ]
        }
    elif destination.sns_topic_arn is not None:
        shown["SNSDestination"] = {"TopicARN": destination.sns_topic_arn}
    else:
        return None
    return shown


def to_v2(destination: EventDestination) -> dict[str, Any]:
    """SESv2's ``EventDestination`` view of a destination."""
    shown: dict[str, Any] = {
        "Name": destination.name,
        "Enabled": destination.enabled,
        "MatchingEventTypes": list(destination.matching),
    }
    if destination.firehose_stream_arn is not None:
        shown["KinesisFirehoseDestination"] = {
            "IamRoleArn": destination.firehose_role_arn or "",
            "DeliveryStreamArn": destination.firehose_stream_arn,
        }
    elif destination.dimensions is not None:
        shown["CloudWatchDestination"] = {
            "DimensionConfigurations": [
                {
                    "DimensionName": dimension.name,
                    "DimensionValueSource": _V1_SOURCES.get(dimension.source, dimension.source),
                    "DefaultDimensionValue": dimension.default,
                }
                for dimension in destination.dimensions
            ]
        }
    elif destination.sns_topic_arn is not None:
        shown["SnsDestination"] = {"TopicArn": destination.sns_topic_arn}
    elif destination.event_bus_arn is not None:
        shown["EventBridgeDestination"] = {"EventBusArn": destination.event_bus_arn}
    elif destination.pinpoint_application_arn is not None:
        shown["PinpointDestination"] = {"ApplicationArn": destination.pinpoint_application_arn}
    return shown
