"""The plain data the HTML renderer works from, and how to build it from a simulator.

Everything here is frozen dataclasses of strings, numbers and tuples, so a test
section can cross a process boundary (pytest-xdist workers send theirs to the
controller) as a plain dict: :func:`section_to_data` and :func:`section_from_data`.
Timestamps are ISO 8601 strings.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..engine.records import SentMessage, SesEvent


@dataclass(frozen=True)
class AttachmentView:
    """One attachment: its name, MIME type and size in bytes."""

    filename: str | None
    content_type: str
    size: int
    inline: bool = False


@dataclass(frozen=True)
class SnsDelivery:
    """One attempt to hand an SNS publication to a subscription."""

    protocol: str
    endpoint: str
    status: int | None
    attempt: int
    timestamp: str
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


@dataclass(frozen=True)
class SnsView:
    """One SNS publication about an event: its topic, form and deliveries."""

    topic_arn: str
    form: str
    """``"notification"`` (identity notification) or ``"event"`` (event publishing)."""
    timestamp: str
    deliveries: tuple[SnsDelivery, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class TimelineEntry:
    """One SES event of a message, with what was published and forwarded about it."""

    type: str
    """The ``eventType``: ``"Send"``, ``"Delivery"``, ``"Bounce"``, ..."""
    timestamp: str
    recipients: tuple[str, ...] = ()
    detail: str = ""
    """The event's key facts in one line (bounce type, SMTP response, reason, ...)."""
    subtype: str = ""
    """``Permanent``/``Transient``/``Undetermined`` for bounces, else empty."""
    sns: tuple[SnsView, ...] = ()
    feedback: tuple[str, ...] = ()
    """Bounce and complaint emails SES forwarded about this event, one line each."""


@dataclass(frozen=True)
class MessageView:
    """One accepted message, as the report shows it."""

    message_id: str
    operation: str
    api: str
    timestamp: str
    subject: str | None
    from_: str
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    reply_to: tuple[str, ...] = ()
    configuration_set: str | None = None
    template: str | None = None
    tags: tuple[tuple[str, str], ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    text: str | None = None
    html: str | None = None
    attachments: tuple[AttachmentView, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()


@dataclass(frozen=True)
class RefusedView:
    """A request SES refused."""

    operation: str
    code: str
    message: str
    http_status: int
    timestamp: str


@dataclass(frozen=True)
class TestSection:
    """One test that used the simulator."""

    __test__ = False  # not a test class, whatever pytest thinks of the name

    title: str
    """The test's node id."""
    outcome: str = ""
    seed: int | None = None
    region: str = ""
    clock: str = ""
    messages: tuple[MessageView, ...] = ()
    refused: tuple[RefusedView, ...] = ()
    order: int = 0
    """Where the test stands in the run (collection order); sections sort by it."""


def _iso(value: datetime) -> str:
    return value.isoformat()


def event_detail(event: SesEvent) -> str:
    """The key facts of an event in one line."""
    detail: Mapping[str, Any] = event.detail
    parts: list[str] = []
    if event.type == "Delivery":
        parts = [str(detail.get("smtpResponse", "")), str(detail.get("reportingMTA", ""))]
    elif event.type == "Bounce":
        codes = [
            str(item["diagnosticCode"])
            for item in detail.get("bouncedRecipients", [])
            if isinstance(item, Mapping) and item.get("diagnosticCode")
        ]
        parts = [f"{detail.get('bounceType')}/{detail.get('bounceSubType')}", *dict.fromkeys(codes)]
    elif event.type == "Complaint":
        kind = detail.get("complaintFeedbackType") or detail.get("complaintSubType")
        parts = [str(kind or "no feedback type"), str(detail.get("userAgent") or "")]
    elif event.type == "Reject":
        parts = [str(detail.get("reason", ""))]
    elif event.type == "Rendering Failure":
        parts = [str(detail.get("errorMessage", "")), f"template {detail.get('templateName')}"]
    elif event.type == "DeliveryDelay":
        codes = [
            str(item["diagnosticCode"])
            for item in detail.get("delayedRecipients", [])
            if isinstance(item, Mapping) and item.get("diagnosticCode")
        ]
        until = detail.get("expirationTime")
        parts = [str(detail.get("delayType", "")), *dict.fromkeys(codes)]
        parts.append(f"retrying until {until}" if until else "")
    elif event.type == "Open":
        parts = [str(detail.get("ipAddress", "")), str(detail.get("userAgent", ""))]
    elif event.type == "Click":
        parts = [str(detail.get("link", "")), str(detail.get("ipAddress", ""))]
    elif detail:
        parts = [json.dumps(dict(detail), sort_keys=True, default=str)[:200]]
    return " · ".join(part for part in parts if part)


def _sns_view(publication: Any) -> SnsView:
    body = publication.body if isinstance(publication.body, dict) else {}
    deliveries = tuple(
        SnsDelivery(
            protocol=attempt.protocol,
            endpoint=attempt.endpoint,
            status=attempt.status,
            attempt=attempt.attempt,
            timestamp=_iso(attempt.timestamp),
            error=attempt.error,
        )
        for attempt in publication.deliveries
    )
    return SnsView(
        topic_arn=publication.topic_arn,
        form="notification" if "notificationType" in body else "event",
        timestamp=_iso(publication.timestamp),
        deliveries=deliveries,
        error=publication.error,
    )


def _owner(events: Sequence[SesEvent], kind: str | None, at: datetime) -> int | None:
    """The index of the event an output about ``kind`` at ``at`` belongs to: the
    last event of that type not after it (else the first of that type)."""
    matching = [index for index, event in enumerate(events) if event.type == kind]
    earlier = [index for index in matching if events[index].timestamp <= at]
    return earlier[-1] if earlier else (matching[0] if matching else None)


def message_views(
    messages: Iterable[SentMessage],
    events: Iterable[SesEvent],
    notifications: Iterable[Any] = (),
    feedback_emails: Iterable[Any] = (),
) -> list[MessageView]:
    """Views of ``messages`` with their timelines: each message's events in order,
    the SNS publications (``Publication`` records) and forwarded feedback emails
    attached to the event they report."""
    by_message: dict[str, list[SesEvent]] = {}
    for event in events:
        by_message.setdefault(event.message_id, []).append(event)
    sns: dict[tuple[str, int], list[SnsView]] = {}
    for publication in notifications:
        message_id = publication.ses_message_id
        own = by_message.get(message_id or "", [])
        index = _owner(own, publication.event_type, publication.timestamp)
        if message_id and index is not None:
            sns.setdefault((message_id, index), []).append(_sns_view(publication))
    feedback: dict[tuple[str, int], list[str]] = {}
    for mail in feedback_emails:
        own = by_message.get(mail.message_id, [])
        index = _owner(own, mail.kind, mail.timestamp)
        if index is not None:
            line = f"{mail.kind.lower()} email forwarded to {mail.to}"
            feedback.setdefault((mail.message_id, index), []).append(line)
    return [
        _message_view(
            message,
            [
                TimelineEntry(
                    type=event.type,
                    timestamp=_iso(event.timestamp),
                    recipients=tuple(event.recipients),
                    detail=event_detail(event),
                    subtype=str(event.bounce_type or "") if event.type == "Bounce" else "",
                    sns=tuple(sns.get((message.message_id, index), ())),
                    feedback=tuple(feedback.get((message.message_id, index), ())),
                )
                for index, event in enumerate(by_message.get(message.message_id, []))
            ],
        )
        for message in messages
    ]


def _message_view(message: SentMessage, timeline: list[TimelineEntry]) -> MessageView:
    return MessageView(
        message_id=message.message_id,
        operation=message.operation,
        api=message.api,
        timestamp=_iso(message.timestamp),
        subject=message.subject,
        from_=", ".join(message.from_) or message.source,
        to=tuple(message.to),
        cc=tuple(message.cc),
        bcc=tuple(message.bcc),
        reply_to=tuple(message.reply_to),
        configuration_set=message.configuration_set,
        template=message.template,
        tags=tuple(sorted(message.tags.items())),
        headers=tuple(message.headers),
        text=message.text,
        html=message.html,
        attachments=tuple(
            AttachmentView(item.filename, item.content_type, len(item.content), item.inline)
            for item in message.attachments
        ),
        timeline=tuple(timeline),
    )


def section_from_sim(sim: Any, title: str, outcome: str = "", order: int = 0) -> TestSection:
    """The section of one test from its simulator (a ``SesSim``)."""
    return TestSection(
        title=title,
        outcome=outcome,
        seed=sim.seed,
        region=sim.region,
        clock=_iso(sim.clock.now()),
        messages=tuple(
            message_views(sim.outbox, sim.events, sim.notifications, sim.feedback_emails)
        ),
        refused=tuple(
            RefusedView(
                f"{item.api}:{item.operation}",
                item.code,
                item.message,
                item.http_status,
                _iso(item.timestamp),
            )
            for item in sim.refused
        ),
        order=order,
    )


def section_to_data(section: TestSection) -> dict[str, Any]:
    """The section as nested dicts, lists, strings and numbers (JSON-safe)."""
    data: dict[str, Any] = json.loads(json.dumps(dataclasses.asdict(section)))
    return data


def section_from_data(data: Mapping[str, Any]) -> TestSection:
    """The inverse of :func:`section_to_data`."""
    section: TestSection = _build(TestSection, data)
    return section


_NESTED: dict[str, type] = {
    "messages": MessageView,
    "refused": RefusedView,
    "attachments": AttachmentView,
    "timeline": TimelineEntry,
    "sns": SnsView,
    "deliveries": SnsDelivery,
}
_PAIRS = frozenset(["tags", "headers"])


def _build(cls: type[Any], data: Mapping[str, Any]) -> Any:
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name not in data:
            continue
        value = data[field.name]
        if field.name in _NESTED:
            value = tuple(_build(_NESTED[field.name], item) for item in value)
        elif field.name in _PAIRS:
            value = tuple((str(key), str(item)) for key, item in value)
        elif isinstance(value, list):
            value = tuple(value)
        values[field.name] = value
    return cls(**values)
