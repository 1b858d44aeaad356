"""Bad input at the SMTP door and the standalone server gets an answer, never a crash."""

from __future__ import annotations

import smtplib
import socket
import ssl
import threading
from collections.abc import Iterator

import pytest

from pytest_sessim import SesSim
from pytest_sessim.doors.smtp import SmtpServer
from pytest_sessim.server.app import SesHttpServer
from pytest_sessim.server.state import ServerSettings, ServerState

pytestmark = pytest.mark.sessim(verified=["example.com"])

SUCCESS = "success@simulator.amazonses.com"
ONLY = "only alphanumeric ASCII characters, '_', and '-' are allowed."


@pytest.fixture
def plain_client(sessim_smtp: SmtpServer) -> Iterator[smtplib.SMTP]:
    with smtplib.SMTP(sessim_smtp.host, sessim_smtp.port, timeout=30) as smtp:
        smtp.starttls(context=ssl.create_default_context(cafile=sessim_smtp.ca_file))
        smtp.login(sessim_smtp.username, sessim_smtp.password)
        yield smtp


def test_a_non_ascii_configuration_set_header_gets_an_ascii_reply(
    sessim: SesSim, plain_client: smtplib.SMTP
) -> None:
    data = (
        "From: sender@example.com\r\nTo: success@simulator.amazonses.com\r\n"
        "X-SES-CONFIGURATION-SET: café\r\nSubject: x\r\n\r\nbody\r\n"
    ).encode()
    with pytest.raises(smtplib.SMTPDataError) as refused:
        plain_client.sendmail("sender@example.com", [SUCCESS], data)
    assert (refused.value.smtp_code, refused.value.smtp_error.decode()) == (
        554,
        f"Transaction failed: Invalid configuration set name <caf\\xe9>: {ONLY}",
    )
    assert sessim.refused[-1].message == f"Invalid configuration set name <café>: {ONLY}"
    plain_client.sendmail("sender@example.com", [SUCCESS], b"From: sender@example.com\r\n\r\nok")
    assert len(sessim.outbox) == 1


def test_a_line_too_long_is_refused_and_recorded(
    sessim: SesSim, plain_client: smtplib.SMTP
) -> None:
    data = b"From: sender@example.com\r\nX-Long: " + b"x" * 2000 + b"\r\n\r\nbody\r\n"
    with pytest.raises(smtplib.SMTPDataError) as refused:
        plain_client.sendmail("sender@example.com", [SUCCESS], data)
    assert refused.value.smtp_code == 500
    refusal = sessim.refused[-1]
    assert (refusal.api, refusal.operation, refusal.code, refusal.message) == (
        "smtp",
        "SendRawEmail",
        "SMTP 500",
        "Line too long (see RFC5321 4.5.3.1.6)",
    )


@pytest.mark.parametrize("address", ["<a@>", "<<>", "<@>"])
def test_an_address_the_parser_chokes_on_is_malformed(
    sessim: SesSim, plain_client: smtplib.SMTP, address: str
) -> None:
    assert plain_client.docmd("MAIL", "FROM:<sender@example.com>")[0] == 250
    code, text = plain_client.docmd("RCPT", f"TO:{address}")
    assert (code, text) == (553, b"5.1.3 Error: malformed address")
    assert sessim.refused[-1].code == "SMTP 553"
    plain_client.rset()


@pytest.fixture(scope="module")
def server() -> Iterator[SesHttpServer]:
    state = ServerState(ServerSettings(verified=["example.com"]))
    httpd = SesHttpServer(("127.0.0.1", 0), state, verbose=False)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield httpd
    httpd.shutdown()
    thread.join()
    httpd.server_close()
    state.close()


def raw_exchange(port: int, request: bytes, *, stop_writing: bool = False) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        if stop_writing:
            sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


@pytest.mark.parametrize("length", ["abc", "-5", "", "1.5"])
def test_a_content_length_that_is_no_number_gets_400(server: SesHttpServer, length: str) -> None:
    request = (
        f"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: {length}\r\n\r\nAction=GetSendQuota"
    ).encode()
    reply = raw_exchange(server.server_port, request)
    assert reply.startswith(b"HTTP/1.1 400 ")
    assert reply.endswith(b"Bad Request: Content-Length does not match the body")


def test_a_body_shorter_than_announced_gets_400(server: SesHttpServer) -> None:
    request = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nAction=GetSendQuota"
    reply = raw_exchange(server.server_port, request, stop_writing=True)
    assert reply.startswith(b"HTTP/1.1 400 ")
    good = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 19\r\nConnection: close\r\n\r\n"
    assert raw_exchange(server.server_port, good + b"Action=GetSendQuota").startswith(
        b"HTTP/1.1 200 "
    )
