"""The Django recipe end to end: ``send_mail`` through the SESv2 backend, SES's bounce
notification through SNS into the mounted Django app, the signed message verified, the
subscription confirmed, the bounce stored."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.wsgi import get_wsgi_application
from django.test import Client, override_settings
from pytest_sessim import Outcome, SesSim

from django_app.mail import ses_message_sent
from django_app.models import Bounce

pytestmark = pytest.mark.sessim(verified=["shop.example.com"], seed=42)

ENDPOINT = "https://shop.example/sns/bounces/"


@pytest.fixture
def bounce_topic(sessim: SesSim, ses: Any, sns: Any) -> str:
    """The Django app mounted at https://shop.example and subscribed to the Bounce topic
    set on the sending domain."""
    sessim.mount("https://shop.example", get_wsgi_application())
    topic: str = sns.create_topic(Name="ses-bounces")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="https", Endpoint=ENDPOINT)
    ses.set_identity_notification_topic(
        Identity="shop.example.com", NotificationType="Bounce", SnsTopic=topic
    )
    return topic


def test_bounce_is_verified_and_recorded_by_the_view(sessim: SesSim, bounce_topic: str) -> None:
    sent = send_mail("Your order", "Thanks!", None, ["bounce@simulator.amazonses.com"])

    assert sent == 1
    (message,) = sessim.assert_sent(to="bounce@simulator.amazonses.com", subject="Your order")
    assert message.from_ == ["Shop <orders@shop.example.com>"]  # DEFAULT_FROM_EMAIL
    (confirmation,) = sessim.sns.confirmations  # the view GOT the SubscribeURL
    assert confirmation.deliveries[0].status == 204
    publication = sessim.notification_for(message.message_id, "Bounce", topic_arn=bounce_topic)
    assert [(attempt.url, attempt.status) for attempt in publication.deliveries] == [
        (ENDPOINT, 204)
    ]
    bounce = Bounce.objects.get()
    assert bounce.address == "bounce@simulator.amazonses.com"
    assert (bounce.bounce_type, bounce.bounce_subtype) == ("Permanent", "General")
    assert bounce.message_id == message.message_id
    assert bounce.diagnostic == "smtp; 550 5.1.1 user unknown"
    assert Bounce.is_suppressed("Bounce@simulator.amazonses.com")


def test_only_bounces_suppress(sessim: SesSim, bounce_topic: str, ses_outcome: Outcome) -> None:
    send_mail("Hello", "Hi there", None, [ses_outcome.address])

    suppressed = Bounce.is_suppressed(ses_outcome.address)
    assert suppressed == (ses_outcome in (Outcome.BOUNCE, Outcome.SUPPRESSIONLIST))
    soft = Bounce.objects.filter(address=ses_outcome.address, bounce_type="Transient")
    assert soft.exists() == (ses_outcome is Outcome.OOTO)


def test_backend_sends_the_whole_message_raw(sessim: SesSim) -> None:
    sent: list[str] = []

    def remember(message_id: str, **_: Any) -> None:
        sent.append(message_id)

    ses_message_sent.connect(remember)
    try:
        email = EmailMultiAlternatives(
            "Invoice 1042",
            "Your invoice is attached.",
            to=["ada@example.com"],
            cc=["accounts@example.com"],
            bcc=["archive@shop.example.com"],
            reply_to=["help@shop.example.com"],
            headers={"X-Order": "1042"},
        )
        email.attach_alternative("<p>Your invoice is attached.</p>", "text/html")
        email.attach("invoice-1042.pdf", b"%PDF-1.4 invoice", "application/pdf")
        assert email.send() == 1
    finally:
        ses_message_sent.disconnect(remember)

    (message,) = sessim.outbox
    assert sent == [message.message_id]
    assert (message.api, message.operation) == ("sesv2", "SendEmail")
    assert message.destinations == [
        "ada@example.com",
        "accounts@example.com",
        "archive@shop.example.com",
    ]
    assert message.bcc == ["archive@shop.example.com"]  # envelope only, not in the headers
    assert message.header("Bcc") is None
    assert message.header("Reply-To") == "help@shop.example.com"
    assert message.html == "<p>Your invoice is attached.</p>"
    assert [attachment.filename for attachment in message.attachments] == ["invoice-1042.pdf"]
    assert message.header("X-Order") == "1042"


def test_unsigned_posts_are_refused(sessim: SesSim, bounce_topic: str) -> None:
    send_mail("Your order", "Thanks!", None, ["bounce@simulator.amazonses.com"])
    genuine = sessim.notifications[-1].envelope
    forged = dict(genuine, Message=genuine["Message"].replace("Permanent", "Transient"))

    reply = Client().post("/sns/bounces/", json.dumps(forged), content_type="text/plain")

    assert reply.status_code == 400
    assert Bounce.objects.get().bounce_type == "Permanent"


def test_django_smtp_backend_through_the_ses_smtp_interface(
    sessim: SesSim, sessim_smtp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Django's SMTP backend trusts the system's CAs; point OpenSSL at the door's CA instead.
    monkeypatch.setenv("SSL_CERT_FILE", sessim_smtp.ca_file)
    smtp_settings = override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=sessim_smtp.host,  # email-smtp.us-east-1.amazonaws.com in production
        EMAIL_PORT=sessim_smtp.port,  # 587
        EMAIL_HOST_USER=sessim_smtp.username,  # the SMTP credentials of an IAM user
        EMAIL_HOST_PASSWORD=sessim_smtp.password,
        EMAIL_USE_TLS=True,  # STARTTLS
        EMAIL_TIMEOUT=10,
    )
    with smtp_settings:
        sent = send_mail("Your order", "Thanks!", None, ["bounce@simulator.amazonses.com"])

    assert sent == 1
    (message,) = sessim.assert_sent(to="bounce@simulator.amazonses.com", subject="Your order")
    assert message.operation == "SendRawEmail"  # SMTP submissions are raw sends
    bounce = sessim.assert_bounced("bounce@simulator.amazonses.com", bounce_type="Permanent")
    assert bounce.message_id == message.message_id
