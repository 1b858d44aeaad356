"""What SES hands on after deciding where an event goes: one value per delivery.

The engine passes each of them to its outbound port (``engine/outbound.py``);
the sinks perform them. Plain, frozen values: nothing here does I/O.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from ..jsonfmt import compact
from .feedback_email import FeedbackEmail

SNS_DESTINATION_VALIDATED = "Successfully validated SNS topic for Amazon SES event publishing."


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
    # when SNS stamps the publication (its envelope's Timestamp), a little after the
    # event; None: when it is performed
    at: datetime | None = None


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


@dataclass(frozen=True)
class S3Object:
    """A file SES writes to Amazon S3 in a bucket of ``account`` in ``region``: an export
    job's file or an import's failed records (in a bucket of SES's own, made when
    missing), or a receipt rule's stored mail (in the customer's bucket, which must
    exist; ``content_type`` empty: none set)."""

    bucket: str
    key: str
    body: bytes = field(repr=False)
    content_type: str
    account: str
    region: str
    create_bucket: bool = True


Delivery = SnsMessage | EventBridgeEvent | FirehoseRecord | MetricDatum | FeedbackEmail | S3Object


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
