"""The sinks behind the engine's outbound port: every delivery the engine decides on is
recorded, and performed where it goes (SNS through the SNS layer; EventBridge,
Firehose and CloudWatch through moto, when moto is active).

A delivery that fails (a missing stream or bus, say) does not fail the send, as
with SES, where publishing happens after the call returns: it is kept in
``failures`` with the error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import moto_adapter as moto
from ..engine.publishing.deliveries import (
    Delivery,
    EventBridgeEvent,
    FirehoseRecord,
    MetricDatum,
    SnsMessage,
)
from ..engine.publishing.feedback_email import FeedbackEmail
from ..engine.receiving.deliveries import (
    BucketFacts,
    LambdaInvocation,
    Performed,
    ReceivingDelivery,
    S3Put,
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

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sns_messages: list[SnsMessage] = []
        self.eventbridge_events: list[EventBridgeEvent] = []
        self.firehose_records: list[FirehoseRecord] = []
        self.metrics: list[MetricDatum] = []
        self.feedback_emails: list[FeedbackEmail] = []
        self.failures: list[DeliveryFailure] = []
        # email receiving: S3 objects written, Lambda functions and their invocations
        self.s3_objects: list[S3Put] = []
        self.lambdas = LambdaFunctions()
        self._sns: SnsSink | None = None
        self.active = False

    # lifecycle ---------------------------------------------------------------------
    def connect(self) -> None:
        self.engine.connect(self)
        self.active = True
        if self._sns is not None:
            self._sns.activate()

    def disconnect(self) -> None:
        self.active = False
        if self.engine.outbound is self:
            self.engine.disconnect()
        if self._sns is not None:
            self._sns.deactivate()

    @property
    def sns(self) -> SnsSink:
        """The SNS layer, made when first needed (its signing key costs a little)."""
        if self._sns is None:
            from .sns import SnsSink

            engine = self.engine
            self._sns = SnsSink(engine.clock, engine.ids, engine.settings.region)
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
        self.s3_objects.append(delivery)
        if not moto.mock_active():
            return Performed()  # kept in s3_objects only
        try:
            moto.put_s3_object(delivery.bucket, delivery.key, delivery.body, delivery.account_id)
        except Exception as error:  # moto's NoSuchBucket and the like
            return Performed(error=f"{type(error).__name__}: {error}")
        return Performed()

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
            self.sns.publish(delivery.topic_arn, delivery.message, delivery.subject)
        elif isinstance(delivery, FeedbackEmail):
            self.feedback_emails.append(delivery)
        elif isinstance(delivery, EventBridgeEvent):
            self.eventbridge_events.append(delivery)
            if moto.mock_active():
                moto.put_event(delivery.envelope, delivery.bus_arn, **where)
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
