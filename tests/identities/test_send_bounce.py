"""v1 SendBounce through boto3: the bounce message of a received mail is in the outbox."""

from __future__ import annotations

from typing import Any

import pytest
from identity_helpers import refusal

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(moto=False, verified=["shop.example"])

RECIPIENTS = [{"Recipient": "nobody@shop.example", "BounceType": "DoesNotExist"}]


def receive_for(ses: Any, domain: str) -> None:
    """An active receipt rule set whose one rule takes the domain's mail."""
    ses.create_receipt_rule_set(RuleSetName="inbound")
    ses.create_receipt_rule(
        RuleSetName="inbound",
        Rule={
            "Name": "all",
            "Enabled": True,
            "Recipients": [domain],
            "Actions": [{"StopAction": {"Scope": "RuleSet"}}],
        },
    )
    ses.set_active_receipt_rule_set(RuleSetName="inbound")


def test_send_bounce_answers_a_received_mail(sessim: SesSim, ses: Any) -> None:
    receive_for(ses, "shop.example")
    received = sessim.receive(
        b"From: sender@customer.example\r\nTo: nobody@shop.example\r\nSubject: Hi\r\n\r\nHello\r\n"
    )
    assert received.accepted and received.message_id is not None

    message_id = ses.send_bounce(
        OriginalMessageId=received.message_id,
        BounceSender="mailer-daemon@shop.example",
        BouncedRecipientInfoList=RECIPIENTS,
    )["MessageId"]

    [message] = sessim.outbox
    assert (message.message_id, message.operation) == (message_id, "SendBounce")
    assert message.to == ["sender@customer.example"]
    assert message.from_ == ["mailer-daemon@shop.example"]
    assert "Final-Recipient: rfc822; nobody@shop.example" in message.raw.decode()


def test_a_verification_mail_to_a_receiving_domain_is_received(sessim: SesSim, ses: Any) -> None:
    receive_for(ses, "shop.example")
    ses.verify_email_identity(EmailAddress="jane@shop.example")

    [received] = sessim.received
    assert received.recipients == ["jane@shop.example"] and received.rules == ["all"]
    assert sessim.verification_link("jane@shop.example").encode() in received.raw


def test_send_bounce_is_refused_as_ses_refuses_it(sessim: SesSim, ses: Any) -> None:
    assert refusal(
        lambda: ses.send_bounce(
            OriginalMessageId="m1",
            BounceSender="mailer-daemon@shop.example",
            BouncedRecipientInfoList=RECIPIENTS,
        )
    ) == (
        "MessageRejected",
        "Message m1 was not received by Amazon SES in the last 24 hours.",
        400,
    )
    assert (
        refusal(
            lambda: ses.send_bounce(
                OriginalMessageId="m1",
                BounceSender="mailer-daemon@elsewhere.example",
                BouncedRecipientInfoList=RECIPIENTS,
            )
        )[0]
        == "MessageRejected"
    )
    code, message, _ = refusal(
        lambda: ses.send_bounce(
            OriginalMessageId="m1",
            BounceSender="mailer-daemon@shop.example",
            BouncedRecipientInfoList=[{"Recipient": "a@shop.example", "BounceType": "Gone"}],
        )
    )
    assert code == "ValidationError" and "Member must satisfy enum value set" in message
