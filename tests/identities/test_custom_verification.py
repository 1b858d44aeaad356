"""Custom verification email templates and SendCustomVerificationEmail."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from identity_helpers import refusal

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(moto=False, verified=["shop.example"])

TEMPLATE = {
    "TemplateName": "welcome",
    "FromEmailAddress": "hello@shop.example",
    "TemplateSubject": "Please confirm your address",
    "TemplateContent": "<h1>Welcome to the shop</h1><p>Follow the link below.</p>",
    "SuccessRedirectionURL": "https://shop.example/verified",
    "FailureRedirectionURL": "https://shop.example/failed",
}


def test_templates_are_shared_by_v1_and_v2(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    ses.create_custom_verification_email_template(**TEMPLATE)
    # Tags on templates are in the newest models only
    sessim.engine.handle(
        "sesv2",
        "CreateCustomVerificationEmailTemplate",
        {**TEMPLATE, "TemplateName": "second", "Tags": [{"Key": "team", "Value": "growth"}]},
    )

    got = sesv2.get_custom_verification_email_template(TemplateName="welcome")
    assert {key: got[key] for key in TEMPLATE} == TEMPLATE
    second = sessim.engine.handle(
        "sesv2", "GetCustomVerificationEmailTemplate", {"TemplateName": "second"}
    )
    assert second["Tags"] == [{"Key": "team", "Value": "growth"}]
    listed = ses.list_custom_verification_email_templates()["CustomVerificationEmailTemplates"]
    assert [t["TemplateName"] for t in listed] == ["welcome", "second"]
    assert "TemplateContent" not in listed[0]
    page = sesv2.list_custom_verification_email_templates(PageSize=1)
    assert len(page["CustomVerificationEmailTemplates"]) == 1 and page["NextToken"]

    ses.update_custom_verification_email_template(TemplateName="welcome", TemplateSubject="Hi")
    assert (
        ses.get_custom_verification_email_template(TemplateName="welcome")["TemplateSubject"]
        == "Hi"
    )
    ses.delete_custom_verification_email_template(TemplateName="welcome")
    ses.delete_custom_verification_email_template(TemplateName="welcome")  # no error in v1
    assert refusal(lambda: sesv2.delete_custom_verification_email_template(TemplateName="welcome"))[
        ::2
    ] == ("NotFoundException", 404)


def test_templates_are_checked_as_ses_checks_them(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    ses.create_custom_verification_email_template(**TEMPLATE)
    assert refusal(lambda: ses.create_custom_verification_email_template(**TEMPLATE)) == (
        "CustomVerificationEmailTemplateAlreadyExists",
        "Custom verification email template welcome already exists.",
        400,
    )
    assert refusal(lambda: sesv2.create_custom_verification_email_template(**TEMPLATE))[0] == (
        "AlreadyExistsException"
    )
    assert refusal(lambda: ses.get_custom_verification_email_template(TemplateName="none")) == (
        "CustomVerificationEmailTemplateDoesNotExist",
        "Custom verification email template none does not exist.",
        400,
    )
    unverified = {**TEMPLATE, "TemplateName": "x", "FromEmailAddress": "a@elsewhere.example"}
    assert refusal(lambda: ses.create_custom_verification_email_template(**unverified)) == (
        "FromEmailAddressNotVerified",
        "Custom verification email sender a@elsewhere.example is not verified.",
        400,
    )
    assert refusal(lambda: sesv2.list_custom_verification_email_templates(PageSize=51))[0] == (
        "BadRequestException"
    )
    for number in range(49):
        ses.create_custom_verification_email_template(**{**TEMPLATE, "TemplateName": f"t{number}"})
    assert (
        refusal(
            lambda: ses.create_custom_verification_email_template(
                **{**TEMPLATE, "TemplateName": "t"}
            )
        )[0]
        == "LimitExceeded"
    )
    assert (
        len(
            ses.list_custom_verification_email_templates(MaxResults=500)[
                "CustomVerificationEmailTemplates"
            ]
        )
        == 50
    )


def test_the_custom_mail_is_sent_and_its_link_verifies_and_redirects(
    sessim: SesSim, ses: Any
) -> None:
    ses.create_custom_verification_email_template(**TEMPLATE)

    message_id = ses.send_custom_verification_email(
        EmailAddress="jane@customer.example", TemplateName="welcome"
    )["MessageId"]

    [mail] = sessim.verification_emails
    assert (mail.message_id, mail.operation) == (message_id, "SendCustomVerificationEmail")
    assert mail.source == "hello@shop.example" and mail.to == ["jane@customer.example"]
    assert mail.subject == "Please confirm your address"
    link = sessim.verification_link("jane@customer.example")
    assert mail.html is not None and mail.html.startswith(TEMPLATE["TemplateContent"])
    assert f'<a href="{link}">' in mail.html
    assert [e.type for e in sessim.events_for(message_id)] == ["Send", "Delivery"]
    status = ses.get_identity_verification_attributes(Identities=["jane@customer.example"])
    assert status["VerificationAttributes"]["jane@customer.example"]["VerificationStatus"] == (
        "Pending"
    )

    answer = requests.get(link, allow_redirects=False, timeout=5)

    assert (answer.status_code, answer.headers["Location"]) == (
        302,
        TEMPLATE["SuccessRedirectionURL"],
    )
    status = ses.get_identity_verification_attributes(Identities=["jane@customer.example"])
    assert status["VerificationAttributes"]["jane@customer.example"]["VerificationStatus"] == (
        "Success"
    )


def test_an_expired_custom_link_redirects_to_the_failure_url(sessim: SesSim, sesv2: Any) -> None:
    from datetime import timedelta

    sesv2.create_custom_verification_email_template(**TEMPLATE)
    sesv2.send_custom_verification_email(
        EmailAddress="jane@customer.example", TemplateName="welcome"
    )
    sessim.clock.advance(timedelta(days=2))
    answer = requests.get(
        sessim.verification_link("jane@customer.example"), allow_redirects=False, timeout=5
    )
    assert answer.headers["Location"] == TEMPLATE["FailureRedirectionURL"]


def test_sending_needs_the_template_a_verified_sender_and_production_access(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    def send_it() -> Any:
        return ses.send_custom_verification_email(
            EmailAddress="jane@customer.example", TemplateName="welcome"
        )

    assert refusal(send_it)[0] == "CustomVerificationEmailTemplateDoesNotExist"
    ses.create_custom_verification_email_template(**TEMPLATE)
    assert (
        refusal(
            lambda: ses.send_custom_verification_email(
                EmailAddress="jane@customer.example",
                TemplateName="welcome",
                ConfigurationSetName="x",
            )
        )[0]
        == "ConfigurationSetDoesNotExist"
    )
    assert (
        refusal(
            lambda: ses.send_custom_verification_email(
                EmailAddress="Jane <j@x.example>", TemplateName="welcome"
            )
        )[1]
        == "Invalid email address<Jane <j@x.example>>."
    )
    sessim.set_sandbox()
    assert refusal(send_it) == (
        "ProductionAccessNotGranted",
        "The account has not been granted production access.",
        400,
    )
    assert (
        refusal(
            lambda: sesv2.send_custom_verification_email(
                EmailAddress="jane@customer.example", TemplateName="welcome"
            )
        )[0]
        == "MessageRejected"
    )
    sessim.set_sandbox(False)
    ses.delete_identity(Identity="shop.example")
    assert refusal(send_it)[0] == "FromEmailAddressNotVerified"
    assert sessim.outbox == [] and ses.list_identities()["Identities"] == []


@pytest.mark.sessim(auto_verify=True)
def test_with_auto_verify_the_custom_mail_is_still_sent(sessim: SesSim, ses: Any) -> None:
    ses.create_custom_verification_email_template(**TEMPLATE)
    ses.send_custom_verification_email(EmailAddress="jane@customer.example", TemplateName="welcome")
    assert len(sessim.verification_emails) == 1
    status = ses.get_identity_verification_attributes(Identities=["jane@customer.example"])
    assert status["VerificationAttributes"]["jane@customer.example"]["VerificationStatus"] == (
        "Success"
    )


def test_templates_and_identities_are_tagged_in_the_one_tag_store(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    ses.create_custom_verification_email_template(**TEMPLATE)
    arn = "arn:aws:ses:us-east-1:123456789012:custom-verification-email-template/welcome"
    sesv2.tag_resource(ResourceArn=arn, Tags=[{"Key": "team", "Value": "growth"}])
    assert sesv2.list_tags_for_resource(ResourceArn=arn)["Tags"] == [
        {"Key": "team", "Value": "growth"}
    ]
    assert (
        refusal(
            lambda: sesv2.create_email_identity(
                EmailIdentity="new.example", Tags=[{"Key": "bad!key", "Value": "x"}]
            )
        )[0]
        == "BadRequestException"
    )
    assert [i["IdentityName"] for i in sesv2.list_email_identities()["EmailIdentities"]] == [
        "shop.example"
    ]
