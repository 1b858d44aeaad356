"""What tests read: plain, frozen records of what was sent, refused and produced."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .content import MessageContent
    from .events import MailFacts


@dataclass(frozen=True)
class Attachment:
    """One attachment of a sent message."""

    filename: str | None
    content_type: str
    content: bytes
    content_id: str | None = None
    inline: bool = False


@dataclass(frozen=True)
class SentMessage:
    """One message SES accepted (one per bulk entry).

    ``destinations`` are the envelope recipients (SES's ``mail.destination``);
    ``to``/``cc`` come from the message's headers and ``bcc`` holds the envelope
    recipients that no header shows.

    Address fields hold the strings as the request gave them. ``headers`` are the
    message's own headers in order (the ones SES shows in ``mail.headers``);
    ``tags`` merges the API's message tags (or ``X-SES-MESSAGE-TAGS``). For a
    templated send ``template``/``template_data`` name what was asked for and
    ``subject``/``text``/``html`` hold the rendered result (None if it failed).
    """

    message_id: str
    operation: str
    api: str
    timestamp: datetime
    source: str
    from_: list[str]
    to: list[str]
    cc: list[str]
    bcc: list[str]
    destinations: list[str]
    reply_to: list[str]
    return_path: str | None
    subject: str | None
    text: str | None
    html: str | None
    attachments: list[Attachment]
    headers: list[tuple[str, str]]
    tags: dict[str, str]
    configuration_set: str | None
    template: str | None
    template_data: dict[str, Any] | None
    _content: MessageContent | None = field(repr=False, compare=False)

    @cached_property
    def raw(self) -> bytes:
        """The full MIME message, as SES would hand it on (without its own Message-ID)."""
        return self._content.raw() if self._content is not None else b""

    def header(self, name: str) -> str | None:
        """The first header named ``name`` (case-insensitive), or None."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


@dataclass(frozen=True)
class SesEvent:
    """One SES event about one message: Send, Delivery, Bounce, Complaint, ...

    ``record`` is the event-publishing JSON (keyed by ``eventType``, with
    ``mail.tags``); ``notification`` is the identity-notification JSON (keyed by
    ``notificationType``, headers included) or None for types SES does not notify.
    """

    type: str
    message_id: str
    recipients: list[str]
    timestamp: datetime
    detail: Mapping[str, Any]
    _facts: MailFacts = field(repr=False, compare=False)
    _extra_tags: Mapping[str, list[str]] | None = field(default=None, repr=False, compare=False)

    @property
    def source_arn(self) -> str:
        """The ARN of the identity that sent the message (``mail.sourceArn``)."""
        return self._facts.source_arn

    @cached_property
    def record(self) -> dict[str, Any]:
        from .events import build_record

        return build_record(self.type, self._facts, self.detail, self._extra_tags)

    @cached_property
    def notification(self) -> dict[str, Any] | None:
        from .events import build_notification

        return build_notification(self.type, self._facts, self.detail)

    @property
    def bounce_type(self) -> str | None:
        return self.detail.get("bounceType")

    @property
    def bounce_subtype(self) -> str | None:
        return self.detail.get("bounceSubType")


@dataclass(frozen=True)
class RefusedRequest:
    """A request SES refused, with the code and text it answered."""

    api: str
    operation: str
    code: str
    message: str
    http_status: int
    timestamp: datetime
    params: Mapping[str, Any] = field(repr=False)
