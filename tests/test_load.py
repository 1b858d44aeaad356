"""Under concurrent load every door stays exact: nothing lost, nothing duplicated."""

from __future__ import annotations

import smtplib
import ssl
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import boto3
import pytest

from pytest_sessim import SesSim
from pytest_sessim.doors.smtp import SmtpServer
from pytest_sessim.server.process import ServerProcess

KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
SUCCESS = "success@simulator.amazonses.com"
pytestmark = pytest.mark.sessim(verified=["example.com"])


def _in_parallel(workers: int, work: Callable[[int], list[str]]) -> list[str]:
    with ThreadPoolExecutor(workers) as pool:
        return [item for batch in pool.map(work, range(workers)) for item in batch]


def _exact(ids: list[str], recorded: list[str]) -> None:
    assert len(ids) == len(set(ids))  # no id handed out twice
    assert Counter(recorded) == Counter(ids)  # each recorded once, none lost


def test_eight_threads_of_boto3_sends(sessim: SesSim) -> None:
    def work(worker: int) -> list[str]:
        ses = boto3.client("ses", region_name="us-east-1", **KEYS)
        return [
            ses.send_email(
                Source="a@example.com",
                Destination={"ToAddresses": [SUCCESS]},
                Message={"Subject": {"Data": f"{worker}-{n}"}, "Body": {"Text": {"Data": "t"}}},
            )["MessageId"]
            for n in range(500)
        ]

    ids = _in_parallel(8, work)
    _exact(ids, [message.message_id for message in sessim.outbox])
    _exact(ids, [event.message_id for event in sessim.events_of("Delivery")])


def _mail(subject: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = "a@example.com"
    mail["To"] = SUCCESS
    mail["Subject"] = subject
    mail.set_content("load")
    return mail


def _smtp_work(host: str, port: int, server: Any, count: int) -> Callable[[int], list[str]]:
    def work(worker: int) -> list[str]:
        replies = []
        context = ssl.create_default_context(cafile=server.ca_file)
        with smtplib.SMTP(host, port) as smtp:
            smtp.starttls(context=context)
            smtp.login(server.username, server.password)
            for n in range(count):
                smtp.mail("a@example.com")
                smtp.rcpt(SUCCESS)
                code, reply = smtp.data(_mail(f"{worker}-{n}").as_bytes())
                assert code == 250
                replies.append(reply.decode().removeprefix("Ok "))
        return replies

    return work


def test_four_smtp_clients(sessim: SesSim, sessim_smtp: SmtpServer) -> None:
    ids = _in_parallel(4, _smtp_work(sessim_smtp.host, sessim_smtp.port, sessim_smtp, 250))
    _exact(ids, [message.message_id for message in sessim.outbox])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with ServerProcess(
        verified=["example.com"], log_dir=tmp_path_factory.mktemp("load")
    ) as process:
        yield process


def test_four_clients_of_the_standalone_server(server: ServerProcess, tmp_path: Path) -> None:
    def work(worker: int) -> list[str]:
        ses = boto3.client("sesv2", region_name="us-east-1", endpoint_url=server.url, **KEYS)
        return [
            ses.send_email(
                FromEmailAddress="a@example.com",
                Destination={"ToAddresses": [SUCCESS]},
                Content={
                    "Simple": {
                        "Subject": {"Data": f"{worker}-{n}"},
                        "Body": {"Text": {"Data": "t"}},
                    }
                },
            )["MessageId"]
            for n in range(250)
        ]

    server.reset()
    ids = _in_parallel(4, work)
    _exact(ids, [message["messageId"] for message in server.outbox()])
