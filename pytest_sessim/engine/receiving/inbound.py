"""One mail arriving at SES's inbound endpoint of a Region, through SES's steps:

1. no endpoint in a Region without email receiving: the mail cannot be delivered;
2. the IP address filters (a blocked address is refused);
3. each recipient: accepted when an enabled rule of the active rule set takes it (see
   ``matching``), else refused at RCPT TO; with no recipient left the mail is refused;
4. SES's id, its headers on top of the mail (authentication, and the scanning verdicts
   when a matching rule scans), then every matching enabled rule in order, each running
   its actions in order, until a Stop action or a function's STOP_RULE_SET.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from email.message import Message
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from ..mail.mime import parse_raw
from .actions import RuleRun, run_rule
from .matching import BLOCKED, blocking_filter, decide_recipients, enabled_rules, rule_matches
from .message import Arrival, as_bytes, crlf, default_recipients, default_sender, split_message
from .outgoing import record_ses_mail
from .payloads import mail_object, notification, receipt_object
from .records import PerformedAction, ReceivedMail
from .regions import inbound_host, receiving_available
from .stamping import stamp
from .verdicts import choose

if TYPE_CHECKING:
    from ..records import SentMessage
    from ..service import Engine

MAX_RETURNING = 50  # mail coming back during one receipt, at most (a loop stops there)

_ID_CHARS = "0123456789abcdefghijklmnopqrstuv"  # SES's received ids: 40 base32hex digits


def received_id(engine: Engine) -> str:
    rng = engine.ids.rng
    return "".join(rng.choice(_ID_CHARS) for _ in range(40))


def _helo(sender: str, headers: list[tuple[str, str]]) -> str:
    domain = sender.rpartition("@")[2] or default_sender(headers).rpartition("@")[2]
    return f"mail.{domain.lower()}" if domain else "localhost"


def receive(
    engine: Engine,
    message: bytes | str | Message,
    **options: Any,
) -> ReceivedMail:
    """Deliver one mail to the account's inbound endpoint (keywords: see ``arrive``);
    mail SES sends back meanwhile (a bounce to the account's own domain) arrives after."""
    with receiving_turn(engine):
        return arrive(engine, message, **options)


_waiting: WeakKeyDictionary[Engine, list[Callable[[], object]]] = WeakKeyDictionary()


@contextmanager
def receiving_turn(engine: Engine) -> Iterator[None]:
    """One mail at a time: mail offered meanwhile is received after this one."""
    if engine in _waiting:
        yield
        return
    queue: list[Callable[[], object]] = []
    _waiting[engine] = queue
    try:
        yield
        handled = 0
        while queue and handled < MAX_RETURNING:
            queue.pop(0)()
            handled += 1
    finally:
        del _waiting[engine]


def offer(
    engine: Engine,
    *,
    raw: bytes,
    recipients: Sequence[str],
    sender: str = "",
    region: str,
    at: datetime | None = None,
) -> ReceivedMail | None:
    """Offer mail that SES (or a simulated mailbox) sends to the account's own receiving:
    it is received when the recipient's Region receives email and an enabled rule of the
    active rule set takes a recipient. The ReceivedMail, or None if the mail left for the
    outside world or waits for the mail being received now."""
    if not receiving_available(region):
        return None
    account = engine.account_in(region)
    if account.receiving.active is None:
        return None
    taken, _ = decide_recipients(account, list(recipients), tls=True)
    if not taken:
        return None

    def deliver() -> ReceivedMail:
        return receive(engine, raw, recipients=taken, sender=sender, region=region, at=at)

    queue = _waiting.get(engine)
    if queue is not None:
        queue.append(deliver)
        return None
    return deliver()


def send_ses_mail(
    engine: Engine,
    *,
    raw: bytes,
    source: str,
    destinations: Sequence[str],
    operation: str,
    region: str,
    at: datetime | None = None,
    message_id: str | None = None,
) -> SentMessage:
    """A mail SES sends by itself (a Bounce action's DSN, SendBounce's message...): it
    goes in the outbox and, with an empty envelope sender, is offered to receiving."""
    sent = record_ses_mail(
        engine,
        content=parse_raw(raw),
        source=source,
        destinations=destinations,
        operation=operation,
        region=region,
        at=at,
        message_id=message_id,
    )
    offer(engine, raw=raw, recipients=destinations, region=region, at=sent.timestamp)
    return sent


def arrive(
    engine: Engine,
    message: bytes | str | Message,
    *,
    recipients: Sequence[str] | None = None,
    sender: str | None = None,
    source_ip: str | None = None,
    tls: bool = True,
    verdicts: Mapping[str, str] | None = None,
    region: str | None = None,
    at: datetime | None = None,
) -> ReceivedMail:
    """Deliver one mail to the account's inbound endpoint in ``region`` (the simulator's
    by default) and record what SES did with it in ``engine.received``."""
    raw = as_bytes(message)
    parsed, head, body = split_message(raw)
    headers = [(name, value) for name, value, _ in parsed]
    envelope = list(recipients) if recipients is not None else default_recipients(headers)
    mail_from = default_sender(headers) if sender is None else sender
    region = region or engine.settings.region
    chosen = choose(verdicts, raw)
    ip = source_ip or engine.ids.ipv4()
    facts: dict[str, Any] = {
        "region": region,
        "timestamp": at or engine.clock.now(),
        "sender": mail_from,
        "source_ip": ip,
        "tls": tls,
        "verdicts": chosen.as_dict(),
        "raw": crlf(raw),
    }

    def refused(reply: str | None, reason: str, rejected: Mapping[str, str]) -> ReceivedMail:
        record = ReceivedMail(
            message_id=None,
            recipients=[],
            accepted=False,
            smtp_response=reply,
            reason=reason,
            rejected=dict(rejected),
            **facts,
        )
        engine.received.append(record)
        return record

    if not receiving_available(region):
        return refused(
            None, f"{region} has no email receiving endpoint ({inbound_host(region)})", {}
        )
    account = engine.account_in(region)
    state = account.receiving
    blocked = blocking_filter(state, ip)
    if blocked is not None:
        return refused(BLOCKED, f"{ip} is blocked by IP address filter {blocked.name}", {})
    accepted, rejected = decide_recipients(account, envelope, tls)
    if not accepted:
        reason = "no recipient is taken by an enabled rule of the active rule set"
        if state.active is None:
            reason = "no receipt rule set is active"
        first = next(iter(rejected.values()), "503 5.5.1 No recipients")
        return refused(first, reason, rejected)
    arrival = Arrival(
        region=region,
        message_id=received_id(engine),
        timestamp=facts["timestamp"],
        sender=mail_from,
        recipients=accepted,
        source_ip=ip,
        helo=_helo(mail_from, headers),
        tls=tls,
        verdicts=chosen,
        original=parsed,
        head=head,
        body=body,
        processing_millis=engine.ids.between(200, 1300),
    )
    matched = []
    for rule in enabled_rules(state):
        taken = [address for address in accepted if rule_matches(rule, address)]
        if taken:
            matched.append((rule, taken))
    scanned = any(rule.get("ScanEnabled") for rule, _ in matched)
    arrival.ses = stamp(arrival, engine.ids, scanned)
    ran: list[str] = []
    performed: list[PerformedAction] = []
    for rule, taken in matched:
        scans = bool(rule.get("ScanEnabled"))
        run = RuleRun(engine, arrival, str(rule["Name"]), taken, scans, send_ses_mail)
        ran.append(run.rule)
        records, stop = run_rule(run, rule)
        performed.extend(records)
        if stop:
            break
    receipt = receipt_object(arrival, accepted, True, None)
    facts["raw"] = arrival.raw()
    record = ReceivedMail(
        message_id=arrival.message_id,
        recipients=accepted,
        accepted=True,
        smtp_response="250 Ok",
        rejected=rejected,
        rule_set=state.active,
        rules=ran,
        actions=performed,
        notification=notification(mail_object(arrival), receipt),
        **facts,
    )
    engine.received.append(record)
    return record
