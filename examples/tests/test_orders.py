"""Transactional mail: order confirmations, password resets and invoices."""

import pytest
from pytest_sessim import Outcome

from shop import mailer

# Every test in this module runs with the shop's domain verified in the simulated account.
pytestmark = pytest.mark.sessim(verified=["shop.example.com"])


def test_order_confirmation_is_sent(sessim, order_for):
    message_id = mailer.send_order_confirmation(order_for("ada@example.org"))

    sessim.assert_sent(to="ada@example.org", subject="Your order #1042")
    assert message_id == sessim.outbox[0].message_id
    # The same id is in every event SES produces about the message.
    assert [event.type for event in sessim.events] == ["Send", "Delivery"]
    assert all(event.record["mail"]["messageId"] == message_id for event in sessim.events)


def test_order_confirmation_is_tagged(sessim, order_for):
    mailer.send_order_confirmation(order_for("ada@example.org"))

    sessim.assert_sent(tags={"category": "order-confirmation", "order": "1042"})
    assert sessim.events[0].record["mail"]["tags"]["order"] == ["1042"]


def test_password_reset_goes_through_sesv2(sessim):
    mailer.send_password_reset("ada@example.org", token="s3cr3t")

    [message] = sessim.assert_sent(to="ada@example.org", text_contains="token=s3cr3t")
    assert message.api == "sesv2"
    assert message.subject == "Reset your password"


def test_invoice_carries_the_pdf(sessim, order_for):
    pdf = b"%PDF-1.7 invoice 1042"
    mailer.send_invoice(order_for("ada@example.org"), pdf)

    attachment = sessim.outbox[0].attachments[0]
    assert attachment.filename == "invoice-1042.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.content == pdf


def test_route_gives_any_address_an_outcome(sessim, order_for):
    sessim.route("*@blocked.example.com", Outcome.BOUNCE)

    mailer.send_order_confirmation(order_for("carol@blocked.example.com"))

    sessim.assert_bounced("carol@blocked.example.com", bounce_type="Permanent")


def test_suppressed_customer_is_skipped(sessim, store, order_for):
    store.suppress("ada@example.org", "complaint")

    assert mailer.send_order_confirmation(order_for("ada@example.org")) is None
    sessim.assert_nothing_sent()
