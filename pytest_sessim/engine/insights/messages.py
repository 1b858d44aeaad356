"""A message's insights (GetMessageInsights): its sender, subject, tags, and for each
recipient the provider and the events, as the VDM shows them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..records import SentMessage, SesEvent
from .record import bare, message_recipients

EVENT_TYPES = {
    "Send": "SEND",
    "Reject": "REJECT",
    "Bounce": "BOUNCE",
    "Complaint": "COMPLAINT",
    "Delivery": "DELIVERY",
    "Open": "OPEN",
    "Click": "CLICK",
    "Rendering Failure": "RENDERING_FAILURE",
    "DeliveryDelay": "DELIVERY_DELAY",
    "Subscription": "SUBSCRIPTION",
}


def _details(event: SesEvent) -> dict[str, Any] | None:
    detail = event.detail
    if event.type == "Bounce":
        bounce = {
            "BounceType": str(detail.get("bounceType", "")).upper(),
            "BounceSubType": detail.get("bounceSubType"),
        }
        codes = [r.get("diagnosticCode") for r in detail.get("bouncedRecipients", ())]
        if any(codes):
            bounce["DiagnosticCode"] = next(code for code in codes if code)
        return {"Bounce": bounce}
    if event.type == "Complaint":
        complaint = {}
        if detail.get("complaintSubType") is not None:
            complaint["ComplaintSubType"] = detail["complaintSubType"]
        if detail.get("complaintFeedbackType") is not None:
            complaint["ComplaintFeedbackType"] = detail["complaintFeedbackType"]
        return {"Complaint": complaint}
    return None


def _event(event: SesEvent) -> dict[str, Any]:
    shown: dict[str, Any] = {"Timestamp": event.timestamp, "Type": EVENT_TYPES[event.type]}
    details = _details(event)
    if details is not None:
        shown["Details"] = details
    return shown


def email_tags(events: Sequence[SesEvent]) -> list[dict[str, str]]:
    """The message's tags and SES's auto-tags, one pair per value."""
    send = next((event for event in events if event.type == "Send"), None)
    if send is None:
        return []
    tags = send.record["mail"].get("tags", {})
    return [{"Name": name, "Value": value} for name, values in tags.items() for value in values]


def insights(message: SentMessage, events: Sequence[SesEvent]) -> dict[str, Any]:
    mine = [event for event in events if event.message_id == message.message_id]
    result: dict[str, Any] = {"MessageId": message.message_id}
    sender = message.from_[0] if message.from_ else message.source
    if sender:
        result["FromEmailAddress"] = bare(sender)
    if message.subject is not None:
        result["Subject"] = message.subject
    result["EmailTags"] = email_tags(mine)
    result["Insights"] = [
        {
            "Destination": recipient.address,
            "Isp": recipient.isp,
            "Events": [_event(event) for event in recipient.events],
        }
        for recipient in message_recipients(message, mine)
    ]
    return result
