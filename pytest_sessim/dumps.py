"""Write what a simulator captured to files you can open: ``.eml`` messages and JSON.

The plugin's ``--sessim-dump=DIR`` calls :func:`write_dump` once per test, into a
folder named by :func:`safe_name` from the test's node id. Outside pytest::

    with SesSim() as sim:
        ...
    write_dump(sim, Path("dump/my-run"))

A folder holds:

- ``NNN-<message id>.eml``: each accepted message as the recipient gets it, with
  the ``Message-ID`` and ``Date`` SES sets (they replace the client's);
- ``events.json``: every event in order, each with both JSON forms, ``record``
  (event publishing) and ``notification`` (identity notification, or null);
- ``notifications.json``: every SNS publication (topic, envelope, parsed body,
  delivery attempts), when the simulator published any;
- ``feedback-NNN-<kind>.eml``: bounces and complaints SES forwarded by email;
- ``test.json``: what the folder holds and where it came from.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
import shutil
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from .engine.records import SentMessage, SesEvent

MANIFEST = "test.json"
NAME_LIMIT = 80
_HASH_LENGTH = 8
_UNSAFE = re.compile(r"[^A-Za-z0-9._\-\[\]+=]+")
# names Windows refuses as a file or folder name, with any extension
_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789"]
)
_OVERRIDDEN = (b"message-id", b"date")


def safe_name(node_id: str, limit: int = NAME_LIMIT) -> str:
    """A folder name for a test, valid on Linux, macOS and Windows file systems.

    Readable (``/`` and ``\\`` become ``_``, ``::`` becomes ``--``, anything else
    outside letters, digits and ``._-[]+=`` becomes ``_``), at most ``limit``
    characters, and ending in ``-`` plus 8 hex digits of the exact node id's hash,
    so that ids differing only in case, or cut at the same length, never share a
    folder, even on case-insensitive file systems.
    """
    digest = hashlib.sha256(node_id.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_LENGTH]
    readable = node_id.replace("::", "--").replace("/", "_").replace("\\", "_")
    readable = _UNSAFE.sub("_", readable)
    readable = readable[: max(limit - _HASH_LENGTH - 1, 1)].strip(". -") or "test"
    if readable.split(".")[0].upper() in _WINDOWS_RESERVED:
        readable = f"_{readable}"[: max(limit - _HASH_LENGTH - 1, 1)]
    return f"{readable}-{digest}"


def ses_message_id(message_id: str, region: str) -> str:
    """The ``Message-ID`` SES gives delivered mail: ``<id@email.amazonses.com>`` in
    us-east-1, ``<id@REGION.amazonses.com>`` elsewhere."""
    host = "email.amazonses.com" if region == "us-east-1" else f"{region}.amazonses.com"
    return f"<{message_id}@{host}>"


def eml(message: SentMessage, region: str) -> bytes:
    """The message as delivered: ``raw`` with SES's ``Message-ID`` and ``Date`` in
    place of the client's. A templated message that failed to render has no MIME;
    its file then carries the envelope and says so."""
    raw = message.raw or _unrendered(message)
    crlf = raw.find(b"\r\n\r\n")
    lf = raw.find(b"\n\n")
    if crlf != -1 and (lf == -1 or crlf < lf):
        newline, end = b"\r\n", crlf
    elif lf != -1:
        newline, end = b"\n", lf
    else:
        newline = b"\r\n" if b"\r\n" in raw else b"\n"
        end = len(raw) - len(newline) if raw.endswith(newline) else len(raw)
    kept: list[bytes] = []
    dropping = False
    for line in raw[:end].split(newline) if end else []:
        if line[:1] in (b" ", b"\t"):
            if not dropping:
                kept.append(line)
            continue
        dropping = line.split(b":", 1)[0].strip().lower() in _OVERRIDDEN
        if not dropping:
            kept.append(line)
    at = (
        message.timestamp
        if message.timestamp.tzinfo
        else message.timestamp.replace(tzinfo=timezone.utc)
    )
    added = [
        f"Message-ID: {ses_message_id(message.message_id, region)}".encode(),
        f"Date: {format_datetime(at)}".encode(),
    ]
    body = raw[end + 2 * len(newline) :] if end < len(raw) else b""
    return newline.join(added + kept) + newline + newline + body


def _unrendered(message: SentMessage) -> bytes:
    mail = EmailMessage(policy=SMTP)
    mail["From"] = ", ".join(message.from_) or message.source
    if message.to:
        mail["To"] = ", ".join(message.to)
    if message.cc:
        mail["Cc"] = ", ".join(message.cc)
    mail["Subject"] = f"(template {message.template!r} not rendered)"
    mail.set_content(
        "SES accepted this message but could not render its template, so it was\n"
        "not delivered; events.json holds the Rendering Failure event and why.\n"
    )
    return mail.as_bytes()


def event_json(event: SesEvent) -> dict[str, Any]:
    """One event with both of its JSON forms."""
    return {
        "type": event.type,
        "messageId": event.message_id,
        "recipients": list(event.recipients),
        "timestamp": event.timestamp,
        "record": event.record,
        "notification": event.notification,
    }


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, Sequence | set | frozenset):
        return list(value)
    return repr(value)


def _dump_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, indent=2, default=_plain) + "\n", encoding="utf-8")


def planned_files(sim: Any) -> list[str]:
    """The names :func:`write_dump` gives the files for what ``sim`` holds now."""
    names = [f"{index:03d}-{m.message_id}.eml" for index, m in enumerate(sim.outbox, 1)]
    names.append("events.json")
    if getattr(sim, "notifications", None):
        names.append("notifications.json")
    names += [
        f"feedback-{index:03d}-{mail.kind.lower()}.eml"
        for index, mail in enumerate(getattr(sim, "feedback_emails", None) or [], 1)
    ]
    return names


def write_dump(sim: Any, folder: Path, about: Mapping[str, Any] | None = None) -> list[Path]:
    """Write ``sim``'s messages, events and notifications into ``folder`` (replacing an
    earlier dump there); ``about`` goes into the manifest. Returns the files written."""
    if (folder / MANIFEST).is_file():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    names = iter(planned_files(sim))
    written: list[Path] = []
    messages = []
    for message in sim.outbox:
        path = folder / next(names)
        path.write_bytes(eml(message, sim.region))
        written.append(path)
        messages.append(
            {
                "file": path.name,
                "messageId": message.message_id,
                "timestamp": message.timestamp,
                "source": message.source,
                "destinations": message.destinations,
                "subject": message.subject,
            }
        )
    path = folder / next(names)
    _dump_json(path, [event_json(event) for event in sim.events])
    written.append(path)
    notifications = getattr(sim, "notifications", None)
    if notifications:
        path = folder / next(names)
        _dump_json(path, [_plain(item) for item in notifications])
        written.append(path)
    for mail in getattr(sim, "feedback_emails", None) or []:
        path = folder / next(names)
        path.write_bytes(mail.raw)
        written.append(path)
    manifest = {
        **(about or {}),
        "seed": sim.seed,
        "region": sim.region,
        "clock": sim.clock.now(),
        "messages": messages,
        "files": [item.name for item in written],
    }
    _dump_json(folder / MANIFEST, manifest)
    return [*written, folder / MANIFEST]
