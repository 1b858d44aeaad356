"""Who a message is from and to: the sender it must name, the addresses it lists (each
must parse, as SES parses them) and how many recipients it may have."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import invalid_parameter
from ..mail.addresses import Mailbox, parse_address_list, parse_mailbox

if TYPE_CHECKING:
    from .submission import Submission

MAX_RECIPIENTS = 50
MISSING_FROM = "Missing required header 'From'."


def envelope_from_headers(submission: Submission) -> None:
    """Raw sends without Destinations take recipients from To, Cc and Bcc, and without
    a Source their sender from From."""
    content = submission.content
    assert content is not None
    if not (submission.to or submission.cc or submission.bcc):
        for header, target in (
            ("to", submission.to),
            ("cc", submission.cc),
            ("bcc", submission.bcc),
        ):
            for value in content.header_values(header):
                target.extend(box.display for box in parse_address_list(value))
    if submission.source is None:
        submission.source = content.header("From")


def check_sender(submission: Submission) -> Mailbox:
    if submission.source is None:
        raise invalid_parameter(MISSING_FROM)
    return parse_mailbox(submission.source)


def check_addresses(addresses: Iterable[str]) -> list[Mailbox]:
    """Every address must parse; the first bad one refuses the whole request."""
    return [parse_mailbox(address) for address in addresses]


def check_recipient_count(count: int) -> None:
    if count > MAX_RECIPIENTS:
        raise invalid_parameter(f"Recipient count exceeds {MAX_RECIPIENTS}.")
    if count == 0:
        raise invalid_parameter("Missing final '@domain'")
