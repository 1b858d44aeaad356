"""``SesSim``: a simulated SES account, active as a context manager, with or without pytest."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Literal, overload

from . import moto_adapter
from .assertions import (
    SesAssertionError,
    activity,
    filter_messages,
    find_event,
    format_filters,
)
from .delivery_record import DeliveryRecord
from .doors import active, requests_door, verification_links
from .doors.botocore_hooks import attach_to_existing_sessions, install, patch_botocore
from .engine.account.state import Account, set_limits, set_sandbox
from .engine.account.suppression import REASONS
from .engine.clock import Clock
from .engine.outcomes.routes import Pattern, Route
from .engine.outcomes.scripts import Outcome, Script
from .engine.records import RefusedRequest, SentMessage, SesEvent
from .engine.service import Engine, Settings
from .engine.text import escaped
from .identity_controls import IdentityControls
from .options import SimOptions, checked, keyword_signature
from .receiving_api import Receiving
from .sinks.outbound import Sinks

if TYPE_CHECKING:
    from mypy_boto3_ses import SESClient
    from mypy_boto3_sesv2 import SESV2Client
    from typing_extensions import Unpack

    from .doors.sessions import SimulatedEnvironment

_moto_lock = threading.Lock()


class SesSim(Receiving, DeliveryRecord, IdentityControls):
    """Stands in for Amazon SES while active.

    ``with SesSim() as sim:`` intercepts every boto3 ``ses``/``sesv2`` call in the
    process. Unless ``moto=False``, moto serves every other AWS service: the simulator
    joins an active ``mock_aws`` or starts one the moment something needs it (a call to
    another service, delivery to SNS, EventBridge, Firehose or CloudWatch), never for a
    test that uses SES alone.
    """

    def __init__(self, **options: Unpack[SimOptions]) -> None:
        """Keywords: see ``pytest_sessim.options.OPTIONS`` (the marker takes the same)."""
        values = checked(options)
        settings = Settings(
            region=values["region"],
            seed=values["seed"],
            now=values["now"],
            verified=tuple(values["verified"]),
            sandbox=values["sandbox"],
            auto_verify=values["auto_verify"],
            **({"account_id": values["account_id"]} if values["account_id"] else {}),
        )
        self.engine = Engine(settings)
        # perform what the engine decides to deliver (SNS, EventBridge, Firehose, ...)
        self.use_moto = values["moto"]
        self._sinks = Sinks(
            self.engine,
            external_webhooks=values["external_webhooks"],
            start_moto=self.ensure_moto if self.use_moto else None,
        )
        if values["max_24_hour_send"] is not None or values["max_send_rate"] is not None:
            self.set_limits(
                max_24_hour_send=values["max_24_hour_send"], max_send_rate=values["max_send_rate"]
            )
        for pattern, outcome in values["routes"]:
            self.route(pattern, outcome)
        self._moto_mock: Any = None
        self._environment: SimulatedEnvironment | None = None
        self.active = False

    __init__.__signature__ = keyword_signature()  # type: ignore[attr-defined]

    # lifecycle -------------------------------------------------------------
    def start(self) -> SesSim:
        if self.active:
            return self
        install()
        attach_to_existing_sessions()
        patch_botocore()
        from .doors.sessions import SimulatedEnvironment

        self._environment = SimulatedEnvironment()
        self._environment.enter()  # fake credentials; boto3's default session set aside
        active.push(self)
        requests_door.attach(self.engine)  # raw HTTPS to SES through requests
        verification_links.attach(self.engine)  # GETs of SES's verification links
        self._sinks.connect()
        self.active = True
        return self

    def stop(self) -> None:
        if not self.active:
            return
        self.active = False
        active.remove(self)
        self._sinks.disconnect()
        # patches come off in reverse order: moto's (started last) before the doors'
        if self._moto_mock is not None:
            self._moto_mock.stop()
            self._moto_mock = None
        verification_links.detach(self.engine)
        requests_door.detach(self.engine)
        if self._environment is not None:
            self._environment.exit()
            self._environment = None

    def __enter__(self) -> SesSim:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def ensure_moto(self) -> bool:
        """Whether moto serves AWS now: joins an active ``mock_aws``, or starts one unless
        ``moto=False`` (it stops with the simulator). Called when something needs moto:
        a call to another AWS service, a delivery to SNS, EventBridge, Firehose or
        CloudWatch; never for a test that uses SES alone."""
        if moto_adapter.mock_active():
            return True
        if not self.use_moto or not self.active:
            return False
        with _moto_lock:  # the SMTP door and the server deliver from threads of their own
            if moto_adapter.mock_active():
                return True
            # boto3's default session is already the test's own (see doors.sessions)
            self._moto_mock = moto_adapter.start_mock(reset_boto3_session=False)
        requests_door.refresh()  # SES through ``requests``: ahead of moto's own entries
        self._sinks.watch_subscriptions()  # SNS confirmations at Subscribe
        return True

    # configuration -----------------------------------------------------------
    @property
    def region(self) -> str:
        return self.engine.settings.region

    @property
    def seed(self) -> int:
        return self.engine.settings.seed

    @property
    def clock(self) -> Clock:
        return self.engine.clock

    def verify(self, *identities: str, region: str | None = None) -> None:
        """Verify email addresses and domains, as if their verification had succeeded, in
        ``region`` (default: the simulator's; SES keeps identities per Region)."""
        self.engine.verify(*identities, region=region)

    def route(self, pattern: Pattern, outcome: Outcome | Script) -> Route:
        """Give recipients matching ``pattern`` an outcome. Later routes win.

        ``pattern``: an address (case-insensitive), a glob such as ``*@example.com``,
        a compiled regex (full match) or a predicate; ``outcome``: an ``Outcome`` or a
        script from ``hard_bounce()``, ``soft_bounce()``, ``complaint()``, ``delayed()``...
        """
        return self.engine.router.add(pattern, outcome)

    @overload
    def client(self, service_name: Literal["ses"], **kwargs: Any) -> SESClient: ...
    @overload
    def client(self, service_name: Literal["sesv2"], **kwargs: Any) -> SESV2Client: ...
    @overload
    def client(self, service_name: str, **kwargs: Any) -> Any: ...
    def client(self, service_name: str, **kwargs: Any) -> Any:
        """``boto3.client(service_name)`` in the simulator's region with fake credentials
        (``kwargs`` override both). SES clients reach the simulator; other services reach
        moto, so this needs moto unless ``endpoint_url`` is given."""
        from .clients import SES_SERVICES, make_client

        if service_name not in SES_SERVICES and "endpoint_url" not in kwargs:
            self.ensure_moto()  # the other services are moto's: started when first needed
        return make_client(self.region, service_name, **kwargs)

    def _account(self, region: str | None) -> Account:
        return self.engine.account_in(region or self.region)

    @property
    def sandbox(self) -> bool:
        """Whether the account is in the SES sandbox in the simulator's Region."""
        return self._account(None).sandbox

    def set_sandbox(self, sandbox: bool = True, *, region: str | None = None) -> None:
        """Put the account in (or take it out of) the SES sandbox, with its limits, in
        ``region`` (default: the simulator's)."""
        set_sandbox(self._account(region), sandbox)

    def set_limits(
        self,
        *,
        max_24_hour_send: float | None = None,
        max_send_rate: float | None = None,
        region: str | None = None,
    ) -> None:
        """Set and enforce the daily quota (recipients) and/or maximum send rate (per second)."""
        set_limits(self._account(region), max_24_hour_send, max_send_rate)

    def suppress(self, address: str, reason: str = "BOUNCE", *, region: str | None = None) -> None:
        """Put ``address`` on the account-level suppression list (reason BOUNCE or COMPLAINT)."""
        if reason not in REASONS:
            raise ValueError(f"reason must be one of {', '.join(REASONS)}, not {reason!r}")
        self._account(region).suppression.put(address, reason, self.clock.now())

    def add_dedicated_ip(
        self,
        ip: str,
        *,
        pool: str | None = None,
        warmup_percentage: int = 100,
        region: str | None = None,
    ) -> None:
        """Give the account a dedicated IP address (SES provisions them), in ``pool`` (one
        made with CreateDedicatedIpPool; default: SES's default pool)."""
        self._account(region).infrastructure.dedicated_ips.add(ip, pool, warmup_percentage)

    @property
    def suppressed(self) -> dict[str, str]:
        """The account-level suppression list in the simulator's Region: address -> reason."""
        entries = self._account(None).suppression.entries.values()
        return {entry.address: entry.reason for entry in entries}

    # the record ---------------------------------------------------------------
    @property
    def outbox(self) -> list[SentMessage]:
        return self.engine.outbox

    @property
    def events(self) -> list[SesEvent]:
        return self.engine.events

    @property
    def deliveries(self) -> list[SesEvent]:
        return [event for event in self.engine.events if event.type == "Delivery"]

    @property
    def bounces(self) -> list[SesEvent]:
        return [event for event in self.engine.events if event.type == "Bounce"]

    @property
    def complaints(self) -> list[SesEvent]:
        return [event for event in self.engine.events if event.type == "Complaint"]

    def events_of(self, event_type: str) -> list[SesEvent]:
        """Events of one ``eventType`` ("DeliveryDelay", "Reject", "Rendering Failure", ...)."""
        return [event for event in self.engine.events if event.type == event_type]

    @property
    def refused(self) -> list[RefusedRequest]:
        return self.engine.refused

    def events_for(self, message_id: str) -> list[SesEvent]:
        return [event for event in self.engine.events if event.message_id == message_id]

    def activity(self) -> str:
        """A readable listing of everything captured so far."""
        listing = activity(self.outbox, self.events, self.refused)
        notifications = self.notifications
        if notifications:
            lines = [f"SNS notifications ({len(notifications)}):"]
            for item in notifications:
                attempts = item.deliveries
                delivered = sum(1 for attempt in attempts if attempt.ok)
                lines.append(
                    f"  {item.event_type or 'message':<17} {item.ses_message_id or '-'}  to "
                    f"{item.topic_arn}  ({delivered}/{len(attempts)} deliveries ok)"
                )
            listing += "\n" + "\n".join(lines)
        if self.received:
            lines = [f"Received mail ({len(self.received)}):"]
            for mail in self.received:
                outcome = ", ".join(mail.rules) if mail.accepted else f"refused: {mail.reason}"
                to = ", ".join(mail.recipients or mail.rejected)
                lines.append(f"  {mail.message_id or '-'}  to {to}  ({outcome})")
            listing += "\n" + "\n".join(lines)
        return escaped(listing)

    # assertions ---------------------------------------------------------------
    def assert_sent(self, **filters: Any) -> list[SentMessage]:
        """At least one accepted message matches every filter; returns the matches."""
        __tracebackhide__ = True
        found = filter_messages(self.outbox, filters)
        if not found:
            wanted = format_filters(filters) or "anything"
            raise SesAssertionError(f"No message matched {wanted}.\n{self.activity()}")
        return found

    def assert_nothing_sent(self) -> None:
        __tracebackhide__ = True
        if self.outbox:
            raise SesAssertionError(f"Expected no message to be sent.\n{self.activity()}")

    def assert_delivered(self, address: str) -> SesEvent:
        __tracebackhide__ = True
        return self._assert_event("Delivery", address, "delivered to")

    def assert_bounced(
        self, address: str, bounce_type: str | None = None, bounce_subtype: str | None = None
    ) -> SesEvent:
        __tracebackhide__ = True
        detail = {"bounceType": bounce_type, "bounceSubType": bounce_subtype}
        shown = "".join(
            f", {name}={value!r}"
            for name, value in (("bounce_type", bounce_type), ("bounce_subtype", bounce_subtype))
            if value is not None
        )
        return self._assert_event("Bounce", address, f"bounced{shown} for", **detail)

    def assert_complained(self, address: str) -> SesEvent:
        __tracebackhide__ = True
        return self._assert_event("Complaint", address, "complained about by")

    def _assert_event(
        self, event_type: str, address: str, verb: str, **detail: str | None
    ) -> SesEvent:
        __tracebackhide__ = True
        found = find_event(self.events, event_type, address, **detail)
        if not found:
            raise SesAssertionError(f"No message was {verb} {address!r}.\n{self.activity()}")
        return found[0]

    def __repr__(self) -> str:
        return (
            f"<SesSim region={self.region} seed={self.seed} sent={len(self.outbox)} "
            f"events={len(self.events)} active={self.active}>"
        )
