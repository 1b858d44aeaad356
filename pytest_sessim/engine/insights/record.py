"""The record seen per message and recipient: what SES's insights and metrics count.

Every accepted message of a Region becomes one :class:`Recipient` per envelope
recipient, with the events that concern that recipient (Send, Reject and Rendering
Failure concern them all) in the order they happened.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, lru_cache

from ..mail.addresses import parse_mailbox, simulator_local_part
from ..records import SentMessage, SesEvent
from .isp import isp_of

_WHOLE_MESSAGE = ("Send", "Reject", "Rendering Failure")
_HREF = ('href="http', "href='http", "href=http")


@lru_cache(maxsize=4096)
def bare(address: str) -> str:
    """The lower-cased addr-spec of an address as sent (``Jo <jo@x.com>`` -> ``jo@x.com``)."""
    try:
        return parse_mailbox(address).address.lower()
    except Exception:  # not an address SES would have accepted: compare it as given
        return address.strip().lower()


@dataclass(frozen=True)
class Recipient:
    """One envelope recipient of one accepted message, and its events."""

    message: SentMessage
    destination: str  # as sent
    events: tuple[SesEvent, ...]

    @cached_property
    def address(self) -> str:
        return bare(self.destination)

    @property
    def isp(self) -> str:
        return isp_of(self.address)

    @property
    def simulator(self) -> bool:
        return simulator_local_part(self.address) is not None

    @property
    def single(self) -> bool:
        """Whether the message went to this recipient alone (SES's metrics count only those)."""
        return len(self.message.destinations) == 1

    @cached_property
    def identity(self) -> str:
        """The sending identity (``mail.sourceArn``'s name)."""
        arn = self.events[0].source_arn if self.events else ""
        return arn.split(":identity/", 1)[1] if ":identity/" in arn else ""

    @property
    def sent_at(self) -> datetime:
        return self.message.timestamp

    def first(self, event_type: str) -> SesEvent | None:
        return next((event for event in self.events if event.type == event_type), None)

    def of_type(self, event_type: str) -> list[SesEvent]:
        return [event for event in self.events if event.type == event_type]

    @property
    def open_tracked(self) -> bool:
        """SES tracks opens of HTML mail sent with a configuration set."""
        return self.message.html is not None and self.message.configuration_set is not None

    @property
    def click_tracked(self) -> bool:
        html = self.message.html or ""
        return self.open_tracked and any(marker in html for marker in _HREF)


def recipients(
    outbox: Sequence[SentMessage], events: Sequence[SesEvent], region: str
) -> Iterator[Recipient]:
    """Every recipient of every message the Region accepted, in the order they were sent."""
    by_message: dict[str, list[SesEvent]] = {}
    for event in events:
        if event.region == region:
            by_message.setdefault(event.message_id, []).append(event)
    for message in outbox:
        if message.region != region:
            continue
        found = by_message.get(message.message_id, [])
        for destination in message.destinations:
            address = bare(destination)
            mine = tuple(
                event
                for event in found
                if event.type in _WHOLE_MESSAGE
                or any(bare(item) == address for item in event.recipients)
            )
            yield Recipient(message, destination, mine)


def message_recipients(message: SentMessage, events: Sequence[SesEvent]) -> list[Recipient]:
    mine = [event for event in events if event.message_id == message.message_id]
    return list(recipients([message], mine, message.region))
