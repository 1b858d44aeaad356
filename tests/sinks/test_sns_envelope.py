"""The SNS envelope: shape against a real signed one, signatures verified the way
subscribers verify them, the certificate fetched from SigningCertURL."""

from __future__ import annotations

import base64
import json
import re
import urllib.request
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from pytest_sessim import SesSim
from pytest_sessim.sinks import signing
from pytest_sessim.sinks.sns import envelope_json

REAL = json.loads(
    (Path(__file__).parent.parent / "payloads/captures/hard_bounce_sns_body.json").read_text()
)
CERT_HOST = re.compile(r"^sns\.[a-zA-Z0-9\-]{3,}\.amazonaws\.com(\.cn)?$")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
BODY = json.dumps(
    {"notificationType": "Bounce", "mail": {"messageId": "0100-abc-000000"}},
    separators=(",", ":"),
)


@pytest.fixture
def topic(sns: Any) -> str:
    arn: str = sns.create_topic(Name="ses-bounces")["TopicArn"]
    return arn


def test_envelope_keys_order_and_types_match_a_real_one(sessim: SesSim, topic: str) -> None:
    envelope = sessim.sns.publish(topic, BODY).envelope
    real_keys = list(REAL)
    # no subscription: the UnsubscribeURL that names one is absent, all else in order
    assert list(envelope) == [key for key in real_keys if key != "UnsubscribeURL"]
    assert all(type(envelope[key]) is type(REAL[key]) for key in envelope)
    assert envelope["Type"] == "Notification"
    assert envelope["Message"] == BODY and isinstance(envelope["Message"], str)
    assert envelope["SignatureVersion"] == "1"
    assert TIMESTAMP.match(envelope["Timestamp"]) and TIMESTAMP.match(REAL["Timestamp"])
    assert re.fullmatch(r"[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}", envelope["MessageId"])
    pattern = r"https://sns\.us-east-1\.amazonaws\.com/SimpleNotificationService-[0-9a-f]{32}\.pem"
    assert re.fullmatch(pattern, envelope["SigningCertURL"])
    assert re.fullmatch(pattern, REAL["SigningCertURL"])
    assert len(base64.b64decode(envelope["Signature"])) == len(base64.b64decode(REAL["Signature"]))


def test_subscribed_envelope_has_every_real_key_in_order(
    sessim: SesSim, sns: Any, topic: str, make_queue: Any
) -> None:
    _, queue_arn = make_queue("envelope-q")
    subscription = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    envelope = sessim.sns.publish(topic, BODY).envelope
    assert list(envelope) == list(REAL)
    assert envelope["UnsubscribeURL"] == (
        "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn="
        + subscription["SubscriptionArn"]
    )


def test_subject_only_when_given_and_never_empty(sessim: SesSim, topic: str) -> None:
    with_subject = sessim.sns.publish(topic, "x\n", subject="Amazon SES Email Event Notification")
    assert list(with_subject.envelope)[:5] == [
        "Type",
        "MessageId",
        "TopicArn",
        "Subject",
        "Message",
    ]
    assert with_subject.subject == "Amazon SES Email Event Notification"
    for subject in (None, ""):
        publication = sessim.sns.publish(topic, BODY, subject=subject)
        assert "Subject" not in publication.envelope
        assert publication.subject is None


def test_timestamp_is_the_simulator_clock(sns: Any) -> None:
    start = datetime(2022, 1, 18, 15, 46, 35, 135000, tzinfo=timezone.utc)
    with SesSim(now=start) as sim:
        arn = sns.create_topic(Name="clocked")["TopicArn"]
        assert sim.sns.publish(arn, BODY).envelope["Timestamp"] == "2022-01-18T15:46:35.135Z"
        sim.clock.advance(61.5)
        assert sim.sns.publish(arn, BODY).envelope["Timestamp"] == "2022-01-18T15:47:36.635Z"


def test_same_seed_and_clock_give_byte_identical_envelopes(sns: Any) -> None:
    start = datetime(2024, 5, 1, tzinfo=timezone.utc)
    envelopes = []
    for _ in range(2):
        with SesSim(seed=7, now=start) as sim:
            arn = sns.create_topic(Name="repeatable")["TopicArn"]
            envelopes.append(json.dumps(sim.sns.publish(arn, BODY).envelope))
    assert envelopes[0] == envelopes[1]


def _fetch_with_requests(url: str) -> bytes:
    reply = requests.get(url, timeout=5)
    assert reply.status_code == 200
    return reply.content


def _fetch_with_urllib(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as reply:
        assert reply.status == 200
        body: bytes = reply.read()
        return body


def _verify(envelope: dict[str, str], pem: bytes) -> None:
    if envelope["Type"] == "Notification":
        keys = ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
    else:
        keys = ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"]
    text = "".join(f"{key}\n{envelope[key]}\n" for key in keys if key in envelope)
    public_key = x509.load_pem_x509_certificate(pem).public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    algorithm = hashes.SHA256() if envelope["SignatureVersion"] == "2" else hashes.SHA1()
    public_key.verify(
        base64.b64decode(envelope["Signature"]), text.encode(), padding.PKCS1v15(), algorithm
    )


@pytest.mark.parametrize("fetch", [_fetch_with_requests, _fetch_with_urllib])
@pytest.mark.parametrize(
    ("version", "subject"), [("1", None), ("1", "Subject line"), ("2", None), ("2", "S")]
)
def test_signatures_verify_with_the_certificate_from_signing_cert_url(
    sessim: SesSim, sns: Any, fetch: Any, version: str, subject: str | None
) -> None:
    attributes = {"SignatureVersion": "2"} if version == "2" else {}
    arn = sns.create_topic(Name=f"signed-v{version}", Attributes=attributes)["TopicArn"]
    envelope = sessim.sns.publish(arn, BODY, subject=subject).envelope
    assert envelope["SignatureVersion"] == version
    _verify(envelope, fetch(envelope["SigningCertURL"]))


def test_a_tampered_envelope_does_not_verify(sessim: SesSim, topic: str) -> None:
    from cryptography.exceptions import InvalidSignature

    envelope = dict(sessim.sns.publish(topic, BODY, subject="S").envelope)
    pem = _fetch_with_requests(envelope["SigningCertURL"])
    envelope["Subject"] = "T"
    with pytest.raises(InvalidSignature):
        _verify(envelope, pem)


def test_standard_verifier_accepts_it(sessim: SesSim, topic: str) -> None:
    """Verify as AWS documents it, from the envelope alone: check the version and the
    certificate URL, fetch the certificate, rebuild the string to sign, check."""
    envelope = sessim.sns.publish(topic, BODY).envelope
    assert envelope["SignatureVersion"] in ("1", "2")
    url = urlsplit(envelope["SigningCertURL"])
    assert url.scheme == "https" and url.path.endswith(".pem")
    assert CERT_HOST.match(url.hostname or "")
    pem = _fetch_with_urllib(envelope["SigningCertURL"])
    certificate = x509.load_pem_x509_certificate(pem)
    assert certificate.not_valid_before_utc <= datetime.now(timezone.utc)
    assert certificate.not_valid_after_utc >= datetime.now(timezone.utc)
    string_to_sign = ""
    for key in ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"):
        if key in envelope:
            string_to_sign += key + "\n" + envelope[key] + "\n"
    digest = hashes.SHA1() if envelope["SignatureVersion"] == "1" else hashes.SHA256()
    public_key = certificate.public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    public_key.verify(
        base64.b64decode(envelope["Signature"]),
        string_to_sign.encode("utf-8"),
        padding.PKCS1v15(),
        digest,
    )


def test_string_to_sign_of_the_real_envelope() -> None:
    text = signing.string_to_sign(REAL)
    assert text.startswith("Message\n" + REAL["Message"] + "\nMessageId\n")
    assert text.endswith(f"TopicArn\n{REAL['TopicArn']}\nType\nNotification\n")
    assert text == (
        f"Message\n{REAL['Message']}\nMessageId\n{REAL['MessageId']}\n"
        f"Timestamp\n{REAL['Timestamp']}\nTopicArn\n{REAL['TopicArn']}\nType\nNotification\n"
    )


def test_the_certificate_is_served_only_while_a_simulator_is_active(sns: Any) -> None:
    from moto.core.models import responses_mock
    from moto.sns.responses import SNSResponse

    https_open = urllib.request.HTTPSHandler.https_open
    confirm = SNSResponse.confirm_subscription
    with SesSim() as sim:
        arn = sns.create_topic(Name="served")["TopicArn"]
        url = sim.sns.publish(arn, BODY).envelope["SigningCertURL"]
        assert _fetch_with_urllib(url).startswith(b"-----BEGIN CERTIFICATE-----")
        assert _fetch_with_requests(url).startswith(b"-----BEGIN CERTIFICATE-----")
        assert urllib.request.HTTPSHandler.https_open is not https_open
        assert SNSResponse.confirm_subscription is not confirm
    assert urllib.request.HTTPSHandler.https_open is https_open
    assert SNSResponse.confirm_subscription is confirm
    assert not any(type(entry).__module__ == "responses" for entry in responses_mock.registered())


def test_other_regions_and_china_hosts() -> None:
    assert signing.cert_url("eu-west-1").startswith("https://sns.eu-west-1.amazonaws.com/")
    assert signing.cert_url("cn-north-1").startswith("https://sns.cn-north-1.amazonaws.com.cn/")
    assert CERT_HOST.match(urlsplit(signing.cert_url("cn-north-1")).hostname or "")


@pytest.mark.parametrize(
    "envelope",
    [
        {"Type": "Notification", "Message": '{"a": "b\\n"}\n', "Subject": "Ünïcode ✓ \u2028"},
        {"Type": "SubscriptionConfirmation", "Token": "t", "SubscribeURL": "https://x/?a=1&b=2"},
        {"Message": 'quote " backslash \\ tab \t nul \x00 del \x7f'},
        {},
        {"Type": "Notification", "Count": 3},  # not all text: json.dumps writes it
    ],
)
def test_envelope_json_is_what_json_dumps_writes(envelope: dict[str, Any]) -> None:
    expected = json.dumps(envelope, indent=2, separators=(",", " : "), ensure_ascii=False)
    assert envelope_json(envelope) == expected
