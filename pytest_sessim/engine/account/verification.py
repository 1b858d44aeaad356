"""What SES keeps for verifying email addresses: the links it mailed (each verifies one
address once, until it expires) and the custom verification email templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class CustomVerificationTemplate:
    name: str
    from_address: str
    subject: str
    content: str
    success_url: str
    failure_url: str
    created: datetime


@dataclass
class VerificationLink:
    """A link SES mailed: a GET of ``url`` verifies ``identity`` until ``expires``.
    Links of custom verification mails redirect to the template's URLs."""

    token: str
    url: str
    identity: str
    sent: datetime
    expires: datetime
    message_id: str
    success_url: str | None = None
    failure_url: str | None = None


@dataclass
class Verification:
    templates: dict[str, CustomVerificationTemplate] = field(default_factory=dict)
    links: dict[str, VerificationLink] = field(default_factory=dict)

    def forget_links_of(self, identity: str) -> None:
        """A deleted identity's links stop working."""
        for token in [t for t, link in self.links.items() if link.identity == identity.lower()]:
            del self.links[token]
