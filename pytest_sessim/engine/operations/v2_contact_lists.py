"""SESv2 contact lists and their topics (one list per account and Region)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.contact_lists import ContactList, Topic
from ..lists.checks import check_list, check_room_for_a_list, find_list
from .common import page
from .registry import operation
from .tagging import check_tags, put_tags, taggable

if TYPE_CHECKING:
    from ..account.state import Account
    from ..service import Engine

API = "sesv2"


def list_arn(account: Account, name: str) -> str:
    return account.arn(f"contact-list/{name}")


@taggable("contact-list", "ContactList")
def _tagged_list(account: Account, name: str) -> str | None:
    return list_arn(account, name) if name in account.contact_lists.lists else None


def _topics(topics: list[Mapping[str, Any]]) -> list[Topic]:
    return [
        Topic(
            name=str(topic["TopicName"]),
            display_name=str(topic["DisplayName"]),
            description=topic.get("Description"),
            default_status=str(topic["DefaultSubscriptionStatus"]),
        )
        for topic in topics
    ]


@operation(API, "CreateContactList")
def create_contact_list(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Stores the list, its topics and tags; a second list in the Region is refused."""
    account = engine.account
    name, topics, description = check_list(params)
    tags = check_tags(params.get("Tags"))
    check_room_for_a_list(account)
    now = engine.clock.now()
    account.contact_lists.lists[name] = ContactList(
        name=name,
        description=description,
        topics=_topics(topics),
        created=now,
        updated=now,
        link_id=engine.ids.uuid(),
    )
    put_tags(engine, list_arn(account, name), tags)
    return {}


@operation(API, "GetContactList")
def get_contact_list(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns the list's topics, description, times and tags (not its contacts)."""
    found = find_list(engine.account, params.get("ContactListName"))
    result: dict[str, Any] = {
        "ContactListName": found.name,
        "Topics": [topic.shape() for topic in found.topics],
    }
    if found.description is not None:
        result["Description"] = found.description
    result["CreatedTimestamp"] = found.created
    result["LastUpdatedTimestamp"] = found.updated
    result["Tags"] = engine.account.tags.of(list_arn(engine.account, found.name))
    return result


@operation(API, "UpdateContactList")
def update_contact_list(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Replaces the list's topics and description (a complete replacement, as documented)."""
    _, topics, description = check_list(params)
    found = find_list(engine.account, params.get("ContactListName"))
    found.topics = _topics(topics)
    found.description = description
    found.updated = engine.clock.now()
    return {}


@operation(API, "DeleteContactList")
def delete_contact_list(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Deletes the list with its contacts, tags and unsubscribe links."""
    account = engine.account
    found = find_list(account, params.get("ContactListName"))
    lists = account.contact_lists
    del lists.lists[found.name]
    lists.links = {
        token: link for token, link in lists.links.items() if link.list_name != found.name
    }
    account.tags.forget(list_arn(account, found.name))
    return {}


@operation(API, "ListContactLists")
def list_contact_lists(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists the Region's contact list (there is at most one), paged by PageSize."""
    lists = list(engine.account.contact_lists.lists.values())
    shown, token = page(lists, params.get("NextToken"), params.get("PageSize"))
    result: dict[str, Any] = {
        "ContactLists": [
            {"ContactListName": item.name, "LastUpdatedTimestamp": item.updated} for item in shown
        ]
    }
    if token:
        result["NextToken"] = token
    return result
