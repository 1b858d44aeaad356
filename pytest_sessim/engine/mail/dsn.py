"""Delivery status notifications (RFC 3464): the bounce message SES writes for
SendBounce, a multipart/report with a human-readable part, the delivery status and the
original message's headers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime

SUBJECT = "Delivery Status Notification (Failure)"


@dataclass(frozen=True)
class RecipientStatus:
    final_recipient: str
    action: str
    status: str
    diagnostic: str | None = None
    remote_mta: str | None = None
    last_attempt: datetime | None = None
    extensions: Sequence[tuple[str, str]] = field(default_factory=tuple)


def _extension_lines(extensions: Sequence[tuple[str, str]]) -> list[str]:
    return [f"{name}: {value}" for name, value in extensions]


def delivery_status(
    reporting_mta: str,
    arrival: datetime,
    recipients: Sequence[RecipientStatus],
    extensions: Sequence[tuple[str, str]] = (),
) -> str:
    """The ``message/delivery-status`` part: per-message fields, then each recipient's."""
    lines = [f"Reporting-MTA: {reporting_mta}", f"Arrival-Date: {format_datetime(arrival)}"]
    lines += _extension_lines(extensions)
    for recipient in recipients:
        lines += ["", f"Final-Recipient: rfc822; {recipient.final_recipient}"]
        lines.append(f"Action: {recipient.action}")
        if recipient.remote_mta:
            lines.append(f"Remote-MTA: {recipient.remote_mta}")
        lines.append(f"Status: {recipient.status}")
        if recipient.diagnostic:
            lines.append(f"Diagnostic-Code: {recipient.diagnostic}")
        if recipient.last_attempt is not None:
            lines.append(f"Last-Attempt-Date: {format_datetime(recipient.last_attempt)}")
        lines += _extension_lines(recipient.extensions)
    return "\r\n".join(lines) + "\r\n"


def build_report(
    *,
    from_: str,
    to: str,
    explanation: str,
    status: str,
    original_headers: bytes,
    boundary: str,
    at: datetime,
) -> bytes:
    """The whole bounce message."""
    head = "\r\n".join(
        [
            f"From: {from_}",
            f"To: {to}",
            f"Subject: {SUBJECT}",
            f"Date: {format_datetime(at)}",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status;",
            f'\tboundary="{boundary}"',
        ]
    )
    parts = [
        "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + explanation.replace("\r\n", "\n").replace("\n", "\r\n"),
        "Content-Type: message/delivery-status\r\n\r\n" + status,
        "Content-Type: text/rfc822-headers\r\n\r\n"
        + original_headers.decode("utf-8", "replace").rstrip("\r\n")
        + "\r\n",
    ]
    body = "".join(f"--{boundary}\r\n{part}\r\n" for part in parts) + f"--{boundary}--\r\n"
    return (head + "\r\n\r\n" + body).encode("utf-8")
