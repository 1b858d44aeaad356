"""DKIM: Easy DKIM, BYODKIM and DEED, the same in the v1 and the v2 views."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from identity_helpers import refusal, send

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(moto=False)


def v1_dkim(ses: Any, identity: str) -> dict[str, Any]:
    found: dict[str, Any] = ses.get_identity_dkim_attributes(Identities=[identity])[
        "DkimAttributes"
    ][identity]
    return found


def v2_dkim(sesv2: Any, identity: str) -> dict[str, Any]:
    found: dict[str, Any] = sesv2.get_email_identity(EmailIdentity=identity)["DkimAttributes"]
    return found


def private_key(bits: int) -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return base64.b64encode(der).decode()


def test_verify_domain_dkim_adds_the_domain_and_returns_three_tokens(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    tokens = ses.verify_domain_dkim(Domain="shop.example")["DkimTokens"]

    assert len(tokens) == 3 and all(len(t) == 32 and t.isalnum() and t.islower() for t in tokens)
    assert ses.verify_domain_dkim(Domain="shop.example")["DkimTokens"] == tokens  # stable
    assert ses.list_identities()["Identities"] == ["shop.example"]
    assert v1_dkim(ses, "shop.example") == {
        "DkimEnabled": True,
        "DkimVerificationStatus": "Pending",
        "DkimTokens": tokens,
    }
    assert refusal(lambda: send(ses, "a@shop.example"))[0] == "MessageRejected"
    sessim.set_dkim_status("shop.example", "Success")  # the CNAME records are found
    assert v1_dkim(ses, "shop.example")["DkimVerificationStatus"] == "Success"
    assert v2_dkim(sesv2, "shop.example")["Status"] == "SUCCESS"
    send(ses, "a@shop.example")  # a domain whose DKIM succeeded can send


def test_v1_and_v2_agree_on_a_verified_domain(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    sessim.verify("shop.example")
    v1, v2 = v1_dkim(ses, "shop.example"), v2_dkim(sesv2, "shop.example")

    assert (v1["DkimEnabled"], v1["DkimVerificationStatus"]) == (True, "Success")
    assert (v2["SigningEnabled"], v2["Status"]) == (True, "SUCCESS")
    assert v1["DkimTokens"] == v2["Tokens"]
    assert v2["SigningAttributesOrigin"] == "AWS_SES"
    assert v2["CurrentSigningKeyLength"] == v2["NextSigningKeyLength"] == "RSA_2048_BIT"
    assert "LastKeyGenerationTimestamp" in v2
    # SigningHostedZone is in the newest models only
    found = sessim.engine.handle("sesv2", "GetEmailIdentity", {"EmailIdentity": "shop.example"})
    assert found["DkimAttributes"]["SigningHostedZone"] == "dkim.amazonses.com"


def test_a_v2_domain_starts_with_easy_dkim(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    created = sesv2.create_email_identity(
        EmailIdentity="shop.example", DkimSigningAttributes={"NextSigningKeyLength": "RSA_1024_BIT"}
    )

    assert created["IdentityType"] == "DOMAIN" and created["VerifiedForSendingStatus"] is False
    assert created["DkimAttributes"]["Status"] == "NOT_STARTED"  # as SES answers a create
    assert v2_dkim(sesv2, "shop.example")["Status"] == "PENDING"
    assert v2_dkim(sesv2, "shop.example")["CurrentSigningKeyLength"] == "RSA_1024_BIT"
    assert v1_dkim(ses, "shop.example")["DkimVerificationStatus"] == "Pending"
    sessim.verify("shop.example")
    assert v1_dkim(ses, "shop.example")["DkimVerificationStatus"] == "Success"
    assert sesv2.get_email_identity(EmailIdentity="shop.example")["VerifiedForSendingStatus"]


def test_addresses_report_their_domains_dkim_and_their_own_switch(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    ses.verify_email_identity(EmailAddress="a@other.example")
    assert v1_dkim(ses, "a@other.example") == {
        "DkimEnabled": False,
        "DkimVerificationStatus": "NotStarted",
    }
    assert v2_dkim(sesv2, "a@other.example") == {"SigningEnabled": False, "Status": "NOT_STARTED"}
    code, message, _ = refusal(
        lambda: ses.set_identity_dkim_enabled(Identity="a@other.example", DkimEnabled=True)
    )
    assert (code, message) == (
        "InvalidParameterValue",
        "Domain other.example is not verified for DKIM signing.",
    )

    sessim.verify("shop.example", "b@shop.example")
    domain = v1_dkim(ses, "shop.example")
    assert v1_dkim(ses, "b@shop.example") == domain
    ses.set_identity_dkim_enabled(Identity="b@shop.example", DkimEnabled=False)
    assert v1_dkim(ses, "b@shop.example")["DkimEnabled"] is False
    assert v2_dkim(sesv2, "b@shop.example")["SigningEnabled"] is False
    assert v1_dkim(ses, "shop.example")["DkimEnabled"] is True  # the domain keeps its own
    sesv2.put_email_identity_dkim_attributes(EmailIdentity="shop.example", SigningEnabled=False)
    assert v1_dkim(ses, "shop.example")["DkimEnabled"] is False


def test_byodkim_takes_the_customers_key_and_selector(sessim: SesSim, sesv2: Any) -> None:
    sessim.verify("shop.example")
    reply = sesv2.put_email_identity_dkim_signing_attributes(
        EmailIdentity="shop.example",
        SigningAttributesOrigin="EXTERNAL",
        SigningAttributes={
            "DomainSigningSelector": "sel1",
            "DomainSigningPrivateKey": private_key(2048),
        },
    )

    assert (reply["DkimStatus"], reply["DkimTokens"]) == ("PENDING", ["sel1"])
    shown = v2_dkim(sesv2, "shop.example")
    assert shown["SigningAttributesOrigin"] == "EXTERNAL" and shown["Tokens"] == ["sel1"]
    assert "SigningHostedZone" not in shown and "NextSigningKeyLength" not in shown
    back = sesv2.put_email_identity_dkim_signing_attributes(
        EmailIdentity="shop.example", SigningAttributesOrigin="AWS_SES"
    )
    assert back["DkimStatus"] == "PENDING" and len(back["DkimTokens"]) == 3


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ({"DomainSigningSelector": "sel1"}, "DomainSigningSelector and DomainSigningPrivateKey"),
        (
            {"DomainSigningSelector": "-bad", "DomainSigningPrivateKey": "QUJD"},
            "Invalid DKIM selector: -bad.",
        ),
        (
            {"DomainSigningSelector": "sel1", "DomainSigningPrivateKey": "bm90IGEga2V5"},
            "Invalid DKIM private key.",
        ),
    ],
    ids=["no-key", "bad-selector", "not-a-key"],
)
def test_byodkim_keys_and_selectors_are_checked(
    sessim: SesSim, sesv2: Any, attributes: dict[str, str], message: str
) -> None:
    sessim.verify("shop.example")
    code, text, _ = refusal(
        lambda: sesv2.put_email_identity_dkim_signing_attributes(
            EmailIdentity="shop.example",
            SigningAttributesOrigin="EXTERNAL",
            SigningAttributes=attributes,
        )
    )
    assert code == "BadRequestException" and text.startswith(message)


def test_signing_attributes_are_for_domains_that_exist(sessim: SesSim, sesv2: Any) -> None:
    def put(identity: str) -> Any:
        return sesv2.put_email_identity_dkim_signing_attributes(
            EmailIdentity=identity, SigningAttributesOrigin="AWS_SES"
        )

    assert refusal(lambda: put("a@shop.example"))[:2] == (
        "BadRequestException",
        "The EmailIdentity value must be a valid domain.",
    )
    assert refusal(lambda: put("none.example"))[::2] == ("NotFoundException", 404)


def test_easy_dkim_key_length_is_stored_for_the_next_key(sessim: SesSim, sesv2: Any) -> None:
    sessim.verify("shop.example")
    reply = sesv2.put_email_identity_dkim_signing_attributes(
        EmailIdentity="shop.example",
        SigningAttributesOrigin="AWS_SES",
        SigningAttributes={"NextSigningKeyLength": "RSA_1024_BIT"},
    )
    assert reply["DkimStatus"] == "SUCCESS"  # the same keys until the next rotation
    shown = v2_dkim(sesv2, "shop.example")
    assert (shown["CurrentSigningKeyLength"], shown["NextSigningKeyLength"]) == (
        "RSA_2048_BIT",
        "RSA_1024_BIT",
    )


def test_deed_replicates_the_parent_identity_of_another_region(
    sessim: SesSim, sesv2: Any, frankfurt_v2: Any
) -> None:
    sessim.verify("shop.example")  # the parent, in us-east-1, with Easy DKIM
    frankfurt_v2.create_email_identity(
        EmailIdentity="shop.example",
        DkimSigningAttributes={"DomainSigningAttributesOrigin": "AWS_SES_US_EAST_1"},
    )
    replica = v2_dkim(frankfurt_v2, "shop.example")
    assert replica["SigningAttributesOrigin"] == "AWS_SES_US_EAST_1"
    assert replica["Tokens"] == v2_dkim(sesv2, "shop.example")["Tokens"]

    code, message, _ = refusal(
        lambda: frankfurt_v2.create_email_identity(
            EmailIdentity="other.example",
            DkimSigningAttributes={"DomainSigningAttributesOrigin": "AWS_SES_US_EAST_1"},
        )
    )
    assert code == "BadRequestException" and "does not exist in us-east-1" in message
    assert frankfurt_v2.list_email_identities()["EmailIdentities"][-1]["IdentityName"] == (
        "shop.example"
    )  # the refused create left nothing behind


def test_dkim_not_found_within_72_hours_fails(sessim: SesSim, ses: Any) -> None:
    from datetime import timedelta

    sessim.verify("shop.example")
    ses.verify_domain_dkim(Domain="new.example")
    sessim.clock.advance(timedelta(hours=73))
    assert v1_dkim(ses, "new.example")["DkimVerificationStatus"] == "Failed"
    assert v1_dkim(ses, "shop.example")["DkimVerificationStatus"] == "Success"
