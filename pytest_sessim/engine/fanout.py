"""Turn each recipient's outcome script into SES events, grouped as SES groups them.

Deliveries are grouped per recipient domain (one SMTP session each); bounces of
one send with the same type and subtype are combined into one Bounce, as the
mailbox simulator does; complaints likewise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .addresses import Mailbox
from .events import bounce_detail, complaint_detail, delivery_detail
from .ids import IdGenerator
from .outcomes import Bounce, Complain, Deliver, Script

# (eventType, recipients, timestamp, detail, extra tags for the record)
PlannedEvent = tuple[str, list[str], datetime, dict[str, Any], dict[str, list[str]] | None]


@dataclass
class _Recipient:
    sent_as: str
    domain: str
    script: Script


def _whole_second(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


class Fanout:
    """Plans the events that follow one accepted message."""

    def __init__(self, ids: IdGenerator, region: str) -> None:
        self.ids = ids
        self.region = region

    def smtp_out_host(self) -> str:
        ids = self.ids
        if self.region == "us-east-1":
            return f"a48-{ids.between(30, 130)}.smtp-out.amazonses.com"
        return f"a7-{ids.between(10, 60)}.smtp-out.{self.region}.amazonses.com"

    def plan(
        self,
        sent_at: datetime,
        recipients: Sequence[Mailbox],
        resolve: Callable[[str], Script],
    ) -> list[PlannedEvent]:
        people = [
            _Recipient(box.display, box.domain.lower(), resolve(box.address)) for box in recipients
        ]
        planned: list[PlannedEvent] = []
        delivered: dict[str, list[_Recipient]] = {}
        bounced: dict[tuple[str, str], list[tuple[_Recipient, Bounce]]] = {}
        complained: dict[tuple[str, str | None], list[tuple[_Recipient, Complain]]] = {}
        for person in people:
            for step in person.script.steps:
                if isinstance(step, Deliver):
                    delivered.setdefault(person.domain, []).append(person)
                elif isinstance(step, Bounce):
                    bounced.setdefault((step.bounce_type, step.subtype), []).append((person, step))
                elif isinstance(step, Complain):
                    complained.setdefault((step.feedback_type, step.subtype), []).append(
                        (person, step)
                    )
        delivery_times: dict[str, datetime] = {}
        for domain_group in delivered.values():
            planned.append(self._delivery(sent_at, domain_group, delivery_times))
        for (bounce_type, subtype), bounce_group in bounced.items():
            planned.append(self._bounce(sent_at, bounce_type, subtype, bounce_group))
        for group_key, complaint_group in complained.items():
            planned.append(self._complaint(sent_at, group_key[1], complaint_group, delivery_times))
        planned.sort(key=lambda event: _ORDER[event[0]])
        return planned

    def _delivery(
        self, sent_at: datetime, group: list[_Recipient], times: dict[str, datetime]
    ) -> PlannedEvent:
        processing = self.ids.between(300, 700)
        at = sent_at + timedelta(milliseconds=processing)
        addresses = [person.sent_as for person in group]
        for address in addresses:
            times[address] = at
        detail = delivery_detail(
            at,
            processing,
            addresses,
            Deliver().smtp_response,
            self.ids.ipv4(),
            self.smtp_out_host(),
        )
        return ("Delivery", addresses, at, detail, {"ses:outgoing-ip": [self.ids.ipv4()]})

    def _bounce(
        self,
        sent_at: datetime,
        bounce_type: str,
        subtype: str,
        group: list[tuple[_Recipient, Bounce]],
    ) -> PlannedEvent:
        at = sent_at + timedelta(milliseconds=self.ids.between(300, 900))
        step = group[0][1]
        recipients = [_bounced_recipient(person.sent_as, each) for person, each in group]
        if step.reporting_mta == "smtp-out":
            reporting: str | None = f"dns; {self.smtp_out_host()}"
        elif step.reporting_mta == "amazonses":
            reporting = "dns; amazonses.com"
        else:
            reporting = None
        detail = bounce_detail(
            feedback_id=self.ids.ses_id(at),
            bounce_type=bounce_type,
            subtype=subtype,
            recipients=recipients,
            at=_whole_second(at),
            remote_mta_ip=self.ids.ipv4() if step.remote_mta_ip else None,
            reporting_mta=reporting,
        )
        return ("Bounce", [person.sent_as for person, _ in group], at, detail, None)

    def _complaint(
        self,
        sent_at: datetime,
        subtype: str | None,
        group: list[tuple[_Recipient, Complain]],
        delivered_at: dict[str, datetime],
    ) -> PlannedEvent:
        addresses = [person.sent_as for person, _ in group]
        base = max((delivered_at.get(a, sent_at) for a in addresses), default=sent_at)
        arrival = base + timedelta(milliseconds=self.ids.between(100, 400))
        step = group[0][1]
        detail = complaint_detail(
            feedback_id=self.ids.ses_id(arrival),
            subtype=subtype,
            recipients=addresses,
            at=_whole_second(arrival),
            user_agent=step.user_agent,
            feedback_type=step.feedback_type,
            arrival=arrival,
        )
        return ("Complaint", addresses, arrival, detail, None)


_ORDER = {"Delivery": 0, "Bounce": 1, "Complaint": 2}


def _bounced_recipient(address: str, step: Bounce) -> dict[str, str]:
    entry = {"emailAddress": address}
    if step.action is not None:
        entry["action"] = step.action
    if step.status is not None:
        entry["status"] = step.status
    if step.diagnostic is not None:
        entry["diagnosticCode"] = step.diagnostic.replace("{address}", address)
    return entry
