"""A custom MAIL FROM domain whose MX record SES has not found (status other than
Success) refuses the send when its behaviour on MX failure is RejectMessage
(``MailFromDomainNotVerifiedException``); with UseDefaultValue SES sends from
amazonses.com instead. An address without MAIL FROM settings uses its domain's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..account.identities import REJECT_MESSAGE, SUCCESS, Identity, parent_domains
from ..errors import ErrorKind, SesError

if TYPE_CHECKING:
    from ..account.state import Account

# the developer guide's wording for this refusal
MAIL_FROM_NOT_VERIFIED = "Mail FROM domain is not verified."


def _mail_from_identity(account: Account, identity: Identity) -> Identity | None:
    if identity.mail_from is not None:
        return identity
    for domain in parent_domains(identity.name):
        found = account.identities.get(domain)
        if found is not None and found.verified and found.mail_from is not None:
            return found
    return None


def check_mail_from(account: Account, identity: Identity) -> None:
    owner = _mail_from_identity(account, identity)
    mail_from = owner.mail_from if owner is not None else None
    rejects = mail_from is not None and mail_from.behavior == REJECT_MESSAGE
    if rejects and mail_from is not None and mail_from.status != SUCCESS:
        raise SesError(ErrorKind.MAIL_FROM_NOT_VERIFIED, MAIL_FROM_NOT_VERIFIED)
