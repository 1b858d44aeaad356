"""List management on a send: ``ListManagementOptions`` (SESv2 SendEmail) or the
``X-SES-LIST-MANAGEMENT-OPTIONS: <list>; topic=<topic>`` header (raw and SMTP sends).

The named list must exist and the topic be one of its topics. Once accepted, every
recipient that is not yet a contact becomes one; a contact who unsubscribed from the
topic (or from the whole list) does not get the message: SES bounces it for them
(``Permanent``/``UnsubscribedRecipient``). A send to one recipient gets the unsubscribe
headers and links (``lists.content``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..account.contact_lists import Contact, ContactList
from ..lists.checks import check_topic, find_list
from ..lists.content import PLACEHOLDER, TEMPLATE_VARIABLE, with_links
from ..lists.links import mint
from ..mail.addresses import Mailbox
from ..mail.mime import MessageContent
from ..outcomes.scripts import Bounce, Script
from .submission import Submission

if TYPE_CHECKING:
    from ..account.state import Account
    from ..service import Engine

LIST_MANAGEMENT_HEADER = "X-SES-LIST-MANAGEMENT-OPTIONS"
UNSUBSCRIBED_DIAGNOSTIC = (
    "Amazon SES did not send the message to this address because the recipient "
    "unsubscribed from the contact list or topic the message was sent for."
)
UNSUBSCRIBED = Script(
    "unsubscribed from the contact list",
    (
        Bounce(
            "Permanent",
            "UnsubscribedRecipient",
            "5.0.0",
            UNSUBSCRIBED_DIAGNOSTIC,
            reporting_mta="amazonses",
            remote_mta_ip=False,
        ),
    ),
)


@dataclass(frozen=True)
class ListSend:
    """The contact list (and topic) a send was made for."""

    contact_list: ContactList
    topic: str | None


def _from_header(value: str) -> tuple[str, str | None]:
    name, _, rest = value.partition(";")
    topic = None
    for item in rest.split(";"):
        key, sep, found = item.strip().partition("=")
        if sep and key.strip().lower() == "topic" and found.strip():
            topic = found.strip()
    return name.strip(), topic


def check_list_management(
    account: Account, submission: Submission, content: MessageContent | None
) -> ListSend | None:
    """The list and topic a send names, checked: the list exists, the topic is its own."""
    options = submission.list_management
    if options is None and content is not None:
        header = content.header(LIST_MANAGEMENT_HEADER)
        if header:
            options = _from_header(header)
    if options is None:
        return None
    name, topic = options
    contact_list = find_list(account, name)
    if topic is not None:
        check_topic(contact_list, topic)
    return ListSend(contact_list, topic)


def admit(engine: Engine, send: ListSend, recipients: Sequence[Mailbox]) -> frozenset[str]:
    """Make contacts of new recipients; the (lower-cased) addresses that opted out."""
    contact_list = send.contact_list
    now = engine.clock.now()
    opted_out: set[str] = set()
    for box in recipients:
        contact = contact_list.contact(box.address)
        if contact is None:
            contact = Contact(box.address, now, now, link_id=engine.ids.uuid())
            contact_list.contacts[box.address.lower()] = contact
        if contact_list.opted_out(contact, send.topic):
            opted_out.add(box.address.lower())
    return frozenset(opted_out)


def linked(send: ListSend | None, recipients: Sequence[Mailbox]) -> bool:
    """SES adds the unsubscribe headers and links only to a send to one recipient."""
    return send is not None and len(recipients) == 1


def with_placeholder(submission: Submission) -> Submission:
    """The submission to render a template from: ``{{amazonSESUnsubscribeUrl}}`` stays
    in place for SES to replace after rendering."""
    data = dict(submission.template_data or {})
    data.setdefault(TEMPLATE_VARIABLE, PLACEHOLDER)
    return replace(submission, template_data=data)


def add_links(
    engine: Engine, send: ListSend, box: Mailbox, message_id: str, content: MessageContent
) -> MessageContent:
    contact = send.contact_list.contact(box.address)
    assert contact is not None  # admitted
    return with_links(content, mint(engine, send.contact_list, contact, send.topic, message_id))
