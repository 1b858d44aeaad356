"""The sinks behind the engine's outbound port: every delivery the engine decides on is
recorded, and performed where it goes (SNS through the SNS layer; EventBridge,
Firehose, CloudWatch and S3 through moto, when moto is active).

A delivery that fails (a missing stream or bus, say) does not fail the send, as
with SES, where publishing happens after the call returns: it is kept in
``failures`` with the error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import moto_adapter as moto
from ..engine.publishing.deliveries import (
    Delivery,
    EventBridgeEvent,
    FirehoseRecord,
    MetricDatum,
    S3Object,
    SnsMessage,
)
from ..engine.publishing.feedback_email import FeedbackEmail
from ..engine.receiving.deliveries import (
    BucketFacts,
    LambdaInvocation,
    Performed,
    ReceivingDelivery,
)
from .lambdas import LambdaFunctions

if TYPE_CHECKING:
    from ..engine.service import Engine
    from .sns import SnsSink
    from .sns_records import Publication


@dataclass(frozen=True)
class DeliveryFailure:
    """A delivery that could not be made, and why."""

    delivery: Delivery
    error: str


class Sinks:
    """Implements the engine's :class:`~pytest_sessim.engine.outbound.Outbound` port."""

    def __init__(self, engine: Engine, *, external_webhooks: bool = False) -> None:
        self.engine = engine
        self.external_webhooks = external_webhooks
        self.sns_messages: list[SnsMessage] = []
        self.eventbridge_events: list[EventBridgeEvent] = []
        self.firehose_records: list[FirehoseRecord] = []
        self.metrics: list[MetricDatum] = []
        self.feedback_emails: list[FeedbackEmail] = []
        # export files, failed-import records and receipt rules' stored mail
        self.s3_objects: list[S3Object] = []
        self.failures: list[DeliveryFailure] = []
        # Lambda functions registered for receipt rules, and their invocations
        self.lambdas = LambdaFunctions()
        self._sns: SnsSink | None = None
        self.active = False
        self._undo_subscribe: Callable[[], None] | None = None

    # lifecycle ---------------------------------------------------------------------
    def connect(self) -> None:
        self.engine.connect(self)
        self.active = True
        if self._sns is not None:
            self._sns.activate()
        self.watch_subscriptions()

    def watch_subscriptions(self) -> None:
        """SNS posts a SubscriptionConfirmation when an HTTP(S) subscription is made:
        follow moto's Subscribe (once moto is loaded; call again after it loads)."""
        if self._undo_subscribe is None:
            self._undo_subscribe = moto.patch_subscribe(self._subscribed)

    def disconnect(self) -> None:
        self.active = False
        if self.engine.outbound is self:
            self.engine.disconnect()
        if self._sns is not None:
            self._sns.deactivate()
        if self._undo_subscribe is not None:
            self._undo_subscribe()
            self._undo_subscribe = None

    def _subscribed(self, subscription_arn: str) -> None:
        if self.active:
            self.sns.publish_confirmation(subscription_arn)

    @property
    def sns(self) -> SnsSink:
        """The SNS layer, made when first needed (its signing key costs a little)."""
        if self._sns is None:
            from .sns import SnsSink

            engine = self.engine
            self._sns = SnsSink(
                engine.clock,
                engine.ids,
                engine.settings.region,
                external_webhooks=self.external_webhooks,
            )
            if self.active:
                self._sns.activate()
        return self._sns

    @property
    def sns_publications(self) -> list[Publication]:
        """Every SNS notification published so far (none if SNS was never used)."""
        return [] if self._sns is None else self._sns.notifications

    # the port ------------------------------------------------------------------------
    def topic_exists(self, topic_arn: str) -> bool:
        """SES checks an SNS destination's topic; without moto nothing can be known."""
        return not moto.mock_active() or moto.sns_topic(topic_arn) is not None

    def fetch_object(self, bucket: str, key: str) -> bytes | None:
        """From moto's S3 when it is active, else from the files SES wrote itself."""
        if moto.mock_active():
            return moto.get_object(bucket, key)
        found = [item for item in self.s3_objects if (item.bucket, item.key) == (bucket, key)]
        return found[-1].body if found else None

    def bucket_facts(self, bucket: str) -> BucketFacts:
        """An S3 bucket as moto holds it; without moto nothing can be known."""
        if not moto.mock_active():
            return BucketFacts(known=False)
        exists, policy = moto.s3_bucket(bucket, self.engine.settings.account_id)
        return BucketFacts(known=True, exists=exists, policy=policy)

    def function_exists(self, function_arn: str) -> bool:
        """Registered with ``SesSim.register_lambda``, or created in moto's Lambda."""
        if function_arn in self.lambdas:
            return True
        return moto.mock_active() and moto.lambda_function_exists(function_arn)

    def perform(self, delivery: ReceivingDelivery) -> Performed:
        if isinstance(delivery, LambdaInvocation):
            return self.lambdas.invoke(delivery)
        try:
            self._write(delivery)
        except Exception as error:  # moto's NoSuchBucket and the like
            return Performed(error=f"{type(error).__name__}: {error}")
        return Performed()

    def _write(self, item: S3Object) -> None:
        """Kept in ``s3_objects``, and written to moto's S3 when moto is active."""
        self.s3_objects.append(item)
        if moto.mock_active():
            moto.put_object(
                item.bucket,
                item.key,
                item.body,
                item.content_type,
                region=item.region,
                account=item.account,
                create_bucket=item.create_bucket,
            )

    def deliver(self, delivery: Delivery) -> None:
        try:
            self._deliver(delivery)
        except Exception as error:
            self.failures.append(DeliveryFailure(delivery, f"{type(error).__name__}: {error}"))

    def _deliver(self, delivery: Delivery) -> None:
        settings = self.engine.settings
        where = {"region": settings.region, "account": settings.account_id}
        if isinstance(delivery, SnsMessage):
            self.sns_messages.append(delivery)
            self.sns.publish(delivery.topic_arn, delivery.message, delivery.subject, delivery.at)
        elif isinstance(delivery, FeedbackEmail):
            self.feedback_emails.append(delivery)
        elif isinstance(delivery, EventBridgeEvent):
            self.eventbridge_events.append(delivery)
            if moto.mock_active():
                moto.put_event(delivery.envelope, delivery.bus_arn, **where)
        elif isinstance(delivery, S3Object):
            self._write(delivery)
        elif isinstance(delivery, FirehoseRecord):
            self.firehose_records.append(delivery)
            if moto.mock_active():
                moto.put_firehose_record(delivery.stream_arn, delivery.data, **where)
        elif isinstance(delivery, MetricDatum):
            self.metrics.append(delivery)
            if moto.mock_active():
                moto.put_metric(
                    delivery.namespace,
                    delivery.name,
                    delivery.dimensions,
                    delivery.value,
                    delivery.unit,
                    delivery.timestamp,
                    **where,
                )
