"""What tests read about received mail: one ``ReceivedMail`` per mail, one
``PerformedAction`` per receipt rule action SES ran on it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from email.message import EmailMessage


@dataclass(frozen=True)
class PerformedAction:
    """One action of a receipt rule, as SES ran it on one mail.

    ``type`` is the action's name in SES's notifications: "S3", "SNS", "Lambda",
    "Bounce", "Stop", "WorkMail", and "AddHeader" and "Connect" (which notify nothing).
    """

    rule: str
    """The receipt rule the action belongs to."""
    type: str
    target: str | None
    """What the action acted on: ``s3://bucket/key``, the SNS topic or Lambda function
    ARN, the address a bounce went to, ``Name: value`` of an added header, the WorkMail
    organization or Connect instance ARN (None for a Stop action)."""
    error: str | None = None
    """Why the action failed (a missing bucket, an unregistered function, a function
    that raised...), or None."""
    result: Any = None
    """A Lambda function's return value; the bounce message (a ``SentMessage``) of a
    Bounce action; otherwise None."""
    disposition: str | None = None
    """For a RequestResponse Lambda action: "CONTINUE", "STOP_RULE" or "STOP_RULE_SET"
    as SES read the function's answer."""
    notification: Mapping[str, Any] | None = None
    """The JSON SES published to the action's SNS topic (None if it has no topic)."""
    event: Mapping[str, Any] | None = None
    """The event a Lambda action handed to its function (``Records[].ses``)."""

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class ReceivedMail:
    """One mail that reached SES's inbound endpoint, and what SES did with it.

    ``accepted`` is False when SES refused it during the SMTP conversation (an IP
    address filter, no rule for any recipient, TLS required, a Region without email
    receiving); ``smtp_response`` is SES's reply ("250 Ok", "550 5.1.1 ...", None where
    there is no endpoint at all) and ``reason`` says why it was refused. ``rejected``
    holds the recipients refused at RCPT TO, with their replies.
    """

    message_id: str | None
    """SES's id for the mail (``mail.messageId``; the S3 object's name); None when the
    mail was refused."""
    region: str
    """The SES Region whose inbound endpoint it reached."""
    timestamp: datetime
    """When SES received it, on the simulator clock."""
    sender: str
    """The envelope sender (MAIL FROM); empty for bounces and auto-responses."""
    recipients: list[str]
    """The envelope recipients SES accepted."""
    accepted: bool
    smtp_response: str | None
    reason: str | None = None
    rejected: Mapping[str, str] = field(default_factory=dict)
    source_ip: str = ""
    """The IP address the mail came from."""
    tls: bool = True
    """Whether it came over TLS."""
    rule_set: str | None = None
    """The active receipt rule set when it arrived."""
    rules: list[str] = field(default_factory=list)
    """The names of the rules that ran on it, in order."""
    actions: list[PerformedAction] = field(default_factory=list)
    """Every action the rules ran, in order, with how it went."""
    verdicts: Mapping[str, str] = field(default_factory=dict)
    """``spam``, ``virus``, ``spf``, ``dkim`` and ``dmarc``: PASS, FAIL, GRAY or
    PROCESSING_FAILED, as SES found them (a rule without scanning reports DISABLED
    for spam and virus in its own notifications)."""
    notification: Mapping[str, Any] | None = None
    """The receipt JSON (``notificationType``, ``mail``, ``receipt``) without an
    ``action``: each action's own notification is on ``actions``."""
    raw: bytes = field(default=b"", repr=False)
    """The mail as SES stored it: its own headers first, then the mail's."""

    @cached_property
    def message(self) -> EmailMessage:
        """``raw`` parsed with the standard library."""
        from email import message_from_bytes
        from email.message import EmailMessage
        from email.policy import default

        parsed = message_from_bytes(self.raw, policy=default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    @property
    def subject(self) -> str | None:
        value = self.message["Subject"]
        return None if value is None else str(value)

    def header(self, name: str) -> str | None:
        """The first header named ``name`` (case-insensitive) of the stored mail."""
        value = self.message[name]
        return None if value is None else str(value)

    def actions_of(self, action_type: str) -> list[PerformedAction]:
        """The performed actions of one ``type`` ("S3", "Lambda", ...)."""
        return [action for action in self.actions if action.type == action_type]
