"""Mail SES itself sends on the account's behalf, such as the bounce message (DSN) of a
receipt rule's Bounce action: how it is written and how it enters the outbox.

``inbound.send_ses_mail`` records one (:func:`record_ses_mail`) and offers it to the
account's own receiving, since it may be addressed to a domain whose receipt rules take
it. SES sends them with an empty envelope sender, so that nothing ever answers them and
no loop can start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import TYPE_CHECKING

from ..mail.mime import MessageContent
from ..records import SentMessage
from .message import crlf

if TYPE_CHECKING:
    from ..service import Engine

DSN_SUBJECT = "Delivery Status Notification (Failure)"


@dataclass(frozen=True)
class BouncedRecipient:
    address: str
    status: str  # "5.1.1"
    diagnostic: str  # "smtp; 550 5.1.1 Mailbox does not exist"


def build_dsn(
    *,
    from_: str,
    to: str,
    explanation: str,
    reporting_mta: str,
    arrived: datetime,
    recipients: Sequence[BouncedRecipient],
    original_headers: bytes,
    message_id: str,
    boundary: str,
    at: datetime,
) -> bytes:
    """A multipart/report delivery status notification (RFC 3464)."""
    report = [f"Reporting-MTA: dns; {reporting_mta}", f"Arrival-Date: {format_datetime(arrived)}"]
    for recipient in recipients:
        report += [
            "",
            f"Final-Recipient: rfc822; {recipient.address}",
            "Action: failed",
            f"Status: {recipient.status}",
            f"Diagnostic-Code: {recipient.diagnostic}",
        ]
    lines = [
        f"From: {from_}",
        f"To: {to}",
        f"Subject: {DSN_SUBJECT}",
        f"Date: {format_datetime(at)}",
        f"Message-ID: <{message_id}>",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"',
        "",
        f"--{boundary}",
        "Content-Type: text/plain; charset=UTF-8",
        f"Content-Transfer-Encoding: {'7bit' if explanation.isascii() else '8bit'}",
        "",
        explanation,
        "",
        f"--{boundary}",
        "Content-Type: message/delivery-status",
        "",
        *report,
        "",
        f"--{boundary}",
        "Content-Type: text/rfc822-headers",
        "",
    ]
    tail = f"\r\n--{boundary}--\r\n"
    head = "\r\n".join(lines) + "\r\n"
    headers = crlf(original_headers).rstrip(b"\r\n")
    return crlf(head.encode("utf-8")) + headers + b"\r\n" + tail.encode()


def record_ses_mail(
    engine: Engine,
    *,
    content: MessageContent,
    source: str,
    destinations: Sequence[str],
    operation: str,
    region: str,
    api: str = "ses",
    at: datetime | None = None,
    message_id: str | None = None,
) -> SentMessage:
    """Record a mail SES sends by itself (a verification mail, a DSN, ...) in the outbox;
    it publishes no events."""
    at = at or engine.clock.now()
    sent = SentMessage(
        region=region,
        message_id=message_id or engine.ids.ses_id(at, region),
        operation=operation,
        api=api,
        timestamp=at,
        source=source,
        from_=content.header_values("From"),
        to=list(destinations),
        cc=[],
        bcc=[],
        destinations=list(destinations),
        reply_to=[],
        return_path=None,
        subject=content.subject,
        text=content.text,
        html=content.html,
        attachments=list(content.attachments),
        headers=list(content.headers),
        tags={},
        configuration_set=None,
        template=None,
        template_data=None,
        _content=content,
    )
    engine.outbox.append(sent)
    return sent
