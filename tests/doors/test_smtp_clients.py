"""Real SMTP clients against ``sessim_smtp``: Django's SMTP email backend with
STARTTLS (trusting the fixture's CA through ``SSL_CERT_FILE``, as a client with no CA
option would)."""

from __future__ import annotations

import pytest

from pytest_sessim import SesSim
from pytest_sessim.doors.smtp import SmtpServer

django = pytest.importorskip("django")


@pytest.fixture
def django_settings() -> None:
    from django.conf import settings

    if not settings.configured:
        settings.configure()


@pytest.mark.sessim(verified=["example.com"])
def test_django_smtp_backend_with_starttls(
    sessim: SesSim,
    sessim_smtp: SmtpServer,
    django_settings: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.core.mail import EmailMultiAlternatives, get_connection

    monkeypatch.setenv("SSL_CERT_FILE", sessim_smtp.ca_file)
    connection = get_connection(
        "django.core.mail.backends.smtp.EmailBackend",
        host=sessim_smtp.host,
        port=sessim_smtp.port,
        username=sessim_smtp.username,
        password=sessim_smtp.password,
        use_tls=True,
        timeout=10,
        fail_silently=False,
    )
    mail = EmailMultiAlternatives(
        "Order shipped",
        "Your order is on its way.",
        "Shop <orders@example.com>",
        ["success@simulator.amazonses.com", "complaint@simulator.amazonses.com"],
        connection=connection,
        headers={"X-SES-MESSAGE-TAGS": "kind=shipping"},
    )
    mail.attach_alternative("<p>Your order is on its way.</p>", "text/html")
    assert mail.send() == 1
    sent = sessim.assert_sent(subject="Order shipped")[0]
    assert sent.html == "<p>Your order is on its way.</p>"
    assert sent.tags == {"kind": "shipping"}
    assert sent.source == "orders@example.com"
    sessim.assert_delivered("success@simulator.amazonses.com")
    sessim.assert_complained("complaint@simulator.amazonses.com")
