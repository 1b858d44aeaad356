"""The reply-handling app end to end: a customer's reply reaches SES, SES stores it in S3
and notifies the queue, and the worker turns it into a note on the order. The simulator
runs the receipt rule in process; moto holds the bucket, the topic and the queue."""

from __future__ import annotations

from email.message import EmailMessage
from typing import Any

import boto3
import pytest
from pytest_sessim import SesSim

from replies.infrastructure import Inbound, set_up
from replies.mailer import reply_address, send_order_update
from replies.worker import Inbox, poll

SHOP = "shop.example.com"
REPLIES = f"replies.{SHOP}"
pytestmark = pytest.mark.sessim(verified=[SHOP], seed=12)


@pytest.fixture(scope="session")
def s3() -> Any:
    return boto3.client(
        "s3", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )


@pytest.fixture
def inbound(sessim: SesSim, ses: Any, s3: Any, sns: Any, sqs: Any) -> Inbound:
    return set_up(ses, s3, sns, sqs, domain=REPLIES, bucket="shop-replies", account="123456789012")


def customer_reply(order: str, text: str, **headers: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Ada Lovelace <ada@customer.example>"
    message["To"] = reply_address(order, REPLIES)
    message["Subject"] = f"Re: Order {order} has shipped"
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(f"{text}\n\nOn Mon, 2 Mar 2026, Shop wrote:\n> It is on its way.\n")
    return message


def drain(sqs: Any, s3: Any, inbound: Inbound) -> Inbox:
    inbox = Inbox()
    while poll(sqs, s3, inbound.queue_url, inbox, wait_seconds=0):
        pass
    return inbox


def test_a_reply_becomes_a_note_on_its_order(
    sessim: SesSim, ses: Any, s3: Any, sqs: Any, inbound: Inbound
) -> None:
    send_order_update(ses, order="1042", to="ada@customer.example", shop=SHOP, replies=REPLIES)

    received = sessim.receive(customer_reply("1042", "Can you leave it with my neighbour?"))

    assert received.accepted and received.rules == ["store-replies"]
    [stored] = received.actions
    assert stored.target == f"s3://shop-replies/replies/{received.message_id}"
    [reply] = drain(sqs, s3, inbound).replies
    assert (reply.order, reply.author) == ("1042", "ada@customer.example")
    assert reply.text == "Can you leave it with my neighbour?"
    assert reply.ses_message_id == received.message_id


def test_infected_mail_is_quarantined_and_mail_elsewhere_refused(
    sessim: SesSim, s3: Any, sqs: Any, inbound: Inbound
) -> None:
    infected = customer_reply("1042", "See the attached invoice.")
    eicar = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    infected.add_attachment(eicar, maintype="application", subtype="zip", filename="invoice.zip")

    virus = sessim.receive(infected)
    elsewhere = sessim.receive(customer_reply("1042", "Hi"), recipients=[f"sales@{SHOP}"])
    plain = sessim.receive(customer_reply("1042", "Hi"), tls=False)

    assert virus.verdicts["virus"] == "FAIL"
    assert drain(sqs, s3, inbound).quarantined == [virus.message_id]
    assert not elsewhere.accepted  # no rule takes the shop's own domain
    assert not plain.accepted  # the rule requires TLS


def test_mail_that_comes_back_by_itself_is_set_aside(
    sessim: SesSim, ses: Any, s3: Any, sqs: Any, inbound: Inbound
) -> None:
    # ooto@ answers with an out-of-office reply; SES also forwards the Transient bounce
    # that reports it (feedback forwarding is on). Both go to the Return-Path: replies@.
    send_order_update(
        ses, order="1043", to="ooto@simulator.amazonses.com", shop=SHOP, replies=REPLIES
    )

    forwarded, out_of_office = sessim.received
    assert forwarded.header("From") == "MAILER-DAEMON@amazonses.com"
    assert out_of_office.header("Auto-Submitted") == "auto-replied"
    inbox = drain(sqs, s3, inbound)
    assert inbox.automatic == [forwarded.message_id, out_of_office.message_id]
    assert inbox.replies == []
