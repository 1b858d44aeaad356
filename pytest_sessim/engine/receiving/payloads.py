"""The JSON SES builds for a received mail: the ``mail`` and ``receipt`` objects, the SNS
notification ("email receiving notification contents") and the Lambda event.

Key order follows received notifications and the developer guide's 2019 examples:
``notificationType``, ``mail``, ``receipt``, then ``content`` for an SNS action;
``dmarcPolicy`` follows ``action`` and appears only when DMARC fails.
"""

from __future__ import annotations

import base64
from email.utils import getaddresses
from typing import Any

from ..clock import iso_millis
from ..events.payloads import listed_headers
from ..mail.mime import decode_header_value
from .message import Arrival, addresses, first
from .verdicts import DISABLED

RECEIPT_SUBJECT = "Amazon SES Email Receipt Notification"
_SPECIALS = '()<>@,;:\\".[]'
# commonHeaders: key, header, how the value is shown
_COMMON = (
    ("returnPath", "Return-Path", "address"),
    ("from", "From", "list"),
    ("sender", "Sender", "address"),
    ("replyTo", "Reply-To", "list"),
    ("date", "Date", "text"),
    ("to", "To", "list"),
    ("cc", "Cc", "list"),
    ("bcc", "Bcc", "list"),
    ("messageId", "Message-ID", "text"),
    ("subject", "Subject", "decoded"),
)


def _rendered(name: str, address: str) -> str:
    """An address as SES shows it: the name decoded, quoted when it needs to be."""
    name = decode_header_value(name)
    if not name:
        return address
    if '"' in name or "\\" in name:
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    elif any(char in _SPECIALS for char in name):
        name = f'"{name}"'
    return f"{name} <{address}>"


def common_headers(headers: list[tuple[str, str]]) -> dict[str, Any]:
    common: dict[str, Any] = {}
    for key, header, shown in _COMMON:
        value = first(headers, header)
        if value is None:
            continue
        if shown == "list":
            common[key] = [_rendered(name, address) for name, address in getaddresses([value])]
        elif shown == "address":
            found = getaddresses([value])
            if found and found[0][1]:
                common[key] = found[0][1]
        else:
            common[key] = decode_header_value(value) if shown == "decoded" else value
    return common


def mail_object(arrival: Arrival) -> dict[str, Any]:
    headers = arrival.headers()
    truncated, listed = listed_headers(headers)
    return {
        "timestamp": iso_millis(arrival.timestamp),
        "source": arrival.sender,
        "messageId": arrival.message_id,
        "destination": addresses(headers, "To", "Cc") or list(arrival.recipients),
        "headersTruncated": truncated,
        "headers": listed,
        "commonHeaders": common_headers(headers),
    }


def receipt_object(
    arrival: Arrival, recipients: list[str], scanned: bool, action: dict[str, Any] | None
) -> dict[str, Any]:
    """The receipt object for one rule's recipients (without ``action`` when None)."""
    verdicts = arrival.verdicts
    receipt: dict[str, Any] = {
        "timestamp": iso_millis(arrival.timestamp),
        "processingTimeMillis": arrival.processing_millis,
        "recipients": list(recipients),
        "spamVerdict": {"status": verdicts.spam if scanned else DISABLED},
        "virusVerdict": {"status": verdicts.virus if scanned else DISABLED},
        "spfVerdict": {"status": verdicts.spf},
        "dkimVerdict": {"status": verdicts.dkim},
        "dmarcVerdict": {"status": verdicts.dmarc},
    }
    if action is not None:
        receipt["action"] = action
    if verdicts.dmarc == "FAIL":
        receipt["dmarcPolicy"] = verdicts.dmarc_policy
    return receipt


def notification(
    mail: dict[str, Any], receipt: dict[str, Any], content: str | None = None
) -> dict[str, Any]:
    """What SES publishes to a topic; ``content`` only for an SNS action."""
    body: dict[str, Any] = {"notificationType": "Received", "mail": mail, "receipt": receipt}
    if content is not None:
        body["content"] = content
    return body


def sns_content(raw: bytes, encoding: str) -> str:
    """The mail in an SNS action's notification: as text (UTF-8) or Base64."""
    if encoding == "Base64":
        return base64.b64encode(raw).decode("ascii")
    return raw.decode("utf-8", errors="replace")


def lambda_event(mail: dict[str, Any], receipt: dict[str, Any]) -> dict[str, Any]:
    """The event a Lambda action hands its function."""
    return {
        "Records": [
            {
                "eventSource": "aws:ses",
                "eventVersion": "1.0",
                "ses": {"mail": mail, "receipt": receipt},
            }
        ]
    }
