"""Verified identities: the senders must be verified, and in the sandbox every recipient
that is not a mailbox-simulator address too."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import ErrorKind, SesError
from ..mail.addresses import Mailbox, simulator_local_part

if TYPE_CHECKING:
    from ..account.state import Account


def check_verified(
    account: Account, senders: Iterable[Mailbox], recipients: Iterable[Mailbox]
) -> str:
    """Senders must be verified (directly or through their domain); in the sandbox so
    must every recipient but the simulator's. Returns the identity that sends."""
    failed: list[str] = []
    identity: str | None = None
    for mailbox in senders:
        covering = account.verified_identity_for(mailbox.address)
        if covering is None:
            if mailbox.address not in failed:
                failed.append(mailbox.address)
        elif identity is None:
            identity = covering
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
    assert identity is not None
    return identity
