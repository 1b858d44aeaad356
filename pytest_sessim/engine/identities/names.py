"""Which names SES takes as identities, and finding an identity by name or ARN.

``VerifyEmailIdentity("Foo <foo@bar.baz>")`` and ``VerifyDomainIdentity("not a
domain")`` are refused: an email identity is a bare address, a domain is DNS labels.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import SesError, invalid_parameter
from ..mail.addresses import parse_mailbox
from ..publishing.publisher import identity_name

if TYPE_CHECKING:
    from ..account.identities import Identity
    from ..account.state import Account

# letters, digits and inner hyphens, 1 to 63 of them
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\Z")
MAX_DOMAIN_LENGTH = 253


def invalid_email(address: str) -> SesError:
    # as recorded from SES: no space before the bracket
    return invalid_parameter(f"Invalid email address<{address}>.")


def invalid_domain(domain: str) -> SesError:
    return invalid_parameter(f"Invalid domain name<{domain}>.")


def is_domain(text: str) -> bool:
    labels = text.split(".")
    return (
        0 < len(text) <= MAX_DOMAIN_LENGTH
        and len(labels) > 1
        and all(_LABEL.match(label) for label in labels)
        and not labels[-1].isdigit()
    )


def check_email_identity(address: str) -> str:
    """A bare address whose domain is a domain name; anything else is refused."""
    try:
        mailbox = parse_mailbox(address)
    except SesError:
        raise invalid_email(address) from None
    if mailbox.address != address or not is_domain(mailbox.domain):
        raise invalid_email(address)
    return address


def check_domain_identity(domain: str) -> str:
    if not is_domain(domain):
        raise invalid_domain(domain)
    return domain


def check_identity_name(name: str) -> str:
    """An address or a domain, checked as SES checks each."""
    return check_email_identity(name) if "@" in name else check_domain_identity(name)


def find(account: Account, given: str) -> Identity | None:
    """The identity ``given`` names, by itself or by its ARN (in this account and Region)."""
    if given.startswith("arn:"):
        prefix = account.arn("identity/")
        if not given.startswith(prefix):
            return None
    return account.identities.get(identity_name(given).lower())
