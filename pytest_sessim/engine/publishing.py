"""Where SES sends what it learns: which payload goes to which destination.

Pure routing. ``Publisher.route`` turns one event of one message into the
deliveries SES would make, given the account's settings at that moment:

* identity notifications (Bounce, Complaint, Delivery) to the topics of the
  identity that sent the message (the one ``mail.sourceArn`` names: the address
  if it is verified itself, else its domain), headers only where enabled;
* event publishing, when the message was sent with a configuration set, to each
  enabled destination whose matching types include the event: SNS, EventBridge,
  Firehose, CloudWatch;
* email feedback forwarding of bounces and complaints.

Settings operations hand their setup messages (``AmazonSnsSubscriptionSucceeded``,
the SNS destination check) to :meth:`Publisher.announce`. The sinks perform all
of it; nothing here does I/O.
"""

from __future__ import annotations

import json
import random
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from typing import Any

from .account import Account, ConfigurationSet, Identity
from .destinations import Dimension, EventDestination
from .events import copy_json
from .feedback import FeedbackEmail, build_feedback_email, feedback_address
from .records import SentMessage, SesEvent
from .text import replaced

EVENT_SUBJECT = "Amazon SES Email Event Notification"
SNS_DESTINATION_VALIDATED = "Successfully validated SNS topic for Amazon SES event publishing."
CLOUDWATCH_NAMESPACE = "AWS/SES"
_HEADER_KEYS = ("headersTruncated", "headers", "commonHeaders")
_FORWARDED = ("Bounce", "Complaint")
_NOTIFIED = ("Bounce", "Complaint", "Delivery")  # the types with identity notifications

DETAIL_TYPES: dict[str, str] = {
    "Send": "Email Sent",
    "Reject": "Email Rejected",
    "Bounce": "Email Bounced",
    "Complaint": "Email Complaint Received",
    "Delivery": "Email Delivered",
    "Open": "Email Opened",
    "Click": "Email Clicked",
    "Rendering Failure": "Email Rendering Failed",
    "DeliveryDelay": "Email Delivery Delayed",
    "Subscription": "Email Subscribed",
}
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


def compact(value: Any) -> str:
    """JSON as SES writes it: no spaces, non-ASCII as is (undecodable bytes as U+FFFD)."""
    return replaced(json.dumps(value, separators=(",", ":"), ensure_ascii=False))


@dataclass(frozen=True)
class SnsMessage:
    """A message for an SNS topic. ``kind`` is "notification" (identity
    notification), "event" (event publishing) or "setup"."""

    topic_arn: str
    message: str
    subject: str | None
    kind: str
    message_id: str | None = None
    event_type: str | None = None


@dataclass(frozen=True)
class EventBridgeEvent:
    """An event put on an EventBridge bus: ``envelope`` is the whole event."""

    bus_arn: str
    envelope: dict[str, Any]
    configuration_set: str
    destination: str

    @property
    def id(self) -> str:
        return str(self.envelope["id"])

    @property
    def detail_type(self) -> str:
        return str(self.envelope["detail-type"])

    @property
    def detail(self) -> dict[str, Any]:
        detail: dict[str, Any] = self.envelope["detail"]
        return detail

    @property
    def message_id(self) -> str:
        return str(self.detail["mail"]["messageId"])


@dataclass(frozen=True)
class FirehoseRecord:
    """One record put on a Firehose delivery stream: the event JSON and a newline."""

    stream_arn: str
    role_arn: str
    data: bytes
    configuration_set: str
    destination: str

    @cached_property
    def record(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.data)
        return parsed


@dataclass(frozen=True)
class MetricDatum:
    """One CloudWatch data point SES publishes for an event."""

    namespace: str
    name: str
    dimensions: tuple[tuple[str, str], ...]
    value: float
    unit: str
    timestamp: datetime
    configuration_set: str
    destination: str

    @property
    def dimension_map(self) -> dict[str, str]:
        return dict(self.dimensions)


Delivery = SnsMessage | EventBridgeEvent | FirehoseRecord | MetricDatum | FeedbackEmail
DeliveryListener = Callable[[Delivery], None]


def subscription_succeeded(topic_arn: str, notification_type: str, identity: str) -> SnsMessage:
    """What SES publishes to a topic just set with SetIdentityNotificationTopic."""
    body = {
        "notificationType": "AmazonSnsSubscriptionSucceeded",
        "message": (
            f"You have successfully subscribed your Amazon SNS topic '{topic_arn}' to receive "
            f"'{notification_type}' notifications from Amazon SES for identity '{identity}'."
        ),
    }
    return SnsMessage(topic_arn, compact(body) + "\n", None, "setup")


def sns_destination_validated(topic_arn: str) -> SnsMessage:
    """What SES publishes to the topic of a new SNS event destination."""
    return SnsMessage(topic_arn, SNS_DESTINATION_VALIDATED, None, "setup")


def identity_name(arn_or_name: str) -> str:
    """An identity named by itself or by its ARN (``arn:aws:ses:...:identity/x``)."""
    if arn_or_name.startswith("arn:") and ":identity/" in arn_or_name:
        return arn_or_name.split(":identity/", 1)[1]
    return arn_or_name


def _iso_seconds(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Publisher:
    """Routes events to deliveries; relays the settings operations' setup messages.

    ``listeners`` receive announced deliveries; ``topic_exists`` (set by whoever
    can know) answers whether an SNS topic exists, for SES's destination check.
    """

    def __init__(self, account: Account, seed: int) -> None:
        self.account = account
        # a generator of its own, so routing never shifts the engine's ids
        self._rng = random.Random(f"sessim-publishing-{seed}")
        self.listeners: list[DeliveryListener] = []
        self.topic_exists: Callable[[str], bool] | None = None

    def announce(self, delivery: Delivery) -> None:
        for listener in list(self.listeners):
            listener(delivery)

    def _uuid(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    # routing -------------------------------------------------------------------
    def route(self, event: SesEvent, message: SentMessage) -> list[Delivery]:
        deliveries: list[Delivery] = []
        identity = self._sending_identity(event)
        topic = identity.notification_topics.get(event.type) if identity is not None else None
        if identity is not None and topic is not None:
            deliveries.append(self._notification(event, identity, topic))
        destinations: list[EventDestination] = []
        configuration_set = self._configuration_set(message)
        if configuration_set is not None:
            for destination in configuration_set.event_destinations.values():
                if destination.publishes(event.type):
                    destinations.append(destination)
                    deliveries.extend(self._publish(destination, configuration_set, event, message))
        if identity is not None and event.type in _FORWARDED:
            # forwarding is on, or nothing else tells the sender (CloudWatch does not)
            covered = topic is not None or any(d.dimensions is None for d in destinations)
            if identity.feedback_forwarding or not covered:
                deliveries.append(self._forwarded(event, message))
        return deliveries

    def _sending_identity(self, event: SesEvent) -> Identity | None:
        # read from the event's facts: building its JSON here would cost every send
        if event.type not in _NOTIFIED:
            return None
        return self.account.identities.get(identity_name(event.source_arn).lower())

    def _configuration_set(self, message: SentMessage) -> ConfigurationSet | None:
        if message.configuration_set is None:
            return None
        return self.account.configuration_sets.get(message.configuration_set)

    def _notification(self, event: SesEvent, identity: Identity, topic: str) -> SnsMessage:
        body = event.notification
        assert body is not None
        if event.type not in identity.headers_in_notifications:
            mail = {k: v for k, v in body["mail"].items() if k not in _HEADER_KEYS}
            body = {key: (mail if key == "mail" else value) for key, value in body.items()}
        return SnsMessage(topic, compact(body), None, "notification", event.message_id, event.type)

    def _forwarded(self, event: SesEvent, message: SentMessage) -> FeedbackEmail:
        return build_feedback_email(
            kind=event.type,
            to=feedback_address(message),
            message=message,
            detail=dict(event.detail),
            recipients=list(event.recipients),
            at=event.timestamp,
            region=self.account.region,
        )

    def _publish(
        self,
        destination: EventDestination,
        configuration_set: ConfigurationSet,
        event: SesEvent,
        message: SentMessage,
    ) -> list[Delivery]:
        set_name = configuration_set.name
        if destination.sns_topic_arn is not None:
            return [
                SnsMessage(
                    destination.sns_topic_arn,
                    compact(event.record) + "\n",
                    EVENT_SUBJECT,
                    "event",
                    event.message_id,
                    event.type,
                )
            ]
        if destination.event_bus_arn is not None:
            envelope = {
                "version": "0",
                "id": self._uuid(),
                "detail-type": DETAIL_TYPES[event.type],
                "source": "aws.ses",
                "account": self.account.account_id,
                "time": _iso_seconds(event.timestamp),
                "region": self.account.region,
                "resources": [self.account.arn(f"configuration-set/{set_name}")],
                "detail": copy_json(event.record),
            }
            return [
                EventBridgeEvent(destination.event_bus_arn, envelope, set_name, destination.name)
            ]
        if destination.firehose_stream_arn is not None:
            data = (compact(event.record) + "\n").encode("utf-8")
            return [
                FirehoseRecord(
                    destination.firehose_stream_arn,
                    destination.firehose_role_arn or "",
                    data,
                    set_name,
                    destination.name,
                )
            ]
        if destination.dimensions is not None:
            datum = self._metric(destination, destination.dimensions, set_name, event, message)
            return [datum] if datum is not None else []
        return []  # Pinpoint: not modelled

    def _metric(
        self,
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
