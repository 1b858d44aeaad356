"""Engine-level tests: operations of the newest models (certificates), SendBounce on a
received mail, and the pieces the identity operations are made of."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from pytest_sessim.engine.errors import ErrorKind, SesError
from pytest_sessim.engine.identities.policies import SendContext, allows, checked
from pytest_sessim.engine.identities.rsa_keys import InvalidKey, rsa_key_bits
from pytest_sessim.engine.identities.tokens import dkim_tokens, verification_token
from pytest_sessim.engine.service import Engine, Settings

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/abc-123"


def refused(call: Callable[[], Any]) -> SesError:
    with pytest.raises(SesError) as caught:
        call()
    return caught.value


def engine(**settings: Any) -> Engine:
    return Engine(Settings(seed=1, now=NOW, **settings))


# certificates -------------------------------------------------------------------------
def test_certificates_are_stored_provisioned_and_returned() -> None:
    sim = engine(verified=("shop.example", "jane@other.example"))
    sim.handle(
        "sesv2",
        "AssociateEmailIdentityCertificate",
        {
            "EmailIdentity": "shop.example",
            "FromAddress": "a@mail.shop.example",
            "CertificateArn": CERTIFICATE,
        },
    )
    sim.handle(
        "sesv2",
        "AssociateEmailIdentityCertificate",
        {"EmailIdentity": "jane@other.example", "CertificateArn": CERTIFICATE},
    )

    def listed(identity: str) -> list[Any]:
        reply = sim.handle("sesv2", "ListEmailIdentityCertificates", {"EmailIdentity": identity})
        return [(c["FromAddress"], c["Status"]) for c in reply["Certificates"]]

    assert listed("shop.example") == [("a@mail.shop.example", "PROVISIONING")]
    sim.clock.advance(timedelta(minutes=1))
    assert listed("shop.example") == [("a@mail.shop.example", "ACTIVE")]
    assert listed("jane@other.example") == [("jane@other.example", "ACTIVE")]
    sim.handle(
        "sesv2",
        "DisassociateEmailIdentityCertificate",
        {"EmailIdentity": "shop.example", "FromAddress": "a@mail.shop.example"},
    )
    assert listed("shop.example") == []


@pytest.mark.parametrize(
    ("params", "kind", "message"),
    [
        (
            {"EmailIdentity": "none.example", "CertificateArn": CERTIFICATE},
            ErrorKind.NOT_FOUND,
            "Email identity none.example does not exist.",
        ),
        (
            {"EmailIdentity": "shop.example", "CertificateArn": CERTIFICATE},
            ErrorKind.INVALID_PARAMETER,
            "FromAddress is required when the email identity is a domain.",
        ),
        (
            {
                "EmailIdentity": "shop.example",
                "FromAddress": "a@else.example",
                "CertificateArn": CERTIFICATE,
            },
            ErrorKind.INVALID_PARAMETER,
            "FromAddress a@else.example does not belong to the domain shop.example.",
        ),
        (
            {
                "EmailIdentity": "shop.example",
                "FromAddress": "a@shop.example",
                "CertificateArn": "arn:aws:acm:x",
            },
            ErrorKind.INVALID_PARAMETER,
            "Invalid certificate ARN: arn:aws:acm:x.",
        ),
    ],
    ids=["unknown", "no-from", "other-domain", "bad-arn"],
)
def test_certificate_requests_are_checked(
    params: dict[str, str], kind: ErrorKind, message: str
) -> None:
    sim = engine(verified=("shop.example",))
    error = refused(lambda: sim.handle("sesv2", "AssociateEmailIdentityCertificate", params))
    assert (error.kind, error.message) == (kind, message)


def test_a_from_address_has_one_certificate() -> None:
    sim = engine(verified=("shop.example",))
    params = {
        "EmailIdentity": "shop.example",
        "FromAddress": "a@shop.example",
        "CertificateArn": CERTIFICATE,
    }
    sim.handle("sesv2", "AssociateEmailIdentityCertificate", params)
    error = refused(lambda: sim.handle("sesv2", "AssociateEmailIdentityCertificate", params))
    assert error.kind is ErrorKind.ALREADY_EXISTS


# SendBounce ---------------------------------------------------------------------------
RAW = b"From: sender@customer.example\r\nTo: nobody@shop.example\r\nSubject: Hi\r\n\r\nHello"


def with_received(sim: Engine) -> str:
    """A mail SES received for shop.example (an active rule set takes the domain)."""
    from pytest_sessim.engine.receiving.inbound import arrive

    sim.handle("ses", "CreateReceiptRuleSet", {"RuleSetName": "inbound"})
    rule = {
        "Name": "all",
        "Enabled": True,
        "Recipients": ["shop.example"],
        "Actions": [{"StopAction": {"Scope": "RuleSet"}}],
    }
    sim.handle("ses", "CreateReceiptRule", {"RuleSetName": "inbound", "Rule": rule})
    sim.handle("ses", "SetActiveReceiptRuleSet", {"RuleSetName": "inbound"})
    received = arrive(sim, RAW, sender="sender@customer.example")
    assert received.accepted and received.message_id is not None
    return received.message_id


def bounce(sim: Engine, original: str, **extra: Any) -> dict[str, Any]:
    params = {
        "OriginalMessageId": original,
        "BounceSender": "MAILER-DAEMON@shop.example",
        "BouncedRecipientInfoList": [
            {"Recipient": "nobody@shop.example", "BounceType": "DoesNotExist"}
        ],
        **extra,
    }
    return sim.handle("ses", "SendBounce", params)


def test_send_bounce_puts_its_dsn_in_the_outbox() -> None:
    sim = engine(verified=("shop.example",))
    original = with_received(sim)

    message_id = bounce(sim, original, Explanation="No such person here.")["MessageId"]

    [message] = sim.outbox
    assert (message.message_id, message.operation, message.to) == (
        message_id,
        "SendBounce",
        ["sender@customer.example"],
    )
    assert message.subject == "Delivery Status Notification (Failure)"
    assert message.header(
        "Content-Type",
    ).startswith("multipart/report; report-type=delivery-status")  # type: ignore[union-attr]
    raw = message.raw.decode()
    assert "No such person here." in raw
    assert "Reporting-MTA: dns; inbound-smtp.us-east-1.amazonaws.com" in raw
    assert "Final-Recipient: rfc822; nobody@shop.example\r\nAction: failed\r\nStatus: 5.1.1" in raw
    assert "Subject: Hi" in raw.split("text/rfc822-headers", 1)[1]
    assert sim.events == []


def test_send_bounce_takes_the_callers_dsn_fields() -> None:
    sim = engine(verified=("shop.example",))
    original = with_received(sim)
    bounce(
        sim,
        original,
        MessageDsn={
            "ReportingMta": "dns; mx.shop.example",
            "ExtensionFields": [{"Name": "X-Note", "Value": "1"}],
        },
        BouncedRecipientInfoList=[
            {
                "Recipient": "nobody@shop.example",
                "RecipientDsnFields": {
                    "Action": "failed",
                    "Status": "5.7.1",
                    "DiagnosticCode": "smtp; 550 no",
                },
            }
        ],
    )
    raw = sim.outbox[0].raw.decode()
    assert "Reporting-MTA: dns; mx.shop.example" in raw and "X-Note: 1" in raw
    assert "Status: 5.7.1\r\nDiagnostic-Code: smtp; 550 no" in raw
    assert "An error occurred while trying to deliver the mail" in raw


@pytest.mark.parametrize(
    ("extra", "kind", "starts"),
    [
        (
            {"BouncedRecipientInfoList": []},
            ErrorKind.INVALID_PARAMETER,
            "BouncedRecipientInfoList must",
        ),
        (
            {"BouncedRecipientInfoList": [{"Recipient": "a@shop.example"}]},
            ErrorKind.INVALID_PARAMETER,
            "Either BounceType or RecipientDsnFields",
        ),
        (
            {"BounceSender": "x@unverified.example"},
            ErrorKind.MESSAGE_REJECTED,
            "Email address is not verified.",
        ),
        (
            {"OriginalMessageId": "other"},
            ErrorKind.MESSAGE_REJECTED,
            "Message other was not received",
        ),
    ],
    ids=["no-recipients", "no-type", "unverified-sender", "unknown-message"],
)
def test_send_bounce_is_checked(extra: dict[str, Any], kind: ErrorKind, starts: str) -> None:
    sim = engine(verified=("shop.example",))
    original = with_received(sim)
    error = refused(lambda: bounce(sim, original, **extra))
    assert error.kind is kind and error.message.startswith(starts)


def test_only_mail_received_in_the_last_day_can_be_bounced() -> None:
    sim = engine(verified=("shop.example",))
    original = with_received(sim)
    sim.clock.advance(timedelta(hours=24, seconds=1))
    assert refused(lambda: bounce(sim, original)).kind is ErrorKind.MESSAGE_REJECTED


# pieces ---------------------------------------------------------------------------------
def test_tokens_look_like_ses_tokens_and_repeat() -> None:
    assert len(verification_token("seed")) == 44 and verification_token("seed").endswith("=")
    tokens = dkim_tokens("seed")
    assert tokens == dkim_tokens("seed") and tokens != dkim_tokens("seed", 1)
    assert all(len(token) == 32 and token == token.lower() for token in tokens)


@pytest.mark.parametrize("bits", [1024, 2048])
@pytest.mark.parametrize(
    "form", [serialization.PrivateFormat.PKCS8, serialization.PrivateFormat.TraditionalOpenSSL]
)
def test_rsa_key_sizes_are_read_from_der(bits: int, form: serialization.PrivateFormat) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    der = key.private_bytes(serialization.Encoding.DER, form, serialization.NoEncryption())
    assert rsa_key_bits(base64.b64encode(der).decode()) == bits


@pytest.mark.parametrize(
    "text", ["not base64!", base64.b64encode(b"\x30\x03\x02\x01").decode(), ""]
)
def test_what_is_not_an_rsa_key_is_refused(text: str) -> None:
    with pytest.raises(InvalidKey):
        rsa_key_bits(text)


ARN = "arn:aws:ses:us-east-1:999999999999:identity/shop.example"


def context(**keys: list[str]) -> SendContext:
    return SendContext(
        "123456789012", "arn:aws:iam::123456789012:user/app", "ses:SendEmail", ARN, keys
    )


def statement(**extra: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Principal": "*", "Action": "ses:Send*", "Resource": ARN, **extra}


def policy(*statements: dict[str, Any]) -> str:
    return checked(
        json.dumps({"Version": "2012-10-17", "Statement": list(statements)}), "shop.example"
    )


@pytest.mark.parametrize(
    ("condition", "keys", "expected"),
    [
        (
            {"StringEquals": {"ses:FromAddress": "a@shop.example"}},
            {"ses:fromaddress": ["a@shop.example"]},
            True,
        ),
        (
            {"StringNotEquals": {"ses:FromAddress": "a@shop.example"}},
            {"ses:fromaddress": ["a@shop.example"]},
            False,
        ),
        (
            {"StringLike": {"ses:Recipients": "*@x.example"}},
            {"ses:recipients": ["a@x.example", "b@y.example"]},
            True,
        ),
        (
            {"ForAllValues:StringLike": {"ses:Recipients": "*@x.example"}},
            {"ses:recipients": ["a@x.example", "b@y.example"]},
            False,
        ),
        (
            {"DateLessThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"}},
            {"aws:currenttime": ["2026-01-02T03:04:05Z"]},
            True,
        ),
        ({"NumericGreaterThan": {"aws:EpochTime": "1"}}, {"aws:epochtime": ["2"]}, True),
        ({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}, {"aws:sourceip": ["192.0.2.1"]}, False),
        ({"StringEqualsIfExists": {"ses:FromDisplayName": "Shop"}}, {}, True),
        ({"StringEquals": {"ses:FromDisplayName": "Shop"}}, {}, False),
        ({"Null": {"ses:FromDisplayName": "true"}}, {}, True),
        ({"Bool": {"aws:SecureTransport": "true"}}, {"aws:securetransport": ["true"]}, True),
    ],
)
def test_conditions_are_evaluated(
    condition: dict[str, Any], keys: dict[str, list[str]], expected: bool
) -> None:
    assert allows([policy(statement(Condition=condition))], context(**keys)) is expected


def test_principals_actions_resources_and_deny() -> None:
    assert allows([policy(statement())], context())
    other_account = statement(Principal={"AWS": "111111111111"})
    assert not allows([policy(other_account)], context())
    user_of_the_account = statement(Principal={"AWS": ["arn:aws:iam::123456789012:user/app"]})
    assert allows([policy(user_of_the_account)], context())
    assert not allows([policy(statement(Action="ses:SendRawEmail"))], context())
    deny = {**statement(), "Effect": "Deny"}
    assert not allows([policy(statement()), policy(deny)], context())
    assert not allows([], context())
    wildcard = statement(Resource="arn:aws:ses:*:*:identity/shop.example")
    assert allows([policy(wildcard)], context())
