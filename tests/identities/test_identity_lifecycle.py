"""Identities start Pending: an address is verified by the link SES mails to it, a domain
when the test says its records are found; both fail when their time runs out."""

from __future__ import annotations

import urllib.request
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from identity_helpers import refusal, send

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(moto=False)

ADDRESS = "jane@shop.example"


def status(ses: Any, identity: str) -> str:
    attributes = ses.get_identity_verification_attributes(Identities=[identity])
    return str(attributes["VerificationAttributes"][identity]["VerificationStatus"])


def test_verifying_an_address_mails_ses_verification_link(sessim: SesSim, ses: Any) -> None:
    ses.verify_email_identity(EmailAddress=ADDRESS)

    assert status(ses, ADDRESS) == "Pending"
    [mail] = sessim.verification_emails
    assert mail in sessim.outbox and sessim.events_for(mail.message_id) == []
    assert (mail.operation, mail.api, mail.to) == ("VerifyEmailIdentity", "ses", [ADDRESS])
    assert mail.source == "Amazon Web Services <no-reply-aws@amazon.com>"
    assert mail.subject == (
        "Amazon Web Services \u2013 Email Address Verification Request in region "
        "US East (N. Virginia)"
    )
    link = sessim.verification_link(ADDRESS)
    assert mail.text is not None
    assert mail.text.startswith("Dear Amazon Web Services Customer,\n\nWe have received")
    assert f"\n\n{link}\n\n" in mail.text
    query = parse_qs(urlsplit(link).query)
    assert link.startswith("https://email-verification.us-east-1.amazonaws.com/?Context=")
    assert query["Identity.IdentityName"] == [ADDRESS]
    assert query["Operation"] == ["ConfirmVerification"]
    assert len(query["X-Amz-Signature"][0]) == 64


def test_a_get_of_the_link_through_requests_verifies_the_address(sessim: SesSim, ses: Any) -> None:
    ses.verify_email_identity(EmailAddress=ADDRESS)
    code, message, http_status = refusal(lambda: send(ses, ADDRESS))
    assert (code, http_status) == ("MessageRejected", 400)
    assert message.endswith(f"in region US-EAST-1: {ADDRESS}")

    page = requests.get(sessim.verification_link(ADDRESS), timeout=5)

    assert page.status_code == 200 and "Congratulations!" in page.text
    assert status(ses, ADDRESS) == "Success"
    assert ses.list_verified_email_addresses()["VerifiedEmailAddresses"] == [ADDRESS]
    send(ses, ADDRESS)


def test_a_get_of_the_link_through_urllib_verifies_the_address(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_email_identity(EmailIdentity=ADDRESS)
    assert sessim.verification_emails[0].operation == "CreateEmailIdentity"
    assert sesv2.get_email_identity(EmailIdentity=ADDRESS)["VerificationStatus"] == "PENDING"

    with urllib.request.urlopen(sessim.verification_link(ADDRESS), timeout=5) as page:
        assert page.status == 200 and b"Congratulations!" in page.read()

    found = sesv2.get_email_identity(EmailIdentity=ADDRESS)
    assert (found["VerificationStatus"], found["VerifiedForSendingStatus"]) == ("SUCCESS", True)


@pytest.mark.sessim(moto=True)
def test_the_link_answers_under_moto_too(sessim: SesSim, ses: Any) -> None:
    ses.verify_email_address(EmailAddress=ADDRESS)
    assert requests.get(sessim.verification_link(ADDRESS), timeout=5).status_code == 200
    assert status(ses, ADDRESS) == "Success"


def test_an_unanswered_verification_fails_after_24_hours(sessim: SesSim, ses: Any) -> None:
    ses.verify_email_identity(EmailAddress=ADDRESS)
    link = sessim.verification_link(ADDRESS)
    sessim.clock.advance(timedelta(hours=23))
    assert status(ses, ADDRESS) == "Pending"
    sessim.clock.advance(timedelta(hours=1, seconds=1))

    assert status(ses, ADDRESS) == "Failed"
    page = requests.get(link, timeout=5)
    assert "Verification failed" in page.text and status(ses, ADDRESS) == "Failed"
    ses.verify_email_identity(EmailAddress=ADDRESS)  # starts over with a new mail
    assert status(ses, ADDRESS) == "Pending" and len(sessim.verification_emails) == 2
    requests.get(sessim.verification_link(ADDRESS), timeout=5)
    assert status(ses, ADDRESS) == "Success"


def test_a_verified_address_gets_no_new_mail(sessim: SesSim, ses: Any) -> None:
    sessim.verify(ADDRESS)
    ses.verify_email_identity(EmailAddress=ADDRESS)
    assert sessim.verification_emails == [] and status(ses, ADDRESS) == "Success"


def test_a_link_that_ses_did_not_send_fails_without_leaving_the_process(
    sessim: SesSim,
) -> None:
    page = requests.get("https://email-verification.us-east-1.amazonaws.com/?x=1", timeout=5)
    assert "Verification failed" in page.text


def test_a_domain_verifies_when_the_test_says_so(sessim: SesSim, ses: Any) -> None:
    token = ses.verify_domain_identity(Domain="shop.example")["VerificationToken"]
    assert (
        len(token) == 44
        and token == ses.verify_domain_identity(Domain="shop.example")["VerificationToken"]
    )
    assert sessim.verification_emails == []  # domains get no mail
    assert ses.get_identity_verification_attributes(Identities=["shop.example"])[
        "VerificationAttributes"
    ] == {"shop.example": {"VerificationStatus": "Pending", "VerificationToken": token}}
    assert refusal(lambda: send(ses, ADDRESS))[0] == "MessageRejected"

    sessim.verify("shop.example")

    assert status(ses, "shop.example") == "Success"
    send(ses, ADDRESS)


def test_verify_pending_verifies_everything_waiting(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    ses.verify_domain_identity(Domain="shop.example")
    ses.verify_email_identity(EmailAddress="a@other.example")
    sesv2.create_email_identity(EmailIdentity="mail.example")
    sessim.verify("done.example")

    assert sessim.verify_pending() == ["shop.example", "a@other.example", "mail.example"]
    assert {status(ses, name) for name in ("shop.example", "a@other.example")} == {"Success"}
    assert (
        sesv2.get_email_identity(EmailIdentity="mail.example")["DkimAttributes"]["Status"]
        == "SUCCESS"
    )


def test_a_domain_fails_after_72_hours_and_can_be_set_by_the_test(sessim: SesSim, ses: Any) -> None:
    ses.verify_domain_identity(Domain="shop.example")
    sessim.clock.advance(timedelta(hours=72, seconds=1))
    assert status(ses, "shop.example") == "Failed"
    sessim.set_verification_status("shop.example", "TemporaryFailure")
    assert status(ses, "shop.example") == "TemporaryFailure"
    with pytest.raises(ValueError, match="status must be one of"):
        sessim.set_verification_status("shop.example", "Verified")
    with pytest.raises(LookupError):
        sessim.set_verification_status("nowhere.example", "Success")


@pytest.mark.parametrize(
    ("call", "text"),
    [
        (
            lambda ses, v2: ses.verify_email_identity(EmailAddress="Foo <foo@bar.baz>"),
            ("InvalidParameterValue", "Invalid email address<Foo <foo@bar.baz>>.", 400),
        ),
        (
            lambda ses, v2: ses.verify_email_identity(EmailAddress="STUB"),
            ("InvalidParameterValue", "Invalid email address<STUB>.", 400),
        ),
        (
            lambda ses, v2: ses.verify_domain_identity(Domain="not a domain"),
            ("InvalidParameterValue", "Invalid domain name<not a domain>.", 400),
        ),
        (
            lambda ses, v2: v2.create_email_identity(EmailIdentity="-bad-.example"),
            ("BadRequestException", "Invalid domain name<-bad-.example>.", 400),
        ),
    ],
    ids=["display-name", "no-at", "spaces", "v2-label"],
)
def test_names_that_are_not_identities_are_refused(
    sessim: SesSim, ses: Any, sesv2: Any, call: Any, text: tuple[str, str, int]
) -> None:
    assert refusal(lambda: call(ses, sesv2)) == text
    assert ses.list_identities()["Identities"] == []


@pytest.mark.sessim(auto_verify=True)
def test_auto_verify_verifies_api_created_identities_at_once(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    ses.verify_email_identity(EmailAddress=ADDRESS)
    ses.verify_domain_identity(Domain="shop.example")
    created = sesv2.create_email_identity(EmailIdentity="mail.example")

    assert created["VerifiedForSendingStatus"] is True
    assert sessim.verification_emails == []
    assert {status(ses, name) for name in (ADDRESS, "shop.example", "mail.example")} == {"Success"}
    send(ses, "anyone@shop.example")


def test_v1_and_v2_list_every_identity_whatever_its_status(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    sessim.verify("done.example")
    ses.verify_email_identity(EmailAddress=ADDRESS)
    ses.verify_domain_identity(Domain="shop.example")

    assert ses.list_identities()["Identities"] == ["done.example", ADDRESS, "shop.example"]
    assert ses.list_identities(IdentityType="EmailAddress")["Identities"] == [ADDRESS]
    listed = sesv2.list_email_identities()["EmailIdentities"]
    assert [(i["IdentityName"], i["VerificationStatus"], i["SendingEnabled"]) for i in listed] == [
        ("done.example", "SUCCESS", True),
        (ADDRESS, "PENDING", False),
        ("shop.example", "PENDING", False),
    ]
    # Filter is in the newest models only
    pending = sessim.engine.handle(
        "sesv2", "ListEmailIdentities", {"Filter": {"VERIFICATION_STATUS": "PENDING"}}
    )
    assert [i["IdentityName"] for i in pending["EmailIdentities"]] == [ADDRESS, "shop.example"]
    assert refusal(lambda: ses.list_identities(MaxItems=1001))[0] == "ValidationError"


def test_deleting_an_identity_takes_its_settings_tags_and_links(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    sesv2.create_email_identity(EmailIdentity=ADDRESS, Tags=[{"Key": "team", "Value": "a"}])
    link = sessim.verification_link(ADDRESS)
    ses.delete_identity(Identity=ADDRESS)
    ses.delete_identity(Identity=ADDRESS)  # gone: no error

    assert "Verification failed" in requests.get(link, timeout=5).text
    code, message, http_status = refusal(lambda: sesv2.get_email_identity(EmailIdentity=ADDRESS))
    assert (code, message, http_status) == (
        "NotFoundException",
        f"Email identity {ADDRESS} does not exist.",
        404,
    )
    sesv2.create_email_identity(EmailIdentity=ADDRESS)
    assert sesv2.get_email_identity(EmailIdentity=ADDRESS)["Tags"] == []
    assert refusal(lambda: sesv2.create_email_identity(EmailIdentity=ADDRESS))[:2] == (
        "AlreadyExistsException",
        f"Email identity {ADDRESS} already exist.",
    )


def test_identities_and_their_links_are_per_region(
    sessim: SesSim, ses: Any, frankfurt: Any
) -> None:
    frankfurt.verify_email_identity(EmailAddress=ADDRESS)
    assert ses.list_identities()["Identities"] == []
    [mail] = sessim.verification_emails
    assert mail.region == "eu-central-1" and mail.subject is not None
    assert mail.subject.endswith("in region Europe (Frankfurt)")
    link = sessim.verification_link(ADDRESS, region="eu-central-1")
    assert link.startswith("https://email-verification.eu-central-1.amazonaws.com/")
    requests.get(link, timeout=5)
    assert status(frankfurt, ADDRESS) == "Success"
    with pytest.raises(AssertionError, match="No verification mail was sent"):
        sessim.verification_link(ADDRESS)
