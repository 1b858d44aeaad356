"""A received mail as SES holds it: the mail's own header block and body as they came,
the headers SES puts on top, and the headers receipt rules add at the end.

SES stores the mail with CRLF line endings; in its JSON each header is one line, folded
lines joined with a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from email.utils import getaddresses

from .verdicts import Verdicts

Header = tuple[str, str, str]  # name, value on one line, the header as written

_LINE_END = re.compile(rb"\r\n|\r|\n")
_FOLD = re.compile(r"\r\n[ \t]+")


def as_bytes(message: bytes | str | Message) -> bytes:
    """The mail's bytes from bytes, text or an ``email`` message."""
    if isinstance(message, bytes):
        return message
    if isinstance(message, str):
        return message.encode("utf-8")
    if isinstance(message, Message):
        return message.as_bytes()
    raise TypeError(f"a mail is bytes, str or an email.message.Message, not {message!r}")


def crlf(data: bytes) -> bytes:
    return _LINE_END.sub(b"\r\n", data)


def split_message(raw: bytes) -> tuple[list[Header], bytes, bytes]:
    """The headers (each with its one-line value), the header block as it came (CRLF
    line endings, without its blank line) and the body."""
    data = crlf(raw)
    head, blank, body = data.partition(b"\r\n\r\n")
    if not blank and b":" not in head.split(b"\r\n", 1)[0]:
        return [], b"", data  # no header block at all
    headers: list[Header] = []
    for line in head.decode("utf-8", errors="replace").split("\r\n"):
        if line[:1] in (" ", "\t") and headers:
            name, value, written = headers[-1]
            headers[-1] = (name, f"{value} {line.strip()}".strip(), f"{written}\r\n{line}")
        elif ":" in line:
            name, _, value = line.partition(":")
            headers.append((name.strip(), value.strip(), line))
    return headers, head, body


def unfold(written: str) -> str:
    return _FOLD.sub(" ", written)


def first(headers: list[tuple[str, str]], name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)


def addresses(headers: list[tuple[str, str]], *names: str) -> list[str]:
    """The bare addresses of the named headers, in order."""
    wanted = {name.lower() for name in names}
    values = [value for key, value in headers if key.lower() in wanted]
    return [address for _, address in getaddresses(values) if address]


def default_recipients(headers: list[tuple[str, str]]) -> list[str]:
    return addresses(headers, "To", "Cc")


def default_sender(headers: list[tuple[str, str]]) -> str:
    """The Return-Path address, else the From address."""
    for name in ("Return-Path", "From"):
        found = addresses(headers, name)
        if found:
            return found[0]
    return ""


@dataclass
class Arrival:
    """One mail on its way through the active rule set."""

    region: str
    message_id: str
    timestamp: datetime
    sender: str
    recipients: list[str]
    source_ip: str
    helo: str
    tls: bool
    verdicts: Verdicts
    original: list[Header]
    head: bytes = field(repr=False)
    body: bytes = field(repr=False)
    ses: list[Header] = field(default_factory=list)
    added: list[tuple[str, str]] = field(default_factory=list)
    processing_millis: int = 0

    def headers(self) -> list[tuple[str, str]]:
        """Every header in order, each on one line (as SES's JSON lists them)."""
        stamped = [(name, value) for name, value, _ in (*self.ses, *self.original)]
        return [*stamped, *self.added]

    def raw(self) -> bytes:
        """The mail as SES stores it (S3 objects, SNS content)."""
        ses = "".join(f"{text}\r\n" for _, _, text in self.ses).encode("utf-8")
        added = "".join(f"{name}: {value}\r\n" for name, value in self.added).encode("utf-8")
        head = self.head + b"\r\n" if self.head else b""
        return ses + head + added + b"\r\n" + self.body
