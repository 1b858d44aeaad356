"""Email address and domain identities with everything SES keeps on them: verification,
DKIM, custom MAIL FROM, sending-authorization policies, the default configuration set
and S/MIME certificates. Statuses are kept in SES v1's spelling ("Pending", "Success");
``v2_status`` gives SESv2's ("PENDING", "SUCCESS").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

EMAIL_ADDRESS = "EmailAddress"
DOMAIN = "Domain"

PENDING = "Pending"
SUCCESS = "Success"
FAILED = "Failed"
TEMPORARY_FAILURE = "TemporaryFailure"
NOT_STARTED = "NotStarted"
VERIFICATION_STATUSES = (PENDING, SUCCESS, FAILED, TEMPORARY_FAILURE, NOT_STARTED)
MAIL_FROM_STATUSES = (PENDING, SUCCESS, FAILED, TEMPORARY_FAILURE)

USE_DEFAULT_VALUE = "UseDefaultValue"
REJECT_MESSAGE = "RejectMessage"

EASY_DKIM = "AWS_SES"
BYODKIM = "EXTERNAL"
RSA_2048 = "RSA_2048_BIT"
RSA_1024 = "RSA_1024_BIT"


def v2_status(status: str) -> str:
    """SESv2's spelling of a v1 status: ``TemporaryFailure`` -> ``TEMPORARY_FAILURE``."""
    return {TEMPORARY_FAILURE: "TEMPORARY_FAILURE", NOT_STARTED: "NOT_STARTED"}.get(
        status, status.upper()
    )


@dataclass
class Dkim:
    """An identity's DKIM: Easy DKIM (``AWS_SES``, or a Region's ``AWS_SES_<REGION>``
    replica), BYODKIM (``EXTERNAL``) or none yet (``origin`` None)."""

    status: str = NOT_STARTED
    signing_enabled: bool = True
    tokens: list[str] = field(default_factory=list)
    origin: str | None = None
    current_key_length: str | None = None
    next_key_length: str | None = None
    last_key_generation: datetime | None = None

    @property
    def configured(self) -> bool:
        return self.origin is not None


@dataclass
class MailFrom:
    """A custom MAIL FROM domain; its status says whether SES found its MX record."""

    domain: str
    behavior: str = USE_DEFAULT_VALUE
    status: str = PENDING


@dataclass
class IdentityCertificate:
    """An S/MIME certificate (an ACM ARN) associated with a From address."""

    from_address: str
    certificate_arn: str
    status: str
    associated: datetime


@dataclass
class Identity:
    """An email address or domain identity in one Region."""

    name: str
    kind: str  # EMAIL_ADDRESS or DOMAIN
    created: datetime
    verification_status: str = SUCCESS
    verification_token: str | None = None
    # when the current verification attempt started (it fails after 24 h / 72 h)
    verification_started: datetime | None = None
    last_success: datetime | None = None
    # notification settings: type ("Bounce", "Complaint", "Delivery") -> SNS topic ARN
    notification_topics: dict[str, str] = field(default_factory=dict)
    headers_in_notifications: set[str] = field(default_factory=set)
    feedback_forwarding: bool = True
    dkim: Dkim = field(default_factory=Dkim)
    mail_from: MailFrom | None = None
    # sending-authorization policies: name -> JSON text, in the order they were put
    policies: dict[str, str] = field(default_factory=dict)
    configuration_set: str | None = None
    certificates: dict[str, IdentityCertificate] = field(default_factory=dict)
    # what its tokens and links derive from (one seeded draw), and how many were made
    seed: str = field(default="", repr=False)
    dkim_generations: int = field(default=0, repr=False)
    links_sent: int = field(default=0, repr=False)

    @property
    def verified(self) -> bool:
        return self.verification_status == SUCCESS

    @property
    def status(self) -> str:
        return self.verification_status

    @property
    def domain(self) -> str:
        """The domain part: the identity itself for a domain."""
        return self.name.rpartition("@")[2].lower()


def kind_of(name: str) -> str:
    return EMAIL_ADDRESS if "@" in name else DOMAIN


def parent_domains(address_or_domain: str) -> list[str]:
    """``a@b.example.com`` -> ``["b.example.com", "example.com", "com"]``."""
    domain = address_or_domain.rpartition("@")[2].lower()
    found: list[str] = []
    while domain:
        found.append(domain)
        domain = domain.partition(".")[2]
    return found


def covering_identity(
    identities: Mapping[str, Identity], address: str, *, verified_only: bool = True
) -> Identity | None:
    """The identity that covers ``address``: itself, else its domain, else a parent
    domain (verified ones only, unless told otherwise)."""
    for key in (address.lower(), *parent_domains(address)):
        identity = identities.get(key)
        if identity is not None and (identity.verified or not verified_only):
            return identity
    return None


def dkim_source(identities: Mapping[str, Identity], identity: Identity) -> Identity:
    """Whose DKIM an identity reports: its own, or for an address without DKIM of its
    own, its domain's (addresses are signed with their domain's keys)."""
    if identity.kind == DOMAIN or identity.dkim.configured:
        return identity
    for domain in parent_domains(identity.name):
        found = identities.get(domain)
        if found is not None and found.dkim.configured:
            return found
    return identity
