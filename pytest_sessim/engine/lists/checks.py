"""The checks SES applies to contact lists, topics and contacts, with SES's texts.

SES answers in two phases: first the service model's own constraints (a missing
member, an enum value) as "1 validation error detected: ..." over every field,
then its own rules, the list's name first, then topics, then the description.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..account.contact_lists import MAX_LISTS, MAX_TOPICS, STATUSES, Contact, ContactList
from ..errors import ErrorKind, SesError, invalid_parameter

if TYPE_CHECKING:
    from ..account.state import Account

_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")
MAX_DISPLAY_NAME = 128
MAX_DESCRIPTION = 500


def model_violation(path: str, constraint: str) -> SesError:
    return invalid_parameter(
        f"1 validation error detected: Value at '{path}' failed to satisfy constraint: {constraint}"
    )


def _null(path: str) -> SesError:
    return model_violation(path, "Member must not be null")


def _status_enum(path: str, value: Any) -> None:
    if value is None:
        raise _null(path)
    if value not in STATUSES:
        raise model_violation(path, f"Member must satisfy enum value set: [{', '.join(STATUSES)}]")


def check_list_name(name: Any) -> str:
    if name is None:
        raise _null("contactListName")
    if not str(name).strip():
        raise invalid_parameter("ContactListName can't be blank.")
    if not _NAME.match(str(name)):
        raise invalid_parameter(
            "ContactListName can contain up to 64 characters. Only alphanumeric characters, "
            "underscores(_) and hyphens(-) are allowed."
        )
    return str(name)


def check_list(params: Mapping[str, Any]) -> tuple[str, list[Mapping[str, Any]], str | None]:
    """A create/update request's name, topics and description, checked in SES's order."""
    name = params.get("ContactListName")
    topics = list(params.get("Topics") or ())
    if name is None:
        raise _null("contactListName")
    for index, topic in enumerate(topics, start=1):
        member = f"topics.{index}.member."
        for key, field in (("TopicName", "topicName"), ("DisplayName", "displayName")):
            if topic.get(key) is None:
                raise _null(member + field)
        _status_enum(member + "defaultSubscriptionStatus", topic.get("DefaultSubscriptionStatus"))
    check_list_name(name)
    if len(topics) > MAX_TOPICS:
        raise invalid_parameter(f"Maximum of <{MAX_TOPICS}> topics allowed per ContactList")
    seen: set[str] = set()
    for topic in topics:
        topic_name = str(topic["TopicName"])
        if not topic_name.strip():
            raise invalid_parameter("TopicName can't be blank.")
        if not _NAME.match(topic_name):
            raise invalid_parameter(
                "TopicName can contain up to 64 characters. Only alphanumeric characters, "
                "underscores(_) and hyphens(-) are allowed."
            )
        if len(str(topic["DisplayName"])) > MAX_DISPLAY_NAME:
            raise invalid_parameter(
                f"Topic DisplayName can contain up to <{MAX_DISPLAY_NAME}> characters."
            )
        if topic_name in seen:
            raise invalid_parameter("Duplicate topic names are not allowed within a List.")
        seen.add(topic_name)
    description = params.get("Description")
    if description is not None and len(str(description)) > MAX_DESCRIPTION:
        raise invalid_parameter(f"List description can contain up to {MAX_DESCRIPTION} characters.")
    return str(name), topics, description


def check_room_for_a_list(account: Account) -> None:
    if len(account.contact_lists.lists) >= MAX_LISTS:
        raise invalid_parameter(f"A maximum of {MAX_LISTS} Lists allowed per account.")


def find_list(account: Account, name: Any) -> ContactList:
    name = check_list_name(name)
    found = account.contact_lists.lists.get(name)
    if found is None:
        raise SesError(ErrorKind.NOT_FOUND, f"List with name: {name} doesn't exist.")
    return found


def check_email(address: Any) -> str:
    if address is None:
        raise _null("emailAddress")
    if not str(address).strip():
        raise invalid_parameter("EmailAddress can't be blank.")
    if not _EMAIL.match(str(address)):
        raise invalid_parameter(f"EmailAddress <{address}> is invalid")
    return str(address)


def check_preferences(preferences: Sequence[Mapping[str, Any]] | None) -> None:
    """The model's constraints on ``TopicPreferences`` (checked before anything else)."""
    for index, preference in enumerate(preferences or (), start=1):
        member = f"topicPreferences.{index}.member."
        if preference.get("TopicName") is None:
            raise _null(member + "topicName")
        _status_enum(member + "subscriptionStatus", preference.get("SubscriptionStatus"))


def check_topic(contact_list: ContactList, topic_name: str) -> None:
    if contact_list.topic(topic_name) is None:
        raise invalid_parameter(f"List: {contact_list.name} doesn't contain Topic: {topic_name}")


def check_attributes(data: Any) -> str | None:
    """``AttributesData`` must be a JSON object (the developer guide says so)."""
    if data is None:
        return None
    try:
        parsed = json.loads(str(data))
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        raise invalid_parameter("AttributesData must be a valid JSON object.")
    return str(data)


def find_contact(contact_list: ContactList, address: str) -> Contact:
    found = contact_list.contact(address)
    if found is None:
        raise SesError(ErrorKind.NOT_FOUND, f"{address} doesn't exist in List.")
    return found
