"""SESv2 contacts: their topic preferences, UnsubscribeAll and attributes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..account.contact_lists import OPT_OUT, Contact, ContactList
from ..errors import ErrorKind, SesError
from ..lists.checks import (
    check_attributes,
    check_email,
    check_preferences,
    check_topic,
    find_contact,
    find_list,
)
from .common import page
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"


def _preferences(pairs: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"TopicName": name, "SubscriptionStatus": status} for name, status in pairs]


def _explicit(contact_list: ContactList, contact: Contact) -> list[tuple[str, str]]:
    """The contact's own preferences, for the list's current topics."""
    return [
        (name, status)
        for name, status in contact.preferences.items()
        if contact_list.topic(name) is not None
    ]


def contact_shape(contact_list: ContactList, contact: Contact) -> dict[str, Any]:
    return {
        "EmailAddress": contact.address,
        "TopicPreferences": _preferences(_explicit(contact_list, contact)),
        "TopicDefaultPreferences": _preferences(contact_list.defaults_for(contact)),
        "UnsubscribeAll": contact.unsubscribe_all,
        "LastUpdatedTimestamp": contact.updated,
    }


def _checked(engine: Engine, params: Mapping[str, Any]) -> tuple[ContactList, str]:
    """The model's constraints, the address, the list, then the topics: SES's order."""
    preferences = params.get("TopicPreferences")
    check_preferences(preferences)
    address = check_email(params.get("EmailAddress"))
    contact_list = find_list(engine.account, params.get("ContactListName"))
    for preference in preferences or ():
        check_topic(contact_list, str(preference["TopicName"]))
    return contact_list, address


@operation(API, "CreateContact")
def create_contact(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Adds a contact with its topic preferences, UnsubscribeAll and attributes."""
    contact_list, address = _checked(engine, params)
    attributes = check_attributes(params.get("AttributesData"))
    if contact_list.contact(address) is not None:
        raise SesError(ErrorKind.ALREADY_EXISTS, f"{address} already exists in List.")
    now = engine.clock.now()
    contact = Contact(
        address=address,
        created=now,
        updated=now,
        preferences={
            str(item["TopicName"]): str(item["SubscriptionStatus"])
            for item in params.get("TopicPreferences") or ()
        },
        unsubscribe_all=bool(params.get("UnsubscribeAll", False)),
        attributes=attributes,
        link_id=engine.ids.uuid(),
    )
    contact_list.contacts[address.lower()] = contact
    return {}


@operation(API, "GetContact")
def get_contact(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns the contact's own and default topic preferences, attributes and times."""
    address = check_email(params.get("EmailAddress"))
    contact_list = find_list(engine.account, params.get("ContactListName"))
    contact = find_contact(contact_list, address)
    result: dict[str, Any] = {
        "ContactListName": contact_list.name,
        "EmailAddress": contact.address,
        "TopicPreferences": _preferences(_explicit(contact_list, contact)),
        "TopicDefaultPreferences": _preferences(contact_list.defaults_for(contact)),
        "UnsubscribeAll": contact.unsubscribe_all,
    }
    if contact.attributes is not None:
        result["AttributesData"] = contact.attributes
    result["CreatedTimestamp"] = contact.created
    result["LastUpdatedTimestamp"] = contact.updated
    return result


@operation(API, "UpdateContact")
def update_contact(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Merges the given topic preferences by topic; replaces UnsubscribeAll and attributes."""
    contact_list, address = _checked(engine, params)
    attributes = check_attributes(params.get("AttributesData"))
    contact = find_contact(contact_list, address)
    for item in params.get("TopicPreferences") or ():
        contact.preferences[str(item["TopicName"])] = str(item["SubscriptionStatus"])
    contact.unsubscribe_all = bool(params.get("UnsubscribeAll", False))
    contact.attributes = attributes
    contact.updated = engine.clock.now()
    return {}


@operation(API, "DeleteContact")
def delete_contact(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Removes the contact from the list."""
    address = check_email(params.get("EmailAddress"))
    contact_list = find_list(engine.account, params.get("ContactListName"))
    contact = find_contact(contact_list, address)
    del contact_list.contacts[contact.address.lower()]
    return {}


def _status_for(
    contact_list: ContactList, contact: Contact, topic_filter: Mapping[str, Any]
) -> str | None:
    """The contact's status for the filter's topic (None: no preference to filter on)."""
    name = str(topic_filter.get("TopicName"))
    if contact.unsubscribe_all:
        return OPT_OUT
    if name in contact.preferences:
        return contact.preferences[name]
    topic = contact_list.topic(name)
    if topic is not None and topic_filter.get("UseDefaultIfPreferenceUnavailable"):
        return topic.default_status
    return None


def _matches(contact_list: ContactList, contact: Contact, wanted: Mapping[str, Any]) -> bool:
    status: str | None = wanted.get("FilteredStatus")
    topic_filter = wanted.get("TopicFilter")
    if topic_filter is not None:
        found = _status_for(contact_list, contact, topic_filter)
        return found is not None and (status is None or found == status)
    if status is not None:
        return (OPT_OUT if contact.unsubscribe_all else "OPT_IN") == status
    return True


@operation(API, "ListContacts")
def list_contacts(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists contacts, filtered by status (UnsubscribeAll, or a topic's preference, with its
    default when asked) and paged by PageSize."""
    contact_list = find_list(engine.account, params.get("ContactListName"))
    wanted = params.get("Filter") or {}
    topic_filter = wanted.get("TopicFilter")
    if topic_filter is not None:
        check_topic(contact_list, str(topic_filter.get("TopicName")))
    contacts = [
        contact
        for contact in contact_list.contacts.values()
        if _matches(contact_list, contact, wanted)
    ]
    shown, token = page(contacts, params.get("NextToken"), params.get("PageSize"))
    result: dict[str, Any] = {"Contacts": [contact_shape(contact_list, c) for c in shown]}
    if token:
        result["NextToken"] = token
    return result
