"""Notifications and events through the SNS layer into SQS queues, as a worker reads them."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from delivery_helpers import BOUNCE, COMPLAINT, SUCCESS, send

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(verified=["example.com"], seed=21)

TopicQueue = Callable[[str], tuple[str, str]]
Receive = Callable[[str], list[str]]


def _envelopes(receive: Receive, url: str) -> list[dict[str, Any]]:
    return [json.loads(body) for body in receive(url)]


def test_identity_topic_setup_message_then_bounce(
    sessim: SesSim, ses: Any, topic_queue: TopicQueue, receive: Receive
) -> None:
    topic, url = topic_queue("bounces")
    ses.set_identity_notification_topic(
        Identity="example.com", NotificationType="Bounce", SnsTopic=topic
    )
    message_id = send(ses, BOUNCE)

    setup, bounce = _envelopes(receive, url)
    assert "Subject" not in setup and "Subject" not in bounce
    assert setup["Message"].endswith("\n")
    assert json.loads(setup["Message"]) == {
        "notificationType": "AmazonSnsSubscriptionSucceeded",
        "message": f"You have successfully subscribed your Amazon SNS topic '{topic}' to "
        "receive 'Bounce' notifications from Amazon SES for identity 'example.com'.",
    }
    assert isinstance(bounce["Message"], str) and not bounce["Message"].endswith("\n")
    body = json.loads(bounce["Message"])
    assert body["notificationType"] == "Bounce"
    assert body["mail"]["messageId"] == message_id
    assert "headers" not in body["mail"]
    assert sessim.notification_for(message_id, "Bounce").message_id == bounce["MessageId"]


def test_headers_toggle_reaches_the_queue(
    sessim: SesSim, ses: Any, topic_queue: TopicQueue, receive: Receive
) -> None:
    topic, url = topic_queue("complaints")
    ses.set_identity_notification_topic(
        Identity="example.com", NotificationType="Complaint", SnsTopic=topic
    )
    ses.set_identity_headers_in_notifications_enabled(
        Identity="example.com", NotificationType="Complaint", Enabled=True
    )
    send(ses, COMPLAINT)

    complaint = json.loads(_envelopes(receive, url)[-1]["Message"])
    assert complaint["notificationType"] == "Complaint"
    assert complaint["mail"]["headersTruncated"] is False
    assert {"name": "Subject", "value": "Hello"} in complaint["mail"]["headers"]
    assert complaint["mail"]["commonHeaders"]["subject"] == "Hello"


def test_address_identity_settings_win_over_the_domain(
    sessim: SesSim, ses: Any, topic_queue: TopicQueue, receive: Receive
) -> None:
    domain_topic, domain_url = topic_queue("domain")
    address_topic, address_url = topic_queue("address")
    ses.verify_email_identity(EmailAddress="vip@example.com")
    sessim.verify("vip@example.com")  # its verification link followed
    ses.set_identity_notification_topic(
        Identity="example.com", NotificationType="Delivery", SnsTopic=domain_topic
    )
    ses.set_identity_notification_topic(
        Identity="vip@example.com", NotificationType="Delivery", SnsTopic=address_topic
    )
    from_vip = send(ses, SUCCESS, Source="vip@example.com")
    from_other = send(ses, SUCCESS, Source="other@example.com")

    def delivered(url: str) -> list[str]:
        bodies = [json.loads(e["Message"]) for e in _envelopes(receive, url)]
        return [b["mail"]["messageId"] for b in bodies if b["notificationType"] == "Delivery"]

    assert delivered(address_url) == [from_vip]
    assert delivered(domain_url) == [from_other]


def test_event_destination_publishes_only_matching_types(
    sessim: SesSim, ses: Any, sesv2: Any, topic_queue: TopicQueue, receive: Receive
) -> None:
    topic, url = topic_queue("events")
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    sesv2.create_configuration_set_event_destination(
        ConfigurationSetName="cs",
        EventDestinationName="to-sns",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["BOUNCE", "COMPLAINT"],
            "SnsDestination": {"TopicArn": topic},
        },
    )
    bounced = send(ses, BOUNCE, ConfigurationSetName="cs")
    send(ses, SUCCESS, ConfigurationSetName="cs")

    setup, *published = _envelopes(receive, url)
    assert setup["Message"] == "Successfully validated SNS topic for Amazon SES event publishing."
    assert "Subject" not in setup
    [bounce] = published
    assert bounce["Subject"] == "Amazon SES Email Event Notification"
    assert bounce["Message"].endswith("\n")
    record = json.loads(bounce["Message"])
    assert record["eventType"] == "Bounce" and "notificationType" not in record
    assert record["mail"]["messageId"] == bounced
    assert record["mail"]["tags"]["ses:configuration-set"] == ["cs"]


def test_raw_delivery_gets_the_record_itself(
    sessim: SesSim,
    ses: Any,
    sesv2: Any,
    sns: Any,
    make_queue: Callable[[str], tuple[str, str]],
    receive: Receive,
) -> None:
    topic = sns.create_topic(Name="raw-events")["TopicArn"]
    url, queue_arn = make_queue("raw-worker")
    sns.subscribe(
        TopicArn=topic,
        Protocol="sqs",
        Endpoint=queue_arn,
        Attributes={"RawMessageDelivery": "true"},
    )
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    sesv2.create_configuration_set_event_destination(
        ConfigurationSetName="cs",
        EventDestinationName="raw",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["SEND"],
            "SnsDestination": {"TopicArn": topic},
        },
    )
    send(ses, SUCCESS, ConfigurationSetName="cs")

    _, record = receive(url)
    send_event = next(event for event in sessim.events if event.type == "Send")
    assert record == json.dumps(send_event.record, separators=(",", ":")) + "\n"
