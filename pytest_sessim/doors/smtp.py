"""The SES SMTP interface: an aiosmtpd server on loopback that answers as
``email-smtp.<region>.amazonaws.com`` does.

A message submitted here goes through the engine like a raw send (every rule,
outcome and delivery applies) and is recorded with the ``Received`` header SES
prepends. Engine errors become SES's SMTP replies: ``554 Message rejected: ...``,
``554 Transaction failed: ...`` and ``454 Throttling failure: ...``.

Threading: aiosmtpd runs its event loop on a thread of its own. Each message is
handed to the engine on that thread while holding the engine's lock
(``Engine.lock``), which every door takes; the test's thread is free meanwhile (it is
usually blocked in ``smtplib`` waiting for the reply).
"""

from __future__ import annotations

import hmac
import logging
import secrets
import string
from collections.abc import Callable
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import TYPE_CHECKING, Any, AnyStr

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from ..engine.errors import ErrorKind, SesError
from ..engine.sending.size import V2_MAX_MESSAGE_BYTES
from . import active
from .tls import material

if TYPE_CHECKING:
    import asyncio

    from ..engine.service import Engine

log = logging.getLogger(__name__)

SES_SMTP_HOST = "email-smtp.amazonaws.com"
MAX_MESSAGE_BYTES = V2_MAX_MESSAGE_BYTES  # SES's SMTP limit is the v2 API's
_UPPER = string.ascii_uppercase + string.digits
_ALNUM = string.ascii_letters + string.digits

# aiosmtpd's own wording -> SES's (reference section 6.3)
_SES_WORDING = {
    "250 OK": "250 Ok",
    "530 5.7.0 Authentication required": "530 Authentication required",
    "538 5.7.11 Encryption required for requested authentication mechanism": (
        "530 Must issue a STARTTLS command first"
    ),
    "552 Error: Too much mail data": "552 Message is too long.",
    "552 Error: message size exceeds fixed maximum message size": "552 Message is too long.",
}
_THROTTLED = (ErrorKind.THROTTLING, ErrorKind.DAILY_QUOTA)
_REJECTED = (
    ErrorKind.MESSAGE_REJECTED,
    ErrorKind.ACCOUNT_SENDING_PAUSED,
    ErrorKind.CONFIGURATION_SET_SENDING_PAUSED,
    ErrorKind.MAIL_FROM_NOT_VERIFIED,
)


def _reply_text(message: str) -> str:
    """One line of ASCII (an SMTP reply without SMTPUTF8 can carry nothing else): line
    breaks become spaces, other characters backslash escapes."""
    text = " ".join(message.split())
    if text.isascii() and text.isprintable():
        return text
    text = text.encode("ascii", "backslashreplace").decode("ascii")
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def smtp_reply(error: SesError) -> str:
    """The SMTP reply SES gives for an error its API would return."""
    text = _reply_text(error.message)
    if error.kind in _THROTTLED:
        return f"454 Throttling failure: {text}"
    if error.kind is ErrorKind.ACCESS_DENIED:
        return f"554 Access denied: {text}"
    if error.kind in _REJECTED:
        return f"554 Message rejected: {text}"
    return f"554 Transaction failed: {text}"


def _random(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


def smtp_credentials() -> tuple[str, str]:
    """A username and password shaped like SES SMTP credentials (random per call)."""
    return "AKIA" + _random(_UPPER, 16), "B" + _random(_ALNUM + "+/", 43)


def iam_user_name(at: datetime) -> str:
    """The IAM user SES's console makes for SMTP credentials: ``ses-smtp-user.YYYYMMDD-HHMMSS``."""
    return f"ses-smtp-user.{at.astimezone(timezone.utc):%Y%m%d-%H%M%S}"


def received_header(engine: Any, helo: str | None, recipients: list[str]) -> bytes:
    """The ``Received`` line SES prepends to a message submitted over SMTP."""
    rng = engine.ids.rng
    host_id = "".join(rng.choice(_UPPER) for _ in range(9))
    smtp_id = "".join(rng.choice(_ALNUM) for _ in range(20))
    where = f" for {recipients[0]}" if len(recipients) == 1 else ""
    when = format_datetime(engine.clock.now().astimezone(timezone.utc))
    line = (
        f"Received: from {helo or 'unknown'} ([{engine.source_ip}]) by {SES_SMTP_HOST} "
        f"with SMTP (SimpleEmailService-d-{host_id}) id {smtp_id}{where}; {when} (UTC)\r\n"
    )
    return line.encode("utf-8", "replace")


class _SesSmtp(SMTP):
    """aiosmtpd's protocol, worded as SES words it; MAIL, RCPT and DATA need AUTH.

    A mail transaction refused before the engine sees the message (a malformed address,
    a line or message too long) is recorded as a refusal, as the engine records its own.
    """

    _command = ""
    engine_answered = False  # the reply about to go out is the engine's (already recorded)

    def _getaddr(self, arg: str) -> tuple[str | None, str | None]:
        try:
            return super()._getaddr(arg)
        except IndexError:  # the stdlib's address parser on some malformed ones ("<a@")
            return None, None  # aiosmtpd's answer to a malformed address follows

    async def smtp_MAIL(self, arg: str) -> None:
        self._command = "MAIL"
        await super().smtp_MAIL(arg)

    async def smtp_RCPT(self, arg: str) -> None:
        self._command = "RCPT"
        await super().smtp_RCPT(arg)

    async def smtp_DATA(self, arg: str) -> None:
        self._command = "DATA"
        await super().smtp_DATA(arg)

    async def push(self, status: AnyStr) -> None:
        if isinstance(status, str):
            status = _SES_WORDING.get(status, status)
            refused = status[:1] in ("4", "5") and self._command and not status.startswith("530")
            if refused and not self.engine_answered:
                handler = self.event_handler
                if isinstance(handler, _Handler):
                    handler.server.note_refusal(self._command, status)
            self.engine_answered = False
        await super().push(status)

    async def check_auth_needed(self, caller_method: str) -> bool:
        if self.session is not None and not self.session.authenticated:
            await self.push("530 Authentication required")
            return True
        return False


class _QuietAiosmtpd(logging.Filter):
    """aiosmtpd logs a deprecation warning on every successful AUTH through its own
    ``authenticator`` API; it says nothing to a test suite."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "login_data is deprecated" not in record.getMessage()


logging.getLogger("mail.log").addFilter(_QuietAiosmtpd())


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_EHLO(
        self, server: SMTP, session: Session, envelope: Envelope, hostname: str, responses: Any
    ) -> list[str]:
        session.host_name = hostname
        lines = [f"250-{SES_SMTP_HOST}", "250-8BITMIME", f"250-SIZE {MAX_MESSAGE_BYTES}"]
        if server.tls_context is not None and server._tls_protocol is None:
            lines.append("250-STARTTLS")
        lines += ["250-AUTH PLAIN LOGIN", "250 Ok"]
        return lines

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 Ok"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        return "250 Ok"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        reply = self.server.submit(
            session.host_name,
            envelope.mail_from,
            list(envelope.rcpt_tos),
            envelope.original_content or b"",
        )
        if isinstance(server, _SesSmtp):
            server.engine_answered = True
        return reply

    async def handle_exception(self, error: Exception) -> str:
        log.error("sessim SMTP door failed: %r", error, exc_info=error)
        return "451 Temporary service failure"


class _Controller(Controller):
    """Binds port 0 (a free port) and reads back the port the system chose."""

    def __init__(self, smtp_factory: Callable[[], SMTP], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._smtp_factory = smtp_factory

    def factory(self) -> SMTP:
        return self._smtp_factory()

    def _create_server(self) -> Any:
        async def create() -> asyncio.AbstractServer:
            server = await self.loop.create_server(
                self._factory_invoker, host=self.hostname, port=self.port, ssl=self.ssl_context
            )
            self.port = server.sockets[0].getsockname()[1]
            return server

        return create()


class SmtpServer:
    """SES's SMTP endpoint on ``host:port``, answering for a simulator.

    Bound to a simulator (or its engine) it submits there; unbound it submits to
    whichever simulator is active (and answers ``451 Temporary service failure`` when none is).
    ``implicit_tls=True`` speaks TLS from the first byte (SES's port 465); otherwise
    STARTTLS is offered (and required for everything with ``require_tls=True``). As
    with SES, AUTH needs TLS first (``530 Must issue a STARTTLS command first``) unless
    ``plaintext_auth=True`` (a deviation, for clients that cannot do TLS). Clients
    trust :attr:`ca_file`. Credentials are checked on AUTH PLAIN and LOGIN; MAIL needs
    AUTH.
    """

    def __init__(
        self,
        target: Engine | active.HasEngine | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        username: str | None = None,
        password: str | None = None,
        iam_user: str | None = None,
        implicit_tls: bool = False,
        require_tls: bool = False,
        plaintext_auth: bool = False,
        before_submit: Callable[[], None] | None = None,
    ) -> None:
        self.engine = None if target is None else active.engine_of(target)
        self.host = host
        self.port = port
        generated = smtp_credentials()
        self.username = username or generated[0]
        self.password = password or generated[1]
        when = self.engine.clock.now() if self.engine is not None else datetime.now(timezone.utc)
        self.iam_user = iam_user or iam_user_name(when)
        self.implicit_tls = implicit_tls
        self.require_tls = require_tls
        self.plaintext_auth = plaintext_auth
        # called before each message reaches the engine (the server moves its clock)
        self.before_submit = before_submit
        self._tls = material()
        self.ca_file = self._tls.ca_file
        self._controller: _Controller | None = None

    # lifecycle ------------------------------------------------------------------
    def start(self) -> SmtpServer:
        if self._controller is not None:
            return self
        context = self._tls.server_context()
        ident = f"ESMTP SimpleEmailService-d-{_random(_UPPER, 9)} {_random(_ALNUM, 20)}"

        def make_smtp() -> SMTP:
            return _SesSmtp(
                _Handler(self),
                data_size_limit=MAX_MESSAGE_BYTES,
                enable_SMTPUTF8=False,
                hostname=SES_SMTP_HOST,
                ident=ident,
                tls_context=None if self.implicit_tls else context,
                require_starttls=self.require_tls and not self.implicit_tls,
                auth_required=False,  # enforced by _SesSmtp.check_auth_needed
                auth_require_tls=not self.plaintext_auth and not self.implicit_tls,
                authenticator=self._authenticate,
            )

        controller = _Controller(
            make_smtp,
            handler=None,
            hostname=self.host,
            port=self.port,
            ssl_context=context if self.implicit_tls else None,
        )
        controller.start()
        self.port = controller.port
        self._controller = controller
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> SmtpServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._controller is not None

    def bind(self, target: Engine | active.HasEngine | None) -> None:
        """Submit to ``target`` from now on (None: to whichever simulator is active)."""
        self.engine = None if target is None else active.engine_of(target)

    # protocol --------------------------------------------------------------------
    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword)
            and hmac.compare_digest(data.login, self.username.encode())
            and hmac.compare_digest(data.password, self.password.encode())
        )
        if ok:
            return AuthResult(success=True, message="235 Authentication successful.")
        return AuthResult(
            success=False, handled=False, message="535 Authentication Credentials Invalid"
        )

    def submit(
        self, helo: str | None, mail_from: str | None, rcpt_to: list[str], data: bytes
    ) -> str:
        """Run one message through the engine; the SMTP reply to DATA."""
        if self.before_submit is not None:
            self.before_submit()
        engine = self.engine if self.engine is not None else active.current()
        if engine is None or not active.is_active(engine):
            return "451 Temporary service failure"
        with engine.lock:
            params = {
                "RawMessage": {"Data": received_header(engine, helo, rcpt_to) + data},
                "Source": mail_from or None,
                "Destinations": rcpt_to,
                "CallerIdentity": self.iam_user,
            }
            try:
                result = engine.handle("smtp", "SendRawEmail", params)
            except SesError as error:
                return smtp_reply(error)
            except Exception:
                log.exception("sessim SMTP door: the engine failed on a message")
                return "451 Temporary service failure"
        return f"250 Ok {result['MessageId']}"

    def note_refusal(self, command: str, reply: str) -> None:
        """Record a mail transaction refused by the protocol (``reply`` is the SMTP reply)."""
        engine = self.engine if self.engine is not None else active.current()
        if engine is None:
            return
        code, _, text = reply.partition(" ")
        with engine.lock:
            engine.record_refusal(
                "smtp", "SendRawEmail", f"SMTP {code}", text, 400, {"Command": command}
            )

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<SmtpServer {self.host}:{self.port} {state} user={self.username}>"
