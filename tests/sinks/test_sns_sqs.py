"""Fan-out to SQS subscriptions in moto: envelope bodies, raw delivery, filter
policies, and what happens when the topic or the queue is missing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pytest_sessim import SesSim
from pytest_sessim.sinks.sns import envelope_json

MESSAGE_ID = "0100018b2a3c4d5e-6f708192-a3b4-4c5d-8e9f-a0b1c2d3e4f5-000000"
BOUNCE = json.dumps(
    {
        "notificationType": "Bounce",
        "bounce": {"bounceType": "Permanent", "bounceSubType": "General"},
        "mail": {"messageId": MESSAGE_ID, "source": "shop@example.com"},
    },
    separators=(",", ":"),
)
EVENT = json.dumps(
    {"eventType": "Delivery", "mail": {"messageId": MESSAGE_ID, "tags": {"team": ["billing"]}}},
    separators=(",", ":"),
)


@pytest.fixture
def topic(sns: Any) -> str:
    arn: str = sns.create_topic(Name="ses-feedback")["TopicArn"]
    return arn


def subscribe(sns: Any, topic: str, queue_arn: str, **attributes: str) -> str:
    reply = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes=attributes)
    arn: str = reply["SubscriptionArn"]
    return arn


def test_queue_receives_the_envelope_with_message_as_a_string(
    sessim: SesSim, sns: Any, topic: str, make_queue: Any, receive: Any
) -> None:
    url, arn = make_queue("feedback")
    subscription = subscribe(sns, topic, arn)
    publication = sessim.sns.publish(topic, BOUNCE)
    (body,) = receive(url)
    envelope = json.loads(body)
    assert isinstance(envelope["Message"], str)
    assert json.loads(envelope["Message"]) == publication.body
    assert envelope["MessageId"] == publication.message_id
    assert body == envelope_json(envelope)
    assert body.startswith('{\n  "Type" : "Notification",\n  "MessageId" : ')
    (attempt,) = publication.deliveries
    assert attempt.subscription_arn == subscription
    assert attempt.protocol == "sqs" and attempt.ok and not attempt.raw
    assert attempt.body == body


def test_raw_delivery_puts_the_bare_ses_json_in_the_queue(
    sessim: SesSim, sns: Any, topic: str, make_queue: Any, receive: Any
) -> None:
    url, arn = make_queue("raw")
    subscribe(sns, topic, arn, RawMessageDelivery="true")
    publication = sessim.sns.publish(topic, BOUNCE)
    assert receive(url) == [BOUNCE]
    assert publication.deliveries[0].raw


def test_raw_delivery_set_after_subscribing(
    sessim: SesSim, sns: Any, topic: str, make_queue: Any, receive: Any
) -> None:
    url, arn = make_queue("raw-later")
    subscription = subscribe(sns, topic, arn)
    sns.set_subscription_attributes(
        SubscriptionArn=subscription, AttributeName="RawMessageDelivery", AttributeValue="true"
    )
    sessim.sns.publish(topic, "Successfully validated SNS topic for Amazon SES event publishing.")
    assert receive(url) == ["Successfully validated SNS topic for Amazon SES event publishing."]


def test_every_subscription_gets_its_own_unsubscribe_url(
    sessim: SesSim, sns: Any, topic: str, make_queue: Any, receive: Any
) -> None:
    (url_a, arn_a), (url_b, arn_b) = make_queue("a"), make_queue("b")
    sub_a, sub_b = subscribe(sns, topic, arn_a), subscribe(sns, topic, arn_b)
    publication = sessim.sns.publish(topic, BOUNCE)
    envelope_a, envelope_b = json.loads(receive(url_a)[0]), json.loads(receive(url_b)[0])
    assert envelope_a["UnsubscribeURL"].endswith("SubscriptionArn=" + sub_a)
    assert envelope_b["UnsubscribeURL"].endswith("SubscriptionArn=" + sub_b)
    assert envelope_a["Signature"] == envelope_b["Signature"] == publication.envelope["Signature"]
    assert [attempt.subscription_arn for attempt in publication.deliveries] == [sub_a, sub_b]


@pytest.mark.parametrize(
    ("policy", "delivered"),
    [
        ({"notificationType": ["Bounce"]}, True),
        ({"notificationType": ["Complaint"]}, False),
        ({"bounce": {"bounceType": ["Permanent"]}}, True),
        ({"bounce": {"bounceType": [{"anything-but": "Permanent"}]}}, False),
        ({"mail": {"source": [{"suffix": "@example.com"}]}}, True),
        ({"mail": {"source": [{"prefix": "billing@"}]}}, False),
        ({"complaint": [{"exists": False}]}, True),
        (
            {
                "$or": [
                    {"notificationType": ["Delivery"]},
                    {"bounce": {"bounceType": ["Permanent"]}},
                ]
            },
            True,
        ),
    ],
)
def test_message_body_filter_policies(
    sessim: SesSim,
    sns: Any,
    topic: str,
    make_queue: Any,
    receive: Any,
    policy: dict[str, Any],
    delivered: bool,
) -> None:
    url, arn = make_queue("filtered")
    subscribe(sns, topic, arn, FilterPolicyScope="MessageBody", FilterPolicy=json.dumps(policy))
    publication = sessim.sns.publish(topic, BOUNCE)
    assert len(receive(url)) == int(delivered)
    assert len(publication.deliveries) == int(delivered)


def test_attribute_filter_policies_see_no_attributes_from_ses(
    sessim: SesSim, sns: Any, topic: str, make_queue: Any, receive: Any
) -> None:
    (needs_url, needs_arn), (absent_url, absent_arn) = make_queue("needs"), make_queue("absent")
    subscribe(sns, topic, needs_arn, FilterPolicy=json.dumps({"type": ["Bounce"]}))
    subscribe(sns, topic, absent_arn, FilterPolicy=json.dumps({"type": [{"exists": False}]}))
    sessim.sns.publish(topic, BOUNCE)
    assert receive(needs_url) == []
    assert len(receive(absent_url)) == 1


def test_filtering_on_event_publishing_tags(
    sessim: SesSim, sns: Any, topic: str, make_queue: Any, receive: Any
) -> None:
    url, arn = make_queue("billing-events")
    policy = {"eventType": ["Delivery"], "mail": {"tags": {"team": ["billing"]}}}
    subscribe(sns, topic, arn, FilterPolicyScope="MessageBody", FilterPolicy=json.dumps(policy))
    sessim.sns.publish(topic, EVENT + "\n", subject="Amazon SES Email Event Notification")
    sessim.sns.publish(topic, BOUNCE)
    (body,) = receive(url)
    assert json.loads(body)["Subject"] == "Amazon SES Email Event Notification"


def test_a_missing_topic_is_recorded_not_raised(sessim: SesSim) -> None:
    arn = "arn:aws:sns:us-east-1:123456789012:nowhere"
    publication = sessim.sns.publish(arn, BOUNCE)
    assert publication.error is not None and "does not exist" in publication.error
    assert publication.deliveries == []
    assert sessim.notifications == [publication]
    assert "UnsubscribeURL" not in publication.envelope


def test_a_deleted_queue_is_a_failed_delivery(
    sessim: SesSim, sns: Any, sqs: Any, topic: str, make_queue: Any
) -> None:
    url, arn = make_queue("gone")
    subscribe(sns, topic, arn)
    sqs.delete_queue(QueueUrl=url)
    (attempt,) = sessim.sns.publish(topic, BOUNCE).deliveries
    assert not attempt.ok and attempt.status is None
    assert attempt.error is not None


def test_other_protocols_are_recorded_as_not_delivered(
    sessim: SesSim, sns: Any, topic: str
) -> None:
    sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="ops@example.com")
    (attempt,) = sessim.sns.publish(topic, BOUNCE).deliveries
    assert attempt.protocol == "email" and not attempt.ok
    assert attempt.error == "the simulator does not deliver to email subscriptions"


def test_notifications_helpers_find_a_message_by_id_and_type(sessim: SesSim, topic: str) -> None:
    sessim.sns.publish(topic, "Successfully validated SNS topic for Amazon SES event publishing.")
    bounce = sessim.sns.publish(topic, BOUNCE)
    event = sessim.sns.publish(topic, EVENT + "\n", subject="Amazon SES Email Event Notification")
    assert sessim.notifications_for(MESSAGE_ID) == [bounce, event]
    assert sessim.notification_for(MESSAGE_ID, "Bounce") is bounce
    assert sessim.notification_for(MESSAGE_ID, "Delivery", topic_arn=topic) is event
    assert bounce.event_type == "Bounce" and bounce.ses_message_id == MESSAGE_ID
    with pytest.raises(AssertionError, match="No SNS notification for message 'other'"):
        sessim.notification_for("other", "Bounce")


def test_publishing_a_real_send_notification(
    sessim: SesSim, ses: Any, topic: str, make_queue: Any, receive: Any, sns: Any
) -> None:
    """What the SES side hands over: an event's identity-notification JSON."""
    sessim.verify("shop.example.com")
    url, arn = make_queue("from-send")
    subscribe(sns, topic, arn)
    message_id = ses.send_email(
        Source="orders@shop.example.com",
        Destination={"ToAddresses": ["bounce@simulator.amazonses.com"]},
        Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
    )["MessageId"]
    (bounce,) = sessim.bounces
    assert bounce.notification is not None
    sessim.sns.publish(topic, json.dumps(bounce.notification, separators=(",", ":")))
    found = sessim.notification_for(message_id, "Bounce")
    bodies = [json.loads(json.loads(body)["Message"]) for body in receive(url)]
    assert found.body in bodies
