"""Email feedback forwarding: the bounce or complaint SES mails to the sender.

SES forwards bounces and complaints by email when the sending identity has
feedback forwarding on (the default), and also when no other way of learning
about them is set up, whatever the setting. The mail goes to the Return-Path
(or, without one, the Source). Its exact wording is not documented; this module
builds a plain DSN-style report carrying the facts an application needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from functools import cached_property
from typing import Any

from ..records import SentMessage
from ..text import replaced

BOUNCE_SENDER = "MAILER-DAEMON@amazonses.com"
COMPLAINT_SENDER = "complaints@email-abuse.amazonses.com"
BOUNCE_SUBJECT = "Delivery Status Notification (Failure)"
COMPLAINT_SUBJECT = "Complaint Notification"


@dataclass(frozen=True)
class FeedbackEmail:
    """A bounce or complaint that SES forwarded to the sender by email.

    ``to`` is the address it went to, ``kind`` is "Bounce" or "Complaint",
    ``message_id`` the SES id of the message it is about, ``recipients`` the
    addresses that bounced or complained, ``headers`` and ``text`` the mail's
    headers and body; ``raw`` (the whole MIME message) is written when read.
    """

    to: str
    kind: str
    message_id: str
    recipients: tuple[str, ...]
    timestamp: datetime
    headers: tuple[tuple[str, str], ...]
    text: str

    @cached_property
    def raw(self) -> bytes:
        email = EmailMessage(policy=SMTP)
        for name, value in self.headers:
            email[name] = replaced(value)  # an undecodable byte of the original as U+FFFD
        text = replaced(self.text)
        email.set_content(text, cte="7bit" if text.isascii() else "8bit")
        return email.as_bytes()

    @cached_property
    def message(self) -> EmailMessage:
        """``raw`` parsed with the standard library."""
        from email import message_from_bytes
        from email.policy import default

        parsed = message_from_bytes(self.raw, policy=default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    @property
    def subject(self) -> str:
        return next(value for name, value in self.headers if name == "Subject")


def feedback_address(message: SentMessage) -> str:
    """Where SES forwards feedback about ``message``: the Return-Path (the API's
    ReturnPath or v2's FeedbackForwardingEmailAddress), else the Source; a raw
    message sent without Source uses its Return-Path header, else its From."""
    if message.return_path:
        return _bare(message.return_path)
    if message.operation == "SendRawEmail":
        header = message.header("Return-Path")
        from_header = message.header("From")
        if header and (from_header is None or message.source == from_header):
            return _bare(header)
    return _bare(message.source)


def _bare(address: str) -> str:
    return parseaddr(address)[1] or address.strip()


def _host(region: str) -> str:
    return "email.amazonses.com" if region == "us-east-1" else f"{region}.amazonses.com"


def build_feedback_email(
    *,
    kind: str,
    to: str,
    message: SentMessage,
    detail: dict[str, Any],
    recipients: list[str],
    at: datetime,
    region: str,
) -> FeedbackEmail:
    """The forwarded report for one Bounce or Complaint event (its MIME is written
    only when read: most tests never look at it)."""
    bounce = kind == "Bounce"
    headers = (
        ("From", BOUNCE_SENDER if bounce else COMPLAINT_SENDER),
        ("To", to),
        ("Subject", BOUNCE_SUBJECT if bounce else COMPLAINT_SUBJECT),
        ("Date", format_datetime(at)),
        ("Message-ID", f"<{detail.get('feedbackId', message.message_id)}@{_host(region)}>"),
    )
    original = f"<{message.message_id}@{_host(region)}>"
    text = (
        _bounce_text(detail, recipients, message, original)
        if bounce
        else _complaint_text(detail, recipients, message, original)
    )
    return FeedbackEmail(
        to=to,
        kind=kind,
        message_id=message.message_id,
        recipients=tuple(recipients),
        timestamp=at,
        headers=headers,
        text=text,
    )


def _bounce_text(
    detail: dict[str, Any], recipients: list[str], message: SentMessage, original: str
) -> str:
    lines = [
        "An error occurred while trying to deliver the mail to the following recipients:",
        *recipients,
        "",
        f"Reporting-MTA: {detail.get('reportingMTA', 'dns; amazonses.com')}",
        f"Original-Message-ID: {original}",
        f"Bounce-Type: {detail.get('bounceType', '')}",
        f"Bounce-Sub-Type: {detail.get('bounceSubType', '')}",
    ]
    if message.subject is not None:
        lines.append(f"Original-Subject: {message.subject}")
    for entry in detail.get("bouncedRecipients", ()):
        lines.extend(["", f"Final-Recipient: rfc822; {entry.get('emailAddress', '')}"])
        for field, key in (
            ("Action", "action"),
            ("Status", "status"),
            ("Diagnostic-Code", "diagnosticCode"),
        ):
            if key in entry:
                lines.append(f"{field}: {entry[key]}")
    return "\n".join(lines) + "\n"


def _complaint_text(
    detail: dict[str, Any], recipients: list[str], message: SentMessage, original: str
) -> str:
    lines = [
        "A recipient marked the following message as spam:",
        *recipients,
        "",
        f"Feedback-Type: {detail.get('complaintFeedbackType') or 'abuse'}",
        f"User-Agent: {detail.get('userAgent') or 'Amazon SES'}",
        f"Original-Message-ID: {original}",
    ]
    if message.subject is not None:
        lines.append(f"Original-Subject: {message.subject}")
    if detail.get("arrivalDate"):
        lines.append(f"Arrival-Date: {detail['arrivalDate']}")
    lines.extend(f"Original-Rcpt-To: {address}" for address in recipients)
    return "\n".join(lines) + "\n"
