"""The engine's one outbound port: where every delivery it decides on is handed.

The engine decides everything that happens to a message (its events, their times,
which notifications and records go where) and hands each resulting delivery to
one :class:`Outbound`. The sinks implement it; they never call back into the
engine's routing. An engine with nothing connected drops deliveries (its own
record of messages and events is kept either way).
"""

from __future__ import annotations

from typing import Protocol

from .publishing.deliveries import Delivery


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


class Unconnected:
    """The port while no sinks are connected: nothing is delivered, every topic exists
    and no S3 object does (nothing can be known)."""

    def deliver(self, delivery: Delivery) -> None:
        return None

    def topic_exists(self, topic_arn: str) -> bool:
        return True

    def fetch_object(self, bucket: str, key: str) -> bytes | None:
        return None
