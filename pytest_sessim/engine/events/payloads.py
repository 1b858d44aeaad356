"""Builders for SES's two JSON forms of an event, from the facts of one message.

Every call builds fresh dicts: no payload template is shared or mutated. Key order
follows the 2022 captures (identity notifications) and SES's event examples.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from ..clock import iso_millis
from ..jsonfmt import copy_json
from ..mail.mime import decode_header_value

HEADERS_LIMIT = 10 * 1024  # SES truncates the headers it reports at 10 KB


@dataclass(frozen=True)
class MailFacts:
    """What SES's ``mail`` object says about one accepted message."""

    timestamp: datetime
    message_id: str
    source: str
    source_arn: str
    source_ip: str
    caller_identity: str
    account_id: str
    destination: list[str]
    headers: list[tuple[str, str]]
    tags: Mapping[str, list[str]]
    region: str
    # a templated send's headers before rendering: what its Send record shows
    send_headers: list[tuple[str, str]] | None = None


def listed_headers(headers: list[tuple[str, str]]) -> tuple[bool, list[dict[str, str]]]:
    """``(truncated, [{name, value}, ...])``: the headers as SES lists them in ``mail.headers``
    of sending events and receiving notifications alike, cut off at 10 KB."""
    size = 0
    shown: list[dict[str, str]] = []
    for name, value in headers:
        size += len(name) + len(value) + 4
        if size > HEADERS_LIMIT:
            return True, shown
        shown.append({"name": name, "value": value})
    return False, shown


_COMMON = (
    ("from", "From", True),
    ("date", "Date", False),
    ("replyTo", "Reply-To", True),
    ("to", "To", True),
    ("cc", "Cc", True),
    ("bcc", "Bcc", True),
    ("messageId", "Message-ID", False),
    ("subject", "Subject", False),
)


def _split_addresses(value: str) -> list[str]:
    """Split an address header on commas outside quotes and angle brackets."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    depth = 0
    for char in value:
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "<":
            depth += 1
        elif not quoted and char == ">":
            depth = max(0, depth - 1)
        if char == "," and not quoted and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return [part for part in parts if part]


def common_headers(facts: MailFacts, *, event_form: bool) -> dict[str, Any]:
    """``commonHeaders``: in event records ``messageId`` is SES's id, in
    notifications it is the client's Message-ID (absent when the client set none)."""
    first: dict[str, str] = {}
    for name, value in facts.headers:
        first.setdefault(name.lower(), value)
    common: dict[str, Any] = {}
    for key, header, is_list in _COMMON:
        if key == "messageId":
            if event_form:
                common[key] = facts.message_id
            elif "message-id" in first:
                common[key] = first["message-id"]
            continue
        found = first.get(header.lower())
        if found is None:
            continue
        common[key] = _split_addresses(found) if is_list else decode_header_value(found)
    return common


def mail_notification(facts: MailFacts) -> dict[str, Any]:
    truncated, headers = listed_headers(facts.headers)
    return {
        "timestamp": iso_millis(facts.timestamp),
        "source": facts.source,
        "sourceArn": facts.source_arn,
        "sourceIp": facts.source_ip,
        "callerIdentity": facts.caller_identity,
        "sendingAccountId": facts.account_id,
        "messageId": facts.message_id,
        "destination": list(facts.destination),
        "headersTruncated": truncated,
        "headers": headers,
        "commonHeaders": common_headers(facts, event_form=False),
    }


def mail_record(
    facts: MailFacts, *, extra_tags: Mapping[str, list[str]] | None = None
) -> dict[str, Any]:
    truncated, headers = listed_headers(facts.headers)
    tags = {key: list(values) for key, values in facts.tags.items()}
    if extra_tags:
        # SES adds per-event auto-tags (e.g. ses:outgoing-ip) after the caller tags
        custom = {k: v for k, v in tags.items() if not k.startswith("ses:")}
        tags = {k: v for k, v in tags.items() if k.startswith("ses:")}
        tags.update({key: list(values) for key, values in extra_tags.items()})
        tags.update(custom)
    return {
        "timestamp": iso_millis(facts.timestamp),
        "source": facts.source,
        "sourceArn": facts.source_arn,
        "sendingAccountId": facts.account_id,
        "messageId": facts.message_id,
        "destination": list(facts.destination),
        "headersTruncated": truncated,
        "headers": headers,
        "commonHeaders": common_headers(facts, event_form=True),
        "tags": tags,
    }


def mail_record_without_headers(facts: MailFacts) -> dict[str, Any]:
    """The ``mail`` of a Rendering Failure record: the message was never built."""
    return {
        "timestamp": iso_millis(facts.timestamp),
        "source": facts.source,
        "sourceArn": facts.source_arn,
        "sendingAccountId": facts.account_id,
        "messageId": facts.message_id,
        "destination": list(facts.destination),
        "headersTruncated": False,
        "tags": {key: list(values) for key, values in facts.tags.items()},
    }


def delivery_detail(
    at: datetime,
    processing_ms: int,
    recipients: list[str],
    smtp_response: str,
    remote_mta_ip: str,
    reporting_mta: str,
) -> dict[str, Any]:
    return {
        "timestamp": iso_millis(at),
        "processingTimeMillis": processing_ms,
        "recipients": list(recipients),
        "smtpResponse": smtp_response,
        "remoteMtaIp": remote_mta_ip,
        "reportingMTA": reporting_mta,
    }


def bounce_detail(
    *,
    feedback_id: str,
    bounce_type: str,
    subtype: str,
    recipients: list[dict[str, str]],
    at: datetime,
    remote_mta_ip: str | None,
    reporting_mta: str | None,
) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "feedbackId": feedback_id,
        "bounceType": bounce_type,
        "bounceSubType": subtype,
        "bouncedRecipients": recipients,
        "timestamp": iso_millis(at),
    }
    if remote_mta_ip is not None:
        detail["remoteMtaIp"] = remote_mta_ip
    if reporting_mta is not None:
        detail["reportingMTA"] = reporting_mta
    return detail


def complaint_detail(
    *,
    feedback_id: str,
    subtype: str | None,
    recipients: list[str],
    at: datetime,
    user_agent: str | None,
    feedback_type: str | None,
    arrival: datetime | None,
) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "feedbackId": feedback_id,
        "complaintSubType": subtype,
        "complainedRecipients": [{"emailAddress": address} for address in recipients],
        "timestamp": iso_millis(at),
    }
    if user_agent is not None:
        detail["userAgent"] = user_agent
    if feedback_type is not None:
        detail["complaintFeedbackType"] = feedback_type
    if arrival is not None:
        detail["arrivalDate"] = iso_millis(arrival)
    return detail


# eventType -> (object key, whether the object precedes ``mail``, notificationType or None)
EVENT_SHAPES: dict[str, tuple[str, bool, str | None]] = {
    "Send": ("send", False, None),
    "Delivery": ("delivery", False, "Delivery"),
    "Bounce": ("bounce", True, "Bounce"),
    "Complaint": ("complaint", True, "Complaint"),
    "Reject": ("reject", False, None),
    "Rendering Failure": ("failure", False, None),
    "DeliveryDelay": ("deliveryDelay", False, None),
    "Open": ("open", False, None),
    "Click": ("click", False, None),
    "Subscription": ("subscription", False, None),
}


def assemble(
    type_key: str, type_value: str, mail: dict[str, Any], key: str, detail: Any, first: bool
) -> dict[str, Any]:
    if first:
        return {type_key: type_value, key: copy_json(detail), "mail": mail}
    return {type_key: type_value, "mail": mail, key: copy_json(detail)}


def build_record(
    event_type: str,
    facts: MailFacts,
    detail: Mapping[str, Any],
    extra_tags: Mapping[str, list[str]] | None = None,
) -> dict[str, Any]:
    key, first, _ = EVENT_SHAPES[event_type]
    if event_type == "Rendering Failure":
        mail = mail_record_without_headers(facts)
    elif event_type == "Send" and facts.send_headers is not None:
        # SES records a templated send before rendering it: the template's headers only,
        # and no sourceArn (as recorded from AWS)
        mail = mail_record(replace(facts, headers=facts.send_headers), extra_tags=extra_tags)
        del mail["sourceArn"]
    else:
        mail = mail_record(facts, extra_tags=extra_tags)
    return assemble("eventType", event_type, mail, key, detail, first)


def build_notification(
    event_type: str, facts: MailFacts, detail: Mapping[str, Any]
) -> dict[str, Any] | None:
    key, first, notification_type = EVENT_SHAPES[event_type]
    if notification_type is None:
        return None
    mail = mail_notification(facts)
    return assemble("notificationType", notification_type, mail, key, detail, first)


DEFAULT_USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)


def delay_detail(
    step: Any, recipients: list[str], at: datetime, expires: datetime, reporting_mta: str
) -> dict[str, Any]:
    """``deliveryDelay``, in the documented key order."""
    return {
        "timestamp": iso_millis(at),
        "delayType": step.delay_type,
        "expirationTime": iso_millis(expires),
        "delayedRecipients": [
            {"emailAddress": address, "status": step.status, "diagnosticCode": step.diagnostic}
            for address in recipients
        ],
        "reportingMTA": reporting_mta,
    }


def engagement_detail(
    step: Any, at: datetime, ip_address: str, user_agent: str | None = None
) -> dict[str, Any]:
    """``open`` or ``click``: who, when, and for a click which link."""
    detail: dict[str, Any] = {
        "ipAddress": ip_address,
        "timestamp": iso_millis(at),
        "userAgent": user_agent or step.user_agent or DEFAULT_USER_AGENT,
    }
    if hasattr(step, "link"):
        detail["link"] = step.link
        detail["linkTags"] = {key: list(values) for key, values in step.link_tags.items()}
    return detail
