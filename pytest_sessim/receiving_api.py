"""The receiving half of ``SesSim``: mail arriving at SES's inbound endpoint, what SES did
with it, and the Lambda functions receipt rules call (kept apart from ``simulator.py``,
which ``SesSim`` inherits it into)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from email.message import Message
from typing import TYPE_CHECKING, Any

from .engine.receiving.inbound import receive
from .engine.receiving.records import ReceivedMail

if TYPE_CHECKING:
    from .engine.service import Engine
    from .sinks.outbound import Sinks


class Receiving:
    engine: Engine
    _sinks: Sinks

    def receive(
        self,
        message: bytes | str | Message,
        *,
        recipients: Sequence[str] | str | None = None,
        sender: str | None = None,
        source_ip: str | None = None,
        tls: bool = True,
        verdicts: Mapping[str, str] | None = None,
        region: str | None = None,
    ) -> ReceivedMail:
        """Deliver one mail to SES's inbound endpoint, as a mail server on the internet
        would, and run the active receipt rule set on it.

        ``message`` is bytes, text or an ``email.message.EmailMessage``. ``recipients``
        (RCPT TO) default to the To and Cc addresses, ``sender`` (MAIL FROM) to the
        Return-Path, else the From address. ``source_ip`` is the connecting address
        (a generated public one by default), ``tls`` whether it came over TLS.
        ``verdicts`` set ``spam``, ``virus``, ``spf``, ``dkim`` and ``dmarc`` to "PASS",
        "FAIL", "GRAY" or "PROCESSING_FAILED" (and ``dmarc_policy`` for a failed DMARC);
        all are PASS by default but the virus verdict, which is computed (EICAR fails).
        ``region`` is the simulator's by default. The result is also in ``received``.
        """
        if isinstance(recipients, str):
            recipients = [recipients]
        with self.engine.lock:
            return receive(
                self.engine,
                message,
                recipients=recipients,
                sender=sender,
                source_ip=source_ip,
                tls=tls,
                verdicts=verdicts,
                region=region,
            )

    @property
    def received(self) -> list[ReceivedMail]:
        """Every mail that reached an inbound endpoint, in order: those given to
        ``receive`` and those that came back by themselves (auto-responses, forwarded
        feedback, bounces), refused ones included (``accepted`` is False)."""
        return self.engine.received

    def register_lambda(self, function_arn: str, handler: Callable[[Any, Any], Any]) -> None:
        """Make ``handler(event, context)`` the Lambda function ``function_arn`` that
        receipt rules' Lambda actions call (a RequestResponse function's answer
        ``{"disposition": "STOP_RULE" | "STOP_RULE_SET" | "CONTINUE"}`` steers the rules).
        Register it before a rule names it: SES checks the function exists."""
        self._sinks.lambdas.register(function_arn, handler)
