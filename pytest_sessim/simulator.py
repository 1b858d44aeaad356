"""``SesSim``: a simulated SES account, active as a context manager, with or without pytest."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from . import _active
from .assertions import activity, filter_messages, find_event, format_filters
from .doors import requests_door
from .doors.botocore_install import attach_to_existing_sessions, install, patch_botocore
from .doors.regions import unknown_region
from .engine.account import set_limits, set_sandbox
from .engine.clock import Clock
from .engine.engine import Engine, Settings
from .engine.feedback import FeedbackEmail
from .engine.outcomes import Outcome, Script
from .engine.publishing import EventBridgeEvent, FirehoseRecord, MetricDatum
from .engine.records import RefusedRequest, SentMessage, SesEvent
from .engine.routing import Pattern, Route
from .engine.suppression import REASONS
from .engine.text import escaped
from .sinks.dispatch import DeliveryFailure, Dispatcher
from .sinks.records import Publication

if TYPE_CHECKING:
    from .sinks.sns import SnsSink

_FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
}


class SesSim:
    """Stands in for Amazon SES while active.

    ``with SesSim() as sim:`` intercepts every boto3 ``ses``/``sesv2`` call in the
    process. Unless ``moto=False`` it also runs inside moto's ``mock_aws`` (joining
    one that is already active) so that SNS, SQS and the rest exist.
    """

    def __init__(
        self,
        *,
        region: str = "us-east-1",
        seed: int = 0,
        now: datetime | str | None = None,
        verified: Iterable[str] = (),
        sandbox: bool = False,
        account_id: str | None = None,
        moto: bool = True,
        routes: Iterable[tuple[Pattern, Outcome | Script]] = (),
        max_24_hour_send: float | None = None,
        max_send_rate: float | None = None,
    ) -> None:
        why = unknown_region(region)
        if why is not None:
            raise ValueError(why)
        if isinstance(now, str):
            now = datetime.fromisoformat(now.replace("Z", "+00:00"))
        settings = Settings(
            region=region,
            seed=seed,
            now=now,
            verified=tuple(verified),
            sandbox=sandbox,
            **({"account_id": account_id} if account_id else {}),
        )
        self.engine = Engine(settings)
        # performs what the engine routes (SNS, EventBridge, Firehose, CloudWatch, mail)
        self._dispatcher = Dispatcher(self.engine, self)
        if max_24_hour_send is not None or max_send_rate is not None:
            self.set_limits(max_24_hour_send=max_24_hour_send, max_send_rate=max_send_rate)
        self.use_moto = moto
        for pattern, outcome in routes:
            self.route(pattern, outcome)
        self._moto_mock: Any = None
        self._saved_env: dict[str, str | None] = {}
        self.active = False
        self._sns: SnsSink | None = None

    # lifecycle -------------------------------------------------------------
    def start(self) -> SesSim:
        if self.active:
            return self
        install()
        attach_to_existing_sessions()
        patch_botocore()
        if self.use_moto:
            self._join_or_start_moto()
        else:
            self._ensure_credentials()
        _active.ACTIVE.append(self)
        requests_door.attach(self)  # raw HTTPS to SES through requests
        self._dispatcher.attach()
        self.active = True
        if self._sns is not None:
            self._sns.activate()
        return self

    def stop(self) -> None:
        if not self.active:
            return
        self.active = False
        if self in _active.ACTIVE:
            _active.ACTIVE.remove(self)
        self._dispatcher.detach()
        if self._sns is not None:
            self._sns.deactivate()
        requests_door.detach(self)  # after the sinks: patches come off in reverse order
        if self._moto_mock is not None:
            self._moto_mock.stop()
            self._moto_mock = None
        for key, value in self._saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self._saved_env.clear()

    def __enter__(self) -> SesSim:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _join_or_start_moto(self) -> None:
        from .doors.botocore_door import moto_active

        if moto_active():
            return
        from moto import mock_aws

        self._moto_mock = mock_aws()
        self._moto_mock.start()

    def _ensure_credentials(self) -> None:
        for key, value in _FAKE_CREDENTIALS.items():
            if key not in os.environ:
                self._saved_env[key] = None
                os.environ[key] = value

    # configuration -----------------------------------------------------------
    @property
    def region(self) -> str:
        return self.engine.settings.region

    @property
    def seed(self) -> int:
        return self.engine.settings.seed

    @property
    def clock(self) -> Clock:
        return self.engine.clock

    def verify(self, *identities: str) -> None:
        """Verify email addresses and domains, as if their verification had succeeded."""
        self.engine.verify(*identities)

    def route(self, pattern: Pattern, outcome: Outcome | Script) -> Route:
        """Give recipients matching ``pattern`` an outcome. Later routes win.

        ``pattern``: an address (case-insensitive), a glob such as ``*@example.com``,
        a compiled regex (full match) or a predicate; ``outcome``: an ``Outcome`` or a
        script from ``hard_bounce()``, ``soft_bounce()``, ``complaint()``, ``delayed()``...
        """
        return self.engine.router.add(pattern, outcome)

    @property
    def sandbox(self) -> bool:
        return self.engine.account.sandbox

    def set_sandbox(self, sandbox: bool = True) -> None:
        """Put the account in (or take it out of) the SES sandbox, with its limits."""
        set_sandbox(self.engine.account, sandbox)

    def set_limits(
        self, *, max_24_hour_send: float | None = None, max_send_rate: float | None = None
    ) -> None:
        """Set and enforce the daily quota (recipients) and/or maximum send rate (per second)."""
        set_limits(self.engine.account, max_24_hour_send, max_send_rate)

    def suppress(self, address: str, reason: str = "BOUNCE") -> None:
        """Put ``address`` on the account-level suppression list (reason BOUNCE or COMPLAINT)."""
        if reason not in REASONS:
            raise ValueError(f"reason must be one of {', '.join(REASONS)}, not {reason!r}")
        self.engine.account.suppression.put(address, reason, self.clock.now())

    @property
    def suppressed(self) -> dict[str, str]:
        """The account-level suppression list: address -> reason."""
        entries = self.engine.account.suppression.entries.values()
        return {entry.address: entry.reason for entry in entries}

    # the record ---------------------------------------------------------------
    @property
    def outbox(self) -> list[SentMessage]:
        return self.engine.outbox

    @property
    def events(self) -> list[SesEvent]:
        return self.engine.events

    @property
    def deliveries(self) -> list[SesEvent]:
        return [event for event in self.engine.events if event.type == "Delivery"]

    @property
    def bounces(self) -> list[SesEvent]:
        return [event for event in self.engine.events if event.type == "Bounce"]

    @property
    def complaints(self) -> list[SesEvent]:
        return [event for event in self.engine.events if event.type == "Complaint"]

    def events_of(self, event_type: str) -> list[SesEvent]:
        """Events of one ``eventType`` ("DeliveryDelay", "Reject", "Rendering Failure", ...)."""
        return [event for event in self.engine.events if event.type == event_type]

    @property
    def refused(self) -> list[RefusedRequest]:
        return self.engine.refused

    def events_for(self, message_id: str) -> list[SesEvent]:
        return [event for event in self.engine.events if event.message_id == message_id]

    def activity(self) -> str:
        """A readable listing of everything captured so far."""
        listing = activity(self.outbox, self.events, self.refused)
        notifications = self.notifications
        if notifications:
            lines = [f"SNS notifications ({len(notifications)}):"]
            for item in notifications:
                attempts = item.deliveries
                delivered = sum(1 for attempt in attempts if attempt.ok)
                lines.append(
                    f"  {item.event_type or 'message':<17} {item.ses_message_id or '-'}  to "
                    f"{item.topic_arn}  ({delivered}/{len(attempts)} deliveries ok)"
                )
            listing += "\n" + "\n".join(lines)
        return escaped(listing)

    # assertions ---------------------------------------------------------------
    def assert_sent(self, **filters: Any) -> list[SentMessage]:
        """At least one accepted message matches every filter; returns the matches."""
        __tracebackhide__ = True
        found = filter_messages(self.outbox, filters)
        if not found:
            wanted = format_filters(filters) or "anything"
            raise AssertionError(f"No message matched {wanted}.\n{self.activity()}")
        return found

    def assert_nothing_sent(self) -> None:
        __tracebackhide__ = True
        if self.outbox:
            raise AssertionError(f"Expected no message to be sent.\n{self.activity()}")

    def assert_delivered(self, address: str) -> SesEvent:
        __tracebackhide__ = True
        return self._assert_event("Delivery", address, "delivered to")

    def assert_bounced(
        self, address: str, bounce_type: str | None = None, bounce_subtype: str | None = None
    ) -> SesEvent:
        __tracebackhide__ = True
        detail = {"bounceType": bounce_type, "bounceSubType": bounce_subtype}
        shown = "".join(
            f", {name}={value!r}"
            for name, value in (("bounce_type", bounce_type), ("bounce_subtype", bounce_subtype))
            if value is not None
        )
        return self._assert_event("Bounce", address, f"bounced{shown} for", **detail)

    def assert_complained(self, address: str) -> SesEvent:
        __tracebackhide__ = True
        return self._assert_event("Complaint", address, "complained about by")

    def _assert_event(
        self, event_type: str, address: str, verb: str, **detail: str | None
    ) -> SesEvent:
        __tracebackhide__ = True
        found = find_event(self.events, event_type, address, **detail)
        if not found:
            raise AssertionError(f"No message was {verb} {address!r}.\n{self.activity()}")
        return found[0]

    # SNS delivery ---------------------------------------------------------------
    @property
    def sns(self) -> SnsSink:
        """The SNS layer: publishes signed envelopes to topics in moto's SNS."""
        if self._sns is None:
            from .sinks.sns import SnsSink

            self._sns = SnsSink(self.engine)
            if self.active:
                self._sns.activate()
        return self._sns

    @property
    def notifications(self) -> list[Publication]:
        """Every SNS notification published, in order (confirmations are in
        ``sns.confirmations``)."""
        return [] if self._sns is None else self._sns.notifications

    def mount(self, base_url: str, app: Any, *, asgi: bool | None = None) -> None:
        """Deliver HTTP(S) subscriptions under ``base_url`` to a WSGI or ASGI app in
        process (no server, no socket). Other endpoints are POSTed over the network."""
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
        return self._dispatcher.feedback_emails

    @property
    def eventbridge_events(self) -> list[EventBridgeEvent]:
        """Events put on EventBridge buses by configuration-set destinations."""
        return self._dispatcher.eventbridge_events

    @property
    def firehose_records(self) -> list[FirehoseRecord]:
        """Records put on Firehose delivery streams by configuration-set destinations."""
        return self._dispatcher.firehose_records

    @property
    def metrics(self) -> list[MetricDatum]:
        """CloudWatch data points published by configuration-set destinations."""
        return self._dispatcher.metrics

    @property
    def delivery_failures(self) -> list[DeliveryFailure]:
        """Deliveries that could not be made (a missing stream or bus...), with why."""
        return self._dispatcher.failures

    def __repr__(self) -> str:
        return (
            f"<SesSim region={self.region} seed={self.seed} sent={len(self.outbox)} "
            f"events={len(self.events)} active={self.active}>"
        )
