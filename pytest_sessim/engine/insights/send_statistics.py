"""GetSendStatistics: the Region's last two weeks of sending, in 15-minute data points.

Delivery attempts count the recipients of each accepted message when it was sent
(not those of a message that was rejected or failed to render), bounces and
complaints the recipients of each such event when it happened, rejects each
rejected message. Only periods with activity have a data point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..records import SesEvent

WINDOW = timedelta(days=14)


@dataclass
class DataPoint:
    start: datetime
    delivery_attempts: int = 0
    bounces: int = 0
    complaints: int = 0
    rejects: int = 0

    def shape(self) -> dict[str, object]:
        return {
            "Timestamp": self.start,
            "DeliveryAttempts": self.delivery_attempts,
            "Bounces": self.bounces,
            "Complaints": self.complaints,
            "Rejects": self.rejects,
        }


def _period(at: datetime) -> datetime:
    return at.replace(minute=at.minute - at.minute % 15, second=0, microsecond=0)


def data_points(events: Sequence[SesEvent], region: str, now: datetime) -> list[DataPoint]:
    never_attempted = {
        event.message_id for event in events if event.type in ("Reject", "Rendering Failure")
    }
    points: dict[datetime, DataPoint] = {}
    for event in events:
        if event.region != region or event.timestamp <= now - WINDOW:
            continue
        counted = _counted(event, never_attempted)
        if counted is None:
            continue
        start = _period(event.timestamp)
        point = points.get(start)
        if point is None:
            point = points[start] = DataPoint(start)
        setattr(point, counted[0], getattr(point, counted[0]) + counted[1])
    return [points[start] for start in sorted(points)]


def _counted(event: SesEvent, never_attempted: set[str]) -> tuple[str, int] | None:
    """Which counter an event adds to, and how much."""
    if event.type == "Send":
        if event.message_id in never_attempted:
            return None
        return "delivery_attempts", len(event.recipients)
    if event.type == "Bounce":
        return "bounces", len(event.recipients)
    if event.type == "Complaint":
        return "complaints", len(event.recipients)
    if event.type == "Reject":
        return "rejects", 1
    return None
