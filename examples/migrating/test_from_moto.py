"""A test suite written against moto's SES (``before_*``), and the same checks rewritten
for pytest-sessim (``after_*``), one pair per row of docs/migrating-from-moto.md.

The ``before`` tests run against the installed moto and pin the moto behaviour the table
describes: CI runs them on the newest moto and on the oldest that pyproject.toml allows. When
one fails, moto changed: update that row of the table and its test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import botocore.exceptions
import pytest
from moto import mock_aws
from pytest_sessim import SesSim

import sns_verify

SENDER = "orders@shop.example.com"
ACCOUNT = "123456789012"  # moto's default account, which the simulator uses too


@pytest.fixture
def moto_ses(ses: Any) -> Iterator[Any]:
    """The old way: moto's own SES, a domain verified by hand."""
    with mock_aws():
        ses.verify_domain_identity(Domain="shop.example.com")
        yield ses


def send(ses: Any, to: list[str] | str, source: str = SENDER, **extra: Any) -> str:
    message_id: str = ses.send_email(
        Source=source,
        Destination={"ToAddresses": [to] if isinstance(to, str) else to},
        Message={"Subject": {"Data": "Your order"}, "Body": {"Text": {"Data": "Thanks!"}}},
        **extra,
    )["MessageId"]
    return message_id


def bounce_queue(ses: Any, sns: Any, sqs: Any, identity: str = "shop.example.com") -> str:
    """An SQS queue subscribed to the Bounce topic of ``identity``."""
    url: str = sqs.create_queue(QueueName="bounces")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]
    topic = sns.create_topic(Name="bounces")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn["QueueArn"])
    ses.set_identity_notification_topic(
        Identity=identity, NotificationType="Bounce", SnsTopic=topic
    )
    return url


def envelopes(sqs: Any, url: str) -> list[dict[str, Any]]:
    reply = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
    return [json.loads(message["Body"]) for message in reply.get("Messages", [])]


def ses_bodies(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The Bounce notifications among the envelopes (SES JSON, a string in SNS)."""
    bodies = [json.loads(envelope["Message"]) for envelope in found]
    return [body for body in bodies if body.get("notificationType") == "Bounce"]


# 1. Setup and "what was sent" -------------------------------------------------------------
def test_before_sent_messages_from_motos_backend(moto_ses: Any) -> None:
    from moto.ses.models import ses_backends

    send(moto_ses, "jane@example.com")

    backend = ses_backends[ACCOUNT]["us-east-1"]
    assert backend.sent_message_count == 1
    assert backend.sent_messages[0].destinations["ToAddresses"] == ["jane@example.com"]


@pytest.mark.sessim(verified=["shop.example.com"])
def test_after_sent_messages_from_the_outbox(sessim: SesSim, ses: Any) -> None:
    message_id = send(ses, "jane@example.com")

    (message,) = sessim.assert_sent(to="jane@example.com", subject="Your order")
    assert message.message_id == message_id
    assert message.text == "Thanks!"


# 1b. Identity verification: at once -> Pending until verified (or auto_verify) ---------------
def test_before_identities_verify_at_once(ses: Any) -> None:
    with mock_aws():
        ses.verify_email_identity(EmailAddress=SENDER)
        send(ses, "jane@example.com")


@pytest.mark.sessim
def test_after_an_address_verifies_by_its_link(sessim: SesSim, ses: Any) -> None:
    import requests

    ses.verify_email_identity(EmailAddress=SENDER)
    with pytest.raises(ses.exceptions.MessageRejected):
        send(ses, "jane@example.com")
    assert sessim.verification_emails[0].to == [SENDER]

    requests.get(sessim.verification_link(SENDER), timeout=5)
    send(ses, "jane@example.com")


@pytest.mark.sessim(auto_verify=True)
def test_after_auto_verify_keeps_motos_shortcut(sessim: SesSim, ses: Any) -> None:
    ses.verify_email_identity(EmailAddress=SENDER)
    send(ses, "jane@example.com")
    assert sessim.verification_emails == []


# 2. Simulator addresses: substring matching -> exact addresses ------------------------------
def test_before_any_address_containing_bounce_bounces(moto_ses: Any, sns: Any, sqs: Any) -> None:
    url = bounce_queue(moto_ses, sns, sqs)

    send(moto_ses, "nobounce@example.com")  # a real customer, in moto a bounce

    (envelope,) = envelopes(sqs, url)
    assert envelope["Message"]["bounce"]["bounceType"] == "Permanent"


@pytest.mark.sessim(verified=["shop.example.com"])
def test_after_only_simulator_addresses_bounce(sessim: SesSim, ses: Any) -> None:
    send(ses, "nobounce@example.com")
    send(ses, "bounce+order-42@simulator.amazonses.com")  # labels are fine

    sessim.assert_delivered("nobounce@example.com")
    sessim.assert_bounced("bounce+order-42@simulator.amazonses.com", bounce_type="Permanent")


# 3. Canned feedback, Message as an object -> the real message, Message as a string ----------
def test_before_canned_feedback_as_an_object(moto_ses: Any, sns: Any, sqs: Any) -> None:
    url = bounce_queue(moto_ses, sns, sqs)

    send(moto_ses, "bounce@simulator.amazonses.com")

    (envelope,) = envelopes(sqs, url)
    assert isinstance(envelope["Message"], dict)  # SNS sends a string
    assert envelope["Message"]["notificationType"] == "Bounce, Complaint, or Delivery."
    recipients = envelope["Message"]["bounce"]["bouncedRecipients"]
    assert recipients[0]["emailAddress"] == "recipient1@example.com"  # not who we mailed


@pytest.mark.sessim(verified=["shop.example.com"])
def test_after_the_real_message_as_a_string(sessim: SesSim, ses: Any, sns: Any, sqs: Any) -> None:
    url = bounce_queue(ses, sns, sqs)

    message_id = send(ses, "bounce@simulator.amazonses.com")

    (bounce,) = ses_bodies(envelopes(sqs, url))
    assert bounce["mail"]["messageId"] == message_id
    recipients = bounce["bounce"]["bouncedRecipients"]
    assert recipients[0]["emailAddress"] == "bounce@simulator.amazonses.com"
    assert recipients[0]["diagnosticCode"] == "smtp; 550 5.1.1 user unknown"


# 4. Signatures: SigV2 that does not verify -> SigV1 (or 2) that does ------------------------
def test_before_signature_version_2_only(moto_ses: Any, sns: Any, sqs: Any) -> None:
    url = bounce_queue(moto_ses, sns, sqs)
    send(moto_ses, "bounce@simulator.amazonses.com")

    assert {envelope["SignatureVersion"] for envelope in envelopes(sqs, url)} == {"2"}


@pytest.mark.sessim(verified=["shop.example.com"])
def test_after_signatures_verify(sessim: SesSim, ses: Any, sns: Any, sqs: Any) -> None:
    url = bounce_queue(ses, sns, sqs)
    send(ses, "bounce@simulator.amazonses.com")

    for envelope in envelopes(sqs, url):
        assert envelope["SignatureVersion"] == "1"  # SNS's default; "2" when the topic asks
        sns_verify.verify(envelope)


# 5. Topics on an email-address identity ----------------------------------------------------
def test_before_address_identity_topics_are_ignored(ses: Any, sns: Any, sqs: Any) -> None:
    with mock_aws():
        ses.verify_email_identity(EmailAddress=SENDER)
        url = bounce_queue(ses, sns, sqs, identity=SENDER)
        send(ses, "bounce@simulator.amazonses.com")

        assert envelopes(sqs, url) == []


@pytest.mark.sessim(verified=[SENDER])
def test_after_address_identity_topics_are_used(
    sessim: SesSim, ses: Any, sns: Any, sqs: Any
) -> None:
    url = bounce_queue(ses, sns, sqs, identity=SENDER)
    send(ses, "bounce@simulator.amazonses.com")

    assert len(ses_bodies(envelopes(sqs, url))) == 1


# 6. Configuration-set events: none -> every event type --------------------------------------
def event_queue(ses: Any, sns: Any, sqs: Any) -> str:
    url: str = sqs.create_queue(QueueName="events")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]
    topic = sns.create_topic(Name="events")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn["QueueArn"])
    ses.create_configuration_set(ConfigurationSet={"Name": "tracked"})
    ses.create_configuration_set_event_destination(
        ConfigurationSetName="tracked",
        EventDestination={
            "Name": "to-sns",
            "Enabled": True,
            "MatchingEventTypes": ["send", "delivery", "bounce"],
            "SNSDestination": {"TopicARN": topic},
        },
    )
    return url


def test_before_no_configuration_set_events(moto_ses: Any, sns: Any, sqs: Any) -> None:
    url = event_queue(moto_ses, sns, sqs)

    send(moto_ses, "success@simulator.amazonses.com", ConfigurationSetName="tracked")

    assert envelopes(sqs, url) == []


@pytest.mark.sessim(verified=["shop.example.com"])
def test_after_configuration_set_events(sessim: SesSim, ses: Any, sns: Any, sqs: Any) -> None:
    url = event_queue(ses, sns, sqs)

    send(ses, "success@simulator.amazonses.com", ConfigurationSetName="tracked")

    found = envelopes(sqs, url)
    assert found[0]["Message"] == (
        "Successfully validated SNS topic for Amazon SES event publishing."
    )
    records = [json.loads(envelope["Message"]) for envelope in found[1:]]
    assert [record["eventType"] for record in records] == ["Send", "Delivery"]
    assert {envelope["Subject"] for envelope in found[1:]} == {
        "Amazon SES Email Event Notification"
    }


# 7. Error codes and texts -------------------------------------------------------------------
ERRORS = {
    # case: (moto's code and text, SES's code and text)
    "unverified": (
        ("MessageRejected", "Email address not verified a@unverified.example"),
        (
            "MessageRejected",
            "Email address is not verified. The following identities failed the check in "
            "region US-EAST-1: a@unverified.example",
        ),
    ),
    "no domain": (
        ("InvalidParameterValue", "Missing domain"),
        ("InvalidParameterValue", "Missing final '@domain'"),
    ),
    "51 recipients": (
        ("MessageRejected", "Too many recipients."),
        ("InvalidParameterValue", "Recipient count exceeds 50."),
    ),
}
CASES: dict[str, dict[str, Any]] = {
    "unverified": {"source": "a@unverified.example", "to": "jane@example.com"},
    "no domain": {"to": "notanaddress"},
    "51 recipients": {"to": [f"customer{n}@example.com" for n in range(51)]},
}


def error_of(ses: Any, case: str) -> tuple[str, str]:
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        send(ses, **CASES[case])
    error = raised.value.response["Error"]
    return error["Code"], error["Message"]


@pytest.mark.parametrize("case", ERRORS)
def test_before_motos_errors(moto_ses: Any, case: str) -> None:
    assert error_of(moto_ses, case) == ERRORS[case][0]


@pytest.mark.sessim(verified=["shop.example.com"])
@pytest.mark.parametrize("case", ERRORS)
def test_after_ses_errors(sessim: SesSim, ses: Any, case: str) -> None:
    assert error_of(ses, case) == ERRORS[case][1]
    assert sessim.refused[-1].code == ERRORS[case][1][0]
