"""Mail that comes back by itself: what SES and the mailbox simulator send to the
account's own addresses arrives through receiving when the active rule set takes it.

- The auto-response of ``ooto@simulator.amazonses.com`` (RFC 3834) goes to the sent
  mail's Return-Path, else its sender, a second after the Transient bounce that
  reports it (and after that bounce's forwarded copy, when feedback forwarding is on).
- Bounces and complaints forwarded by email (feedback forwarding, see
  ``publishing/feedback_email``) go to the same address, when SES forwards them.
- Mail SES sends by itself (a Bounce action's bounce message; other SES-made mail
  handed to ``inbound.send_ses_mail`` or ``inbound.offer``, such as SendBounce's) goes
  to its recipients.

Each arrives at its simulated time: right away for what happens during a send, when the
clock reaches it for what happens later. It is received only when the recipient's
Region receives email, its domain is verified there and an enabled rule of the active
rule set takes it; otherwise it leaves for the outside world (nothing is recorded).
Mail that arrives while another mail is being received waits until that one is done.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import format_datetime, parseaddr
from typing import TYPE_CHECKING

from ..mail.mime import encode_header_value
from ..outcomes.scripts import Outcome
from ..publishing.feedback_email import FeedbackEmail, feedback_address
from .inbound import offer

if TYPE_CHECKING:
    from ..publishing.deliveries import Delivery
    from ..records import SentMessage, SesEvent
    from ..service import Engine

AUTO_RESPONSE_DELAY = timedelta(seconds=1)
AUTO_RESPONSE_TEXT = (
    "Thank you for your message. I am out of the office and will reply when I return.\r\n"
)


def after_event(
    engine: Engine, event: SesEvent, message: SentMessage, deliveries: list[Delivery]
) -> None:
    """What one event of a sent message sends back: forwarded feedback, auto-responses."""
    region = event.region
    for delivery in deliveries:
        if isinstance(delivery, FeedbackEmail):
            offer(
                engine,
                raw=delivery.raw,
                recipients=[delivery.to],
                region=region,
                at=delivery.timestamp,
            )
    if event.type != "Bounce":  # the out-of-office reply shows as a Transient bounce
        return
    ooto = Outcome.OOTO.script
    for recipient in event.recipients:
        if engine.router.resolve(parseaddr(recipient)[1] or recipient) is ooto:
            _auto_respond(engine, recipient, message, event.timestamp + AUTO_RESPONSE_DELAY)


def _auto_respond(engine: Engine, mailbox: str, message: SentMessage, at: datetime) -> None:
    to = feedback_address(message)
    original = f"<{message.message_id}@email.amazonses.com>"
    subject = f"Auto: {message.subject}" if message.subject else "Auto: Out of the office"
    lines = [
        f"From: {mailbox}",
        f"To: {to}",
        f"Subject: {encode_header_value(subject)}",
        f"Date: {format_datetime(at.replace(microsecond=0))}",
        f"Message-ID: <{engine.ids.uuid()}@simulator.amazonses.com>",
        f"In-Reply-To: {original}",
        f"References: {original}",
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 7bit",
    ]
    raw = ("\r\n".join(lines) + "\r\n\r\n" + AUTO_RESPONSE_TEXT).encode("utf-8")
    offer(engine, raw=raw, recipients=[to], region=message.region, at=at)
