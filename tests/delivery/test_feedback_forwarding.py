"""Email feedback forwarding: who gets the forwarded bounce or complaint, and when."""

from __future__ import annotations

from typing import Any

import pytest
from delivery_helpers import ACCOUNT, BOUNCE, COMPLAINT, DEFAULT_BUS, REGION, SUCCESS, send

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(verified=["example.com"])

TOPIC = f"arn:aws:sns:{REGION}:{ACCOUNT}:feedback"


def _topic(ses: Any, kind: str) -> None:
    ses.set_identity_notification_topic(
        Identity="example.com", NotificationType=kind, SnsTopic=TOPIC
    )


def test_without_a_topic_bounces_and_complaints_are_mailed_to_the_source(
    sessim: SesSim, ses: Any
) -> None:
    bounced = send(ses, BOUNCE, Source="Shop <orders@example.com>")
    complained = send(ses, COMPLAINT, Source="orders@example.com")
    send(ses, SUCCESS)

    [bounce, complaint] = sessim.feedback_emails
    assert (bounce.kind, bounce.to, bounce.message_id) == ("Bounce", "orders@example.com", bounced)
    assert bounce.recipients == (BOUNCE,)
    assert (complaint.kind, complaint.message_id) == ("Complaint", complained)
    assert complaint.recipients == (COMPLAINT,)


def test_the_forwarded_bounce_is_a_readable_email(sessim: SesSim, ses: Any) -> None:
    message_id = send(ses, BOUNCE)

    [forwarded] = sessim.feedback_emails
    email = forwarded.message
    assert email["From"] == "MAILER-DAEMON@amazonses.com"
    assert email["To"] == "sender@example.com"
    assert forwarded.subject == "Delivery Status Notification (Failure)"
    assert BOUNCE in forwarded.text and "Status: 5.1.1" in forwarded.text
    assert f"<{message_id}@email.amazonses.com>" in forwarded.text
    assert forwarded.raw.startswith(b"From: MAILER-DAEMON@amazonses.com\r\n")


def test_the_return_path_gets_it_when_given(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    send(ses, BOUNCE, ReturnPath="bounces@example.com")
    sesv2.send_email(
        FromEmailAddress="sender@example.com",
        Destination={"ToAddresses": [BOUNCE]},
        Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}},
        FeedbackForwardingEmailAddress="feedback@example.com",
    )

    assert [item.to for item in sessim.feedback_emails] == [
        "bounces@example.com",
        "feedback@example.com",
    ]


def test_raw_messages_use_source_then_return_path_header_then_from(
    sessim: SesSim, ses: Any
) -> None:
    raw = (
        "From: Shop <shop@example.com>\r\nReturn-Path: <returns@example.com>\r\n"
        f"To: {BOUNCE}\r\nSubject: s\r\n\r\nbody\r\n"
    ).encode()
    ses.send_raw_email(RawMessage={"Data": raw})
    ses.send_raw_email(RawMessage={"Data": raw}, Source="api@example.com")
    no_return_path = raw.replace(b"Return-Path: <returns@example.com>\r\n", b"")
    ses.send_raw_email(RawMessage={"Data": no_return_path})

    assert [item.to for item in sessim.feedback_emails] == [
        "returns@example.com",
        "api@example.com",
        "shop@example.com",
    ]


def test_forwarding_continues_beside_topics_until_turned_off(sessim: SesSim, ses: Any) -> None:
    _topic(ses, "Bounce")
    _topic(ses, "Complaint")
    send(ses, BOUNCE)
    assert len(sessim.feedback_emails) == 1  # on by default, in addition to SNS

    ses.set_identity_feedback_forwarding_enabled(Identity="example.com", ForwardingEnabled=False)
    send(ses, BOUNCE)
    send(ses, COMPLAINT)
    assert len(sessim.feedback_emails) == 1


def test_turned_off_it_still_forwards_what_nothing_else_reports(sessim: SesSim, ses: Any) -> None:
    _topic(ses, "Complaint")
    ses.set_identity_feedback_forwarding_enabled(Identity="example.com", ForwardingEnabled=False)

    send(ses, BOUNCE)  # no bounce topic: SES mails it anyway
    send(ses, COMPLAINT)  # the complaint topic reports it

    assert [item.kind for item in sessim.feedback_emails] == ["Bounce"]


def test_an_event_destination_for_bounces_counts_as_a_way_to_learn_of_them(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    sesv2.put_email_identity_feedback_attributes(
        EmailIdentity="example.com", EmailForwardingEnabled=False
    )
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    sesv2.create_configuration_set_event_destination(
        ConfigurationSetName="cs",
        EventDestinationName="bus",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["BOUNCE"],
            "EventBridgeDestination": {"EventBusArn": DEFAULT_BUS},
        },
    )

    send(ses, BOUNCE, ConfigurationSetName="cs")
    assert sessim.feedback_emails == []
    send(ses, BOUNCE)  # without the set, nothing else reports it
    assert len(sessim.feedback_emails) == 1


def test_deliveries_are_never_forwarded(sessim: SesSim, ses: Any) -> None:
    ses.set_identity_notification_topic(
        Identity="example.com", NotificationType="Delivery", SnsTopic=TOPIC
    )
    send(ses, SUCCESS)
    assert sessim.feedback_emails == []
