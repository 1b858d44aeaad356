"""What tests read: plain, frozen records of what was sent, refused and produced."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .mail.attachments import Attachment

if TYPE_CHECKING:
    from .events.payloads import MailFacts
    from .mail.mime import MessageContent
    from .mail.tracking import Tracking


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
    """SES's id for the message: the ``MessageId`` the send returned, ``mail.messageId``."""
    operation: str
    """The API operation that sent it: ``SendEmail``, ``SendRawEmail``, ``SendTemplatedEmail``,
    ``SendBulkTemplatedEmail`` (v1), ``SendEmail``, ``SendBulkEmail`` (v2)."""
    api: str
    """``"ses"`` for SES v1, ``"sesv2"`` for SESv2."""
    timestamp: datetime
    """When SES accepted it, on the simulator clock (``mail.timestamp``)."""
    source: str
    """The sender the request gave (``Source``/``FromEmailAddress``, or a raw message's
    ``From``), as ``mail.source`` shows it."""
    from_: list[str]
    """The ``From`` header's addresses."""
    to: list[str]
    cc: list[str]
    bcc: list[str]
    destinations: list[str]
    reply_to: list[str]
    """The ``Reply-To`` addresses the request gave."""
    return_path: str | None
    """Where SES sends feedback (``ReturnPath``, v2 ``FeedbackForwardingEmailAddress``),
    or None."""
    subject: str | None
    text: str | None
    html: str | None
    attachments: list[Attachment]
    """The message's parts other than its text and HTML bodies, in order."""
    headers: list[tuple[str, str]]
    tags: dict[str, str]
    configuration_set: str | None
    """The configuration set it was sent with (the API's, or ``X-SES-CONFIGURATION-SET``),
    or None."""
    template: str | None
    template_data: dict[str, Any] | None
    _content: MessageContent | None = field(repr=False, compare=False)
    region: str = "us-east-1"
    """The SES Region that accepted it (the client's Region)."""
    tenant: str | None = None
    """The tenant it was sent for (SESv2 ``TenantName``), or None."""
    archive_arn: str | None = None
    """The Mail Manager archive SES archived it to (its configuration set's ArchiveArn),
    or None."""
    tracking: Tracking | None = field(default=None, repr=False)
    """Where SES points the open image and links (its configuration set publishes Open or
    Click events), or None."""

    @property
    def tracked_html(self) -> str | None:
        """The HTML body as SES delivers it: with open and click tracking applied (the
        configuration set's custom redirect domain, or SES's), or as sent if untracked."""
        if self.html is None or self.tracking is None:
            return self.html
        from .mail.tracking import tracked_html

        return tracked_html(self.html, self.tracking, self.message_id)

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
    """The ``eventType``: ``"Send"``, ``"Delivery"``, ``"Bounce"``, ``"Complaint"``,
    ``"Reject"``, ``"Rendering Failure"``, ``"DeliveryDelay"``, ``"Open"`` or ``"Click"``."""
    message_id: str
    """The id of the message it is about (``mail.messageId``)."""
    recipients: list[str]
    """The recipients it concerns, as sent (all of them for Send, Reject and Rendering
    Failure)."""
    timestamp: datetime
    """When it happened, on the simulator clock."""
    detail: Mapping[str, Any]
    """The type's own JSON object: ``record["bounce"]``, ``record["delivery"]``, ...
    (empty for Send)."""
    _facts: MailFacts = field(repr=False, compare=False)
    _extra_tags: Mapping[str, list[str]] | None = field(default=None, repr=False, compare=False)

    @property
    def region(self) -> str:
        """The SES Region of the message it is about."""
        return self._facts.region

    @property
    def source_arn(self) -> str:
        """The ARN of the identity that sent the message (``mail.sourceArn``)."""
        return self._facts.source_arn

    @cached_property
    def record(self) -> dict[str, Any]:
        from .events.payloads import build_record

        return build_record(self.type, self._facts, self.detail, self._extra_tags)

    @cached_property
    def notification(self) -> dict[str, Any] | None:
        from .events.payloads import build_notification

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
    """``"ses"`` for SES v1, ``"sesv2"`` for SESv2."""
    operation: str
    """The API operation refused, such as ``SendEmail``."""
    code: str
    """The error code, such as ``MessageRejected`` (v1) or ``BadRequestException`` (v2)."""
    message: str
    """The error message, in SES's words."""
    http_status: int
    """The HTTP status of the error reply."""
    timestamp: datetime
    """When it was refused, on the simulator clock."""
    params: Mapping[str, Any] = field(repr=False)
    """The request's parameters, decoded from the wire."""
    region: str = "us-east-1"
    """The SES Region the request went to."""
