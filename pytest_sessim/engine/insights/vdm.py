"""The Virtual Deliverability Manager's metrics (BatchGetMetricData, metrics exports).

As SES documents them, each counts messages sent to one recipient only, never to the
mailbox simulator: SEND when sent; DELIVERY when delivered; PERMANENT_BOUNCE and
TRANSIENT_BOUNCE when bounced (not for the account's suppression list); COMPLAINT
(not for the suppression list); OPEN and CLICK once per message, at the first; and
DELIVERY_OPEN, DELIVERY_CLICK, DELIVERY_COMPLAINT the deliveries of messages that can
be opened (HTML sent with a configuration set), clicked (that, with a link) or
complained about (to a provider with a feedback loop). Values are daily sums, each
data point stamped at the start of its UTC day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta, timezone

from ..records import SesEvent
from .isp import FEEDBACK_LOOP
from .record import Recipient

METRICS = (
    "SEND",
    "COMPLAINT",
    "PERMANENT_BOUNCE",
    "TRANSIENT_BOUNCE",
    "OPEN",
    "CLICK",
    "DELIVERY",
    "DELIVERY_OPEN",
    "DELIVERY_CLICK",
    "DELIVERY_COMPLAINT",
)
DIMENSIONS = ("EMAIL_IDENTITY", "CONFIGURATION_SET", "ISP", "TENANT_NAME")
WILDCARD = "*"
_SUPPRESSED = "OnAccountSuppressionList"


def _at(event: SesEvent | None) -> list[datetime]:
    return [] if event is None else [event.timestamp]


def _bounce(recipient: Recipient, bounce_type: str) -> list[datetime]:
    return [
        event.timestamp
        for event in recipient.of_type("Bounce")
        if event.bounce_type == bounce_type and event.bounce_subtype != _SUPPRESSED
    ][:1]


def _complaint(recipient: Recipient) -> list[datetime]:
    return [
        event.timestamp
        for event in recipient.of_type("Complaint")
        if event.detail.get("complaintSubType") != _SUPPRESSED
    ][:1]


def _delivered_if(condition: Callable[[Recipient], bool]) -> Callable[[Recipient], list[datetime]]:
    def counted(recipient: Recipient) -> list[datetime]:
        return _at(recipient.first("Delivery")) if condition(recipient) else []

    return counted


_COUNTERS: dict[str, Callable[[Recipient], list[datetime]]] = {
    "SEND": lambda r: [r.sent_at],
    "DELIVERY": lambda r: _at(r.first("Delivery")),
    "PERMANENT_BOUNCE": lambda r: _bounce(r, "Permanent"),
    "TRANSIENT_BOUNCE": lambda r: _bounce(r, "Transient"),
    "COMPLAINT": _complaint,
    "OPEN": lambda r: _at(r.first("Open")),
    "CLICK": lambda r: _at(r.first("Click")),
    "DELIVERY_OPEN": _delivered_if(lambda r: r.open_tracked),
    "DELIVERY_CLICK": _delivered_if(lambda r: r.click_tracked),
    "DELIVERY_COMPLAINT": _delivered_if(lambda r: r.isp in FEEDBACK_LOOP),
}


def counted_at(recipient: Recipient, metric: str) -> list[datetime]:
    """When ``recipient`` counts toward ``metric`` (at most once), or never."""
    if not recipient.single or recipient.simulator:
        return []
    return _COUNTERS[metric](recipient)


def dimension_value(recipient: Recipient, dimension: str) -> str | None:
    if dimension == "EMAIL_IDENTITY":
        return recipient.identity
    if dimension == "CONFIGURATION_SET":
        return recipient.message.configuration_set
    if dimension == "ISP":
        return recipient.isp
    return getattr(recipient.message, "tenant_name", None)


def matches(recipient: Recipient, dimensions: Mapping[str, Iterable[str]]) -> bool:
    """Whether ``recipient`` is among the values each dimension names (``*``: any)."""
    for dimension, wanted in dimensions.items():
        values = list(wanted)
        if WILDCARD in values:
            continue
        found = dimension_value(recipient, dimension)
        if found is None or found.lower() not in {value.lower() for value in values}:
            return False
    return True


def day_of(moment: datetime) -> datetime:
    moment = moment.astimezone(timezone.utc)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def days(start: datetime, end: datetime) -> list[datetime]:
    """The UTC days from ``start``'s to the one before ``end`` (``start``'s at least)."""
    first, found = day_of(start), []
    current = first
    while current < end or current == first:
        found.append(current)
        current += timedelta(days=1)
    return found


def daily(
    recipients: Iterable[Recipient], metric: str, start: datetime, end: datetime
) -> dict[datetime, int]:
    """The metric's count per UTC day, for events from ``start`` up to ``end``."""
    counts = dict.fromkeys(days(start, end), 0)
    for recipient in recipients:
        for moment in counted_at(recipient, metric):
            if start <= moment < end:
                day = day_of(moment)
                counts[day] = counts.get(day, 0) + 1
    return counts
