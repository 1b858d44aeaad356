"""Turn each recipient's outcome script into SES events, grouped as SES groups them.

Each script becomes a timeline of actions at offsets from the send. Actions of
the same kind, at the same offset and with the same group key are one event:
deliveries per recipient domain (one SMTP session each), bounces per type and
subtype (the mailbox simulator combines them), complaints per feedback type.
Offset-zero events happen at once; later ones are scheduled on the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from ..events.payloads import (
    bounce_detail,
    complaint_detail,
    delay_detail,
    delivery_detail,
    engagement_detail,
)
from ..ids import IdGenerator
from ..mail.addresses import Mailbox
from .scripts import Bounce, Click, Complain, Delay, Deliver, Open, Script, Step


@dataclass(frozen=True)
class PlannedEvent:
    """One event to come; ``later`` ones wait for the clock to reach ``at``."""

    type: str
    recipients: list[str]
    at: datetime
    detail: dict[str, Any]
    extra_tags: dict[str, list[str]] | None
    later: bool


# When SES retries a delayed message, relative to the start of the delay
_RETRY_OFFSETS = (
    timedelta(0),
    timedelta(minutes=30),
    timedelta(hours=1),
    timedelta(hours=2),
    timedelta(hours=4),
    timedelta(hours=8),
    timedelta(hours=16),
)
_ORDER = {"Delivery": 0, "DeliveryDelay": 0, "Bounce": 1, "Complaint": 2, "Open": 3, "Click": 4}


@dataclass(frozen=True)
class _Action:
    offset: timedelta
    step: Step
    key: Hashable
    delay_start: timedelta = timedelta(0)


@lru_cache(maxsize=1024)
def _timeline(script: Script, domain: str) -> tuple[_Action, ...]:
    """Offsets of a script's steps, and the key that groups recipients into one event."""
    actions: list[_Action] = []
    offset = timedelta(0)
    for step in script.steps:
        if isinstance(step, Delay):
            limit = step.retry_for
            for retry in _RETRY_OFFSETS:
                if retry >= limit and retry != timedelta(0):
                    break
                actions.append(_Action(offset + retry, step, ("delay", step), offset))
            offset += step.retry_for
        elif isinstance(step, Deliver):
            actions.append(_Action(offset, step, ("deliver", domain)))
        elif isinstance(step, Bounce):
            actions.append(_Action(offset, step, ("bounce", step.bounce_type, step.subtype)))
        elif isinstance(step, Complain):
            actions.append(_Action(offset, step, ("complain", step.feedback_type, step.subtype)))
        else:
            actions.append(_Action(offset + step.after, step, (type(step).__name__, step)))
    return tuple(actions)


def _whole_second(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


class Fanout:
    """Plans the events that follow one accepted message."""

    def __init__(self, ids: IdGenerator, region: str) -> None:
        self.ids = ids
        self.region = region

    def smtp_out_host(self) -> str:
        return self._smtp_out()[0]

    def _smtp_out(self) -> tuple[str, str]:
        """An SES outbound host and its IP: ``aNN-MM.smtp-out...`` is 54.240.NN.MM."""
        ids = self.ids
        if self.region == "us-east-1":
            host = ids.between(30, 130)
            return f"a48-{host}.smtp-out.amazonses.com", f"54.240.48.{host}"
        host = ids.between(10, 60)
        return f"a7-{host}.smtp-out.{self.region}.amazonses.com", f"54.240.7.{host}"

    def plan(
        self,
        sent_at: datetime,
        recipients: Sequence[Mailbox],
        resolve: Callable[[str], Script],
    ) -> list[PlannedEvent]:
        groups: dict[tuple[timedelta, Hashable], tuple[_Action, list[str]]] = {}
        for box in recipients:
            for action in _timeline(resolve(box.address), box.domain.lower()):
                entry = groups.setdefault((action.offset, action.key), (action, []))
                entry[1].append(box.display)
        planned: list[PlannedEvent] = []
        delivered_at: dict[str, datetime] = {}
        for (offset, _), (action, addresses) in sorted(
            groups.items(), key=lambda item: (item[0][0], _ORDER[_event_type(item[1][0].step)])
        ):
            kind, at, detail, tags = self._event(sent_at, offset, action, addresses, delivered_at)
            later = offset > timedelta(0) or kind == "DeliveryDelay"
            planned.append(PlannedEvent(kind, addresses, at, detail, tags, later))
        return planned

    def _event(
        self,
        sent_at: datetime,
        offset: timedelta,
        action: _Action,
        addresses: list[str],
        delivered_at: dict[str, datetime],
    ) -> tuple[str, datetime, dict[str, Any], dict[str, list[str]] | None]:
        step = action.step
        base = sent_at + offset
        if isinstance(step, Deliver):
            processing = self.ids.between(300, 700)
            at = base + timedelta(milliseconds=processing)
            for address in addresses:
                delivered_at[address] = at
            host, outgoing_ip = self._smtp_out()
            detail = delivery_detail(
                at, processing, addresses, step.smtp_response, self.ids.ipv4(), host
            )
            return ("Delivery", at, detail, {"ses:outgoing-ip": [outgoing_ip]})
        if isinstance(step, Bounce):
            at = base + timedelta(milliseconds=self.ids.between(300, 900))
            return ("Bounce", at, self._bounce(step, addresses, at), None)
        if isinstance(step, Complain):
            start = max((delivered_at.get(a, base) for a in addresses), default=base)
            arrival = start + timedelta(milliseconds=self.ids.between(100, 400))
            detail = complaint_detail(
                feedback_id=self.ids.ses_id(arrival, self.region),
                subtype=step.subtype,
                recipients=addresses,
                at=_whole_second(arrival),
                user_agent=step.user_agent,
                feedback_type=step.feedback_type,
                arrival=arrival,
            )
            return ("Complaint", arrival, detail, None)
        if isinstance(step, Delay):
            at = base + timedelta(milliseconds=self.ids.between(300, 900))
            expires = sent_at + action.delay_start + (step.expires_after or step.retry_for)
            detail = delay_detail(step, addresses, at, expires, self.smtp_out_host())
            return ("DeliveryDelay", at, detail, None)
        assert isinstance(step, Open | Click)
        # a recipient's engagement follows its delivery and its earlier opens or clicks
        start = max((delivered_at.get(a, base) for a in addresses), default=base)
        at = start + step.after + timedelta(milliseconds=self.ids.between(1000, 5000))
        for address in addresses:
            delivered_at[address] = at
        detail = engagement_detail(
            step,
            at,
            step.ip_address or self.ids.ipv4(),
            step.user_agent or self.ids.user_agent(),
        )
        return (_event_type(step), at, detail, None)

    def _bounce(self, step: Bounce, addresses: list[str], at: datetime) -> dict[str, Any]:
        if step.reporting_mta == "smtp-out":
            reporting: str | None = f"dns; {self.smtp_out_host()}"
        elif step.reporting_mta == "amazonses":
            reporting = "dns; amazonses.com"
        else:
            reporting = None
        return bounce_detail(
            feedback_id=self.ids.ses_id(at, self.region),
            bounce_type=step.bounce_type,
            subtype=step.subtype,
            recipients=[_bounced_recipient(address, step) for address in addresses],
            at=_whole_second(at),
            remote_mta_ip=self.ids.ipv4() if step.remote_mta_ip else None,
            reporting_mta=reporting,
        )


def _event_type(step: Step) -> str:
    names = {Deliver: "Delivery", Bounce: "Bounce", Complain: "Complaint", Delay: "DeliveryDelay"}
    return names.get(type(step), type(step).__name__)


def _bounced_recipient(address: str, step: Bounce) -> dict[str, str]:
    entry = {"emailAddress": address}
    if step.action is not None:
        entry["action"] = step.action
    if step.status is not None:
        entry["status"] = step.status
    if step.diagnostic is not None:
        entry["diagnosticCode"] = step.diagnostic.replace("{address}", address)
    return entry
