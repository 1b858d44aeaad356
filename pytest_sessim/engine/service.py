"""The engine: one simulated SES account, its clock, its record and its outbound port.

Doors call :meth:`Engine.handle` (under :attr:`Engine.lock`: some doors answer on
threads of their own); what the engine decides to deliver goes to its one
outbound port (``outbound.py``), which the sinks implement.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from .account.state import DEFAULT_ACCOUNT_ID, Account, ConfigurationSet
from .clock import Clock
from .errors import ErrorKind, SesError
from .events.payloads import MailFacts
from .identities.lifecycle import verify_now
from .ids import IdGenerator
from .mail.addresses import Mailbox, parse_mailbox, simulator_local_part
from .mail.mime import Body, MessageContent, build_simple
from .mail.scanning import REJECT_REASON
from .outbound import Outbound, Unconnected
from .outcomes.delivery_options import apply_delivery_options, outgoing_ip
from .outcomes.fanout import Fanout, PlannedEvent
from .outcomes.routes import Router
from .outcomes.scripts import ON_ACCOUNT_SUPPRESSION_LIST, Script
from .publishing.deliveries import Delivery
from .publishing.publisher import Publisher
from .records import RefusedRequest, SentMessage, SesEvent
from .sending.list_management import UNSUBSCRIBED
from .templates.template import RenderError, TemplateContent, render

if TYPE_CHECKING:
    from .receiving.records import ReceivedMail


@dataclass(frozen=True)
class Settings:
    region: str = "us-east-1"
    account_id: str = DEFAULT_ACCOUNT_ID
    seed: int = 0
    now: datetime | None = None
    verified: tuple[str, ...] = ()
    sandbox: bool = False
    caller_identity: str = "sessim"
    # verify identities created through the API at once (no mail, no DNS step)
    auto_verify: bool = False


@dataclass(frozen=True)
class Accepted:
    """How an accepted message fares before any recipient is tried."""

    configuration_set: ConfigurationSet | None = None
    render_error: RenderError | None = None
    virus: bool = False
    # recipients (lower-cased) who unsubscribed from the send's contact list or topic
    unsubscribed: frozenset[str] = frozenset()


class Engine:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings = settings or Settings()
        self.clock = Clock(settings.now)
        self.ids = IdGenerator(settings.seed)
        # SES keeps an account's state per Region: created when first used
        self.regions: dict[str, Account] = {}
        self._fanouts: dict[str, Fanout] = {}
        # the Region of the request being answered (the default between requests)
        self.region = settings.region
        self.router = Router()
        self.source_ip = self.ids.ipv4()
        self.outbox: list[SentMessage] = []
        self.events: list[SesEvent] = []
        self.refused: list[RefusedRequest] = []
        self.received: list[ReceivedMail] = []  # mail that reached the inbound endpoints
        # decides where each event goes: SNS, EventBridge, Firehose, CloudWatch, mail
        self.publisher = Publisher(settings.seed)
        self.outbound: Outbound = Unconnected()
        # one request at a time: the SMTP door and the server answer on other threads
        self.lock = threading.RLock()
        for identity in settings.verified:
            self.verify(identity)

    # Regions -----------------------------------------------------------------
    def account_in(self, region: str) -> Account:
        """The account's state in ``region``, made (empty) when first asked for."""
        found = self.regions.get(region)
        if found is None:
            found = self.regions[region] = Account(
                region=region,
                account_id=self.settings.account_id,
                sandbox=self.settings.sandbox,
            )
        return found

    @property
    def account(self) -> Account:
        """The account's state in the Region of the request being answered."""
        return self.account_in(self.region)

    def fanout(self, region: str) -> Fanout:
        found = self._fanouts.get(region)
        if found is None:
            found = self._fanouts[region] = Fanout(self.ids, region)
        return found

    # the outbound port -------------------------------------------------------
    def connect(self, outbound: Outbound) -> None:
        self.outbound = outbound

    def disconnect(self) -> None:
        self.outbound = Unconnected()

    def deliver(self, delivery: Delivery) -> None:
        """Hand one delivery (a setup message, an event's notification...) on."""
        self.outbound.deliver(delivery)

    # API ------------------------------------------------------------------
    def handle(
        self, api: str, operation: str, params: Mapping[str, Any], region: str | None = None
    ) -> dict[str, Any]:
        """Run one SES API operation (``api`` is "ses" or "sesv2") on plain params, in
        ``region`` (default: the simulator's)."""
        from .operations.paging import prepared
        from .operations.registry import lookup

        handler = lookup(api, operation)
        with self.lock:
            previous, self.region = self.region, region or self.settings.region
            try:
                if handler is None:  # an operation of a newer model: SES's own refusal
                    raise SesError(
                        ErrorKind.UNKNOWN_OPERATION,
                        f"The action {operation} is not valid for this web service.",
                    )
                return handler(self, prepared(api, operation, params))
            except SesError as error:
                self.record_refused(api, operation, error, params)
                raise
            finally:
                self.region = previous

    def record_refused(
        self,
        api: str,
        operation: str,
        error: SesError,
        params: Mapping[str, Any],
        region: str | None = None,
    ) -> None:
        kind = error.kind
        v1 = api in ("ses", "smtp")  # SMTP submissions are SendRawEmail underneath
        code, status = (kind.v1_code, kind.v1_status) if v1 else (kind.v2_code, kind.v2_status)
        self.record_refusal(api, operation, code, error.message, status, params, region)

    def record_refusal(
        self,
        api: str,
        operation: str,
        code: str,
        message: str,
        http_status: int,
        params: Mapping[str, Any],
        region: str | None = None,
    ) -> None:
        """Record a refusal worded by a door (a request the wire could not even decode);
        ``region`` defaults to the Region of the request being answered."""
        self.refused.append(
            RefusedRequest(
                region=region or self.region,
                api=api,
                operation=operation,
                code=code,
                message=message,
                http_status=http_status,
                timestamp=self.clock.now(),
                params=params,
            )
        )

    def verify(self, *identities: str, region: str | None = None) -> None:
        """Verify identities in ``region`` (default: the Region of the request being answered),
        as if their verification had succeeded."""
        account = self.account_in(region or self.region)  # default: the request's Region
        for identity in identities:
            verify_now(self, account, identity)

    # composing --------------------------------------------------------------
    def boundary(self) -> str:
        ids = self.ids
        millis = int(self.clock.now().timestamp() * 1000)
        return f"----=_Part_{ids.between(1, 9_999_999)}_{ids.between(10**8, 2**31 - 1)}.{millis}"

    def compose_template(self, submission: Any, template: TemplateContent) -> MessageContent:
        rendered = render(template, submission.template_data or {})
        return build_simple(
            from_=submission.source or "",
            to=submission.to,
            cc=submission.cc,
            reply_to=submission.reply_to,
            subject=Body(rendered.subject),
            text=Body(rendered.text) if rendered.text is not None else None,
            html=Body(rendered.html) if rendered.html is not None else None,
            extra_headers=[],
            attachments=[],
            boundary=self.boundary,
            date=self.clock.now(),
        )

    # recording ------------------------------------------------------------
    def record_accepted(
        self,
        message: SentMessage,
        facts: MailFacts,
        recipients: Sequence[Mailbox],
        outcome: Accepted,
    ) -> None:
        """Record an accepted message, its Send event and what follows for each recipient."""
        self.outbox.append(message)
        account = self.account_in(facts.region)
        counted = sum(1 for box in recipients if simulator_local_part(box.address) is None)
        account.count_sent(facts.timestamp, counted)
        self._emit("Send", facts.destination, facts.timestamp, {}, None, facts, message)
        if outcome.render_error is not None:
            detail = {
                "errorMessage": outcome.render_error.message,
                "templateName": message.template or "",
            }
            self._emit(
                "Rendering Failure",
                facts.destination,
                facts.timestamp,
                detail,
                None,
                facts,
                message,
            )
            return
        if outcome.virus:
            detail = {"reason": REJECT_REASON}
            self._emit("Reject", facts.destination, facts.timestamp, detail, None, facts, message)
            return
        suppression = account.suppression
        configuration_set = outcome.configuration_set

        def resolve(address: str) -> Script:
            if suppression.stops(address, configuration_set):
                return ON_ACCOUNT_SUPPRESSION_LIST
            if address.lower() in outcome.unsubscribed:
                return UNSUBSCRIBED
            return apply_delivery_options(self.router.resolve(address), configuration_set)

        for planned in self.fanout(facts.region).plan(facts.timestamp, recipients, resolve):
            if planned.later:
                self.clock.schedule(
                    planned.at, partial(self._happen, planned, facts, message, configuration_set)
                )
            else:
                self._happen(planned, facts, message, configuration_set)

    def _happen(
        self,
        planned: PlannedEvent,
        facts: MailFacts,
        message: SentMessage,
        configuration_set: ConfigurationSet | None,
    ) -> None:
        """An event takes place: automatic suppression, then the record."""
        detail = planned.detail
        if planned.type == "Bounce":
            if detail["bounceType"] == "Permanent" and detail["bounceSubType"] not in (
                "OnAccountSuppressionList",
                "UnsubscribedRecipient",
            ):
                self._auto_suppress(planned, "BOUNCE", facts, configuration_set)
        elif planned.type == "Complaint":
            self._auto_suppress(planned, "COMPLAINT", facts, configuration_set)
        extra_tags = planned.extra_tags
        if planned.type == "Delivery":  # a dedicated IP, if the message left from one
            dedicated = outgoing_ip(
                self.account_in(facts.region), configuration_set, message.message_id
            )
            if dedicated is not None:
                extra_tags = {**(extra_tags or {}), "ses:outgoing-ip": [dedicated]}
        self._emit(planned.type, planned.recipients, planned.at, detail, extra_tags, facts, message)

    def _auto_suppress(
        self,
        planned: PlannedEvent,
        reason: str,
        facts: MailFacts,
        configuration_set: ConfigurationSet | None,
    ) -> None:
        suppression = self.account_in(facts.region).suppression
        if reason not in suppression.effective_reasons(configuration_set):
            return
        for address in planned.recipients:
            bare = parse_mailbox(address).address
            if simulator_local_part(bare) is None:
                suppression.put(
                    bare, reason, planned.at, facts.message_id, planned.detail.get("feedbackId")
                )

    def _emit(
        self,
        event_type: str,
        recipients: list[str],
        at: datetime,
        detail: dict[str, Any],
        extra_tags: dict[str, list[str]] | None,
        facts: MailFacts,
        message: SentMessage,
    ) -> SesEvent:
        event = SesEvent(
            type=event_type,
            message_id=facts.message_id,
            recipients=list(recipients),
            timestamp=at,
            detail=detail,
            _facts=facts,
            _extra_tags=extra_tags,
        )
        self.events.append(event)
        account = self.account_in(facts.region)
        deliveries = self.publisher.deliveries_for(account, event, message)
        for delivery in deliveries:
            self.outbound.deliver(delivery)
        if account.receiving.active is not None:  # mail that comes back by itself
            from .receiving.returning import after_event

            after_event(self, event, message, deliveries)
        return event
