"""Contact lists, topics and contacts through boto3: SES's shapes, limits, texts and
order of checks, per Region."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(moto=False)

SPORTS = {"TopicName": "Sports", "DisplayName": "Sports", "DefaultSubscriptionStatus": "OPT_OUT"}
CYCLING = {
    "TopicName": "Cycling",
    "DisplayName": "Cycling newsletter",
    "Description": "Never miss a cycling update.",
    "DefaultSubscriptionStatus": "OPT_IN",
}


def refusal(call: Any) -> tuple[str, str, int]:
    with pytest.raises(ClientError) as caught:
        call()
    error = caught.value.response
    return (
        error["Error"]["Code"],
        error["Error"]["Message"],
        error["ResponseMetadata"]["HTTPStatusCode"],
    )


def make_list(sesv2: Any, name: str = "news", **extra: Any) -> None:
    sesv2.create_contact_list(ContactListName=name, Topics=[SPORTS, CYCLING], **extra)


def test_a_list_keeps_its_topics_description_and_tags(sessim: SesSim, sesv2: Any) -> None:
    make_list(sesv2, Description="Our news", Tags=[{"Key": "team", "Value": "growth"}])
    found = sesv2.get_contact_list(ContactListName="news")
    assert found["Topics"] == [SPORTS, CYCLING]
    assert found["Description"] == "Our news"
    assert found["Tags"] == [{"Key": "team", "Value": "growth"}]
    assert found["CreatedTimestamp"] == found["LastUpdatedTimestamp"]
    listed = sesv2.list_contact_lists()["ContactLists"]
    assert [item["ContactListName"] for item in listed] == ["news"]


def test_one_list_per_region(sessim: SesSim, sesv2: Any) -> None:
    make_list(sesv2)
    for name in ("other", "news"):
        assert refusal(lambda n=name: make_list(sesv2, n)) == (
            "BadRequestException",
            "A maximum of 1 Lists allowed per account.",
            400,
        )
    west = boto3.client("sesv2", region_name="us-west-2")
    make_list(west, "west")
    assert [i["ContactListName"] for i in west.list_contact_lists()["ContactLists"]] == ["west"]
    sesv2.delete_contact_list(ContactListName="news")
    make_list(sesv2, "other")


def test_update_replaces_topics_and_description(sessim: SesSim, sesv2: Any) -> None:
    make_list(sesv2, Description="Old")
    sessim.clock.advance(60)
    sesv2.update_contact_list(ContactListName="news", Topics=[CYCLING])
    found = sesv2.get_contact_list(ContactListName="news")
    assert found["Topics"] == [CYCLING]
    assert "Description" not in found
    assert found["LastUpdatedTimestamp"] > found["CreatedTimestamp"]


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (
            {"ContactListName": "no spaces"},
            "ContactListName can contain up to 64 characters. Only alphanumeric characters, "
            "underscores(_) and hyphens(-) are allowed.",
        ),
        ({"ContactListName": "x" * 65}, None),
        ({"ContactListName": " "}, "ContactListName can't be blank."),
        (
            {
                "ContactListName": "n",
                "Topics": [dict(SPORTS, TopicName=f"t{i}") for i in range(21)],
            },
            "Maximum of <20> topics allowed per ContactList",
        ),
        (
            {"ContactListName": "n", "Topics": [SPORTS, SPORTS]},
            "Duplicate topic names are not allowed within a List.",
        ),
        (
            {"ContactListName": "n", "Topics": [dict(SPORTS, TopicName="a b")]},
            "TopicName can contain up to 64 characters. Only alphanumeric characters, "
            "underscores(_) and hyphens(-) are allowed.",
        ),
        (
            {"ContactListName": "n", "Topics": [dict(SPORTS, DisplayName="d" * 129)]},
            "Topic DisplayName can contain up to <128> characters.",
        ),
        (
            {"ContactListName": "n", "Description": "d" * 501},
            "List description can contain up to 500 characters.",
        ),
        (
            {"ContactListName": "n", "Topics": [dict(SPORTS, DefaultSubscriptionStatus="MAYBE")]},
            "1 validation error detected: Value at 'topics.1.member.defaultSubscriptionStatus' "
            "failed to satisfy constraint: Member must satisfy enum value set: [OPT_OUT, OPT_IN]",
        ),
    ],
)
def test_list_checks(
    sessim: SesSim, sesv2: Any, request_: dict[str, Any], message: str | None
) -> None:
    code, text, status = refusal(lambda: sesv2.create_contact_list(**request_))
    assert (code, status) == ("BadRequestException", 400)
    assert text == (message or text)
    assert sesv2.list_contact_lists()["ContactLists"] == []


def test_a_missing_list(sessim: SesSim, sesv2: Any) -> None:
    expected = ("NotFoundException", "List with name: gone doesn't exist.", 404)
    assert refusal(lambda: sesv2.get_contact_list(ContactListName="gone")) == expected
    assert refusal(lambda: sesv2.delete_contact_list(ContactListName="gone")) == expected
    assert (
        refusal(lambda: sesv2.create_contact(ContactListName="gone", EmailAddress="a@b.com"))
        == expected
    )


def test_contacts_keep_preferences_defaults_and_attributes(sessim: SesSim, sesv2: Any) -> None:
    make_list(sesv2)
    sesv2.create_contact(
        ContactListName="news",
        EmailAddress="jo@example.com",
        TopicPreferences=[{"TopicName": "Sports", "SubscriptionStatus": "OPT_IN"}],
        AttributesData='{"Name": "Jo"}',
    )
    found = sesv2.get_contact(ContactListName="news", EmailAddress="jo@example.com")
    assert found["TopicPreferences"] == [{"TopicName": "Sports", "SubscriptionStatus": "OPT_IN"}]
    assert found["TopicDefaultPreferences"] == [
        {"TopicName": "Cycling", "SubscriptionStatus": "OPT_IN"}
    ]
    assert (found["UnsubscribeAll"], found["AttributesData"]) == (False, '{"Name": "Jo"}')
    assert refusal(
        lambda: sesv2.create_contact(ContactListName="news", EmailAddress="jo@example.com")
    ) == ("AlreadyExistsException", "jo@example.com already exists in List.", 400)


def test_update_merges_preferences_and_replaces_the_rest(sessim: SesSim, sesv2: Any) -> None:
    make_list(sesv2)
    sesv2.create_contact(
        ContactListName="news",
        EmailAddress="jo@example.com",
        TopicPreferences=[{"TopicName": "Sports", "SubscriptionStatus": "OPT_IN"}],
        UnsubscribeAll=True,
        AttributesData="{}",
    )
    sesv2.update_contact(
        ContactListName="news",
        EmailAddress="jo@example.com",
        TopicPreferences=[{"TopicName": "Cycling", "SubscriptionStatus": "OPT_OUT"}],
    )
    found = sesv2.get_contact(ContactListName="news", EmailAddress="jo@example.com")
    assert found["TopicPreferences"] == [
        {"TopicName": "Sports", "SubscriptionStatus": "OPT_IN"},
        {"TopicName": "Cycling", "SubscriptionStatus": "OPT_OUT"},
    ]
    assert found["TopicDefaultPreferences"] == []
    assert found["UnsubscribeAll"] is False
    assert "AttributesData" not in found
    sesv2.delete_contact(ContactListName="news", EmailAddress="jo@example.com")
    assert refusal(
        lambda: sesv2.get_contact(ContactListName="news", EmailAddress="jo@example.com")
    ) == ("NotFoundException", "jo@example.com doesn't exist in List.", 404)


def test_contact_checks_in_ses_order(sessim: SesSim, sesv2: Any) -> None:
    make_list(sesv2)

    def create(**extra: Any) -> tuple[str, str, int]:
        params = {"ContactListName": "news", "EmailAddress": "jo@example.com", **extra}
        return refusal(lambda: sesv2.create_contact(**params))

    bad_status = [{"TopicName": "Nope", "SubscriptionStatus": "SOMETIMES"}]
    assert create(EmailAddress="nope", TopicPreferences=bad_status)[1] == (
        "1 validation error detected: Value at 'topicPreferences.1.member.subscriptionStatus' "
        "failed to satisfy constraint: Member must satisfy enum value set: [OPT_OUT, OPT_IN]"
    )
    unknown = [{"TopicName": "Nope", "SubscriptionStatus": "OPT_IN"}]
    assert create(EmailAddress="nope", TopicPreferences=unknown)[1] == (
        "EmailAddress <nope> is invalid"
    )
    assert create(ContactListName="gone", TopicPreferences=unknown)[0] == "NotFoundException"
    assert create(TopicPreferences=unknown)[1] == "List: news doesn't contain Topic: Nope"
    assert create(AttributesData="[1]")[1] == "AttributesData must be a valid JSON object."


def test_list_contacts_filters_and_pages(sessim: SesSim, sesv2: Any) -> None:
    make_list(sesv2)
    preferences = {
        "in@example.com": [{"TopicName": "Sports", "SubscriptionStatus": "OPT_IN"}],
        "out@example.com": [{"TopicName": "Sports", "SubscriptionStatus": "OPT_OUT"}],
        "default@example.com": [],
    }
    for address, chosen in preferences.items():
        sesv2.create_contact(ContactListName="news", EmailAddress=address, TopicPreferences=chosen)
    sesv2.create_contact(
        ContactListName="news", EmailAddress="gone@example.com", UnsubscribeAll=True
    )

    def addresses(**filter_: Any) -> list[str]:
        contacts = sesv2.list_contacts(ContactListName="news", Filter=filter_)["Contacts"]
        return [contact["EmailAddress"] for contact in contacts]

    sports = {"TopicName": "Sports"}
    assert addresses(FilteredStatus="OPT_IN", TopicFilter=sports) == ["in@example.com"]
    assert addresses(FilteredStatus="OPT_OUT", TopicFilter=sports) == [
        "out@example.com",
        "gone@example.com",
    ]
    with_defaults = dict(sports, UseDefaultIfPreferenceUnavailable=True)
    assert addresses(FilteredStatus="OPT_OUT", TopicFilter=with_defaults) == [
        "out@example.com",
        "default@example.com",
        "gone@example.com",
    ]
    assert addresses(FilteredStatus="OPT_OUT") == ["gone@example.com"]
    first = sesv2.list_contacts(ContactListName="news", PageSize=3)
    assert len(first["Contacts"]) == 3
    rest = sesv2.list_contacts(ContactListName="news", PageSize=3, NextToken=first["NextToken"])
    assert [c["EmailAddress"] for c in rest["Contacts"]] == ["gone@example.com"]
    assert "NextToken" not in rest
    assert refusal(lambda: sesv2.list_contacts(ContactListName="news", PageSize=0))[1] == (
        "1 validation error detected: Value '0' at 'pageSize' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1"
    )
    assert (
        refusal(
            lambda: sesv2.list_contacts(
                ContactListName="news", Filter={"TopicFilter": {"TopicName": "X"}}
            )
        )[1]
        == "List: news doesn't contain Topic: X"
    )


def test_deleting_a_list_deletes_its_contacts_and_tags(sessim: SesSim, sesv2: Any) -> None:
    make_list(sesv2, Tags=[{"Key": "k", "Value": "v"}])
    sesv2.create_contact(ContactListName="news", EmailAddress="jo@example.com")
    sesv2.delete_contact_list(ContactListName="news")
    make_list(sesv2)
    assert sesv2.list_contacts(ContactListName="news")["Contacts"] == []
    assert sesv2.get_contact_list(ContactListName="news")["Tags"] == []


def test_a_lists_tags_are_checked_and_reached_through_its_arn(sessim: SesSim, sesv2: Any) -> None:
    assert refusal(lambda: make_list(sesv2, Tags=[{"Key": "aws:x", "Value": "v"}]))[0] == (
        "BadRequestException"
    )
    assert sesv2.list_contact_lists()["ContactLists"] == []
    make_list(sesv2, Tags=[{"Key": "team", "Value": "growth"}])
    arn = "arn:aws:ses:us-east-1:123456789012:contact-list/news"
    assert sesv2.list_tags_for_resource(ResourceArn=arn)["Tags"] == [
        {"Key": "team", "Value": "growth"}
    ]
    sesv2.tag_resource(ResourceArn=arn, Tags=[{"Key": "owner", "Value": "me"}])
    assert len(sesv2.get_contact_list(ContactListName="news")["Tags"]) == 2
