"""Verified identities: the senders must be verified, and in the sandbox every recipient
that is not a mailbox-simulator address too.

A sender comes with the ARN of the identity it sends as when the request gives one
(``SourceArn``, ``FromArn``, ``ReturnPathArn``, v2 ``FromEmailAddressIdentityArn``,
``FeedbackForwardingEmailAddressIdentityArn``, or raw ``X-SES-*-ARN`` headers): that
identity, in the request's Region, must be verified and cover the address.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..account.identities import Identity, covering_identity, parent_domains
from ..arns import parse_arn
from ..errors import ErrorKind, SesError, invalid_parameter
from ..mail.addresses import Mailbox, simulator_local_part

if TYPE_CHECKING:
    from ..account.state import Account


@dataclass(frozen=True)
class Sender:
    """One address a message is sent as, and the identity ARN the request gave for it."""

    mailbox: Mailbox
    arn: str | None = None


@dataclass(frozen=True)
class SendingIdentity:
    """The verified identity a sender sends as, and its ARN (``mail.sourceArn``)."""

    identity: Identity
    arn: str


def _named(account: Account, sender: Sender) -> SendingIdentity | None:
    """The identity the sender's ARN names, if verified and covering the address."""
    assert sender.arn is not None
    arn = parse_arn(sender.arn)
    if arn is None or arn.service != "ses" or not arn.resource.startswith("identity/"):
        raise invalid_parameter(f"Invalid identity ARN: {sender.arn}.")
    if arn.region != account.region:
        return None
    name = arn.resource.removeprefix("identity/").lower()
    identity = account.identities.get(name)
    address = sender.mailbox.address.lower()
    covers = name == address or name in parent_domains(address)
    if identity is None or not identity.verified or not covers:
        return None
    return SendingIdentity(identity, sender.arn)


def _covering(account: Account, sender: Sender) -> SendingIdentity | None:
    if sender.arn is not None:
        return _named(account, sender)
    identity = covering_identity(account.identities, sender.mailbox.address)
    if identity is None:
        return None
    return SendingIdentity(identity, account.arn(f"identity/{identity.name}"))


def check_verified(
    account: Account, senders: Iterable[Sender], recipients: Iterable[Mailbox]
) -> list[tuple[Sender, SendingIdentity]]:
    """Senders must be verified (directly or through their domain); in the sandbox so
    must every recipient but the simulator's. Returns each sender's identity, the
    first being the one that sends."""
    failed: list[str] = []
    found: list[tuple[Sender, SendingIdentity]] = []
    for sender in senders:
        covering = _covering(account, sender)
        if covering is None:
            if sender.mailbox.address not in failed:
                failed.append(sender.mailbox.address)
        else:
            found.append((sender, covering))
    if account.sandbox:
        for mailbox in recipients:
            if simulator_local_part(mailbox.address) is not None:
                continue
            unverified = account.verified_identity_for(mailbox.address) is None
            if unverified and mailbox.address not in failed:
                failed.append(mailbox.address)
    if failed:
        raise SesError(
            ErrorKind.MESSAGE_REJECTED,
            "Email address is not verified. The following identities failed the check in "
            f"region {account.region.upper()}: {', '.join(failed)}",
        )
    return found
