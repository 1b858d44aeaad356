"""The newsletter: one SendBulkEmail call, an outcome per subscriber."""

from pytest_sessim import Outcome

from shop import mailer
from shop.models import Customer


def test_each_subscriber_gets_their_own_outcome(sessim):
    ada = Customer("Ada", Outcome.SUCCESS.address)
    bob = Customer("Bob", Outcome.BOUNCE.address)

    results = mailer.send_newsletter([ada, bob], issue=7)

    # SES accepts both entries; Bob's bounce comes back as an event.
    assert [result["Status"] for result in results] == ["SUCCESS", "SUCCESS"]
    assert [event.recipients for event in sessim.deliveries] == [[ada.email]]
    assert [event.recipients for event in sessim.bounces] == [[bob.email]]
    sessim.assert_bounced(bob.email, bounce_type="Permanent")


def test_template_is_rendered_per_subscriber(sessim):
    mailer.send_newsletter([Customer("Ada", "ada@example.org")], issue=7)

    [message] = sessim.assert_sent(to="ada@example.org", subject="Shop news #7")
    assert message.template == mailer.NEWSLETTER_TEMPLATE
    assert message.text == "Hi Ada, here is issue 7 of our newsletter."
