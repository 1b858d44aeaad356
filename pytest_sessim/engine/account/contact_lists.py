"""Contact lists, their topics and contacts (SESv2 list management), one Region's worth.

SES allows one contact list per account and Region. A contact's preference for a
topic is explicit (``TopicPreferences``) or, when it has none, the topic's
``DefaultSubscriptionStatus``. ``UnsubscribeAll`` opts it out of every topic.
Unsubscribe links minted for list-managed sends are kept here by token.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

OPT_IN = "OPT_IN"
OPT_OUT = "OPT_OUT"
STATUSES = (OPT_OUT, OPT_IN)  # in the order SES's validation messages list them
MAX_LISTS = 1
MAX_TOPICS = 20


@dataclass
class Topic:
    name: str
    display_name: str
    description: str | None
    default_status: str

    def shape(self) -> dict[str, str]:
        shown = {"TopicName": self.name, "DisplayName": self.display_name}
        if self.description is not None:
            shown["Description"] = self.description
        shown["DefaultSubscriptionStatus"] = self.default_status
        return shown


@dataclass
class Contact:
    address: str
    created: datetime
    updated: datetime
    # topic name -> OPT_IN / OPT_OUT, in the order first set
    preferences: dict[str, str] = field(default_factory=dict)
    unsubscribe_all: bool = False
    attributes: str | None = None
    # an opaque id for the contact, used in its unsubscribe links
    link_id: str = ""


@dataclass
class ContactList:
    name: str
    description: str | None
    topics: list[Topic]
    created: datetime
    updated: datetime
    contacts: dict[str, Contact] = field(default_factory=dict)
    link_id: str = ""

    def topic(self, name: str) -> Topic | None:
        return next((topic for topic in self.topics if topic.name == name), None)

    def contact(self, address: str) -> Contact | None:
        return self.contacts.get(address.lower())

    def status(self, contact: Contact, topic: Topic) -> str:
        """The contact's effective status for a topic (its own, else the topic's default)."""
        return contact.preferences.get(topic.name, topic.default_status)

    def defaults_for(self, contact: Contact) -> list[tuple[str, str]]:
        """``TopicDefaultPreferences``: the topics the contact set nothing for."""
        return [
            (topic.name, topic.default_status)
            for topic in self.topics
            if topic.name not in contact.preferences
        ]

    def opted_out(self, contact: Contact, topic_name: str | None) -> bool:
        """Whether a send for ``topic_name`` (None: the whole list) skips this contact."""
        if contact.unsubscribe_all:
            return True
        topic = self.topic(topic_name) if topic_name is not None else None
        return topic is not None and self.status(contact, topic) == OPT_OUT


@dataclass(frozen=True)
class UnsubscribeLink:
    """What one unsubscribe token stands for: a contact and the topic of a send."""

    token: str
    list_name: str
    address: str
    topic: str | None


@dataclass
class ContactLists:
    lists: dict[str, ContactList] = field(default_factory=dict)
    links: dict[str, UnsubscribeLink] = field(default_factory=dict)

    def link_for(self, list_name: str, address: str, topic: str | None, token: str) -> str:
        """The token of a contact's link for a topic: made once, then reused."""
        for link in self.links.values():
            if (link.list_name, link.address.lower(), link.topic) == (
                list_name,
                address.lower(),
                topic,
            ):
                return link.token
        self.links[token] = UnsubscribeLink(token, list_name, address, topic)
        return token
