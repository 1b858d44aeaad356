"""SES's acceptance rules, one function each. Every door reaches them through the engine."""

from __future__ import annotations

from collections.abc import Iterable

from .account import Account, ConfigurationSet
from .addresses import Mailbox, parse_mailbox, simulator_local_part
from .content import MessageContent
from .errors import ErrorKind, SesError, invalid_parameter
from .names import check_configuration_set_name

MAX_RECIPIENTS = 50
V1_MAX_MESSAGE_BYTES = 10 * 1024 * 1024
V2_MAX_MESSAGE_BYTES = 40 * 1024 * 1024


def check_addresses(addresses: Iterable[str]) -> list[Mailbox]:
    """Every address must parse; the first bad one refuses the whole request."""
    return [parse_mailbox(address) for address in addresses]


def check_recipient_count(count: int) -> None:
    if count > MAX_RECIPIENTS:
        raise invalid_parameter(f"Recipient count exceeds {MAX_RECIPIENTS}.")
    if count == 0:
        raise invalid_parameter("Missing final '@domain'")


def check_message_size(size: int, api: str) -> None:
    limit = V1_MAX_MESSAGE_BYTES if api == "ses" else V2_MAX_MESSAGE_BYTES
    if size > limit:
        raise invalid_parameter(f"Message length is more than {limit} bytes long: '{size}'.")


def check_simple_size(content: MessageContent, api: str) -> None:
    """Simple sends are measured on their MIME only when they could be near the limit."""
    rough = sum(len(part or "") for part in (content.text, content.html))
    rough += sum(len(attachment.content) * 4 // 3 for attachment in content.attachments)
    if rough > V1_MAX_MESSAGE_BYTES // 2:
        check_message_size(len(content.raw()), api)


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


def check_configuration_set(account: Account, name: str | None) -> ConfigurationSet | None:
    if name is None:
        return None
    check_configuration_set_name(name)
    found = account.configuration_sets.get(name)
    if found is None:
        raise SesError(
            ErrorKind.CONFIGURATION_SET_NOT_FOUND, f"Configuration set <{name}> does not exist."
        )
    return found
