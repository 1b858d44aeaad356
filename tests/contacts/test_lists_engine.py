"""List management in the engine on its own: no fixtures, plain params and records."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from pytest_sessim.engine.account.contact_lists import Contact, ContactList, Topic
from pytest_sessim.engine.lists import imports
from pytest_sessim.engine.lists.content import with_links
from pytest_sessim.engine.lists.links import Links, follow
from pytest_sessim.engine.mail.mime import parse_raw
from pytest_sessim.engine.sending.list_management import _from_header
from pytest_sessim.engine.service import Engine, Settings

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
LINKS = Links("https://o.r.user-subscription.com/oc/a/b/c?t=d", "mailto:u@r", "https://page/x")


def engine() -> Engine:
    sim = Engine(Settings(seed=3, now=NOW, verified=("example.com",)))
    sim.handle(
        "sesv2",
        "CreateContactList",
        {
            "ContactListName": "news",
            "Topics": [
                {"TopicName": "t", "DisplayName": "T", "DefaultSubscriptionStatus": "OPT_IN"}
            ],
        },
    )
    return sim


def send(sim: Engine, to: str, region: str | None = None, **options: Any) -> str:
    params = {
        "FromEmailAddress": "a@example.com",
        "Destination": {"ToAddresses": [to]},
        "Content": {"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}},
        "ListManagementOptions": {"ContactListName": "news", **options},
    }
    message_id: str = sim.handle("sesv2", "SendEmail", params, region)["MessageId"]
    return message_id


def test_the_header_names_a_list_and_maybe_a_topic() -> None:
    assert _from_header("news") == ("news", None)
    assert _from_header(" news ; topic=Sports ") == ("news", "Sports")
    assert _from_header("news; other=x; topic=") == ("news", None)


def test_raw_content_drops_the_senders_unsubscribe_headers() -> None:
    raw = (
        b"From: a@example.com\r\nList-Unsubscribe: <https://mine>,\r\n <mailto:x@y>\r\n"
        b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nSubject: s\r\n\r\n"
        b"1 {{amazonSESUnsubscribeUrl}} 2 {{amazonSESUnsubscribeUrl}} 3 {{amazonSESUnsubscribeUrl}}"
    )
    rewritten = with_links(parse_raw(raw), LINKS)
    source = rewritten.raw()
    assert source.startswith(b"From: a@example.com\r\nSubject: s\r\nList-Unsubscribe: <mailto:u@r>")
    assert b"https://mine" not in source and b"x@y" not in source
    assert source.endswith(b"1 https://page/x 2 https://page/x 3 {{amazonSESUnsubscribeUrl}}")
    assert [name for name, _ in rewritten.headers] == [
        "From",
        "Subject",
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
    ]


def test_links_are_per_region_and_reused_per_contact_and_topic() -> None:
    sim = engine()
    first, second = (
        send(sim, "jo@x.example", TopicName="t"),
        send(sim, "jo@x.example", TopicName="t"),
    )
    headers = [m.header("List-Unsubscribe") or "" for m in sim.outbox]
    assert first in headers[0] and second in headers[1]
    tokens = {h.rsplit("?t=", 1)[1] for h in headers}
    assert len(tokens) == 1
    assert len(sim.account.contact_lists.links) == 1
    url = headers[0].rsplit("<", 1)[1].rstrip(">")
    status, _, _ = follow(sim, "POST", url.replace("us-east-1", "eu-west-1"), b"")
    assert status == 404  # no such Region (nothing made there either)
    assert "eu-west-1" not in sim.regions
    assert follow(sim, "POST", url, b"")[0] == 200
    contact = sim.account.contact_lists.lists["news"].contact("jo@x.example")
    assert contact is not None and contact.preferences == {"t": "OPT_OUT"}


def test_the_opted_out_rule() -> None:
    topic = Topic("t", "T", None, "OPT_OUT")
    listed = ContactList("l", None, [topic], NOW, NOW)
    contact = Contact("a@b.c", NOW, NOW)
    assert listed.opted_out(contact, "t") is True  # the topic's default
    assert listed.opted_out(contact, None) is False
    contact.preferences["t"] = "OPT_IN"
    assert listed.opted_out(contact, "t") is False
    contact.unsubscribe_all = True
    assert listed.opted_out(contact, None) is True


def test_import_files() -> None:
    records = imports.contact_records(
        b"emailAddress,topicPreferences.t\na@b.co,OPT_IN\nc@d.co,\n", "CSV"
    )
    assert records == [
        {
            "emailAddress": "a@b.co",
            "topicPreferences": [{"topicName": "t", "subscriptionStatus": "OPT_IN"}],
        },
        {"emailAddress": "c@d.co", "topicPreferences": []},
    ]
    assert imports.suppression_records(b"emailAddress,reason\na@b.co,BOUNCE\n\n", "CSV") == [
        {"emailAddress": "a@b.co", "reason": "BOUNCE"}
    ]
    assert imports.suppression_records(
        b'{"emailAddress": "a@b.co"} {"emailAddress": "c@d.co"}', "JSON"
    ) == [
        {"emailAddress": "a@b.co"},
        {"emailAddress": "c@d.co"},
    ]
    for broken in (b"[1]", b"{", b"\xff"):
        try:
            imports.suppression_records(broken, "JSON")
        except imports.UnreadableFile:
            continue
        raise AssertionError(f"{broken!r} should be unreadable")
