"""``GET /_sessim/``: the captured messages as one HTML page, each with its rendered
HTML body in a sandboxed iframe (``srcdoc``: the page loads nothing else) and its
events."""

from __future__ import annotations

from html import escape

from ..engine.records import SentMessage, SesEvent

_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; }
.message { border: 1px solid #ccc; border-radius: 6px; padding: .8em 1em; margin: 1em 0; }
.meta { color: #555; margin: 0 0 .5em; }
.meta b { color: #222; }
iframe { width: 100%; height: 18em; border: 1px solid #ddd; background: #fff; }
pre { background: #f6f6f6; padding: .5em; white-space: pre-wrap; }
ol.events { margin: .5em 0 0; }
.empty { color: #777; }
"""


def render(region: str, messages: list[SentMessage], events: list[SesEvent]) -> str:
    by_message: dict[str, list[SesEvent]] = {}
    for event in events:
        by_message.setdefault(event.message_id, []).append(event)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>pytest-sessim: captured SES messages</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>Captured SES messages ({len(messages)}) &middot; {escape(region)}</h1>",
    ]
    if not messages:
        parts.append('<p class="empty">Nothing sent yet.</p>')
    for message in messages:
        parts.append(_message(message, by_message.get(message.message_id, [])))
    parts.append("</body></html>")
    return "\n".join(parts)


def _message(message: SentMessage, events: list[SesEvent]) -> str:
    meta = [
        ("Message ID", message.message_id),
        ("From", ", ".join(message.from_) or message.source),
        ("To", ", ".join(message.destinations)),
        ("Subject", message.subject or ""),
        ("Sent", message.timestamp.isoformat()),
        ("Operation", f"{message.api}:{message.operation}"),
    ]
    rows = "".join(f"<div><b>{escape(k)}:</b> {escape(v)}</div>" for k, v in meta)
    if message.html is not None:
        body = (
            f'<iframe sandbox="" title="HTML body of {escape(message.message_id)}" '
            f'srcdoc="{escape(message.html, quote=True)}"></iframe>'
        )
    elif message.text is not None:
        body = f"<pre>{escape(message.text)}</pre>"
    else:
        body = '<p class="empty">No body.</p>'
    items = "".join(
        f"<li>{escape(event.type)} &middot; {escape(', '.join(event.recipients))} "
        f"&middot; {escape(event.timestamp.isoformat())}</li>"
        for event in events
    )
    return (
        f'<section class="message" id="{escape(message.message_id, quote=True)}">'
        f'<div class="meta">{rows}</div>{body}'
        f'<ol class="events">{items}</ol></section>'
    )
