"""Message content: the MIME SES builds for simple sends, and what raw MIME contains.

Simple sends never touch the ``email`` package on the send path: the header list
SES reports is built directly, and the MIME bytes are produced only when read.
"""

from __future__ import annotations

import base64
import codecs
import quopri
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email import policy
from email.header import Header, decode_header, make_header
from email.message import Message
from email.parser import BytesParser
from typing import Any

from ..errors import invalid_parameter
from .attachments import Attachment

_FOLD = re.compile(r"\r?\n[ \t]+")


@dataclass
class Body:
    data: str
    charset: str = "UTF-8"


def body_from(part: Mapping[str, Any] | None) -> Body | None:
    """A Subject, Text or Html ``Content`` parameter ({Data, Charset}); SES refuses a
    charset it does not know ("Unsupported charset 'string'." was seen from SES)."""
    if part is None:
        return None
    charset = part.get("Charset") or "UTF-8"
    if not _known_charset(charset):
        raise invalid_parameter(f"Unsupported charset '{charset}'.")
    return Body(part.get("Data", ""), charset)


_CHARSET_NAME = re.compile(r"[A-Za-z0-9._:+-]+")  # a MIME token: it is written into headers
# Python text codecs that are no charset (on some Pythons they also fail on any input)
_NOT_CHARSETS = frozenset({"idna", "punycode", "undefined"})


def _known_charset(name: str) -> bool:
    if not _CHARSET_NAME.fullmatch(name):
        return False
    try:
        info = codecs.lookup(name)
        # a codec that cannot carry arbitrary text fails here
        "\xe9 ".encode(name, "replace")
        b"\xe9\x80A".decode(name, "replace")
    except (LookupError, ValueError):  # UnicodeError is a ValueError
        return False
    if info.name in _NOT_CHARSETS:
        return False
    return bool(getattr(info, "_is_text_encoding", True))  # not base64, rot13, ...


@dataclass
class MessageContent:
    """A message's headers (as SES lists them) and its parsed parts.

    The MIME bytes of a raw message are kept as given; those of a simple send are
    written only when asked for (``raw()``), from its parts and boundaries.
    """

    headers: list[tuple[str, str]]
    subject: str | None
    text: str | None
    html: str | None
    attachments: list[Attachment]
    source: bytes | None = field(default=None, repr=False)
    parts: list[tuple[str, Body]] = field(default_factory=list, repr=False)
    boundaries: tuple[str, str] = ("", "")

    def raw(self) -> bytes:
        if self.source is not None:
            return self.source
        outer, inner = self.boundaries
        return _render_simple(self.headers, self.parts, self.attachments, outer, inner)

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)

    def header_values(self, name: str) -> list[str]:
        wanted = name.lower()
        return [value for key, value in self.headers if key.lower() == wanted]


def _is_ascii(text: str) -> bool:
    return text.isascii()


# control characters other than tab: a CR or LF written raw would start a new header
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


def encode_header_value(text: str, charset: str = "UTF-8") -> str:
    """An RFC 2047 encoded word when the text is not plain ASCII (or holds a line break or
    another control character), as SES writes it; what the charset cannot carry is "?"."""
    if _is_ascii(text) and _CONTROL.search(text) is None:
        return text
    carried = text.encode(charset, "replace").decode(charset, "replace")
    return Header(carried, charset).encode()


def safe_address_header(addresses: list[str]) -> str:
    """An address header's value from address parameters: a display name holding a line
    break (or another control character) is written as an encoded word, never raw."""
    return ", ".join(_safe_address(text) for text in addresses)


def _safe_address(text: str) -> str:
    if _CONTROL.search(text) is None:
        return text
    name, bracket, rest = text.rpartition("<")
    if not bracket:
        return _CONTROL.sub("", text)  # a bare address: its checks allow no such character
    name = name.strip().strip('"')
    return f"{encode_header_value(name)} <{_CONTROL.sub('', rest)}"


def decode_header_value(value: str) -> str:
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (ValueError, LookupError):
        return value


def java_mail_date(moment: datetime) -> str:
    """A ``Date`` header as JavaMail writes it: ``Sat, 5 Dec 2026 10:14:56 +0000 (UTC)``."""
    utc = moment.astimezone(timezone.utc)
    return utc.strftime("%a, ") + f"{utc.day} " + utc.strftime("%b %Y %H:%M:%S +0000 (UTC)")


def _transfer_encoding(body: Body) -> str:
    if _is_ascii(body.data) and all(len(line) <= 998 for line in body.data.splitlines()):
        return "7bit"
    return "quoted-printable"


def _single_part_type(kind: str, body: Body) -> str:
    return f"text/{kind}; charset={body.charset}"


def build_simple(
    *,
    from_: str | None,
    to: list[str],
    cc: list[str],
    reply_to: list[str],
    subject: Body | None,
    text: Body | None,
    html: Body | None,
    extra_headers: list[tuple[str, str]],
    attachments: list[Attachment],
    boundary: Callable[[], str],
    date: datetime | None = None,
) -> MessageContent:
    """The message SES's SendEmail builds, with its headers in JavaMail's order (a
    ``Date`` first when given: SES dates the messages it renders from templates)."""
    headers: list[tuple[str, str]] = [("Date", java_mail_date(date))] if date else []
    if from_ is not None:
        headers.append(("From", safe_address_header([from_])))
    if reply_to:
        headers.append(("Reply-To", safe_address_header(reply_to)))
    if to:
        headers.append(("To", safe_address_header(to)))
    if cc:
        headers.append(("Cc", safe_address_header(cc)))
    if subject is not None:
        headers.append(("Subject", encode_header_value(subject.data, subject.charset)))
    headers.extend(extra_headers)
    headers.append(("MIME-Version", "1.0"))
    parts = [(kind, body) for kind, body in (("plain", text), ("html", html)) if body is not None]
    outer = boundary() if len(parts) > 1 or attachments else ""
    if attachments:
        headers.append(("Content-Type", f'multipart/mixed;  boundary="{outer}"'))
    elif len(parts) > 1:
        headers.append(("Content-Type", f'multipart/alternative;  boundary="{outer}"'))
    else:
        kind, body = parts[0] if parts else ("plain", Body(""))
        headers.append(("Content-Type", _single_part_type(kind, body)))
        headers.append(("Content-Transfer-Encoding", _transfer_encoding(body)))
    inner = boundary() if attachments and len(parts) > 1 else ""
    return MessageContent(
        headers=headers,
        subject=subject.data if subject is not None else None,
        text=text.data if text is not None else None,
        html=html.data if html is not None else None,
        attachments=attachments,
        parts=parts,
        boundaries=(outer, inner),
    )


def _encoded_body(body: Body) -> tuple[str, str]:
    """(Content-Transfer-Encoding, encoded text) for one text part."""
    encoding = _transfer_encoding(body)
    text = body.data.replace("\r\n", "\n")
    if encoding == "7bit":
        return encoding, text.replace("\n", "\r\n")
    raw = quopri.encodestring(text.encode(body.charset, errors="replace")).decode("ascii")
    return encoding, raw.replace("\n", "\r\n")


def _text_part(kind: str, body: Body) -> str:
    encoding, text = _encoded_body(body)
    return f"{_single_part_type(kind, body)}\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n{text}"


def _parameter(value: str) -> str:
    """A quoted MIME parameter value; non-ASCII text or a control character makes it an
    encoded word, so that a file name can never break out of its header."""
    if not _is_ascii(value) or _CONTROL.search(value) is not None:
        value = encode_header_value(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _attachment_part(attachment: Attachment) -> str:
    disposition = "inline" if attachment.inline else "attachment"
    name = f"; filename={_parameter(attachment.filename)}" if attachment.filename else ""
    lines = [f"{_CONTROL.sub('', attachment.content_type)}{name.replace('filename', 'name')}"]
    lines.append(f"Content-Disposition: {disposition}{name}")
    if attachment.content_id:
        lines.append(f"Content-ID: <{_CONTROL.sub('', attachment.content_id)}>")
    lines.append("Content-Transfer-Encoding: base64")
    encoded = base64.encodebytes(attachment.content).decode("ascii").replace("\n", "\r\n")
    return "\r\n".join(lines) + "\r\n\r\n" + encoded


def _multipart(boundary: str, parts: list[str]) -> str:
    chunks = [f"--{boundary}\r\nContent-Type: {part}\r\n" for part in parts]
    return "".join(chunks) + f"--{boundary}--\r\n"


def _render_simple(
    headers: list[tuple[str, str]],
    parts: list[tuple[str, Body]],
    attachments: list[Attachment],
    outer: str,
    inner: str,
) -> bytes:
    """The MIME text of a simple send; its headers are exactly the reported ones."""
    head = "".join(f"{name}: {value}\r\n" for name, value in headers)
    texts = [_text_part(kind, body) for kind, body in parts]
    if not outer:
        body = texts[0].split("\r\n\r\n", 1)[1] if texts else ""
        return (head + "\r\n" + body).encode("utf-8")
    if attachments:
        if len(texts) > 1:
            alternative = f'multipart/alternative;  boundary="{inner}"\r\n\r\n' + _multipart(
                inner, texts
            )
            texts = [alternative]
        body = _multipart(outer, [*texts, *(_attachment_part(a) for a in attachments)])
    else:
        body = _multipart(outer, texts)
    return (head + "\r\n" + body).encode("utf-8")


def parse_raw(data: bytes, *, allow_empty: bool = False) -> MessageContent:
    """Parse a raw MIME message; malformed input gets SES's InvalidParameterValue texts.
    ``allow_empty``: SES accepts empty data when the request names the sender and the
    recipients itself (the message then has no headers at all)."""
    if not data.strip():
        if allow_empty:
            return MessageContent([], None, None, None, [], source=data)
        raise invalid_parameter("Illegal content.")
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
    except Exception as error:  # the parser is lenient; anything it raises is bad content
        raise invalid_parameter("Illegal content.") from error
    headers = [
        (_text(name), _FOLD.sub(" ", _text(str(value)))) for name, value in message.raw_items()
    ]
    if not headers:
        raise invalid_parameter("Illegal content.")
    _check_singletons(headers)
    text, html, attachments = _walk(message)
    subject = next((v for k, v in headers if k.lower() == "subject"), None)
    return MessageContent(
        headers=headers,
        subject=decode_header_value(subject) if subject is not None else None,
        text=text,
        html=html,
        attachments=attachments,
        source=data,
    )


def _text(raw: str) -> str:
    """A header as text: 8-bit bytes read as UTF-8 (RFC 6532), as SES reads them; bytes
    that are not UTF-8 stay as the parser's surrogate escapes, which the record keeps and
    every view shows escaped (see :mod:`.text`)."""
    if raw.isascii():
        return raw
    try:
        return raw.encode("ascii", "surrogateescape").decode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # already text (not from bytes)
        return raw


_SINGLETONS = ("from", "to", "cc", "subject", "content-type", "message-id", "date", "reply-to")


def _check_singletons(headers: list[tuple[str, str]]) -> None:
    seen: set[str] = set()
    for name, _ in headers:
        lowered = name.lower()
        if lowered in _SINGLETONS and lowered in seen:
            raise invalid_parameter(f"Duplicate header '{name}'.")
        seen.add(lowered)


def _decoded_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    if not _known_charset(charset):
        # as SES answered a part in "cp-850"
        raise invalid_parameter(f"Unsupported encoding {charset}.")
    return payload.decode(charset, errors="replace")


def _walk(message: Message) -> tuple[str | None, str | None, list[Attachment]]:
    text: str | None = None
    html: str | None = None
    attachments: list[Attachment] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        disposition = part.get_content_disposition()
        content_type = part.get_content_type()
        if disposition != "attachment" and content_type == "text/plain" and text is None:
            text = _decoded_text(part)
        elif disposition != "attachment" and content_type == "text/html" and html is None:
            html = _decoded_text(part)
        else:
            payload = part.get_payload(decode=True)
            content_id = part.get("Content-ID")
            attachments.append(
                Attachment(
                    filename=part.get_filename(),
                    content_type=content_type,
                    content=payload if isinstance(payload, bytes) else b"",
                    content_id=content_id.strip("<>") if content_id else None,
                    inline=disposition == "inline",
                )
            )
    return text, html, attachments
