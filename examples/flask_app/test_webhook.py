"""The Flask webhook, mounted in process: SNS confirms the subscription, signs every
message (SignatureVersion 1 on the bounce topic, 2 on the complaint topic) and the view
verifies them before it records anything."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_sessim import Outcome, SesSim

pytest.importorskip("flask", reason="the Flask recipe needs Flask: pip install flask")

from flask_app.webhook import Feedback, FeedbackLog, create_app

pytestmark = pytest.mark.sessim(verified=["shop.example.com"], seed=6)

BASE = "https://hooks.shop.example"
ENDPOINT = f"{BASE}/sns/ses-feedback"


@pytest.fixture
def log(sessim: SesSim, ses: Any, sns: Any) -> FeedbackLog:
    """The app mounted at BASE, subscribed to the domain's Bounce and Complaint topics."""
    log = FeedbackLog()
    sessim.mount(BASE, create_app(log))
    for kind, signature_version in (("Bounce", "1"), ("Complaint", "2")):
        topic = sns.create_topic(
            Name=f"ses-{kind.lower()}s", Attributes={"SignatureVersion": signature_version}
        )["TopicArn"]
        sns.subscribe(TopicArn=topic, Protocol="https", Endpoint=ENDPOINT)
        ses.set_identity_notification_topic(
            Identity="shop.example.com", NotificationType=kind, SnsTopic=topic
        )
    return log


def send(ses: Any, to: str) -> str:
    message_id: str = ses.send_email(
        Source="orders@shop.example.com",
        Destination={"ToAddresses": [to]},
        Message={"Subject": {"Data": "Your order"}, "Body": {"Text": {"Data": "Thanks!"}}},
    )["MessageId"]
    return message_id


# what the webhook records for each mailbox simulator address: (kind, detail)
EXPECTED = {
    Outcome.SUCCESS: [],
    Outcome.BOUNCE: [("Bounce", "Permanent/General")],
    Outcome.OOTO: [("Bounce", "Transient/General")],
    Outcome.COMPLAINT: [("Complaint", "abuse")],
    Outcome.SUPPRESSIONLIST: [("Bounce", "Permanent/General")],
}


def test_every_outcome_reaches_the_log(
    sessim: SesSim, ses: Any, log: FeedbackLog, ses_outcome: Outcome
) -> None:
    message_id = send(ses, ses_outcome.address)

    assert log.entries == [
        Feedback(kind, ses_outcome.address, detail, message_id)
        for kind, detail in EXPECTED[ses_outcome]
    ]
    for publication in sessim.notifications_for(message_id):
        assert [attempt.status for attempt in publication.deliveries] == [204]


def test_subscriptions_are_confirmed_and_both_signature_versions_verify(
    sessim: SesSim, ses: Any, log: FeedbackLog
) -> None:
    bounce_id = send(ses, "bounce@simulator.amazonses.com")
    complaint_id = send(ses, "complaint@simulator.amazonses.com")

    confirmations = sessim.sns.confirmations
    assert len(confirmations) == 2
    assert all(c.deliveries[0].status == 204 for c in confirmations)
    assert sessim.notification_for(bounce_id, "Bounce").signature_version == "1"
    assert sessim.notification_for(complaint_id, "Complaint").signature_version == "2"
    assert [entry.kind for entry in log.entries] == ["Bounce", "Complaint"]


def test_forged_messages_are_refused(sessim: SesSim, ses: Any, log: FeedbackLog) -> None:
    message_id = send(ses, "bounce@simulator.amazonses.com")
    genuine = sessim.notification_for(message_id, "Bounce").envelope
    client = create_app(log).test_client()
    headers = {"Content-Type": "text/plain; charset=UTF-8"}

    tampered = dict(genuine, Message=genuine["Message"].replace("bounce@", "someone@"))
    elsewhere = dict(genuine, SigningCertURL="https://attacker.example/cert.pem")
    for envelope in (tampered, elsewhere):
        reply = client.post("/sns/ses-feedback", data=json.dumps(envelope), headers=headers)
        assert reply.status_code == 400
    assert client.post("/sns/ses-feedback", data="not json").status_code == 400
    assert len(log.entries) == 1  # only the genuine bounce
