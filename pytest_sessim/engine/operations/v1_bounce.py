"""SES v1 SendBounce: a bounce message (RFC 3464) for a mail SES received in the last
24 hours, sent from the (verified) BounceSender to the mail's sender; it is in the
outbox (operation ``SendBounce``) and, like all mail SES sends by itself, offered to the
account's own receiving."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..errors import ErrorKind, SesError, invalid_parameter
from ..identities.checks import enum
from ..mail.addresses import parse_mailbox
from ..mail.dsn import RecipientStatus, build_report, delivery_status
from ..receiving.inbound import send_ses_mail
from ..receiving.records import ReceivedMail
from ..sending.verification import Sender, check_verified
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "ses"
BOUNCE_WINDOW = timedelta(hours=24)
# BounceType -> (Action, Status, Diagnostic-Code)
BOUNCE_TYPES = {
    "DoesNotExist": ("failed", "5.1.1", "smtp; 550 5.1.1 user unknown"),
    "MessageTooLarge": ("failed", "5.3.4", "smtp; 552 5.3.4 Message too long"),
    "ExceededQuota": ("failed", "5.2.2", "smtp; 552 5.2.2 Mailbox full"),
    "ContentRejected": ("failed", "5.3.0", "smtp; 550 5.3.0 Message rejected"),
    "Undefined": ("failed", "5.0.0", "smtp; 550 5.0.0 Undefined error"),
    "TemporaryFailure": ("delayed", "4.0.0", "smtp; 450 4.0.0 Temporary failure"),
}
DSN_ACTIONS = ("failed", "delayed", "delivered", "relayed", "expanded")


def _extensions(fields: Sequence[Mapping[str, str]] | None) -> list[tuple[str, str]]:
    return [(item.get("Name", ""), item.get("Value", "")) for item in fields or ()]


def _recipient(info: Mapping[str, Any]) -> RecipientStatus:
    recipient = info.get("Recipient", "")
    parse_mailbox(recipient)
    fields = info.get("RecipientDsnFields")
    bounce_type = info.get("BounceType")
    if fields is None and bounce_type is None:
        raise invalid_parameter(
            f"Either BounceType or RecipientDsnFields must be given for recipient {recipient}."
        )
    action, status, diagnostic = BOUNCE_TYPES[
        enum(bounce_type, tuple(BOUNCE_TYPES), "bounceType") if bounce_type else "Undefined"
    ]
    if fields is None:
        return RecipientStatus(recipient, action, status, diagnostic)
    return RecipientStatus(
        final_recipient=fields.get("FinalRecipient") or recipient,
        action=enum(fields.get("Action"), DSN_ACTIONS, "action"),
        status=fields.get("Status", status),
        diagnostic=fields.get("DiagnosticCode") or (diagnostic if bounce_type else None),
        remote_mta=fields.get("RemoteMta"),
        last_attempt=fields.get("LastAttemptDate"),
        extensions=_extensions(fields.get("ExtensionFields")),
    )


def _received(engine: Engine, message_id: str) -> ReceivedMail | None:
    """The mail SES received (and accepted) with this id in the request's Region in the
    last 24 hours, or None."""
    now = engine.clock.now()
    for mail in engine.received:
        found = mail.accepted and mail.message_id == message_id
        if found and mail.region == engine.account.region:
            return mail if now - mail.timestamp <= BOUNCE_WINDOW else None
    return None


def _explanation(recipients: Sequence[RecipientStatus]) -> str:
    listed = "\n".join(recipient.final_recipient for recipient in recipients)
    return (
        "An error occurred while trying to deliver the mail to the following recipients:\n" + listed
    )


@operation(API, "SendBounce")
def send_bounce(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Sends the bounce message of a mail SES received (in the outbox, operation SendBounce)."""
    infos = params.get("BouncedRecipientInfoList") or []
    if not infos:
        raise invalid_parameter("BouncedRecipientInfoList must contain at least one recipient.")
    recipients = [_recipient(info) for info in infos]
    sender = parse_mailbox(params.get("BounceSender", ""))
    check_verified(engine.account, [Sender(sender, params.get("BounceSenderArn"))], [])
    message_id = params.get("OriginalMessageId", "")
    original = _received(engine, message_id)
    if original is None:
        raise SesError(
            ErrorKind.MESSAGE_REJECTED,
            f"Message {message_id} was not received by Amazon SES in the last 24 hours.",
        )
    dsn = params.get("MessageDsn") or {}
    region = engine.account.region
    arrival: datetime = dsn.get("ArrivalDate") or original.timestamp
    status = delivery_status(
        dsn.get("ReportingMta") or f"dns; inbound-smtp.{region}.amazonaws.com",
        arrival,
        recipients,
        _extensions(dsn.get("ExtensionFields")),
    )
    raw_original: bytes = original.raw or b""
    raw = build_report(
        from_=sender.display,
        to=original.sender,
        explanation=params.get("Explanation") or _explanation(recipients),
        status=status,
        original_headers=raw_original.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0],
        boundary=engine.boundary(),
        at=engine.clock.now(),
    )
    sent = send_ses_mail(
        engine,
        raw=raw,
        source=sender.address,
        destinations=[original.sender],
        operation="SendBounce",
        region=region,
    )
    return {"MessageId": sent.message_id}
