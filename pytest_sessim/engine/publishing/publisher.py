"""Where SES sends what it learns: which payload goes to which destination.

``Publisher.deliveries_for`` turns one event of one message into the deliveries SES
would make, given the account's settings at that moment:

* identity notifications (Bounce, Complaint, Delivery) to the topics of the
  identity that sent the message (the one ``mail.sourceArn`` names: the address
  if it is verified itself, else its domain), headers only where enabled;
* event publishing, when the message was sent with a configuration set, to each
  enabled destination whose matching types include the event: SNS, EventBridge,
  Firehose, CloudWatch;
* email feedback forwarding of bounces and complaints.

The engine hands each delivery to its outbound port; the sinks perform them.
Nothing here does I/O.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta, timezone

from ..account.event_destinations import EventDestination
from ..account.state import Account, ConfigurationSet, Identity
from ..jsonfmt import compact, copy_json
from ..records import SentMessage, SesEvent
from .deliveries import Delivery, EventBridgeEvent, FirehoseRecord, SnsMessage
from .feedback_email import FeedbackEmail, build_feedback_email, feedback_address
from .metrics import metric_datum

EVENT_SUBJECT = "Amazon SES Email Event Notification"
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


def identity_name(arn_or_name: str) -> str:
    """An identity named by itself or by its ARN (``arn:aws:ses:...:identity/x``)."""
    if arn_or_name.startswith("arn:") and ":identity/" in arn_or_name:
        return arn_or_name.split(":identity/", 1)[1]
    return arn_or_name


def _iso_seconds(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Publisher:
    """Decides the deliveries of each event from the account's settings."""

    def __init__(self, seed: int) -> None:
        # a generator of its own, so routing never shifts the engine's ids
        self._rng = random.Random(f"sessim-publishing-{seed}")

    def _uuid(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def deliveries_for(
        self, account: Account, event: SesEvent, message: SentMessage
    ) -> list[Delivery]:
        """The deliveries of ``event``, from the settings of ``account`` (the state of
        the Region that sent the message)."""
        deliveries: list[Delivery] = []
        identity = self._sending_identity(account, event)
        topic = identity.notification_topics.get(event.type) if identity is not None else None
        if identity is not None and topic is not None:
            deliveries.append(self._notification(event, identity, topic))
        destinations: list[EventDestination] = []
        configuration_set = self._configuration_set(account, message)
        if configuration_set is not None:
            for destination in configuration_set.event_destinations.values():
                if destination.publishes(event.type):
                    destinations.append(destination)
                    deliveries.extend(
                        self._publish(account, destination, configuration_set, event, message)
                    )
        if identity is not None and event.type in _FORWARDED:
            # forwarding is on, or nothing else tells the sender (CloudWatch does not)
            covered = topic is not None or any(d.dimensions is None for d in destinations)
            if identity.feedback_forwarding or not covered:
                deliveries.append(self._forwarded(account, event, message))
        return deliveries

    def _sending_identity(self, account: Account, event: SesEvent) -> Identity | None:
        # read from the event's facts: building its JSON here would cost every send
        if event.type not in _NOTIFIED:
            return None
        return account.identities.get(identity_name(event.source_arn).lower())

    def _configuration_set(self, account: Account, message: SentMessage) -> ConfigurationSet | None:
        if message.configuration_set is None:
            return None
        return account.configuration_sets.get(message.configuration_set)

    def _notification(self, event: SesEvent, identity: Identity, topic: str) -> SnsMessage:
        body = event.notification
        assert body is not None
        if event.type not in identity.headers_in_notifications:
            mail = {k: v for k, v in body["mail"].items() if k not in _HEADER_KEYS}
            body = {key: (mail if key == "mail" else value) for key, value in body.items()}
        return SnsMessage(
            topic,
            compact(body),
            None,
            "notification",
            event.message_id,
            event.type,
            self._published_at(event),
        )

    def _published_at(self, event: SesEvent) -> datetime:
        """SNS stamps a publication when it receives it: a little after the event."""
        return event.timestamp + timedelta(milliseconds=self._rng.randint(20, 150))

    def _forwarded(self, account: Account, event: SesEvent, message: SentMessage) -> FeedbackEmail:
        return build_feedback_email(
            kind=event.type,
            to=feedback_address(message),
            message=message,
            detail=dict(event.detail),
            recipients=list(event.recipients),
            at=event.timestamp,
            region=account.region,
        )

    def _publish(
        self,
        account: Account,
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
                    self._published_at(event),
                )
            ]
        if destination.event_bus_arn is not None:
            envelope = {
                "version": "0",
                "id": self._uuid(),
                "detail-type": DETAIL_TYPES[event.type],
                "source": "aws.ses",
                "account": account.account_id,
                "time": _iso_seconds(event.timestamp),
                "region": account.region,
                "resources": [account.arn(f"configuration-set/{set_name}")],
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
            datum = metric_datum(destination, destination.dimensions, set_name, event, message)
            return [datum] if datum is not None else []
        return []  # Pinpoint: not modelled
