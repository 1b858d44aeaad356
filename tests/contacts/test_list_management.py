"""ListManagementOptions on sends: unsubscribe headers and links, contacts made for new
recipients, unsubscribed contacts bounced, and the links followed in process."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from email.message import EmailMessage
from typing import Any

import pytest
import requests
from botocore.exceptions import ClientError

from pytest_sessim import SesSim
from pytest_sessim.engine.sending.list_management import UNSUBSCRIBED_DIAGNOSTIC

pytestmark = pytest.mark.sessim(moto=False, verified=["example.com"])

TOPICS = [
    {"TopicName": "Sports", "DisplayName": "Sports", "DefaultSubscriptionStatus": "OPT_IN"},
    {"TopicName": "Cycling", "DisplayName": "Cycling", "DefaultSubscriptionStatus": "OPT_OUT"},
]
HTML = '<p>Hi</p><a href="{{amazonSESUnsubscribeUrl}}">Unsubscribe</a>'
ONE_CLICK = re.compile(
    r"<mailto:unsubscribe-(?P<id>[0-9a-f-]+)@us-east-1\.amazonses\.com\?subject=(?P<subject>\S+)>, "
    r"<(?P<url>https://o\.us-east-1\.user-subscription\.com/oc/[0-9a-f-]+/[0-9a-f-]+/"
    r"(?P=id)\?t=[0-9a-f-]+)>"
)
PAGE = re.compile(
    r"https://us-east-1\.user-subscription\.com/[0-9a-f-]+/[0-9a-f-]+/[0-9a-f-]+\?t=[0-9a-f-]+"
)


@pytest.fixture
def news(sesv2: Any, sessim: SesSim) -> str:
    sesv2.create_contact_list(ContactListName="news", Topics=TOPICS)
    return "news"


def send(sesv2: Any, *to: str, topic: str | None = "Sports", html: str = HTML, **extra: Any) -> str:
    options = {"ContactListName": "news", **({"TopicName": topic} if topic else {})}
    reply = sesv2.send_email(
        FromEmailAddress="news@example.com",
        Destination={"ToAddresses": list(to)},
        Content={"Simple": {"Subject": {"Data": "News"}, "Body": {"Html": {"Data": html}}}},
        ListManagementOptions=options,
        **extra,
    )
    message_id: str = reply["MessageId"]
    return message_id


def links(sessim: SesSim) -> tuple[str, str]:
    message = sessim.outbox[-1]
    found = ONE_CLICK.fullmatch(message.header("List-Unsubscribe") or "")
    assert found is not None
    page = PAGE.search(message.html or "")
    assert page is not None
    return found.group("url"), page.group(0)


def contact(sesv2: Any, address: str) -> dict[str, Any]:
    found: dict[str, Any] = sesv2.get_contact(ContactListName="news", EmailAddress=address)
    return found


def test_one_recipient_gets_the_headers_and_the_link(sessim: SesSim, sesv2: Any, news: str) -> None:
    message_id = send(sesv2, "jo@x.example", html=HTML + HTML + HTML)
    message = sessim.outbox[-1]
    header = message.header("List-Unsubscribe") or ""
    found = ONE_CLICK.fullmatch(header)
    assert found is not None and found.group("id") == message_id
    assert found.group("subject") == found.group("url").replace("?", "%3F").replace("=", "%3D")
    assert message.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    names = [name for name, _ in message.headers]
    assert names.index("List-Unsubscribe-Post") == names.index("MIME-Version") - 1
    assert (message.html or "").count("{{amazonSESUnsubscribeUrl}}") == 1  # two replaced
    assert len(PAGE.findall(message.html or "")) == 2
    assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in message.raw
    # the event records show the message as the sender wrote it
    send_event = sessim.events_for(message_id)[0]
    assert "List-Unsubscribe" not in [h["name"] for h in send_event.record["mail"]["headers"]]


def test_several_recipients_get_neither(sessim: SesSim, sesv2: Any, news: str) -> None:
    send(sesv2, "a@x.example", "b@x.example")
    message = sessim.outbox[-1]
    assert message.header("List-Unsubscribe") is None
    assert message.html == HTML
    listed = sesv2.list_contacts(ContactListName="news")["Contacts"]
    assert [c["EmailAddress"] for c in listed] == ["a@x.example", "b@x.example"]


def test_a_raw_message_names_the_list_in_a_header(
    sessim: SesSim, ses: Any, sesv2: Any, news: str
) -> None:
    mail = EmailMessage()
    mail["From"] = "news@example.com"
    mail["To"] = "jo@x.example"
    mail["Subject"] = "News"
    mail["List-Unsubscribe"] = "<https://example.com/mine>"
    mail["X-SES-LIST-MANAGEMENT-OPTIONS"] = "news; topic=Sports"
    mail.set_content("Bye: {{amazonSESUnsubscribeUrl}}\n")
    ses.send_raw_email(RawMessage={"Data": mail.as_bytes()})
    message = sessim.outbox[-1]
    assert [v for n, v in message.headers if n == "List-Unsubscribe"] == [
        message.header("List-Unsubscribe")
    ]
    assert ONE_CLICK.fullmatch(message.header("List-Unsubscribe") or "")
    raw = message.raw.decode()
    assert "https://example.com/mine" not in raw
    assert PAGE.search(raw) and PAGE.search(message.text or "")
    assert contact(sesv2, "jo@x.example")["UnsubscribeAll"] is False


def test_a_template_keeps_the_placeholder_for_ses(sessim: SesSim, sesv2: Any, news: str) -> None:
    sesv2.create_email_template(
        TemplateName="t",
        TemplateContent={"Subject": "Hi {{name}}", "Html": "{{name}}: {{amazonSESUnsubscribeUrl}}"},
    )
    sesv2.send_email(
        FromEmailAddress="news@example.com",
        Destination={"ToAddresses": ["jo@x.example"]},
        Content={"Template": {"TemplateName": "t", "TemplateData": '{"name": "Jo"}'}},
        ListManagementOptions={"ContactListName": "news"},
    )
    message = sessim.outbox[-1]
    assert PAGE.fullmatch((message.html or "").removeprefix("Jo: "))
    assert message.template_data == {"name": "Jo"}


def test_unsubscribed_contacts_bounce(sessim: SesSim, sesv2: Any, news: str) -> None:
    sesv2.create_contact(ContactListName="news", EmailAddress="all@x.example", UnsubscribeAll=True)
    sesv2.create_contact(
        ContactListName="news",
        EmailAddress="nosports@x.example",
        TopicPreferences=[{"TopicName": "Sports", "SubscriptionStatus": "OPT_OUT"}],
    )
    send(sesv2, "all@x.example", "nosports@x.example", "fan@x.example")
    bounce = sessim.assert_bounced("all@x.example", "Permanent", "UnsubscribedRecipient")
    assert bounce.recipients == ["all@x.example", "nosports@x.example"]
    assert bounce.detail["bouncedRecipients"][0]["diagnosticCode"] == UNSUBSCRIBED_DIAGNOSTIC
    assert bounce.detail["reportingMTA"] == "dns; amazonses.com"
    sessim.assert_delivered("fan@x.example")
    assert sessim.suppressed == {}  # such bounces do not suppress
    # a topic the contact never chose: its default applies (Cycling is OPT_OUT)
    send(sesv2, "fan@x.example", topic="Cycling")
    assert sessim.events[-1].bounce_subtype == "UnsubscribedRecipient"
    # without a topic only UnsubscribeAll counts
    send(sesv2, "nosports@x.example", topic=None)
    assert sessim.events[-1].type == "Delivery"


def test_unknown_list_or_topic_refuses_the_send(sessim: SesSim, sesv2: Any, news: str) -> None:
    with pytest.raises(ClientError) as missing:
        sesv2.send_email(
            FromEmailAddress="news@example.com",
            Destination={"ToAddresses": ["jo@x.example"]},
            Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}},
            ListManagementOptions={"ContactListName": "other"},
        )
    assert missing.value.response["Error"]["Message"] == "List with name: other doesn't exist."
    assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    with pytest.raises(ClientError) as topic:
        send(sesv2, "jo@x.example", topic="Golf")
    assert topic.value.response["Error"] == {
        "Code": "BadRequestException",
        "Message": "List: news doesn't contain Topic: Golf",
    }
    assert sessim.outbox == []


def test_one_click_unsubscribes_from_the_topic(sessim: SesSim, sesv2: Any, news: str) -> None:
    sesv2.create_configuration_set(ConfigurationSetName="lists")
    sesv2.create_configuration_set_event_destination(
        ConfigurationSetName="lists",
        EventDestinationName="bus",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["SUBSCRIPTION"],
            "EventBridgeDestination": {
                "EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/default"
            },
        },
    )
    message_id = send(sesv2, "jo@x.example", ConfigurationSetName="lists")
    one_click, _ = links(sessim)
    sessim.clock.advance(3600)
    reply = requests.post(one_click, data="List-Unsubscribe=One-Click", timeout=5)
    assert reply.status_code == 200
    assert contact(sesv2, "jo@x.example")["TopicPreferences"] == [
        {"TopicName": "Sports", "SubscriptionStatus": "OPT_OUT"}
    ]
    event = sessim.events[-1]
    assert (event.type, event.message_id, event.recipients) == (
        "Subscription",
        message_id,
        ["jo@x.example"],
    )
    assert event.record["subscription"] == {
        "contactList": "news",
        "timestamp": event.record["subscription"]["timestamp"],
        "source": "UnsubscribeHeader",
        "newTopicPreferences": {
            "unsubscribeAll": False,
            "topicSubscriptionStatus": [
                {"topicName": "Sports", "subscriptionStatus": "OptOut"},
                {"topicName": "Cycling", "subscriptionStatus": "OptOut"},
            ],
        },
        "oldTopicPreferences": {
            "unsubscribeAll": False,
            "topicSubscriptionStatus": [
                {"topicName": "Sports", "subscriptionStatus": "OptIn"},
                {"topicName": "Cycling", "subscriptionStatus": "OptOut"},
            ],
        },
    }
    assert event.timestamp == sessim.clock.now()
    [published] = sessim.eventbridge_events
    assert published.detail_type == "Email Subscribed"
    # the next send for the topic bounces; a second click changes nothing
    send(sesv2, "jo@x.example")
    assert sessim.events[-1].bounce_subtype == "UnsubscribedRecipient"
    requests.post(one_click, timeout=5)
    assert [e.type for e in sessim.events].count("Subscription") == 1


def test_a_send_without_topic_unsubscribes_from_everything(
    sessim: SesSim, sesv2: Any, news: str
) -> None:
    send(sesv2, "jo@x.example", topic=None)
    one_click, _ = links(sessim)
    with urllib.request.urlopen(urllib.request.Request(one_click, data=b"", method="POST")) as r:
        assert r.status == 200
    assert contact(sesv2, "jo@x.example")["UnsubscribeAll"] is True


def test_the_subscription_page(sessim: SesSim, sesv2: Any, news: str) -> None:
    send(sesv2, "jo@x.example")
    one_click, page = links(sessim)
    for url in (page, one_click):  # a GET shows the page and changes nothing
        with urllib.request.urlopen(url) as shown:
            body = shown.read().decode()
        assert shown.status == 200 and 'name="Sports"' in body
    assert [e.type for e in sessim.events] == ["Send", "Delivery"]
    requests.post(page, data={"Sports": "OPT_OUT", "Cycling": "OPT_IN"}, timeout=5)
    found = contact(sesv2, "jo@x.example")
    assert found["TopicPreferences"] == [
        {"TopicName": "Sports", "SubscriptionStatus": "OPT_OUT"},
        {"TopicName": "Cycling", "SubscriptionStatus": "OPT_IN"},
    ]
    assert sessim.events[-1].record["subscription"]["source"] == "UnsubscribeLink"
    requests.post(page, timeout=5)  # the page's one button
    assert contact(sesv2, "jo@x.example")["UnsubscribeAll"] is True


def test_an_unknown_link_is_not_found(sessim: SesSim, sesv2: Any, news: str) -> None:
    send(sesv2, "jo@x.example")
    _, page = links(sessim)
    forged = page.rsplit("=", 1)[0] + "=00000000-0000-4000-8000-000000000000"
    assert requests.get(forged, timeout=5).status_code == 404
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(forged)
    assert missing.value.code == 404
    sesv2.delete_contact_list(ContactListName="news")
    assert requests.post(page, timeout=5).status_code == 404


def test_a_deleted_contact_is_made_again_by_its_link(sessim: SesSim, sesv2: Any, news: str) -> None:
    send(sesv2, "jo@x.example")
    one_click, _ = links(sessim)
    sesv2.delete_contact(ContactListName="news", EmailAddress="jo@x.example")
    requests.post(one_click, timeout=5)
    assert contact(sesv2, "jo@x.example")["TopicPreferences"] == [
        {"TopicName": "Sports", "SubscriptionStatus": "OPT_OUT"}
    ]


def test_smtp_names_the_list_in_a_header(sessim: SesSim, sesv2: Any, news: str) -> None:
    import smtplib
    import ssl

    from pytest_sessim.doors.smtp import SmtpServer

    mail = EmailMessage()
    mail["From"] = "news@example.com"
    mail["To"] = "jo@x.example"
    mail["Subject"] = "News"
    mail["X-SES-LIST-MANAGEMENT-OPTIONS"] = "news"
    mail.set_content("Bye: {{amazonSESUnsubscribeUrl}}\n")
    with SmtpServer(sessim) as server, smtplib.SMTP(server.host, server.port) as smtp:
        smtp.starttls(context=ssl.create_default_context(cafile=server.ca_file))
        smtp.login(server.username, server.password)
        smtp.send_message(mail)
    assert ONE_CLICK.fullmatch(sessim.outbox[-1].header("List-Unsubscribe") or "")
    one_click, _ = links_in_text(sessim)
    requests.post(one_click, timeout=5)
    assert contact(sesv2, "jo@x.example")["UnsubscribeAll"] is True


def links_in_text(sessim: SesSim) -> tuple[str, str]:
    message = sessim.outbox[-1]
    found = ONE_CLICK.fullmatch(message.header("List-Unsubscribe") or "")
    page = PAGE.search(message.text or "")
    assert found is not None and page is not None
    return found.group("url"), page.group(0)
