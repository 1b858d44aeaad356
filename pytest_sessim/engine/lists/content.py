"""What SES does to the content of a list-managed send to one recipient.

It adds ``List-Unsubscribe`` (a ``mailto:`` and the one-click https link) and
``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 2369, RFC 8058), replacing
any the sender wrote, and puts the subscription page's URL in place of the first two
``{{amazonSESUnsubscribeUrl}}`` of each text and HTML part. In a raw message the
placeholder is replaced where it appears as written (not inside base64 parts).
These are the headers the recipient gets; the event records keep the message's own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..mail.mime import Body, MessageContent
from .links import Links

PLACEHOLDER = "{{amazonSESUnsubscribeUrl}}"
TEMPLATE_VARIABLE = "amazonSESUnsubscribeUrl"
MAX_REPLACEMENTS = 2
HEADERS = ("list-unsubscribe", "list-unsubscribe-post")
ONE_CLICK = "List-Unsubscribe=One-Click"
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")


def _substituted(text: str | None, url: str) -> str | None:
    return None if text is None else text.replace(PLACEHOLDER, url, MAX_REPLACEMENTS)


def with_links(content: MessageContent, links: Links) -> MessageContent:
    added = [("List-Unsubscribe", links.header), ("List-Unsubscribe-Post", ONE_CLICK)]
    kept = [(name, value) for name, value in content.headers if name.lower() not in HEADERS]
    text = _substituted(content.text, links.page)
    html = _substituted(content.html, links.page)
    if content.source is not None:
        return replace(
            content,
            headers=kept + added,
            text=text,
            html=html,
            source=_raw_with_links(content.source, added, links.page),
        )
    at = next((i for i, (name, _) in enumerate(kept) if name == "MIME-Version"), len(kept))
    parts = [
        (kind, Body(body.data.replace(PLACEHOLDER, links.page, MAX_REPLACEMENTS), body.charset))
        for kind, body in content.parts
    ]
    return replace(
        content, headers=kept[:at] + added + kept[at:], text=text, html=html, parts=parts
    )


def _raw_with_links(source: bytes, added: list[tuple[str, str]], url: str) -> bytes:
    """The raw message without the sender's unsubscribe headers, with SES's."""
    found = _BLANK_LINE.search(source)
    head, body = (source[: found.start()], source[found.start() :]) if found else (source, b"")
    newline = b"\r\n" if b"\r\n" in head else b"\n"
    kept: list[bytes] = []
    dropping = False
    for line in head.splitlines():
        if line[:1] in (b" ", b"\t"):
            if not dropping:
                kept.append(line)
            continue
        dropping = line.split(b":", 1)[0].strip().lower().decode("latin-1") in HEADERS
        if not dropping:
            kept.append(line)
    kept.extend(f"{name}: {value}".encode() for name, value in added)
    placeholder = PLACEHOLDER.encode()
    return newline.join(kept) + body.replace(placeholder, url.encode(), MAX_REPLACEMENTS)
