"""The engine: one simulated SES account, its clock, its record, and its dispatch."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from .account import DEFAULT_ACCOUNT_ID, Account, ConfigurationSet
from .addresses import Mailbox, parse_mailbox, simulator_local_part
from .clock import Clock
from .content import Body, MessageContent, build_simple
from .errors import SesError
from .events import MailFacts
from .fanout import Fanout, PlannedEvent
from .ids import IdGenerator
from .outcomes import ON_ACCOUNT_SUPPRESSION_LIST, Script
from .publishing import Publisher
from .records import RefusedRequest, SentMessage, SesEvent
from .routing import Router
from .scan import REJECT_REASON
from .templates import RenderError, TemplateContent, render

Listener = Callable[[SesEvent, SentMessage], None]


@dataclass(frozen=True)
class Settings:
    region: str = "us-east-1"
    account_id: str = DEFAULT_ACCOUNT_ID
    seed: int = 0
    now: datetime | None = None
    verified: tuple[str, ...] = ()
    sandbox: bool = False
    caller_identity: str = "sessim"


@dataclass(frozen=True)
class Accepted:
    """How an accepted message fares before any recipient is tried."""

    configuration_set: ConfigurationSet | None = None
    render_error: RenderError | None = None
    virus: bool = False


class NotModelled(Exception):
    """An SES operation the simulator does not model."""

    def __init__(self, api: str, operation: str) -> None:
        super().__init__(f"{api}:{operation}")
        self.api = api
        self.operation = operation


class Engine:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings = settings or Settings()
        self.clock = Clock(settings.now)
        self.ids = IdGenerator(settings.seed, settings.region)
        self.account = Account(
            region=settings.region, account_id=settings.account_id, sandbox=settings.sandbox
        )
        self.router = Router()
        self.fanout = Fanout(self.ids, settings.region)
        self.source_ip = self.ids.ipv4()
        self.outbox: list[SentMessage] = []
        self.events: list[SesEvent] = []
        self.refused: list[RefusedRequest] = []
        self.listeners: list[Listener] = []
        # routes events to SNS, EventBridge, Firehose, CloudWatch and feedback mail
        self.publisher = Publisher(self.account, settings.seed)
        for identity in settings.verified:
            self.verify(identity)

    # API ------------------------------------------------------------------
    def handle(self, api: str, operation: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Run one SES API operation (``api`` is "ses" or "sesv2") on plain params."""
        from .operations import lookup

        handler = lookup(api, operation)
        if handler is None:
            raise NotModelled(api, operation)
        try:
            return handler(self, params)
        except SesError as error:
            self.record_refused(api, operation, error, params)
            raise

    def record_refused(
        self, api: str, operation: str, error: SesError, params: Mapping[str, Any]
    ) -> None:
        kind = error.kind
        v1 = api in ("ses", "smtp")  # SMTP submissions are SendRawEmail underneath
        code, status = (kind.v1_code, kind.v1_status) if v1 else (kind.v2_code, kind.v2_status)
        self.record_refusal(api, operation, code, error.message, status, params)

    def record_refusal(
        self,
        api: str,
        operation: str,
        code: str,
        message: str,
        http_status: int,
        params: Mapping[str, Any],
    ) -> None:
        """Record a refusal worded by a door (a request the wire could not even decode)."""
        self.refused.append(
            RefusedRequest(
                api=api,
                operation=operation,
                code=code,
                message=message,
                http_status=http_status,
                timestamp=self.clock.now(),
                params=params,
            )
        )

    def verify(self, *identities: str) -> None:
        for identity in identities:
            self.account.add_identity(identity, self.clock.now(), token=self._token())

    def _token(self) -> str:
        return self.ids.uuid().replace("-", "")[:32]

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
        counted = sum(1 for box in recipients if simulator_local_part(box.address) is None)
        self.account.count_sent(facts.timestamp, counted)
        self._emit("Send", facts.destination, facts.timestamp, {}, None, facts, message)
        bucket = self.account.stats_bucket(facts.timestamp)
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
            bucket.rejects += 1
            detail = {"reason": REJECT_REASON}
            self._emit("Reject", facts.destination, facts.timestamp, detail, None, facts, message)
            return
        bucket.delivery_attempts += len(recipients)
        suppression = self.account.suppression
        configuration_set = outcome.configuration_set

        def resolve(address: str) -> Script:
            if suppression.stops(address, configuration_set):
                return ON_ACCOUNT_SUPPRESSION_LIST
            return self.router.resolve(address)

        for planned in self.fanout.plan(facts.timestamp, recipients, resolve):
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
        """An event takes place: statistics, automatic suppression, then the record."""
        bucket = self.account.stats_bucket(planned.at)
        detail = planned.detail
        if planned.type == "Bounce":
            bucket.bounces += len(planned.recipients)
            if detail["bounceType"] == "Permanent" and detail["bounceSubType"] != (
                "OnAccountSuppressionList"
            ):
                self._auto_suppress(planned, "BOUNCE", facts, configuration_set)
        elif planned.type == "Complaint":
            bucket.complaints += len(planned.recipients)
            self._auto_suppress(planned, "COMPLAINT", facts, configuration_set)
        self._emit(
            planned.type,
            planned.recipients,
            planned.at,
            detail,
            planned.extra_tags,
            facts,
            message,
        )

    def _auto_suppress(
        self,
        planned: PlannedEvent,
        reason: str,
        facts: MailFacts,
        configuration_set: ConfigurationSet | None,
    ) -> None:
        suppression = self.account.suppression
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
        for listener in self.listeners:
            listener(event, message)
        return event
