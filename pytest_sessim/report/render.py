"""One self-contained HTML page of captured mail: pure functions from plain data.

:func:`render_report` renders a run (one section per test, as ``--sessim-html``
writes it); :func:`render_messages` renders one simulator's messages (the
standalone server's page). Both share every piece below: each message with its
headers, its text part, its HTML part in a sandboxed ``srcdoc`` iframe, its
attachments and the timeline of its events with the SNS publications and
forwarded emails about each. Styles are inline and a content security policy lets
the page (and the mail inside it) load nothing; the only scripts are the page's own,
admitted by hash (:mod:`.scripts`): one fits each frame to its mail, and on the server
page one redraws the page as mail arrives. The mail can run none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from html import escape

from ..dumps import safe_name
from ..engine.text import escaped
from .model import AttachmentView, MessageView, SnsView, TestSection, TimelineEntry
from .scripts import FIT_FRAMES, LIVE_UPDATES, policy
from .style import CSS

__all__ = ["render_messages", "render_report", "section_anchor"]


def render_report(sections: Iterable[TestSection], title: str = "pytest-sessim report") -> str:
    """The HTML report of a run: a summary, a table of contents and one section per
    test (in ``order``, then by title)."""
    ordered = sorted(sections, key=lambda section: (section.order, section.title))
    messages = [message for section in ordered for message in section.messages]
    outcomes = Counter(section.outcome or "unknown" for section in ordered)
    lede = (
        f"{_plural(len(ordered), 'test')} used the simulator and "
        f"{'they' if len(ordered) != 1 else 'it'} sent {_plural(len(messages), 'message')}."
        if ordered
        else "No test used the simulator."
    )
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="lede">{escape(lede)}</p>',
        _chips((f"{count} {name}", f"o-{_slug(name)}") for name, count in sorted(outcomes.items())),
        _event_chips(messages),
    ]
    if ordered:
        parts.append(_toc(ordered))
    parts += [_section(section) for section in ordered]
    return _document(title, "\n".join(parts))


def render_messages(
    messages: Sequence[MessageView],
    region: str = "",
    title: str = "Captured SES messages",
    note: str = "",
    version: str | None = None,
    poll_url: str = "version",
) -> str:
    """The page of one simulator's messages (newest last), headed by their count; ``note``
    is a line of plain text under the heading. With ``version`` (what the page shows), the
    page polls ``poll_url`` for ``{"version": ...}`` and redraws itself when it differs."""
    heading = f"{title} ({len(messages)})" + (f" · {region}" if region else "")
    parts = [f"<h1>{escape(heading)}</h1>"]
    if note:
        parts.append(f'<p class="lede">{escape(note)}</p>')
    parts.append(_event_chips(messages))
    if not messages:
        parts.append('<p class="empty">Nothing sent yet.</p>')
    parts += [_message(message, message.message_id) for message in messages]
    if version is None:
        return _document(title, "\n".join(parts))
    live = f' data-version="{escape(version)}" data-poll="{escape(poll_url)}"'
    return _document(title, "\n".join(parts), live=live)


def section_anchor(node_id: str) -> str:
    """The fragment naming a test's section (``report.html#<anchor>``)."""
    return f"test-{safe_name(node_id)}"


def _document(title: str, body: str, live: str = "") -> str:
    """``live``: the attributes that make the page redraw itself (see :mod:`.scripts`)."""
    return escaped(_page(title, body, live))  # undecodable bytes of a message shown as \xNN


def _page(title: str, body: str, live: str) -> str:
    scripts = (FIT_FRAMES, LIVE_UPDATES) if live else (FIT_FRAMES,)
    csp = policy(scripts, connect=bool(live))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(csp)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{CSS}</style>\n"
        f"</head><body><main{live}>\n{body}\n</main>\n"
        + "".join(f"<script>{script}</script>\n" for script in scripts)
        + "</body></html>\n"
    )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _slug(value: str) -> str:
    return "".join(char if char.isalnum() else "-" for char in value.lower()).strip("-")


def _event_class(entry: TimelineEntry) -> str:
    if entry.type == "Bounce" and entry.subtype:
        return f"bounce-{_slug(entry.subtype)}"
    return _slug(entry.type)


def _chips(chips: Iterable[tuple[str, str]]) -> str:
    items = "".join(f'<span class="chip {css}">{escape(text)}</span>' for text, css in chips)
    return f'<div class="chips">{items}</div>' if items else ""


def _event_chips(messages: Sequence[MessageView]) -> str:
    """One chip per event type over these messages, with its count."""
    counts: Counter[tuple[str, str]] = Counter()
    for message in messages:
        for entry in message.timeline:
            label = f"{entry.type} {entry.subtype}" if entry.subtype else entry.type
            counts[(label, f"t-{_event_class(entry)}")] += 1
    return _chips((f"{label}: {count}", css) for (label, css), count in counts.items())


def _toc(sections: Sequence[TestSection]) -> str:
    items = "".join(
        f'<li><a href="#{escape(section_anchor(section.title))}">'
        f"<code>{escape(section.title)}</code></a> "
        f'<span class="chip o-{_slug(section.outcome or "unknown")}">'
        f"{escape(section.outcome or 'unknown')}</span> "
        f'<span class="detail">{escape(_plural(len(section.messages), "message"))}</span></li>'
        for section in sections
    )
    return f'<nav class="toc"><p class="label">Tests</p><ol>{items}</ol></nav>'


def _section(section: TestSection) -> str:
    anchor = section_anchor(section.title)
    facts = [
        f"seed <code>{section.seed}</code>" if section.seed is not None else "",
        f"region <code>{escape(section.region)}</code>" if section.region else "",
        f"clock at the end <code>{escape(section.clock)}</code>" if section.clock else "",
        escape(_plural(len(section.messages), "message")),
    ]
    outcome = section.outcome or "unknown"
    parts = [
        f'<section class="test" id="{escape(anchor)}">',
        '<div class="test-head">',
        f"<h2>{escape(section.title)}</h2>",
        f'<span class="chip o-{_slug(outcome)}">{escape(outcome)}</span>',
        f'<div class="test-meta">{" · ".join(fact for fact in facts if fact)}</div>',
        "</div>",
    ]
    if not section.messages:
        parts.append('<p class="empty">No message was sent.</p>')
    parts += [
        _message(message, f"{anchor}-m{index}") for index, message in enumerate(section.messages, 1)
    ]
    if section.refused:
        rows = "".join(
            f"<tr><td class='mono'>{escape(item.timestamp)}</td><td>{escape(item.operation)}</td>"
            f"<td>{escape(item.code)} ({item.http_status})</td><td>{escape(item.message)}</td></tr>"
            for item in section.refused
        )
        parts.append(
            '<p class="label">Refused requests</p><table class="refused"><tr><th>When</th>'
            f"<th>Operation</th><th>Error</th><th>Message</th></tr>{rows}</table>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def _message(message: MessageView, anchor: str) -> str:
    rows = [
        ("From", message.from_),
        ("To", ", ".join(message.to)),
        ("Cc", ", ".join(message.cc)),
        ("Bcc", ", ".join(message.bcc)),
        ("Reply-To", ", ".join(message.reply_to)),
        ("Sent", f"{message.timestamp} by {message.api}:{message.operation}"),
        ("Configuration set", message.configuration_set or ""),
        ("Template", message.template or ""),
        ("Tags", ", ".join(f"{key}={value}" for key, value in message.tags)),
    ]
    meta = "".join(
        f"<dt>{escape(name)}</dt><dd>{escape(value)}</dd>" for name, value in rows if value
    )
    subject = message.subject if message.subject is not None else "(no subject)"
    return (
        f'<article class="message" id="{escape(anchor)}">'
        f'<div class="msg-head"><h3>{escape(subject)}</h3>'
        f'<div class="msg-id">{escape(message.message_id)}</div>'
        f"{_outcome_chips(message.timeline)}"
        f'<dl class="meta">{meta}</dl></div>'
        f'<div class="msg-body"><div class="content">{_content(message)}</div>'
        f'<div class="events"><p class="label">Timeline</p>'
        f"{_timeline(message.timeline, message.timestamp)}</div></div></article>"
    )


def _outcome_chips(timeline: Sequence[TimelineEntry]) -> str:
    """What became of the message: its event types after Send, once each."""
    seen: dict[str, str] = {}
    for entry in timeline:
        if entry.type != "Send":
            label = f"{entry.type} ({entry.subtype})" if entry.subtype else entry.type
            seen.setdefault(label, f"t-{_event_class(entry)}")
    return _chips(seen.items())


def _content(message: MessageView) -> str:
    parts: list[str] = []
    if message.html is not None:
        parts.append(
            '<div class="part"><p class="label">HTML part</p>'
            # same origin for the page's script to measure it; never allow-scripts
            f'<iframe sandbox="allow-same-origin" class="html-part" referrerpolicy="no-referrer" '
            f'title="HTML part of {escape(message.message_id)}" '
            f'srcdoc="{escape(message.html, quote=True)}"></iframe></div>'
        )
    if message.text is not None:
        parts.append(
            '<div class="part"><p class="label">Text part</p>'
            f'<pre class="text-part">{escape(message.text)}</pre></div>'
        )
    if message.html is None and message.text is None:
        parts.append('<p class="empty">No body (nothing was rendered).</p>')
    if message.attachments:
        parts.append(
            '<div class="part"><p class="label">Attachments</p><ul class="attachments">'
            + "".join(_attachment(item) for item in message.attachments)
            + "</ul></div>"
        )
    if message.headers:
        rows = "".join(
            f"<tr><th>{escape(name)}</th><td>{escape(value)}</td></tr>"
            for name, value in message.headers
        )
        parts.append(
            f"<details><summary>Headers ({len(message.headers)})</summary>"
            f'<table class="headers">{rows}</table></details>'
        )
    return "".join(parts)


def _attachment(item: AttachmentView) -> str:
    name = item.filename or "(unnamed)"
    inline = " · inline" if item.inline else ""
    return (
        f"<li><span>{escape(name)}</span>"
        f'<span class="detail mono">{escape(item.content_type)}{inline}</span>'
        f'<span class="size">{escape(_size(item.size))}</span></li>'
    )


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _timeline(entries: Sequence[TimelineEntry], sent_at: str) -> str:
    if not entries:
        return '<p class="empty">No events.</p>'
    items = []
    for entry in entries:
        label = f"{entry.type} · {entry.subtype}" if entry.subtype else entry.type
        css = _event_class(entry)
        outputs = [_sns(view) for view in entry.sns]
        outputs += [
            f'<li><span class="chip">email</span> {escape(line)}</li>' for line in entry.feedback
        ]
        items.append(
            f'<li class="ev-{css}"><span class="chip t-{css}">{escape(label)}</span>'
            f'<time class="when" datetime="{escape(entry.timestamp)}" '
            f'title="{escape(entry.timestamp)}">{escape(_when(entry.timestamp, sent_at))}</time>'
            f'<div class="who">{escape(", ".join(entry.recipients))}</div>'
            + (f'<div class="detail">{escape(entry.detail)}</div>' if entry.detail else "")
            + (f'<ul class="outputs">{"".join(outputs)}</ul>' if outputs else "")
            + "</li>"
        )
    return f'<ol class="timeline">{"".join(items)}</ol>'


def _short(arn: str) -> str:
    """An ARN's resource name (a queue's or topic's), with the whole ARN on hover."""
    name = arn.rsplit(":", 1)[-1] if arn.startswith("arn:") else arn
    return f'<span title="{escape(arn)}">{escape(name)}</span>'


def _sns(view: SnsView) -> str:
    form = "identity notification" if view.form == "notification" else "event publishing"
    head = f"SNS {escape(form)} to topic {_short(view.topic_arn)}"
    if view.error:
        return f'<li><span class="chip s-bad">SNS</span> {head}: {escape(view.error)}</li>'
    if not view.deliveries:
        return f'<li><span class="chip">SNS</span> {head} (no subscriptions)</li>'
    lines = []
    for attempt in view.deliveries:
        status = str(attempt.status) if attempt.status is not None else "no answer"
        css = "s-ok" if attempt.ok else ("s-warn" if attempt.status is None else "s-bad")
        retry = f" (attempt {attempt.attempt})" if attempt.attempt > 1 else ""
        error = f": {attempt.error}" if attempt.error else ""
        lines.append(
            f'<li><span class="chip {css}">{escape(status)}</span> '
            f"{head} → {escape(attempt.protocol)} {_short(attempt.endpoint)}"
            f"{escape(retry + error)}</li>"
        )
    return "".join(lines)


def _when(timestamp: str, sent_at: str) -> str:
    """The time of day, and how long after the send."""
    try:
        at, start = datetime.fromisoformat(timestamp), datetime.fromisoformat(sent_at)
    except ValueError:
        return timestamp
    clock = at.strftime("%H:%M:%S.") + f"{at.microsecond // 1000:03d}"
    seconds = (at - start).total_seconds()
    if seconds <= 0:
        return clock
    if seconds < 1:
        offset = f"{seconds * 1000:.0f} ms"
    elif seconds < 120:
        offset = f"{seconds:.1f} s"
    elif seconds < 7200:
        offset = f"{seconds / 60:.0f} min"
    else:
        offset = f"{seconds / 3600:.1f} h"
    return f"{clock} (+{offset})"
