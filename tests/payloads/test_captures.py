"""Every simulator address, through v1 and v2, against the 2022 captures' structure."""

from __future__ import annotations

from email.message import EmailMessage
from typing import Any

import pytest
from shape import capture, differences

from pytest_sessim import Outcome, SesSim

SENDER = "test@relay.example.com"

EXPECTED = {
    Outcome.SUCCESS: [("Delivery", "delivery_notification_success_from_simulator_ses_body.json")],
    Outcome.BOUNCE: [("Bounce", "bounce_notification_from_simulator_ses_body.json")],
    Outcome.COMPLAINT: [
        ("Delivery", "delivery_notification_complaint_from_simulator_ses_body.json"),
        ("Complaint", "complaint_notification_from_simulator_ses_body.json"),
    ],
    Outcome.OOTO: [
        ("Delivery", "delivery_notification_ooto_from_simulator_ses_body.json"),
        ("Bounce", "ooto_bounce_notification_from_simulator_ses_body.json"),
    ],
    Outcome.SUPPRESSIONLIST: [
        ("Bounce", "suppressionlist_bounce_notification_from_simulator_ses_body.json")
    ],
}


def raw_message(to: str, subject: str) -> bytes:
    message = EmailMessage()
    message.set_content("Hello")
    message["Subject"] = subject
    message["From"] = SENDER
    message["To"] = to
    return message.as_bytes()


def send(door: str, ses: Any, sesv2: Any, to: str) -> str:
    subject = f"Test message for {to.split('@')[0]}"
    if door == "v1 SendEmail":
        reply = ses.send_email(
            Source=SENDER,
            Destination={"ToAddresses": [to]},
            Message={"Subject": {"Data": subject}, "Body": {"Text": {"Data": "Hello"}}},
        )
    elif door == "v1 SendRawEmail":
        reply = ses.send_raw_email(RawMessage={"Data": raw_message(to, subject)})
    elif door == "v2 Simple":
        reply = sesv2.send_email(
            FromEmailAddress=SENDER,
            Destination={"ToAddresses": [to]},
            Content={"Simple": {"Subject": {"Data": subject}, "Body": {"Text": {"Data": "Hi"}}}},
        )
    else:
        reply = sesv2.send_email(Content={"Raw": {"Data": raw_message(to, subject)}})
    message_id: str = reply["MessageId"]
    return message_id


DOORS = ["v1 SendEmail", "v1 SendRawEmail", "v2 Simple", "v2 Raw"]


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("outcome", list(Outcome), ids=str)
def test_notifications_have_the_captured_shape(
    outcome: Outcome, door: str, ses: Any, sesv2: Any
) -> None:
    with SesSim(verified=["relay.example.com"], moto=False) as sim:
        message_id = send(door, ses, sesv2, outcome.address)

    expected = EXPECTED[outcome]
    assert [event.type for event in sim.events] == ["Send", *(kind for kind, _ in expected)]
    for (kind, name), event in zip(expected, sim.events[1:], strict=True):
        captured = capture(name)
        ours = event.notification
        assert ours is not None
        assert ours["mail"]["messageId"] == message_id == event.message_id
        assert differences(ours, captured) == [], name
        assert ours["mail"]["destination"] == [outcome.address]
        if kind == "Bounce":
            for key in ("bounceType", "bounceSubType", "bouncedRecipients"):
                assert ours["bounce"][key] == captured["bounce"][key]
        if kind == "Complaint":
            for key in (
                "complaintSubType",
                "complainedRecipients",
                "userAgent",
                "complaintFeedbackType",
            ):
                assert ours["complaint"][key] == captured["complaint"][key]
        if kind == "Delivery":
            assert ours["delivery"]["smtpResponse"] == captured["delivery"]["smtpResponse"]
            assert ours["delivery"]["recipients"] == [outcome.address]


def test_labels_are_kept_as_sent_and_matched_case_insensitively(ses: Any, sesv2: Any) -> None:
    address = "Bounce+Order-42@Simulator.AmazonSES.com"
    with SesSim(verified=["relay.example.com"], moto=False) as sim:
        send("v1 SendEmail", ses, sesv2, address)
    (bounce,) = sim.bounces
    assert bounce.notification is not None
    assert bounce.notification["bounce"]["bouncedRecipients"][0]["emailAddress"] == address
    assert bounce.notification["mail"]["destination"] == [address]


@pytest.mark.parametrize(
    "address",
    [
        "nobounce@example.com",
        "bouncer@example.com",
        "bounce@simulator.amazonses.com.example.com",
    ],
)
def test_lookalike_addresses_are_delivered(address: str, ses: Any, sesv2: Any) -> None:
    with SesSim(verified=["relay.example.com"], moto=False) as sim:
        send("v1 SendEmail", ses, sesv2, address)
    assert [event.type for event in sim.events] == ["Send", "Delivery"]


SEND_EVENT_EXAMPLES = {
    "Send": "send_event_example_ses_body.json",
    "Delivery": "delivery_event_example_ses_body.json",
    "Bounce": "bounce_event_example_ses_body.json",
    "Complaint": "complaint_event_example_ses_body.json",
}


@pytest.mark.parametrize("outcome", [Outcome.BOUNCE, Outcome.COMPLAINT], ids=str)
def test_event_records_have_the_documented_layout(outcome: Outcome, ses: Any, sesv2: Any) -> None:
    with SesSim(verified=["relay.example.com"], moto=False) as sim:
        send("v1 SendEmail", ses, sesv2, outcome.address)
    for event in sim.events:
        example = capture(SEND_EVENT_EXAMPLES[event.type])
        record = event.record
        assert list(record) == list(example)
        assert list(record["mail"]) == list(example["mail"])
        assert "notificationType" not in record
        assert record["mail"]["tags"]["ses:operation"] == ["SendEmail"]
