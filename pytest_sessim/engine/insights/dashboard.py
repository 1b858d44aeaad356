"""The deliverability dashboard's domain report (GetDomainStatisticsReport).

SES estimates inbox placement from panel data; the simulator knows where each
message went: a delivered message is in the inbox unless its recipient complained
(then it is counted as spam). The projected volumes equal the raw ones. The read
rate is the share of delivered messages opened. Mail to the mailbox simulator is
not counted; each day runs from UTC midnight, the EndDate's day included.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from .record import Recipient, bare
from .vdm import day_of


def _from_domain(recipient: Recipient, domain: str) -> bool:
    sender = bare(recipient.message.source).rpartition("@")[2]
    return domain in (sender, recipient.identity.lower())


def _placement(recipient: Recipient) -> str | None:
    if recipient.first("Delivery") is None:
        return None
    return "spam" if recipient.first("Complaint") is not None else "inbox"


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 2) if whole else 0.0


def _volumes(placed: list[tuple[Recipient, str]]) -> dict[str, Any]:
    inbox = sum(1 for _, where in placed if where == "inbox")
    spam = len(placed) - inbox
    return {
        "InboxRawCount": inbox,
        "SpamRawCount": spam,
        "ProjectedInbox": inbox,
        "ProjectedSpam": spam,
    }


def _by_isp(placed: list[tuple[Recipient, str]]) -> list[dict[str, Any]]:
    isps: dict[str, list[str]] = {}
    for recipient, where in placed:
        isps.setdefault(recipient.isp, []).append(where)
    found = []
    for isp, places in sorted(isps.items()):
        inbox = places.count("inbox")
        found.append(
            {
                "IspName": isp,
                "InboxRawCount": inbox,
                "SpamRawCount": len(places) - inbox,
                "InboxPercentage": _percent(inbox, len(places)),
                "SpamPercentage": _percent(len(places) - inbox, len(places)),
            }
        )
    return found


def domain_report(
    recipients: Iterable[Recipient], domain: str, start: datetime, end: datetime
) -> dict[str, Any]:
    first, last = day_of(start), day_of(end) + timedelta(days=1)
    placed: list[tuple[Recipient, str]] = []
    opened = 0
    for recipient in recipients:
        where = _placement(recipient)
        if (
            where is None
            or recipient.simulator
            or not _from_domain(recipient, domain.lower())
            or not first <= recipient.sent_at < last
        ):
            continue
        placed.append((recipient, where))
        opened += recipient.first("Open") is not None
    daily = []
    day = first
    while day < last:
        today = [item for item in placed if day_of(item[0].sent_at) == day]
        daily.append(
            {
                "StartDate": day,
                "VolumeStatistics": _volumes(today),
                "DomainIspPlacements": _by_isp(today),
            }
        )
        day += timedelta(days=1)
    return {
        "OverallVolume": {
            "VolumeStatistics": _volumes(placed),
            "ReadRatePercent": _percent(opened, len(placed)),
            "DomainIspPlacements": _by_isp(placed),
        },
        "DailyVolumes": daily,
    }
