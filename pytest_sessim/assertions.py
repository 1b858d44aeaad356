"""Assertion helpers: each returns what it matched; each failure lists what was captured."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .engine.mail.addresses import parse_mailbox
from .engine.records import RefusedRequest, SentMessage, SesEvent


class SesAssertionError(AssertionError):
    """A failed ``sessim`` assertion; its message already lists what was captured (so
    the failure report does not list it again)."""


def bare(address: str) -> str:
    try:
        return parse_mailbox(address).address.lower()
    except Exception:
        return address.strip().lower()


def _addresses(values: Iterable[str]) -> set[str]:
    return {bare(value) for value in values}


def _contains(haystack: str | None, needle: str) -> bool:
    return haystack is not None and needle in haystack


# name -> (description, predicate(message, wanted))
_FILTERS: dict[str, Callable[[SentMessage, Any], bool]] = {
    "to": lambda m, v: bare(v) in _addresses(m.destinations),
    "cc": lambda m, v: bare(v) in _addresses(m.cc),
    "bcc": lambda m, v: bare(v) in _addresses(m.bcc),
    "source": lambda m, v: bare(v) == bare(m.source),
    "from_": lambda m, v: bare(v) in _addresses(m.from_),
    "subject": lambda m, v: m.subject == v,
    "subject_contains": lambda m, v: _contains(m.subject, v),
    "text_contains": lambda m, v: _contains(m.text, v),
    "html_contains": lambda m, v: _contains(m.html, v),
    "configuration_set": lambda m, v: m.configuration_set == v,
    "template": lambda m, v: m.template == v,
    "tags": lambda m, v: all(m.tags.get(key) == value for key, value in dict(v).items()),
    "operation": lambda m, v: m.operation == v,
    "message_id": lambda m, v: m.message_id == v,
}


def describe_message(message: SentMessage) -> str:
    to = ", ".join(message.destinations) or "-"
    return (
        f"{message.message_id}  {message.operation}  from {message.source}  to {to}  "
        f"subject {message.subject!r}"
    )


def describe_event(event: SesEvent) -> str:
    extra = ""
    if event.type == "Bounce":
        extra = f" ({event.bounce_type}/{event.bounce_subtype})"
    elif event.type == "Rendering Failure":
        extra = f" ({event.detail.get('errorMessage')})"
    elif event.type == "Reject":
        extra = f" ({event.detail.get('reason')})"
    return f"{event.type:<17} {event.message_id}  {', '.join(event.recipients)}{extra}"


def describe_refused(refused: RefusedRequest) -> str:
    return f"{refused.api}:{refused.operation} refused: {refused.code}: {refused.message}"


def activity(
    outbox: Sequence[SentMessage], events: Sequence[SesEvent], refused: Sequence[RefusedRequest]
) -> str:
    """The captured SES activity, for failure messages and the failure report."""
    lines = [f"Sent messages ({len(outbox)}):"]
    lines += [f"  {describe_message(message)}" for message in outbox] or ["  (none)"]
    lines.append(f"Events ({len(events)}):")
    lines += [f"  {describe_event(event)}" for event in events] or ["  (none)"]
    if refused:
        lines.append(f"Refused requests ({len(refused)}):")
        lines += [f"  {describe_refused(item)}" for item in refused]
    return "\n".join(lines)


def filter_messages(outbox: Sequence[SentMessage], filters: dict[str, Any]) -> list[SentMessage]:
    unknown = sorted(set(filters) - set(_FILTERS))
    if unknown:
        raise TypeError(
            f"assert_sent() got unknown filter(s) {', '.join(unknown)}; "
            f"known: {', '.join(sorted(_FILTERS))}"
        )
    return [m for m in outbox if all(_FILTERS[k](m, v) for k, v in filters.items())]


def format_filters(filters: dict[str, Any]) -> str:
    return ", ".join(f"{key}={value!r}" for key, value in filters.items())


def find_event(
    events: Sequence[SesEvent], event_type: str, address: str, **detail: str | None
) -> list[SesEvent]:
    wanted = bare(address)
    found = []
    for event in events:
        if event.type != event_type or wanted not in _addresses(event.recipients):
            continue
        if all(value is None or event.detail.get(key) == value for key, value in detail.items()):
            found.append(event)
    return found
