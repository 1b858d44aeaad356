"""Custom MAIL FROM domains: their status, and RejectMessage refusing sends while SES has
not found the MX record."""

from __future__ import annotations

from typing import Any

import pytest
from identity_helpers import MESSAGE, SUCCESS, refusal, send

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(moto=False, verified=["shop.example"])

NOT_VERIFIED = ("MailFromDomainNotVerifiedException", "Mail FROM domain is not verified.", 400)


def attributes(ses: Any, identity: str) -> dict[str, Any]:
    found: dict[str, Any] = ses.get_identity_mail_from_domain_attributes(Identities=[identity])[
        "MailFromDomainAttributes"
    ][identity]
    return found


def test_issue_repro_mail_from_on_a_new_domain(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    ses.verify_domain_identity(Domain="foo.com")
    ses.set_identity_mail_from_domain(Identity="foo.com", MailFromDomain="bounce.foo.com")

    assert attributes(ses, "foo.com") == {
        "MailFromDomain": "bounce.foo.com",
        "MailFromDomainStatus": "Pending",
        "BehaviorOnMXFailure": "UseDefaultValue",
    }
    assert sesv2.get_email_identity(EmailIdentity="foo.com")["MailFromAttributes"] == {
        "MailFromDomain": "bounce.foo.com",
        "MailFromDomainStatus": "PENDING",
        "BehaviorOnMxFailure": "USE_DEFAULT_VALUE",
    }


def test_without_a_custom_domain_only_the_behaviour_is_shown(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    assert attributes(ses, "shop.example") == {"BehaviorOnMXFailure": "UseDefaultValue"}
    assert sesv2.get_email_identity(EmailIdentity="shop.example")["MailFromAttributes"] == {
        "BehaviorOnMxFailure": "USE_DEFAULT_VALUE"
    }
    assert (
        ses.get_identity_mail_from_domain_attributes(Identities=["x.example"])[
            "MailFromDomainAttributes"
        ]
        == {}
    )


def test_reject_message_refuses_sends_until_the_mx_record_is_found(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    sesv2.put_email_identity_mail_from_attributes(
        EmailIdentity="shop.example",
        MailFromDomain="mail.shop.example",
        BehaviorOnMxFailure="REJECT_MESSAGE",
    )
    assert refusal(lambda: send(ses, "a@shop.example")) == NOT_VERIFIED
    v2_send = {
        "FromEmailAddress": "a@shop.example",
        "Destination": {"ToAddresses": [SUCCESS]},
        "Content": {"Simple": MESSAGE},
    }
    assert refusal(lambda: sesv2.send_email(**v2_send)) == NOT_VERIFIED
    assert sessim.refused[-1].code == "MailFromDomainNotVerifiedException"

    sessim.set_mail_from_status("shop.example", "Success")
    send(ses, "a@shop.example")
    for status in ("Failed", "TemporaryFailure", "Pending"):
        sessim.set_mail_from_status("shop.example", status)
        assert refusal(lambda: send(ses, "a@shop.example")) == NOT_VERIFIED
    with pytest.raises(ValueError, match="status must be one of"):
        sessim.set_mail_from_status("shop.example", "NotStarted")


def test_use_default_value_keeps_sending(sessim: SesSim, ses: Any) -> None:
    ses.set_identity_mail_from_domain(
        Identity="shop.example",
        MailFromDomain="mail.shop.example",
        BehaviorOnMXFailure="UseDefaultValue",
    )
    sessim.set_mail_from_status("shop.example", "Failed")
    send(ses, "a@shop.example")


def test_an_address_uses_its_domains_mail_from_unless_it_has_its_own(
    sessim: SesSim, ses: Any
) -> None:
    sessim.verify("a@shop.example")
    ses.set_identity_mail_from_domain(
        Identity="shop.example",
        MailFromDomain="mail.shop.example",
        BehaviorOnMXFailure="RejectMessage",
    )
    assert refusal(lambda: send(ses, "a@shop.example")) == NOT_VERIFIED
    ses.set_identity_mail_from_domain(
        Identity="a@shop.example", MailFromDomain="bounce.shop.example"
    )
    send(ses, "a@shop.example")  # its own setting: UseDefaultValue


def test_verify_finds_the_mx_record_and_removing_the_domain_clears_it(
    sessim: SesSim, ses: Any
) -> None:
    ses.set_identity_mail_from_domain(
        Identity="shop.example",
        MailFromDomain="mail.shop.example",
        BehaviorOnMXFailure="RejectMessage",
    )
    sessim.verify("shop.example")
    assert attributes(ses, "shop.example")["MailFromDomainStatus"] == "Success"
    ses.set_identity_mail_from_domain(Identity="shop.example")
    assert attributes(ses, "shop.example") == {"BehaviorOnMXFailure": "UseDefaultValue"}


@pytest.mark.parametrize("domain", ["shop.example", "mail.other.example", "not a domain"])
def test_the_mail_from_domain_must_be_a_subdomain_of_the_identity(
    sessim: SesSim, ses: Any, domain: str
) -> None:
    assert refusal(
        lambda: ses.set_identity_mail_from_domain(Identity="shop.example", MailFromDomain=domain)
    ) == (
        "InvalidParameterValue",
        f"Provided MAIL-FROM domain <{domain}> is not subdomain of the domain of the "
        "identity <shop.example>.",
        400,
    )


def test_unknown_identities_and_behaviours_are_refused(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    assert refusal(
        lambda: ses.set_identity_mail_from_domain(
            Identity="x.example", MailFromDomain="mail.x.example"
        )
    )[:2] == (
        "InvalidParameterValue",
        "Identity x.example is invalid. Must be a verified email address or domain.",
    )
    code, message, _ = refusal(
        lambda: ses.set_identity_mail_from_domain(
            Identity="shop.example", MailFromDomain="m.shop.example", BehaviorOnMXFailure="Bounce"
        )
    )
    assert code == "ValidationError"
    assert message.endswith("Member must satisfy enum value set: [RejectMessage, UseDefaultValue]")
    assert refusal(
        lambda: sesv2.put_email_identity_mail_from_attributes(
            EmailIdentity="x.example", MailFromDomain="mail.x.example"
        )
    )[::2] == ("NotFoundException", 404)


@pytest.mark.sessim(auto_verify=True)
def test_auto_verify_finds_the_mx_record_at_once(sessim: SesSim, ses: Any) -> None:
    ses.set_identity_mail_from_domain(
        Identity="shop.example",
        MailFromDomain="mail.shop.example",
        BehaviorOnMXFailure="RejectMessage",
    )
    assert attributes(ses, "shop.example")["MailFromDomainStatus"] == "Success"
    send(ses, "a@shop.example")
