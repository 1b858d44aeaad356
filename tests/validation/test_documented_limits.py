"""SES's documented limits that its models do not encode, through boto3: 50 destinations
a bulk send, 500 KB a template, 10,000 templates and 10,000 identities a Region."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from validation_helpers import SUCCESS, refusal

from pytest_sessim import SesSim
from pytest_sessim.engine.account.identities import EMAIL_ADDRESS, Identity
from pytest_sessim.engine.account.state import StoredTemplate
from pytest_sessim.engine.limits import MAX_IDENTITIES, MAX_TEMPLATE_BYTES, MAX_TEMPLATES
from pytest_sessim.engine.templates.template import TemplateContent

pytestmark = pytest.mark.sessim(verified=["example.com"], sandbox=False)

SENDER = "sender@example.com"
THEN = datetime(2026, 1, 1, tzinfo=timezone.utc)


def destinations(count: int) -> list[dict[str, Any]]:
    return [
        {"Destination": {"ToAddresses": [f"success+{n}@simulator.amazonses.com"]}}
        for n in range(count)
    ]


def bulk_v2(sesv2: Any, count: int, template: str = "hello") -> dict[str, Any]:
    reply: dict[str, Any] = sesv2.send_bulk_email(
        FromEmailAddress=SENDER,
        DefaultContent={"Template": {"TemplateName": template, "TemplateData": "{}"}},
        BulkEmailEntries=destinations(count),
    )
    return reply


@pytest.fixture
def hello(ses: Any) -> str:
    ses.create_template(Template={"TemplateName": "hello", "SubjectPart": "Hi", "TextPart": "Hi"})
    return "hello"


def test_a_v1_bulk_send_takes_50_destinations_and_refuses_51(
    sessim: SesSim, ses: Any, hello: str
) -> None:
    def send(count: int) -> Any:
        return ses.send_bulk_templated_email(
            Source=SENDER,
            Template=hello,
            DefaultTemplateData="{}",
            Destinations=destinations(count),
        )

    assert [status["Status"] for status in send(50)["Status"]] == ["Success"] * 50
    assert refusal(lambda: send(51)) == (
        "InvalidParameterValue",
        "Destination count exceeds 50.",
        400,
    )
    assert len(sessim.outbox) == 50


def test_a_v2_bulk_send_takes_50_entries_and_refuses_51(
    sessim: SesSim, sesv2: Any, hello: str
) -> None:
    results = bulk_v2(sesv2, 50)["BulkEmailEntryResults"]

    assert [result["Status"] for result in results] == ["SUCCESS"] * 50
    assert refusal(lambda: bulk_v2(sesv2, 51)) == (
        "BadRequestException",
        "Bulk email entry count exceeds 50.",
        400,
    )
    assert len(sessim.outbox) == 50


def test_the_destination_count_is_checked_before_the_template_is_looked_up(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    v1 = refusal(
        lambda: ses.send_bulk_templated_email(
            Source=SENDER,
            Template="missing",
            DefaultTemplateData="{}",
            Destinations=destinations(51),
        )
    )
    v2 = refusal(lambda: bulk_v2(sesv2, 51, template="missing"))

    assert (v1[1], v2[1]) == ("Destination count exceeds 50.", "Bulk email entry count exceeds 50.")


TOO_BIG = (
    f"Template size exceeds the limit of {MAX_TEMPLATE_BYTES} bytes: '{MAX_TEMPLATE_BYTES + 1}'."
)


def test_a_template_holds_500_kb_across_its_parts(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    half = MAX_TEMPLATE_BYTES // 2
    ses.create_template(
        Template={
            "TemplateName": "full",
            "SubjectPart": "",
            "TextPart": "a" * half,
            "HtmlPart": "b" * half,
        }
    )
    over = {
        "TemplateName": "over",
        "SubjectPart": "s",
        "TextPart": "a" * half,
        "HtmlPart": "b" * half,
    }

    assert refusal(lambda: ses.create_template(Template=over)) == (
        "InvalidParameterValue",
        TOO_BIG,
        400,
    )
    assert (
        refusal(lambda: ses.update_template(Template={**over, "TemplateName": "full"}))[1]
        == TOO_BIG
    )
    assert refusal(
        lambda: sesv2.create_email_template(
            TemplateName="v2",
            TemplateContent={"Subject": "é" * (half // 2), "Html": "b" * (half + 1)},
        )
    ) == ("BadRequestException", TOO_BIG, 400)
    assert [item["Name"] for item in ses.list_templates()["TemplatesMetadata"]] == ["full"]


def test_an_inline_template_of_a_v2_send_holds_500_kb(sessim: SesSim, sesv2: Any) -> None:
    content = {"Subject": "s", "Text": "a" * MAX_TEMPLATE_BYTES}

    code, message, status = refusal(
        lambda: sesv2.send_email(
            FromEmailAddress=SENDER,
            Destination={"ToAddresses": [SUCCESS]},
            Content={"Template": {"TemplateContent": content, "TemplateData": "{}"}},
        )
    )

    assert (code, message, status) == ("BadRequestException", TOO_BIG, 400)
    assert sessim.outbox == []


def test_a_region_holds_10000_templates(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    templates = sessim.engine.account_in("us-east-1").templates
    stored = StoredTemplate(TemplateContent(name="x", subject="s", text=None, html=None), THEN)
    templates.update((f"t{number}", stored) for number in range(MAX_TEMPLATES))
    new = {"TemplateName": "one-more", "SubjectPart": "s"}

    assert refusal(lambda: ses.create_template(Template=new)) == (
        "LimitExceeded",
        "Maximum number of templates (10000) reached.",
        400,
    )
    assert refusal(
        lambda: sesv2.create_email_template(
            TemplateName="one-more", TemplateContent={"Subject": "s"}
        )
    ) == ("LimitExceededException", "Maximum number of templates (10000) reached.", 400)
    assert refusal(lambda: ses.create_template(Template={**new, "TemplateName": "t1"}))[0] == (
        "AlreadyExists"
    )
    ses.update_template(Template={**new, "TemplateName": "t1"})  # updates still fit


def test_a_region_holds_10000_identities(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    identities = sessim.engine.account_in("us-east-1").identities
    for number in range(MAX_IDENTITIES - len(identities)):
        name = f"user{number}@example.org"
        identities[name] = Identity(name=name, kind=EMAIL_ADDRESS, created=THEN)

    assert refusal(lambda: ses.verify_email_identity(EmailAddress="new@example.org")) == (
        "LimitExceeded",
        "Maximum number of identities (10000) reached.",
        400,
    )
    assert refusal(lambda: sesv2.create_email_identity(EmailIdentity="new.example")) == (
        "LimitExceededException",
        "Maximum number of identities (10000) reached.",
        400,
    )
    ses.verify_email_identity(EmailAddress="user7@example.org")  # already there: still fine
    assert "new@example.org" not in identities
