"""Perform what the engine routes: SNS through the simulator's SNS layer, the rest
through moto (when moto is active), and keep a record of every delivery.

A delivery that fails (a missing stream or bus, say) does not fail the send, as
with SES, where publishing happens after the call returns: it is kept in
``failures`` with the error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..engine.feedback import FeedbackEmail
from ..engine.publishing import (
    Delivery,
    EventBridgeEvent,
    FirehoseRecord,
    MetricDatum,
    SnsMessage,
)
from ..engine.records import SentMessage, SesEvent
from . import aws

if TYPE_CHECKING:
    from ..engine.engine import Engine


class SnsPublisher(Protocol):
    def publish(self, topic_arn: str, message: str, subject: str | None = None) -> Any: ...


@dataclass(frozen=True)
class DeliveryFailure:
    """A delivery that could not be made, and why."""

    delivery: Delivery
    error: str


def _moto_active() -> bool:
    from ..doors.botocore_door import moto_active

    return moto_active()


class Dispatcher:
    """Registered on an engine while its simulator runs."""

    def __init__(
        self, engine: Engine, sns: Any = None, *, start_moto: Callable[[], bool] | None = None
    ) -> None:
        self.engine = engine
        self._sns_owner = sns  # the object whose ``sns`` attribute is the SNS layer
        # starts moto when a delivery needs it (and says whether it runs); without it,
        # deliveries reach moto only when it is already active
        self._start_moto = start_moto
        self.sns_messages: list[SnsMessage] = []
        self.eventbridge_events: list[EventBridgeEvent] = []
        self.firehose_records: list[FirehoseRecord] = []
        self.metrics: list[MetricDatum] = []
        self.feedback_emails: list[FeedbackEmail] = []
        self.failures: list[DeliveryFailure] = []

    # wiring ----------------------------------------------------------------------
    def attach(self) -> None:
        engine = self.engine
        if self.on_event not in engine.listeners:
            engine.listeners.append(self.on_event)
        publisher = engine.publisher
        if self.perform not in publisher.listeners:
            publisher.listeners.append(self.perform)
        publisher.topic_exists = self.topic_exists

    def detach(self) -> None:
        engine = self.engine
        if self.on_event in engine.listeners:
            engine.listeners.remove(self.on_event)
        publisher = engine.publisher
        if self.perform in publisher.listeners:
            publisher.listeners.remove(self.perform)
        if publisher.topic_exists == self.topic_exists:
            publisher.topic_exists = None

    def _moto(self) -> bool:
        return self._start_moto() if self._start_moto is not None else _moto_active()

    # what the engine calls ----------------------------------------------------------
    def on_event(self, event: SesEvent, message: SentMessage) -> None:
        for delivery in self.engine.publisher.route(event, message):
            self.perform(delivery)

    def topic_exists(self, topic_arn: str) -> bool:
        """SES checks an SNS destination's topic. Without moto nothing can be known; with
        moto available but not started yet, no topic can exist in it."""
        if not _moto_active():
            return self._start_moto is None
        account = self.engine.account
        return aws.sns_topic_exists(topic_arn, region=account.region, account=account.account_id)

    def perform(self, delivery: Delivery) -> None:
        try:
            self._perform(delivery)
        except Exception as error:
            self.failures.append(DeliveryFailure(delivery, f"{type(error).__name__}: {error}"))

    def _perform(self, delivery: Delivery) -> None:
        account = self.engine.account
        where = {"region": account.region, "account": account.account_id}
        if isinstance(delivery, SnsMessage):
            self.sns_messages.append(delivery)
            self._moto()  # the topic and its subscriptions live in moto
            sns: SnsPublisher | None = getattr(self._sns_owner, "sns", None)
            if sns is not None:
                sns.publish(delivery.topic_arn, delivery.message, delivery.subject)
        elif isinstance(delivery, FeedbackEmail):
            self.feedback_emails.append(delivery)
        elif isinstance(delivery, EventBridgeEvent):
            self.eventbridge_events.append(delivery)
            if self._moto():
                aws.put_event(delivery.envelope, delivery.bus_arn, **where)
        elif isinstance(delivery, FirehoseRecord):
            self.firehose_records.append(delivery)
            if self._moto():
                aws.put_firehose_record(delivery.stream_arn, delivery.data, **where)
        elif isinstance(delivery, MetricDatum):
            self.metrics.append(delivery)
            if self._moto():
                aws.put_metric(delivery, **where)
