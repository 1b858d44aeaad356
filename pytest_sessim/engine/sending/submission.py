"""One message as a send operation asks for it, before SES's checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..mail.mime import MessageContent
from ..templates.template import TemplateContent


@dataclass
class Submission:
    """One message as a send operation asks for it, before SES's checks."""

    api: str
    operation: str
    source: str | None
    to: list[str]
    cc: list[str]
    bcc: list[str]
    reply_to: list[str] = field(default_factory=list)
    return_path: str | None = None
    content: MessageContent | None = None
    template: TemplateContent | None = None
    template_data: dict[str, Any] | None = None
    tags: list[tuple[str, str]] | None = None
    configuration_set: str | None = None
    raw: bool = False
    size: int = 0
    # who sent it (``mail.callerIdentity``); None means the account's default caller
    caller_identity: str | None = None
    # sending authorization: the identities (ARNs) the sender, From and Return-Path use
    source_arn: str | None = None
    from_arn: str | None = None
    return_path_arn: str | None = None
    # (contact list, topic) of SESv2 ``ListManagementOptions``
    list_management: tuple[str, str | None] | None = None
    # SESv2: the tenant it is sent for, and the multi-Region endpoint it goes through
    tenant: str | None = None
    endpoint_id: str | None = None

    def envelope(self) -> list[str]:
        """Every envelope recipient, as given (SES's ``mail.destination``)."""
        return [*self.to, *self.cc, *self.bcc]
