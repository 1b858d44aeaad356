"""Page sizes and page tokens through boto3: the documented defaults and bounds of each
list operation, SES's refusals for sizes and tokens it does not accept, and the order
(paging is checked before the operation looks anything up)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from validation_helpers import above, below, refusal

from pytest_sessim import SesSim
from pytest_sessim.engine.operations.paging import PAGING

pytestmark = pytest.mark.sessim(verified=["example.com"])

V1_BAD_TOKEN = ("InvalidParameterValue", "Invalid NextToken.", 400)
V2_BAD_TOKEN = ("BadRequestException", "Invalid PageToken", 400)


def make_templates(sessim: SesSim, count: int) -> None:
    for number in range(count):
        sessim.engine.handle(
            "sesv2",
            "CreateEmailTemplate",
            {"TemplateName": f"t{number:03}", "TemplateContent": {"Subject": "s"}},
        )


def test_list_templates_pages_ten_by_default_and_a_paginator_gets_them_all(
    sessim: SesSim, ses: Any
) -> None:
    make_templates(sessim, 25)

    first = ses.list_templates()
    second = ses.list_templates(NextToken=first["NextToken"])
    everything = [
        item["Name"]
        for page in ses.get_paginator("list_templates").paginate()
        for item in page["TemplatesMetadata"]
    ]

    assert len(first["TemplatesMetadata"]) == 10
    assert second["TemplatesMetadata"][0]["Name"] == "t010"
    assert everything == [f"t{number:03}" for number in range(25)]


def test_list_templates_refuses_max_items_0_and_caps_larger_pages_at_100(
    sessim: SesSim, ses: Any
) -> None:
    make_templates(sessim, 101)

    assert refusal(lambda: ses.list_templates(MaxItems=0)) == (
        "ValidationError",
        below(0, "maxItems", 1),
        400,
    )
    capped = ses.list_templates(MaxItems=500)
    assert len(capped["TemplatesMetadata"]) == 100 and capped["NextToken"]


def test_list_email_templates_pages_ten_by_default_and_refuses_0_and_101(
    sessim: SesSim, sesv2: Any
) -> None:
    make_templates(sessim, 12)

    first = sesv2.list_email_templates()

    assert len(first["TemplatesMetadata"]) == 10 and first["NextToken"]
    assert len(sesv2.list_email_templates(PageSize=100)["TemplatesMetadata"]) == 12
    assert refusal(lambda: sesv2.list_email_templates(PageSize=0)) == (
        "BadRequestException",
        below(0, "pageSize", 1),
        400,
    )
    assert refusal(lambda: sesv2.list_email_templates(PageSize=101)) == (
        "BadRequestException",
        above(101, "pageSize", 100),
        400,
    )


def test_a_token_ses_could_not_have_given_is_refused(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    assert refusal(lambda: ses.list_templates(NextToken="garbage")) == V1_BAD_TOKEN
    assert refusal(lambda: ses.list_identities(NextToken="-1")) == V1_BAD_TOKEN
    assert refusal(lambda: sesv2.list_email_templates(NextToken="garbage")) == V2_BAD_TOKEN
    with pytest.raises(sesv2.exceptions.InvalidNextTokenException) as caught:
        sesv2.list_suppressed_destinations(NextToken="garbage")
    assert caught.value.response["Error"]["Message"] == (
        "The specified request includes an invalid or expired token."
    )


def test_list_identities_takes_1_to_1000_and_lists_1000_by_default(
    sessim: SesSim, ses: Any
) -> None:
    sessim.verify(*(f"user{number:04}@example.com" for number in range(1000)))

    first = ses.list_identities()  # 1001 identities with example.com

    assert len(first["Identities"]) == 1000
    assert ses.list_identities(NextToken=first["NextToken"])["Identities"] == [
        "user0999@example.com"
    ]
    assert refusal(lambda: ses.list_identities(MaxItems=0)) == (
        "ValidationError",
        below(0, "maxItems", 1),
        400,
    )
    assert refusal(lambda: ses.list_identities(MaxItems=1001))[1] == above(1001, "maxItems", 1000)


def test_list_configuration_sets_v1_caps_pages_at_1000_and_refuses_0(
    sessim: SesSim, ses: Any
) -> None:
    ses.create_configuration_set(ConfigurationSet={"Name": "one"})

    assert ses.list_configuration_sets(MaxItems=5000)["ConfigurationSets"] == [{"Name": "one"}]
    assert refusal(lambda: ses.list_configuration_sets(MaxItems=0))[:2] == (
        "ValidationError",
        below(0, "maxItems", 1),
    )


def test_list_email_identities_lists_its_default_page_for_0_and_refuses_1001(
    sessim: SesSim, sesv2: Any
) -> None:
    listed = sesv2.list_email_identities(PageSize=0)["EmailIdentities"]

    assert [item["IdentityName"] for item in listed] == ["example.com"]
    assert refusal(lambda: sesv2.list_email_identities(PageSize=1001))[:2] == (
        "BadRequestException",
        above(1001, "pageSize", 1000),
    )


def test_an_operation_without_documented_bounds_caps_a_large_page(
    sessim: SesSim, sesv2: Any
) -> None:
    sesv2.create_contact_list(ContactListName="news")
    sesv2.create_contact(ContactListName="news", EmailAddress="a@example.com")

    listed = sesv2.list_contacts(ContactListName="news", PageSize=5000)

    assert [contact["EmailAddress"] for contact in listed["Contacts"]] == ["a@example.com"]


DAY = datetime(2026, 1, 2, tzinfo=timezone.utc)
REQUIRED: dict[str, dict[str, Any]] = {
    "ListContacts": {"ContactListName": "missing"},
    "ListEmailIdentityCertificates": {"EmailIdentity": "missing.example"},
    "ListDomainDeliverabilityCampaigns": {
        "SubscribedDomain": "missing.example",
        "StartDate": DAY,
        "EndDate": DAY,
    },
    "ListResourceTenants": {
        "ResourceArn": "arn:aws:ses:us-east-1:123456789012:identity/missing.example"
    },
    "ListTenantResources": {"TenantName": "missing"},
}
V2_SIZED = sorted(
    operation
    for (api, operation), rule in PAGING.items()
    if api == "sesv2" and rule.member == "PageSize"
)


def snake(operation: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in operation).lstrip("_")


@pytest.mark.parametrize("operation", V2_SIZED)
def test_every_v2_list_refuses_a_negative_page_size_before_looking_anything_up(
    sessim: SesSim, raw_sesv2: Any, operation: str
) -> None:
    method = getattr(raw_sesv2, snake(operation), None)
    if method is None:
        pytest.skip(f"the installed botocore has no {operation}")
    low = PAGING[("sesv2", operation)].low

    code, message, status = refusal(lambda: method(**REQUIRED.get(operation, {}), PageSize=-1))

    assert (code, message, status) == ("BadRequestException", below(-1, "pageSize", low), 400)


@pytest.mark.parametrize("operation", ["ListTemplates", "ListIdentities", "ListConfigurationSets"])
def test_every_v1_list_with_max_items_refuses_a_negative_size(
    sessim: SesSim, ses: Any, operation: str
) -> None:
    method = getattr(ses, snake(operation))

    assert refusal(lambda: method(MaxItems=-5)) == (
        "ValidationError",
        below(-5, "maxItems", 1),
        400,
    )


def test_list_receipt_rule_sets_refuses_a_token_it_did_not_give(sessim: SesSim, ses: Any) -> None:
    assert refusal(lambda: ses.list_receipt_rule_sets(NextToken="x1")) == V1_BAD_TOKEN
