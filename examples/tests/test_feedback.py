"""Bounces, complaints and deliveries flowing back into the shop's suppression store."""

import pytest
from pytest_sessim import Outcome, simulator_address

from shop import mailer
from shop.feedback import handle_ses_notification

pytestmark = pytest.mark.sessim(verified=["shop.example.com"])


def process_notifications(sessim):
    """Hand every identity notification SES produced to the shop, as its SNS subscriber would."""
    for event in sessim.events:
        if event.notification is not None:  # Send events have no identity notification
            handle_ses_notification(event.notification)


# outcome: (address suppressed as, soft bounces counted, order delivered)
EXPECTED = {
    Outcome.SUCCESS: (None, 0, True),
    Outcome.BOUNCE: ("bounce", 0, False),
    Outcome.OOTO: (None, 1, True),
    Outcome.COMPLAINT: ("complaint", 0, True),
    Outcome.SUPPRESSIONLIST: ("bounce", 0, False),
}


def test_store_follows_every_outcome(sessim, ses_outcome, store, order_for):
    order = order_for(ses_outcome.address)
    mailer.send_order_confirmation(order)

    process_notifications(sessim)

    address = ses_outcome.address
    found = (store.suppressed.get(address), store.soft_bounces[address], order.delivered)
    assert found == EXPECTED[ses_outcome]


@pytest.mark.ses_outcomes(Outcome.BOUNCE, Outcome.COMPLAINT)
def test_no_second_mail_after_bounce_or_complaint(sessim, ses_outcome, order_for):
    order = order_for(ses_outcome.address)
    mailer.send_order_confirmation(order)
    process_notifications(sessim)

    assert mailer.send_order_confirmation(order) is None
    assert len(sessim.outbox) == 1


def test_labelled_address_keeps_its_label(sessim, order_for):
    address = simulator_address(Outcome.BOUNCE, label="order-42")
    assert address == "bounce+order-42@simulator.amazonses.com"

    mailer.send_order_confirmation(order_for(address))

    bounce = sessim.assert_bounced(address)
    assert bounce.recipients == [address]
    assert bounce.notification["bounce"]["bouncedRecipients"][0]["emailAddress"] == address
