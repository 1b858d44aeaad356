"""v1 SendBounce through boto3: the bounce message of a received mail is in the outbox."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from conftest import refusal

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(moto=False, verified=["shop.example"])

RECIPIENTS = [{"Recipient": "nobody@shop.example", "BounceType": "DoesNotExist"}]


def test_send_bounce_answers_a_received_mail(sessim: SesSim, ses: Any) -> None:
    # a mail SES received (what the receiving part of the simulator records)
    sessim.engine.received = [  # type: ignore[attr-defined]
        SimpleNamespace(
            message_id="m1",
            region="us-east-1",
            timestamp=sessim.clock.now(),
            sender="sender@customer.example",
            raw=b"From: sender@customer.example\r\nSubject: Hi\r\n\r\nHello",
        )
    ]
    message_id = ses.send_bounce(
        OriginalMessageId="m1",
        BounceSender="mailer-daemon@shop.example",
        BouncedRecipientInfoList=RECIPIENTS,
    )["MessageId"]

    [message] = sessim.outbox
    assert (message.message_id, message.operation) == (message_id, "SendBounce")
    assert message.to == ["sender@customer.example"]
    assert message.from_ == ["mailer-daemon@shop.example"]


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
