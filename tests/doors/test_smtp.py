"""The SES SMTP interface: smtplib against the ``sessim_smtp`` fixture."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from typing import Any

import pytest

from pytest_sessim import SesSim
from pytest_sessim.doors.smtp import SmtpServer, smtp_reply
from pytest_sessim.engine.errors import ErrorKind, SesError

pytestmark = pytest.mark.sessim(verified=["example.com"])

BOUNCE = "bounce@simulator.amazonses.com"
SUCCESS = "success@simulator.amazonses.com"


def message(to: str = SUCCESS, sender: str = "sender@example.com", **headers: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = to
    mail["Subject"] = "Hello over SMTP"
    for name, value in headers.items():
        mail[name.replace("_", "-")] = value
    mail.set_content("plain body")
    mail.add_alternative("<p>html body</p>", subtype="html")
    return mail


@pytest.fixture
def client(sessim_smtp: SmtpServer) -> Iterator[smtplib.SMTP]:
    """An smtplib client after STARTTLS (trusting the fixture's CA) and AUTH LOGIN."""
    with smtplib.SMTP(sessim_smtp.host, sessim_smtp.port, local_hostname="app.test") as smtp:
        smtp.starttls(context=ssl.create_default_context(cafile=sessim_smtp.ca_file))
        smtp.login(sessim_smtp.username, sessim_smtp.password)
        yield smtp


def test_starttls_auth_bounce_is_recorded_and_published(
    sessim: SesSim, client: smtplib.SMTP, bounce_queue: Callable[[], list[dict[str, Any]]]
) -> None:
    client.send_message(message(to=BOUNCE))
    sent = sessim.assert_sent(to=BOUNCE)[0]
    bounce = sessim.assert_bounced(BOUNCE, bounce_type="Permanent")
    assert bounce.message_id == sent.message_id
    [notification] = [n for n in bounce_queue() if n.get("notificationType") == "Bounce"]
    assert notification["notificationType"] == "Bounce"
    assert notification["mail"]["messageId"] == sent.message_id
    first = notification["mail"]["headers"][0]
    assert first["name"] == "Received"
    assert first["value"].startswith("from app.test ([")
    assert " by email-smtp.amazonaws.com with SMTP (SimpleEmailService-d-" in first["value"]
    assert first["value"].endswith(" (UTC)")
    assert f" for {BOUNCE}; " in first["value"]
    assert notification["mail"]["callerIdentity"].startswith("ses-smtp-user.")


def test_acceptance_reply_carries_the_message_id(sessim: SesSim, sessim_smtp: SmtpServer) -> None:
    with smtplib.SMTP(sessim_smtp.host, sessim_smtp.port) as smtp:
        smtp.starttls(context=ssl.create_default_context(cafile=sessim_smtp.ca_file))
        smtp.login(sessim_smtp.username, sessim_smtp.password)
        smtp.mail("sender@example.com")
        smtp.rcpt(SUCCESS)
        code, reply = smtp.data(message().as_bytes())
    assert (code, reply.decode()) == (250, f"Ok {sessim.outbox[0].message_id}")
    sessim.assert_delivered(SUCCESS)
    assert sessim.outbox[0].operation == "SendRawEmail"


def test_unverified_sender_gets_554_with_ses_text(sessim: SesSim, client: smtplib.SMTP) -> None:
    with pytest.raises(smtplib.SMTPDataError) as refused:
        client.send_message(message(sender="someone@unverified.test"))
    assert refused.value.smtp_code == 554
    assert refused.value.smtp_error.decode() == (
        "Message rejected: Email address is not verified. The following identities failed "
        "the check in region US-EAST-1: someone@unverified.test"
    )
    sessim.assert_nothing_sent()
    [refused_request] = sessim.refused
    assert (refused_request.api, refused_request.code) == ("smtp", "MessageRejected")


def test_ehlo_lists_ses_extensions(sessim_smtp: SmtpServer) -> None:
    with smtplib.SMTP(sessim_smtp.host, sessim_smtp.port) as smtp:
        code, greeting = smtp.ehlo("app.test")
        assert code == 250
        lines = greeting.decode().splitlines()
        assert lines[0] == "email-smtp.amazonaws.com"
        assert lines[-1] == "Ok"
        assert {"8BITMIME", "SIZE 41943040", "STARTTLS", "AUTH PLAIN LOGIN"} <= set(lines)
        smtp.starttls(context=ssl.create_default_context(cafile=sessim_smtp.ca_file))
        code, greeting = smtp.ehlo("app.test")
        assert "STARTTLS" not in greeting.decode().splitlines()


def test_bad_credentials_get_535(sessim_smtp: SmtpServer) -> None:
    with (
        smtplib.SMTP(sessim_smtp.host, sessim_smtp.port) as smtp,
        pytest.raises(smtplib.SMTPAuthenticationError) as refused,
    ):
        smtp.starttls(context=ssl.create_default_context(cafile=sessim_smtp.ca_file))
        smtp.login(sessim_smtp.username, "wrong")
    assert refused.value.smtp_code == 535
    assert refused.value.smtp_error == b"Authentication Credentials Invalid"


@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
def test_both_auth_mechanisms(sessim_smtp: SmtpServer, mechanism: str) -> None:
    with smtplib.SMTP(sessim_smtp.host, sessim_smtp.port) as smtp:
        smtp.starttls(context=ssl.create_default_context(cafile=sessim_smtp.ca_file))
        smtp.ehlo()
        smtp.user, smtp.password = sessim_smtp.username, sessim_smtp.password
        method = getattr(smtp, f"auth_{mechanism.lower()}")
        code, reply = smtp.auth(mechanism, method)
    assert (code, reply) == (235, b"Authentication successful.")


def test_mail_without_auth_gets_530(sessim_smtp: SmtpServer) -> None:
    with smtplib.SMTP(sessim_smtp.host, sessim_smtp.port) as smtp:
        smtp.ehlo()
        assert smtp.mail("sender@example.com") == (530, b"Authentication required")


def test_size_limit(sessim_smtp: SmtpServer) -> None:
    with smtplib.SMTP(sessim_smtp.host, sessim_smtp.port) as smtp:
        smtp.starttls(context=ssl.create_default_context(cafile=sessim_smtp.ca_file))
        smtp.login(sessim_smtp.username, sessim_smtp.password)
        code, reply = smtp.mail("sender@example.com", [f"SIZE={40 * 1024 * 1024 + 1}"])
    assert (code, reply) == (552, b"Message is too long.")


def test_recipient_limit(sessim: SesSim, client: smtplib.SMTP) -> None:
    recipients = [f"success+{n}@simulator.amazonses.com" for n in range(51)]
    with pytest.raises(smtplib.SMTPDataError) as refused:
        client.sendmail("sender@example.com", recipients, message().as_bytes())
    assert refused.value.smtp_code == 554
    assert refused.value.smtp_error == b"Transaction failed: Recipient count exceeds 50."
    client.sendmail("sender@example.com", recipients[:50], message().as_bytes())
    assert len(sessim.outbox[0].destinations) == 50


def test_configuration_set_and_tag_headers(sessim: SesSim, ses: Any, client: smtplib.SMTP) -> None:
    ses.create_configuration_set(ConfigurationSet={"Name": "marketing"})
    mail = message(X_SES_CONFIGURATION_SET="marketing", X_SES_MESSAGE_TAGS="campaign=spring")
    client.send_message(mail)
    sent = sessim.assert_sent()[0]
    assert sent.configuration_set == "marketing"
    assert sent.tags == {"campaign": "spring"}
    tags = sessim.events[0].record["mail"]["tags"]
    assert tags["ses:configuration-set"] == ["marketing"]
    assert tags["campaign"] == ["spring"]


@pytest.mark.sessim(sandbox=True)
def test_send_rate_gives_454(sessim: SesSim, client: smtplib.SMTP) -> None:
    client.send_message(message())
    with pytest.raises(smtplib.SMTPDataError) as refused:
        client.send_message(message())
    assert refused.value.smtp_code == 454
    assert refused.value.smtp_error == b"Throttling failure: Maximum sending rate exceeded."
    sessim.clock.advance(1)
    client.send_message(message())
    assert len(sessim.outbox) == 2


def test_implicit_tls(sessim: SesSim) -> None:
    with SmtpServer(sessim, implicit_tls=True) as server:
        context = ssl.create_default_context(cafile=server.ca_file)
        with smtplib.SMTP_SSL(server.host, server.port, context=context) as smtp:
            smtp.login(server.username, server.password)
            smtp.send_message(message())
    sessim.assert_delivered(SUCCESS)


def test_auth_before_starttls_is_refused_as_ses_refuses_it(sessim_smtp: SmtpServer) -> None:
    with smtplib.SMTP(sessim_smtp.host, sessim_smtp.port) as smtp:
        smtp.ehlo()
        assert smtp.docmd("AUTH", "PLAIN AGFiAGM=") == (530, b"Must issue a STARTTLS command first")


def test_plaintext_auth_option_accepts_auth_in_clear(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nsessim_smtp_plaintext_auth = true\n")
    pytester.makepyfile(
        """
        import smtplib

        def test_plain(sessim, sessim_smtp):
            with smtplib.SMTP(sessim_smtp.host, sessim_smtp.port) as smtp:
                assert smtp.login(sessim_smtp.username, sessim_smtp.password)[0] == 235
        """
    )
    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_require_tls_refuses_mail_in_clear(sessim: SesSim) -> None:
    with (
        SmtpServer(sessim, require_tls=True) as server,
        smtplib.SMTP(server.host, server.port) as smtp,
    ):
        smtp.ehlo()
        assert smtp.docmd("AUTH", "PLAIN AGFiAGM=") == (530, b"Must issue a STARTTLS command first")


def test_no_active_simulator_is_a_temporary_failure() -> None:
    with SmtpServer() as server, smtplib.SMTP(server.host, server.port) as smtp:
        smtp.starttls(context=ssl.create_default_context(cafile=server.ca_file))
        smtp.login(server.username, server.password)
        smtp.mail("sender@example.com")
        smtp.rcpt(SUCCESS)
        assert smtp.data(message().as_bytes()) == (451, b"Temporary service failure")


@pytest.mark.parametrize(
    ("kind", "reply"),
    [
        (ErrorKind.MESSAGE_REJECTED, "554 Message rejected: text."),
        (ErrorKind.INVALID_PARAMETER, "554 Transaction failed: text."),
        (ErrorKind.CONFIGURATION_SET_NOT_FOUND, "554 Transaction failed: text."),
        (ErrorKind.THROTTLING, "454 Throttling failure: text."),
        (ErrorKind.DAILY_QUOTA, "454 Throttling failure: text."),
    ],
)
def test_error_kinds_map_to_ses_replies(kind: ErrorKind, reply: str) -> None:
    assert smtp_reply(SesError(kind, "text.")) == reply


def test_session_scope_routes_to_the_active_simulator(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        "[pytest]\nsessim_smtp_scope = session\nasyncio_default_fixture_loop_scope = function\n"
    )
    pytester.makepyfile(
        """
        import smtplib
        import ssl
        from email.message import EmailMessage
        import pytest

        PORTS = set()

        @pytest.mark.sessim(verified=["example.com"])
        @pytest.mark.parametrize("n", [1, 2])
        def test_send(sessim, sessim_smtp, n):
            PORTS.add(sessim_smtp.port)
            mail = EmailMessage()
            mail["From"] = "a@example.com"
            mail["To"] = "success@simulator.amazonses.com"
            mail.set_content(str(n))
            with smtplib.SMTP(sessim_smtp.host, sessim_smtp.port) as smtp:
                smtp.starttls(context=ssl.create_default_context(cafile=sessim_smtp.ca_file))
                smtp.login(sessim_smtp.username, sessim_smtp.password)
                smtp.send_message(mail)
            assert [m.text.strip() for m in sessim.outbox] == [str(n)]
            assert len(PORTS) == 1
        """
    )
    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)
