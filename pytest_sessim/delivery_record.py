"""What ``SesSim`` shows of the deliveries the sinks made: SNS publications (and the SNS
layer itself), EventBridge events, Firehose records, CloudWatch metrics, forwarded
feedback mail and failed deliveries (kept apart from ``simulator.py``, which ``SesSim``
inherits it into)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine.publishing.deliveries import EventBridgeEvent, FirehoseRecord, MetricDatum
    from .engine.publishing.feedback_email import FeedbackEmail
    from .sinks.outbound import DeliveryFailure, Sinks
    from .sinks.sns import SnsSink
    from .sinks.sns_records import Publication


class DeliveryRecord:
    _sinks: Sinks

    # SNS delivery ---------------------------------------------------------------
    @property
    def sns(self) -> SnsSink:
        """The SNS layer: publishes signed envelopes to topics in moto's SNS."""
        return self._sinks.sns

    @property
    def notifications(self) -> list[Publication]:
        """Every SNS notification published, in order (confirmations are in
        ``sns.confirmations``)."""
        return self._sinks.sns_publications

    def mount(self, base_url: str, app: Any, *, asgi: bool | None = None) -> None:
        """Deliver HTTP(S) subscriptions under ``base_url`` to a WSGI or ASGI app in
        process (no server, no socket). Loopback endpoints are POSTed over the network;
        others are not sent unless ``external_webhooks=True``."""
        self.sns.mount(base_url, app, asgi=asgi)

    def notifications_for(
        self, message_id: str, type: str | None = None, topic_arn: str | None = None
    ) -> list[Publication]:
        """The notifications about one SES message (``mail.messageId``), optionally of
        one ``notificationType``/``eventType`` and on one topic."""
        return [
            item
            for item in self.notifications
            if item.ses_message_id == message_id
            and (type is None or item.event_type == type)
            and (topic_arn is None or item.topic_arn == topic_arn)
        ]

    def notification_for(
        self, message_id: str, type: str | None = None, topic_arn: str | None = None
    ) -> Publication:
        """The first notification about one SES message; fails the test if none."""
        __tracebackhide__ = True
        found = self.notifications_for(message_id, type, topic_arn)
        if not found:
            wanted = "".join(
                f", {name}={value!r}"
                for name, value in (("type", type), ("topic_arn", topic_arn))
                if value is not None
            )
            published = "\n".join(
                f"  {item.topic_arn} {item.event_type or item.message[:40]!r} "
                f"for {item.ses_message_id}"
                for item in self.notifications
            )
            raise AssertionError(
                f"No SNS notification for message {message_id!r}{wanted}.\n"
                f"Published: {len(self.notifications)}\n{published}"
            )
        return found[0]

    # event output beyond SNS ----------------------------------------------------
    @property
    def feedback_emails(self) -> list[FeedbackEmail]:
        """Bounces and complaints SES forwarded by email (to the Return-Path or Source)."""
        return self._sinks.feedback_emails

    @property
    def eventbridge_events(self) -> list[EventBridgeEvent]:
        """Events put on EventBridge buses by configuration-set destinations."""
        return self._sinks.eventbridge_events

    @property
    def firehose_records(self) -> list[FirehoseRecord]:
        """Records put on Firehose delivery streams by configuration-set destinations."""
        return self._sinks.firehose_records

    @property
    def metrics(self) -> list[MetricDatum]:
        """CloudWatch data points published by configuration-set destinations."""
        return self._sinks.metrics

    @property
    def delivery_failures(self) -> list[DeliveryFailure]:
        """Deliveries that could not be made (a missing stream or bus...), with why."""
        return self._sinks.failures
