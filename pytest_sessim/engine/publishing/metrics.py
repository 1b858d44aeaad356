"""CloudWatch event destinations: the data point SES publishes for an event."""

from __future__ import annotations

import re

from ..account.event_destinations import Dimension, EventDestination
from ..records import SentMessage, SesEvent
from .deliveries import MetricDatum

CLOUDWATCH_NAMESPACE = "AWS/SES"
METRIC_NAMES: dict[str, str] = {
    "Send": "Send",
    "Reject": "Reject",
    "Bounce": "Bounce",
    "Complaint": "Complaint",
    "Delivery": "Delivery",
    "Open": "Open",
    "Click": "Click",
    "Rendering Failure": "RenderingFailure",
    "DeliveryDelay": "DeliveryDelay",
    "Subscription": "Subscription",
}
# per-recipient event types count one per recipient in CloudWatch
_PER_RECIPIENT = ("Delivery", "Bounce", "Complaint", "DeliveryDelay")
_DIMENSION_NAME = re.compile(r"^[A-Za-z0-9_:-]{1,256}$")
_DIMENSION_VALUE = re.compile(r"^[A-Za-z0-9_@.-]{1,256}$")


def metric_datum(
    destination: EventDestination,
    dimensions: tuple[Dimension, ...],
    set_name: str,
    event: SesEvent,
    message: SentMessage,
) -> MetricDatum | None:
    """SES sends no metric when a dimension's name or value has characters
    CloudWatch dimensions may not carry."""
    pairs: list[tuple[str, str]] = []
    for dimension in dimensions:
        value = _dimension_value(dimension, event, message)
        if not (_DIMENSION_NAME.match(dimension.name) and _DIMENSION_VALUE.match(value)):
            return None
        pairs.append((dimension.name, value))
    count = len(event.recipients) if event.type in _PER_RECIPIENT else 1
    return MetricDatum(
        namespace=CLOUDWATCH_NAMESPACE,
        name=METRIC_NAMES[event.type],
        dimensions=tuple(pairs),
        value=float(max(count, 1)),
        unit="Count",
        timestamp=event.timestamp,
        configuration_set=set_name,
        destination=destination.name,
    )


def _dimension_value(dimension: Dimension, event: SesEvent, message: SentMessage) -> str:
    if dimension.source == "messageTag":
        values = event.record["mail"].get("tags", {}).get(dimension.name)
        if values:
            return str(values[0])
    elif dimension.source == "emailHeader":
        header = message.header(dimension.name)
        if header is not None and header.strip():
            return header.strip()
    elif dimension.source == "linkTag" and event.type == "Click":
        values = event.record.get("click", {}).get("linkTags", {}).get(dimension.name)
        if values:
            return str(values[0])
    return dimension.default
