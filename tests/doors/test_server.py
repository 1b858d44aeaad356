"""The standalone server in a subprocess: SES over loopback HTTP (SigV4-signed
requests, boto3 with endpoint_url, the AWS CLI), SMTP, read endpoints, the HTML page.

No in-process simulator is active in these tests, so every request really crosses
the loopback interface to the server process."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import smtplib
import ssl
import subprocess
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import boto3
import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from pytest_sessim.server.process import ServerProcess

NS = {"ses": "http://ses.amazonaws.com/doc/2010-12-01/"}
BOUNCE = "bounce@simulator.amazonses.com"
SUCCESS = "success@simulator.amazonses.com"
KEYS = {"aws_access_key_id": "AKIDEXAMPLE", "aws_secret_access_key": "secret"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with ServerProcess(
        verified=["example.com"], log_dir=tmp_path_factory.mktemp("server")
    ) as process:
        yield process


@pytest.fixture
def fresh(server: ServerProcess) -> ServerProcess:
    server.reset()
    return server


def client(server: ServerProcess, name: str) -> Any:
    return boto3.client(name, region_name="us-east-1", endpoint_url=server.url, **KEYS)


def test_sigv4_signed_query_post(fresh: ServerProcess) -> None:
    body = urlencode(
        {
            "Action": "SendEmail",
            "Version": "2010-12-01",
            "Source": "sender@example.com",
            "Destination.ToAddresses.member.1": BOUNCE,
            "Message.Subject.Data": "Signed",
            "Message.Body.Text.Data": "Hello",
        }
    )
    request = AWSRequest(
        method="POST",
        url=fresh.url + "/",
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
    )
    SigV4Auth(Credentials("AKIDEXAMPLE", "secret"), "ses", "us-east-1").add_auth(request)
    reply = requests.post(fresh.url + "/", data=body, headers=dict(request.headers), timeout=10)
    assert reply.status_code == 200
    assert reply.headers["Content-Type"] == "text/xml"
    root = ET.fromstring(reply.content)
    message_id = root.findtext("ses:SendEmailResult/ses:MessageId", namespaces=NS)
    assert root.findtext("ses:ResponseMetadata/ses:RequestId", namespaces=NS)
    [sent] = fresh.outbox(message_id=message_id)
    assert sent["subject"] == "Signed"
    assert [e["type"] for e in fresh.events(message_id=message_id)] == ["Send", "Bounce"]


def test_boto3_with_endpoint_url(fresh: ServerProcess) -> None:
    ses, sesv2 = client(fresh, "ses"), client(fresh, "sesv2")
    v1 = ses.send_email(
        Source="sender@example.com",
        Destination={"ToAddresses": [SUCCESS]},
        Message={"Subject": {"Data": "v1"}, "Body": {"Html": {"Data": "<b>v1</b>"}}},
    )
    v2 = sesv2.send_email(
        FromEmailAddress="sender@example.com",
        Destination={"ToAddresses": [BOUNCE]},
        Content={"Simple": {"Subject": {"Data": "v2"}, "Body": {"Text": {"Data": "v2"}}}},
    )
    with pytest.raises(ses.exceptions.MessageRejected):
        ses.send_email(
            Source="x@unverified.test",
            Destination={"ToAddresses": [SUCCESS]},
            Message={"Subject": {"Data": "no"}, "Body": {"Text": {"Data": "no"}}},
        )
    with pytest.raises(sesv2.exceptions.NotFoundException):
        sesv2.get_email_template(TemplateName="missing")
    assert [m["messageId"] for m in fresh.outbox()] == [v1["MessageId"], v2["MessageId"]]
    bounced = fresh.events(recipient=BOUNCE)
    assert [e["type"] for e in bounced] == ["Send", "Bounce"]
    assert bounced[1]["notification"]["notificationType"] == "Bounce"
    assert ses.list_identities()["Identities"] == ["example.com"]


def test_operation_the_simulator_does_not_model_is_answered_by_moto(
    fresh: ServerProcess,
) -> None:
    ses = client(fresh, "ses")
    ses.create_receipt_rule_set(RuleSetName="inbound")
    assert [s["Name"] for s in ses.list_receipt_rule_sets()["RuleSets"]] == ["inbound"]


def test_filters_and_reset(fresh: ServerProcess) -> None:
    ses = client(fresh, "ses")
    for to in (SUCCESS, BOUNCE):
        ses.send_email(
            Source="sender@example.com",
            Destination={"ToAddresses": [to]},
            Message={"Subject": {"Data": to}, "Body": {"Text": {"Data": "x"}}},
        )
    assert [m["subject"] for m in fresh.outbox(recipient=BOUNCE.upper())] == [BOUNCE]
    assert len(fresh.events()) == 4
    fresh.reset()
    assert fresh.outbox() == []
    assert fresh.events() == []


def test_smtp_through_the_server(fresh: ServerProcess) -> None:
    mail = EmailMessage()
    mail["From"] = "sender@example.com"
    mail["To"] = BOUNCE
    mail["Subject"] = "smtp"
    mail.set_content("hello")
    with smtplib.SMTP(fresh.smtp_host, fresh.smtp_port) as smtp:
        smtp.starttls(context=ssl.create_default_context(cafile=fresh.ca_file))
        smtp.login(fresh.smtp_username, fresh.smtp_password)
        smtp.send_message(mail)
    [sent] = fresh.outbox()
    assert sent["headers"][0]["name"] == "Received"
    assert [e["type"] for e in fresh.events()] == ["Send", "Bounce"]


def test_sns_certificate(fresh: ServerProcess) -> None:
    from pytest_sessim.sinks import signing

    path = f"/SimpleNotificationService-{signing.material().cert_id}.pem"
    with urllib.request.urlopen(fresh.url + path, timeout=10) as reply:
        assert reply.read().startswith(b"-----BEGIN CERTIFICATE-----")


def test_html_page_lists_messages(fresh: ServerProcess) -> None:
    client(fresh, "ses").send_email(
        Source="sender@example.com",
        Destination={"ToAddresses": [SUCCESS]},
        Message={
            "Subject": {"Data": "Page"},
            "Body": {"Html": {"Data": '<h1 id="x">Hi "you"</h1>'}},
        },
    )
    page = requests.get(fresh.url + "/_sessim/", timeout=10).text
    assert re.search(r'<iframe[^>]*\bsandbox="allow-same-origin"', page)
    assert 'srcdoc="&lt;h1 id=&quot;x&quot;&gt;Hi &quot;you&quot;&lt;/h1&gt;"' in page
    assert "Delivery" in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium on PATH")
def test_html_page_renders_in_a_headless_browser(fresh: ServerProcess, tmp_path: Path) -> None:
    client(fresh, "ses").send_email(
        Source="sender@example.com",
        Destination={"ToAddresses": [SUCCESS]},
        Message={"Subject": {"Data": "Rendered"}, "Body": {"Html": {"Data": "<p>Shown</p>"}}},
    )
    assert CHROMIUM is not None
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", fresh.url + "/_sessim/"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    [message] = fresh.outbox()
    assert message["messageId"] in dom
    assert "<iframe" in dom and "Rendered" in dom
    shot = tmp_path / "page.png"
    subprocess.run(
        [
            CHROMIUM,
            *flags,
            f"--screenshot={shot}",
            "--window-size=900,700",
            fresh.url + "/_sessim/",
        ],
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert shot.read_bytes().startswith(b"\x89PNG")


@pytest.mark.skipif(shutil.which("aws") is None, reason="the AWS CLI is not on PATH")
def test_aws_cli(fresh: ServerProcess) -> None:
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "secret",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    base = ["aws", "--endpoint-url", fresh.url, "--output", "json", "ses", "send-email"]
    sent = subprocess.run(
        [*base, "--from", "sender@example.com", "--to", BOUNCE, "--subject", "c", "--text", "t"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert sent.returncode == 0, sent.stderr
    message_id = json.loads(sent.stdout)["MessageId"]
    assert [e["type"] for e in fresh.events(message_id=message_id)] == ["Send", "Bounce"]
    refused = subprocess.run(
        [*base, "--from", "x@unverified.test", "--to", BOUNCE, "--subject", "c", "--text", "t"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert refused.returncode != 0
    assert "MessageRejected" in refused.stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_stops_cleanly_on_signals(tmp_path: Path, sig: int) -> None:
    process = ServerProcess(extra_args=["--no-smtp"], log_dir=tmp_path).start()
    url = process.url
    process.stop(sig)
    assert process.returncode == 0
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/_sessim/outbox", timeout=5)


def test_config_file(tmp_path: Path) -> None:
    config = tmp_path / "sessim.json"
    config.write_text(json.dumps({"region": "eu-west-1", "verified": ["corp.test"]}))
    with ServerProcess(config=config, log_dir=tmp_path) as process:
        ses = boto3.client("ses", region_name="eu-west-1", endpoint_url=process.url, **KEYS)
        assert ses.list_identities()["Identities"] == ["corp.test"]
        reply = ses.send_email(
            Source="a@corp.test",
            Destination={"ToAddresses": [SUCCESS]},
            Message={"Subject": {"Data": "eu"}, "Body": {"Text": {"Data": "x"}}},
        )
        assert reply["MessageId"].startswith("0102")
        pid = process.pid
    assert pid is not None
    assert process.pid is None


def test_the_clock_follows_wall_time_and_advances_on_request(fresh: ServerProcess) -> None:
    from datetime import datetime

    first = fresh.clock()
    assert first["pinned"] is False
    later = fresh.advance_clock(3600)
    moved = datetime.fromisoformat(later["now"]) - datetime.fromisoformat(first["now"])
    assert moved.total_seconds() >= 3600
    ses = client(fresh, "ses")
    for _ in range(2):
        ses.send_email(
            Source="a@example.com",
            Destination={"ToAddresses": [SUCCESS]},
            Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
        )
    stamps = [message["timestamp"] for message in fresh.outbox()]
    assert stamps[0] < stamps[1]  # each message gets its own time


def test_a_pinned_clock_moves_only_when_told(tmp_path: Path) -> None:
    with ServerProcess(
        verified=["example.com"],
        extra_args=["--now", "2026-01-02T03:04:05Z", "--sandbox"],
        log_dir=tmp_path,
    ) as process:
        assert process.clock() == {"now": "2026-01-02T03:04:05+00:00", "pinned": True}
        ses = client(process, "ses")
        mail = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}
        send = {"Source": "a@example.com", "Destination": {"ToAddresses": [SUCCESS]}}
        ses.send_email(**send, Message=mail)
        with pytest.raises(ses.exceptions.ClientError) as throttled:
            ses.send_email(**send, Message=mail)
        assert throttled.value.response["Error"]["Code"] == "Throttling"
        process.advance_clock(1)  # the sandbox's one message a second
        ses.send_email(**send, Message=mail)
        assert len(process.outbox()) == 2


def test_a_bad_clock_request_is_a_400(fresh: ServerProcess) -> None:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        fresh.url + "/_sessim/clock", data=b'{"advance": "soon"}', method="POST"
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 400
