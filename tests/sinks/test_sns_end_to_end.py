"""The path an application listens on, end to end: SES identity notifications and
event publishing through SNS to an SQS worker and to a mounted webhook."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(verified=["shop.example.com"], seed=11)


def verified(envelope: dict[str, str]) -> bool:
    pem = requests.get(envelope["SigningCertURL"], timeout=5).content
    keys = ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
    text = "".join(f"{key}\n{envelope[key]}\n" for key in keys if key in envelope)
    key = x509.load_pem_x509_certificate(pem).public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    digest = hashes.SHA256() if envelope["SignatureVersion"] == "2" else hashes.SHA1()
    key.verify(base64.b64decode(envelope["Signature"]), text.encode(), padding.PKCS1v15(), digest)
    return True


def send(ses: Any, to: str, **extra: Any) -> str:
    message_id: str = ses.send_email(
        Source="orders@shop.example.com",
        Destination={"ToAddresses": [to]},
        Message={"Subject": {"Data": "Your order"}, "Body": {"Text": {"Data": "Thanks"}}},
        **extra,
    )["MessageId"]
    return message_id


def test_bounce_topic_on_the_domain_to_an_sqs_worker(
    sessim: SesSim, ses: Any, sns: Any, make_queue: Any, receive: Any
) -> None:
    topic = sns.create_topic(Name="bounces")["TopicArn"]
    url, queue_arn = make_queue("bounce-worker")
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    ses.set_identity_notification_topic(
        Identity="shop.example.com", NotificationType="Bounce", SnsTopic=topic
    )
    message_id = send(ses, "bounce@simulator.amazonses.com")
    envelopes = [json.loads(body) for body in receive(url)]
    bodies = [json.loads(envelope["Message"]) for envelope in envelopes]
    bounce = next(
        envelope
        for envelope, body in zip(envelopes, bodies, strict=True)
        if body.get("notificationType") == "Bounce"
    )
    assert verified(bounce)
    assert "Subject" not in bounce
    assert json.loads(bounce["Message"])["mail"]["messageId"] == message_id
    publication = sessim.notification_for(message_id, "Bounce", topic_arn=topic)
    assert publication.message_id == bounce["MessageId"]


def test_configuration_set_events_reach_a_mounted_webhook(
    sessim: SesSim, ses: Any, sesv2: Any, sns: Any
) -> None:
    received: list[dict[str, Any]] = []

    def webhook(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        body = environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"]))
        envelope = json.loads(body)
        assert verified(envelope) if envelope["Type"] == "Notification" else True
        if environ["HTTP_X_AMZ_SNS_MESSAGE_TYPE"] == "SubscriptionConfirmation":
            requests.get(envelope["SubscribeURL"], timeout=5).raise_for_status()
        else:
            received.append(envelope)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    sessim.mount("https://app.example.com", webhook)
    topic = sns.create_topic(Name="events")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="https", Endpoint="https://app.example.com/ses")
    sesv2.create_configuration_set(ConfigurationSetName="tracked")
    sesv2.create_configuration_set_event_destination(
        ConfigurationSetName="tracked",
        EventDestinationName="to-sns",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["BOUNCE", "COMPLAINT", "DELIVERY"],
            "SnsDestination": {"TopicArn": topic},
        },
    )
    ids = {
        to: send(ses, to, ConfigurationSetName="tracked")
        for to in (
            "success@simulator.amazonses.com",
            "bounce@simulator.amazonses.com",
            "complaint@simulator.amazonses.com",
        )
    }
    assert received[0]["Message"] == (
        "Successfully validated SNS topic for Amazon SES event publishing."
    )
    events = [json.loads(envelope["Message"]) for envelope in received[1:]]
    seen = {
        (event["eventType"], event["mail"]["messageId"]) for event in events if "eventType" in event
    }
    assert ("Delivery", ids["success@simulator.amazonses.com"]) in seen
    assert ("Bounce", ids["bounce@simulator.amazonses.com"]) in seen
    assert ("Complaint", ids["complaint@simulator.amazonses.com"]) in seen
    assert all(event["eventType"] != "Send" for event in events if "eventType" in event)
    assert all(
        envelope["Subject"] == "Amazon SES Email Event Notification" for envelope in received[1:]
    )
    bounce = sessim.notification_for(ids["bounce@simulator.amazonses.com"], "Bounce")
    assert [attempt.status for attempt in bounce.deliveries] == [200]
