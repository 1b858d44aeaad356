"""One message through every door: boto3 v1, boto3 v2, aioboto3, requests, SMTP and
the standalone server. Each shows the same outcome, the same event types and the
same record and notification shapes; only ids, times and who-sent-it differ.

aioboto3 comes with the ``async`` extra; without it the other five doors are compared
(CI runs this test in both set-ups)."""

from __future__ import annotations

import base64
import smtplib
import ssl
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from pytest_sessim import SesSim
from pytest_sessim.doors.smtp import SmtpServer
from pytest_sessim.server.process import ServerProcess

try:
    import aioboto3
except ImportError:  # without the async extra
    aioboto3 = None

BOUNCE = "bounce@simulator.amazonses.com"
RAW = (
    b"From: Sender <sender@example.com>\r\n"
    b"To: bounce@simulator.amazonses.com\r\n"
    b"Subject: One message, every door\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=UTF-8\r\n"
    b"\r\n"
    b"Same bytes everywhere.\r\n"
)
SOURCE = "sender@example.com"  # the envelope sender, as SMTP's MAIL FROM gives it
QUERY = {
    "Action": "SendRawEmail",
    "Version": "2010-12-01",
    "Source": SOURCE,
    "RawMessage.Data": base64.b64encode(RAW).decode(),
}
# values that differ by design between doors and between simulators
VARYING = {
    "messageId",
    "timestamp",
    "feedbackId",
    "sourceIp",
    "callerIdentity",
    "ses:caller-identity",
    "ses:source-ip",
    "ses:operation",
    "remoteMtaIp",
    "reportingMTA",
    "processingTimeMillis",
    "MessageId",
    "Timestamp",
    "Signature",
    "UnsubscribeURL",
    "Message",
}


def shape(value: Any, key: str = "") -> Any:
    """The value with what may vary replaced by a marker; SES's Received header (added
    to SMTP submissions only) left out."""
    if key in VARYING:
        return f"<{key}>"
    if isinstance(value, dict):
        return {k: shape(v, k) for k, v in value.items()}
    if isinstance(value, list):
        kept = [v for v in value if not (isinstance(v, dict) and v.get("name") == "Received")]
        return [shape(v) for v in kept]
    return value


def outcome(events: list[tuple[str, Any, Any]]) -> list[tuple[str, Any, Any]]:
    return [(kind, shape(record), shape(notification)) for kind, record, notification in events]


def differences(a: Any, b: Any, path: str = "") -> list[str]:
    """Where two shapes differ, as readable paths."""
    if isinstance(a, dict) and isinstance(b, dict):
        found = [f"{path}/{k}: only on one side" for k in a.keys() ^ b.keys()]
        for k in a.keys() & b.keys():
            found += differences(a[k], b[k], f"{path}/{k}")
        return found
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items vs {len(b)}"]
        pairs = enumerate(zip(a, b, strict=True))
        return [d for i, (x, y) in pairs for d in differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r} vs {b!r}"]


def in_process(sim: SesSim, message_id: str) -> list[tuple[str, Any, Any]]:
    return [(e.type, e.record, e.notification) for e in sim.events_for(message_id)]


@pytest.mark.asyncio
@pytest.mark.sessim(verified=["example.com"])
async def test_every_door_gives_the_same_outcome(
    sessim: SesSim,
    sessim_smtp: SmtpServer,
    sessim_server: ServerProcess,
    ses: Any,
    sesv2: Any,
    bounce_queue: Callable[[], list[dict[str, Any]]],
) -> None:
    ids: dict[str, str] = {}
    ids["boto3 v1"] = ses.send_raw_email(Source=SOURCE, RawMessage={"Data": RAW})["MessageId"]
    ids["boto3 v2"] = sesv2.send_email(FromEmailAddress=SOURCE, Content={"Raw": {"Data": RAW}})[
        "MessageId"
    ]
    if aioboto3 is not None:
        async with aioboto3.Session().client("ses", region_name="us-east-1") as aio:
            sent = await aio.send_raw_email(Source=SOURCE, RawMessage={"Data": RAW})
        ids["aioboto3"] = sent["MessageId"]
    reply = requests.post("https://email.us-east-1.amazonaws.com/", data=QUERY, timeout=10)
    assert reply.status_code == 200
    ids["requests"] = sessim.outbox[-1].message_id
    with smtplib.SMTP(sessim_smtp.host, sessim_smtp.port) as smtp:
        smtp.starttls(context=ssl.create_default_context(cafile=sessim_smtp.ca_file))
        smtp.login(sessim_smtp.username, sessim_smtp.password)
        smtp.sendmail(SOURCE, [BOUNCE], RAW)
    ids["smtp"] = sessim.outbox[-1].message_id
    results = {door: outcome(in_process(sessim, message_id)) for door, message_id in ids.items()}

    # the server: a separate process, reached over loopback with a signed request
    sessim_server.reset()
    verify = {"Action": "VerifyDomainIdentity", "Version": "2010-12-01", "Domain": "example.com"}
    for form in (verify, QUERY):
        body = urlencode(form)
        request = AWSRequest(method="POST", url=sessim_server.url + "/", data=body)
        request.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
        SigV4Auth(Credentials("AKIDEXAMPLE", "secret"), "ses", "us-east-1").add_auth(request)
        sent = requests.post(request.url, data=body, headers=dict(request.headers), timeout=10)
        assert sent.status_code == 200, sent.text
        if form is verify:  # the domain waits for its DNS record: the test publishes it
            assert sessim_server.verify() == ["example.com"]
    [message] = sessim_server.outbox()
    results["server"] = outcome(
        [(e["type"], e["record"], e["notification"]) for e in sessim_server.events()]
    )
    ids["server"] = message["messageId"]

    assert len(set(ids.values())) == len(ids)
    reference = results["boto3 v1"]
    assert [kind for kind, _, _ in reference] == ["Send", "Bounce"]
    assert reference[1][2]["bounce"]["bounceType"] == "Permanent"
    for door, result in results.items():
        assert differences(result, reference) == [], f"{door} differs from boto3 v1"
    # what SNS published for each in-process door: the same envelope and body shapes
    published = {
        door: [
            (shape(p.envelope), shape(p.body))
            for p in sessim.notifications_for(ids[door], type="Bounce")
        ]
        for door in ids
        if door != "server"
    }
    assert len(published["boto3 v1"]) == 1
    for door, found in published.items():
        assert differences(found, published["boto3 v1"]) == [], f"{door}'s SNS message differs"
    assert len(bounce_queue()) >= len(published)
    smtp_mail = sessim.events_for(ids["smtp"])[1].notification
    assert smtp_mail is not None
    assert smtp_mail["mail"]["headers"][0]["name"] == "Received"
    assert smtp_mail["mail"]["callerIdentity"].startswith("ses-smtp-user.")
