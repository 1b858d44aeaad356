"""The engine's one outbound port: where every delivery it decides on is handed.

The engine decides everything that happens to a message (its events, their times,
which notifications and records go where) and hands each resulting delivery to
one :class:`Outbound`. The sinks implement it; they never call back into the
engine's routing. An engine with nothing connected drops deliveries (its own
record of messages and events is kept either way).

Email receiving needs answers: ``perform`` writes an S3 object or calls a Lambda
function and says how it went (a function's disposition steers the rule set), and the
``*_exists``/``bucket_facts`` questions serve the checks SES makes on receipt rules.
"""

from __future__ import annotations

from typing import Protocol

from .publishing.deliveries import Delivery
from .receiving.deliveries import BucketFacts, Performed, ReceivingDelivery


class Outbound(Protocol):
    def deliver(self, delivery: Delivery) -> None:
        """Perform one delivery; failures are the sink's to record, never raised."""
        ...

    def topic_exists(self, topic_arn: str) -> bool:
        """Whether an SNS topic exists (SES checks an SNS event destination's topic)."""
        ...

    def fetch_object(self, bucket: str, key: str) -> bytes | None:
        """The content of an Amazon S3 object (an import job's file), or None if there is
        none to read."""
        ...

    def perform(self, delivery: ReceivingDelivery) -> Performed:
        """Write an S3 object or invoke a Lambda function; how it went, never raised."""
        ...

    def bucket_facts(self, bucket: str) -> BucketFacts:
        """Whether an S3 bucket exists and its bucket policy (receipt rule checks)."""
        ...

    def function_exists(self, function_arn: str) -> bool:
        """Whether SES could invoke a Lambda function (receipt rule checks)."""
        ...


class Unconnected:
    """The port while no sinks are connected: nothing is delivered, every topic exists
    and no S3 object does (nothing can be known)."""

    def deliver(self, delivery: Delivery) -> None:
        return None

    def topic_exists(self, topic_arn: str) -> bool:
        return True

    def fetch_object(self, bucket: str, key: str) -> bytes | None:
        return None

    def perform(self, delivery: ReceivingDelivery) -> Performed:
        return Performed(error="nothing is connected to perform it (the simulator is stopped)")

    def bucket_facts(self, bucket: str) -> BucketFacts:
        return BucketFacts(known=False)

    def function_exists(self, function_arn: str) -> bool:
        return True
