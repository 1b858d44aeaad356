"""The unsubscribe links of list-managed sends, and what following them does.

For a list-managed send to one recipient SES puts two links in the message: a
one-click link in ``List-Unsubscribe`` (``https://o.<region>.user-subscription.com/
oc/<list>/<contact>/<message id>?t=<token>``, the shape real SES mail shows) beside
a ``mailto:``, and the subscription page (``{{amazonSESUnsubscribeUrl}}``, on
``https://<region>.user-subscription.com/``). Following them:

* ``POST`` to the one-click link (what mail clients do, RFC 8058) unsubscribes the
  contact from the send's topic, or from the whole list when the send named none;
* ``GET`` of either link shows the subscription page (RFC 8058 forbids acting on GET);
* ``POST`` to the page submits its form: ``unsubscribeAll=true`` and/or
  ``<TopicName>=OPT_IN|OPT_OUT``; an empty form unsubscribes from every topic.

A change of preferences is a ``Subscription`` event of the message the link came from.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from ..account.contact_lists import OPT_IN, OPT_OUT, Contact, ContactList, UnsubscribeLink
from ..clock import iso_millis

if TYPE_CHECKING:
    from ..records import SesEvent
    from ..service import Engine

LINK_HOST = re.compile(r"(o\.)?([a-z0-9-]+)\.user-subscription\.com\Z")
LINK_URL = re.compile(r"https://(o\.)?[a-z0-9-]+\.user-subscription\.com(:443)?/")
HEADER_SOURCE = "UnsubscribeHeader"
PAGE_SOURCE = "UnsubscribeLink"
_EVENT_STATUS = {OPT_IN: "OptIn", OPT_OUT: "OptOut"}

Answer = tuple[int, dict[str, str], bytes]


@dataclass(frozen=True)
class Links:
    """The links SES puts in one list-managed message."""

    one_click: str
    mailto: str
    page: str

    @property
    def header(self) -> str:
        return f"<{self.mailto}>, <{self.one_click}>"


def mint(
    engine: Engine, contact_list: ContactList, contact: Contact, topic: str | None, message_id: str
) -> Links:
    region = engine.account.region
    token = engine.account.contact_lists.link_for(
        contact_list.name, contact.address, topic, engine.ids.uuid()
    )
    path = f"{contact_list.link_id}/{contact.link_id}/{message_id}?t={token}"
    one_click = f"https://o.{region}.user-subscription.com/oc/{path}"
    subject = one_click.replace("?", "%3F").replace("=", "%3D")
    mailto = f"mailto:unsubscribe-{message_id}@{region}.amazonses.com?subject={subject}"
    return Links(one_click, mailto, f"https://{region}.user-subscription.com/{path}")


@dataclass(frozen=True)
class _Target:
    one_click: bool
    region: str
    message_id: str
    link: UnsubscribeLink
    contact_list: ContactList


def _target(engine: Engine, url: str) -> _Target | None:
    parts = urlsplit(url)
    host = LINK_HOST.match(parts.hostname or "")
    if host is None or host.group(2) not in engine.regions:
        return None
    one_click = host.group(1) is not None
    segments = parts.path.strip("/").split("/")
    if one_click:
        if not segments or segments[0] != "oc":
            return None
        segments = segments[1:]
    if len(segments) != 3:
        return None
    list_id, contact_id, message_id = segments
    region = host.group(2)
    lists = engine.account_in(region).contact_lists
    link = lists.links.get(parse_qs(parts.query).get("t", [""])[0])
    found = lists.lists.get(link.list_name) if link is not None else None
    if link is None or found is None or found.link_id != list_id:
        return None
    contact = found.contact(link.address)
    if contact is not None and contact.link_id != contact_id:
        return None
    return _Target(one_click, region, message_id, link, found)


def follow(engine: Engine, method: str, url: str, body: bytes) -> Answer:
    """Answer a request to an unsubscribe link (any URL :data:`LINK_URL` matches)."""
    target = _target(engine, url)
    if target is None:
        return _page(404, "Not found", "<p>This link is not valid.</p>")
    contact = _contact(engine, target)
    if method.upper() != "POST":
        return _preferences_page(target.contact_list, contact)
    before = _preferences(target.contact_list, contact)
    if target.one_click:
        _unsubscribe(contact, target.link.topic)
        source = HEADER_SOURCE
    else:
        _submit(target.contact_list, contact, parse_qs(body.decode("utf-8", "replace")))
        source = PAGE_SOURCE
    after = _preferences(target.contact_list, contact)
    if after != before:
        contact.updated = engine.clock.now()
        _emit(engine, target, contact, source, before, after)
    return _page(200, "Unsubscribed", "<p>Your subscription preferences have been updated.</p>")


def _contact(engine: Engine, target: _Target) -> Contact:
    """The link's contact; made again if it was deleted since the send."""
    found = target.contact_list.contact(target.link.address)
    if found is None:
        now = engine.clock.now()
        found = Contact(target.link.address, now, now, link_id=engine.ids.uuid())
        target.contact_list.contacts[found.address.lower()] = found
    return found


def _unsubscribe(contact: Contact, topic: str | None) -> None:
    if topic is None:
        contact.unsubscribe_all = True
    else:
        contact.preferences[topic] = OPT_OUT


def _submit(contact_list: ContactList, contact: Contact, form: dict[str, list[str]]) -> None:
    chosen = {
        topic.name: form[topic.name][-1]
        for topic in contact_list.topics
        if form.get(topic.name, [""])[-1] in (OPT_IN, OPT_OUT)
    }
    everything = form.get("unsubscribeAll", [""])[-1].lower() in ("true", "on", "1")
    if not chosen and not everything:
        everything = True  # the page's one button: unsubscribe from all
    contact.preferences.update(chosen)
    contact.unsubscribe_all = everything


def _preferences(contact_list: ContactList, contact: Contact) -> dict[str, object]:
    return {
        "unsubscribeAll": contact.unsubscribe_all,
        "topicSubscriptionStatus": [
            {
                "topicName": topic.name,
                "subscriptionStatus": _EVENT_STATUS[contact_list.status(contact, topic)],
            }
            for topic in contact_list.topics
        ],
    }


def _emit(
    engine: Engine,
    target: _Target,
    contact: Contact,
    source: str,
    before: dict[str, object],
    after: dict[str, object],
) -> None:
    send = _send_event(engine.events, target.message_id)
    message = next((m for m in engine.outbox if m.message_id == target.message_id), None)
    if send is None or message is None:
        return
    now = engine.clock.now()
    detail = {
        "contactList": target.contact_list.name,
        "timestamp": iso_millis(now),
        "source": source,
        "newTopicPreferences": after,
        "oldTopicPreferences": before,
    }
    recipients = list(message.destinations) or [contact.address]
    engine._emit("Subscription", recipients, now, detail, None, send._facts, message)


def _send_event(events: list[SesEvent], message_id: str) -> SesEvent | None:
    return next(
        (e for e in reversed(events) if e.message_id == message_id and e.type == "Send"), None
    )


def _preferences_page(contact_list: ContactList, contact: Contact) -> Answer:
    rows = "".join(
        f"<li>{html.escape(topic.display_name)}: "
        f'<select name="{html.escape(topic.name)}">'
        + "".join(
            f'<option value="{status}"'
            + (" selected" if contact_list.status(contact, topic) == status else "")
            + f">{status}</option>"
            for status in (OPT_IN, OPT_OUT)
        )
        + "</select></li>"
        for topic in contact_list.topics
    )
    checked = " checked" if contact.unsubscribe_all else ""
    form = (
        f"<p>Subscription preferences for {html.escape(contact.address)}</p>"
        f'<form method="post"><ul>{rows}</ul>'
        f'<label><input type="checkbox" name="unsubscribeAll" value="true"{checked}> '
        "Unsubscribe from all</label> <button>Update</button></form>"
    )
    return _page(200, "Subscription preferences", form)


def _page(status: int, title: str, body: str) -> Answer:
    text = f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"
    return status, {"Content-Type": "text/html; charset=UTF-8"}, text.encode("utf-8")
