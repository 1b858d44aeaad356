"""Receipt rule sets and IP address filters through boto3: stored per Region, returned in
SES's shapes, refused with SES's codes and texts."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError
from receiving_helpers import rule

from pytest_sessim import SesSim

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)
pytestmark = pytest.mark.sessim(verified=["example.com"], now=NOW)


def error(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    found = excinfo.value.response["Error"]
    return found["Code"], found["Message"]


def test_a_new_rule_set_is_empty_inactive_and_described_with_its_creation_time(
    sessim: SesSim, ses: Any
) -> None:
    ses.create_receipt_rule_set(RuleSetName="inbound")

    described = ses.describe_receipt_rule_set(RuleSetName="inbound")
    assert described["Metadata"] == {"Name": "inbound", "CreatedTimestamp": NOW}
    assert described["Rules"] == []
    assert "Metadata" not in ses.describe_active_receipt_rule_set()
    listed = ses.list_receipt_rule_sets()
    assert listed["RuleSets"] == [{"Name": "inbound", "CreatedTimestamp": NOW}]
    assert "NextToken" not in listed


def test_names_are_checked_in_two_layers(sessim: SesSim, ses: Any) -> None:
    with pytest.raises(ClientError) as pattern:
        ses.create_receipt_rule_set(RuleSetName="in bound")
    with pytest.raises(ClientError) as boundary:
        ses.create_receipt_rule_set(RuleSetName="-inbound")
    with pytest.raises(ClientError) as long:
        ses.create_receipt_rule_set(RuleSetName="a" * 65)
    with pytest.raises(ClientError) as blank:
        ses.create_receipt_rule_set(RuleSetName=" ")

    assert error(pattern) == (
        "ValidationError",
        "1 validation error detected: Value at 'ruleSetName' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: ^[a-zA-Z0-9_.-]+$",
    )
    assert error(boundary) == ("InvalidParameterValue", "Not a valid ruleSetName: -inbound")
    assert error(long) == ("InvalidParameterValue", f"Not a valid ruleSetName: {'a' * 65}")
    assert error(blank) == ("InvalidParameterValue", "RuleSetName is required.")
    ses.create_receipt_rule_set(RuleSetName="a" * 64)  # 64 is allowed


def test_duplicates_missing_sets_and_the_limit_of_forty(sessim: SesSim, ses: Any) -> None:
    for index in range(40):
        ses.create_receipt_rule_set(RuleSetName=f"set-{index:02d}")
    with pytest.raises(ClientError) as duplicate:
        ses.create_receipt_rule_set(RuleSetName="set-00")
    with pytest.raises(ClientError) as limit:
        ses.create_receipt_rule_set(RuleSetName="one-more")
    with pytest.raises(ClientError) as missing:
        ses.describe_receipt_rule_set(RuleSetName="nowhere")

    assert error(duplicate) == ("AlreadyExists", "Rule set already exists: set-00")
    assert error(limit) == ("LimitExceeded", "Too many rule sets")
    assert error(missing) == ("RuleSetDoesNotExist", "Rule set does not exist: nowhere")
    assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_the_active_set_cannot_be_deleted_until_receiving_is_switched_off(
    sessim: SesSim, ses: Any
) -> None:
    ses.create_receipt_rule_set(RuleSetName="inbound")
    ses.create_receipt_rule(RuleSetName="inbound", Rule=rule("store"))
    ses.set_active_receipt_rule_set(RuleSetName="inbound")

    active = ses.describe_active_receipt_rule_set()
    assert active["Metadata"]["Name"] == "inbound"
    assert [item["Name"] for item in active["Rules"]] == ["store"]
    with pytest.raises(ClientError) as active_error:
        ses.delete_receipt_rule_set(RuleSetName="inbound")
    assert error(active_error) == ("CannotDelete", "Cannot delete active rule set: inbound")

    ses.set_active_receipt_rule_set()  # no name: receiving stops
    assert "Metadata" not in ses.describe_active_receipt_rule_set()
    ses.delete_receipt_rule_set(RuleSetName="inbound")
    ses.delete_receipt_rule_set(RuleSetName="inbound")  # a missing set is no error
    assert ses.list_receipt_rule_sets()["RuleSets"] == []
    with pytest.raises(ClientError) as unknown:
        ses.set_active_receipt_rule_set(RuleSetName="inbound")
    assert error(unknown) == ("RuleSetDoesNotExist", "Rule set does not exist: inbound")


def test_a_clone_copies_the_rules_starts_inactive_and_stays_independent(
    sessim: SesSim, ses: Any
) -> None:
    ses.create_receipt_rule_set(RuleSetName="inbound")
    ses.create_receipt_rule(RuleSetName="inbound", Rule=rule("first", Recipients=["a@example.com"]))
    ses.set_active_receipt_rule_set(RuleSetName="inbound")
    sessim.clock.advance(60)

    ses.clone_receipt_rule_set(RuleSetName="copy", OriginalRuleSetName="inbound")
    ses.delete_receipt_rule(RuleSetName="inbound", RuleName="first")

    copy = ses.describe_receipt_rule_set(RuleSetName="copy")
    assert copy["Metadata"]["CreatedTimestamp"] > NOW
    assert [item["Name"] for item in copy["Rules"]] == ["first"]
    assert ses.describe_active_receipt_rule_set()["Metadata"]["Name"] == "inbound"
    with pytest.raises(ClientError) as exists:
        ses.clone_receipt_rule_set(RuleSetName="copy", OriginalRuleSetName="nowhere")
    with pytest.raises(ClientError) as missing:
        ses.clone_receipt_rule_set(RuleSetName="other", OriginalRuleSetName="nowhere")
    assert error(exists) == ("AlreadyExists", "Rule set already exists: copy")
    assert error(missing) == ("RuleSetDoesNotExist", "Rule set does not exist: nowhere")


def test_rule_sets_are_listed_by_creation_time_a_hundred_at_a_time(
    sessim: SesSim, ses: Any
) -> None:
    state = sessim.engine.account.receiving
    from pytest_sessim.engine.account.receiving import ReceiptRuleSet

    for index in range(150):  # past SES's 40 only through the state, to page them
        state.rule_sets[f"set-{index:03d}"] = ReceiptRuleSet(f"set-{index:03d}", NOW)

    first = ses.list_receipt_rule_sets()
    second = ses.list_receipt_rule_sets(NextToken=first["NextToken"])
    assert len(first["RuleSets"]) == 100 and len(second["RuleSets"]) == 50
    assert second["RuleSets"][-1]["Name"] == "set-149" and "NextToken" not in second


def test_reorder_needs_every_rule_once(sessim: SesSim, ses: Any) -> None:
    ses.create_receipt_rule_set(RuleSetName="inbound")
    for name in ("a", "b", "c"):
        ses.create_receipt_rule(RuleSetName="inbound", Rule=rule(name))  # each goes first
    assert [
        item["Name"] for item in ses.describe_receipt_rule_set(RuleSetName="inbound")["Rules"]
    ] == [
        "c",
        "b",
        "a",
    ]

    ses.reorder_receipt_rule_set(RuleSetName="inbound", RuleNames=["a", "b", "c"])
    rules = ses.describe_receipt_rule_set(RuleSetName="inbound")["Rules"]
    assert [item["Name"] for item in rules] == ["a", "b", "c"]

    failures = {}
    for names in (["a", "a", "b", "c"], ["a", "b"], ["a", "b", "c", "d"], ["a b"]):
        with pytest.raises(ClientError) as refused:
            ses.reorder_receipt_rule_set(RuleSetName="inbound", RuleNames=names)
        failures["|".join(names)] = error(refused)
    assert failures == {
        "a|a|b|c": ("InvalidParameterValue", "Multiple positions found for rule: a"),
        "a|b": ("InvalidParameterValue", "Positions for rules not found: c"),
        "a|b|c|d": ("RuleDoesNotExist", "Rule does not exist: d"),
        "a b": (
            "ValidationError",
            "1 validation error detected: Value at 'ruleNames' failed to satisfy constraint: "
            "Member must satisfy constraint: [Member must have length less than or equal to "
            "100, Member must have length greater than or equal to 1, Member must satisfy "
            "regular expression pattern: ^[a-zA-Z0-9_.-]+$]",
        ),
    }


def test_state_is_kept_per_region(sessim: SesSim, ses: Any, ses_ireland: Any) -> None:
    ses.create_receipt_rule_set(RuleSetName="virginia")
    ses_ireland.create_receipt_rule_set(RuleSetName="ireland")
    ses_ireland.set_active_receipt_rule_set(RuleSetName="ireland")

    assert [item["Name"] for item in ses.list_receipt_rule_sets()["RuleSets"]] == ["virginia"]
    assert [item["Name"] for item in ses_ireland.list_receipt_rule_sets()["RuleSets"]] == [
        "ireland"
    ]
    assert "Metadata" not in ses.describe_active_receipt_rule_set()


@pytest.mark.parametrize(
    "call",
    [
        lambda ses: ses.list_receipt_rule_sets(),
        lambda ses: ses.create_receipt_rule_set(RuleSetName="inbound"),
        lambda ses: ses.describe_active_receipt_rule_set(),
        lambda ses: ses.list_receipt_filters(),
        lambda ses: ses.delete_receipt_rule(RuleSetName="inbound", RuleName="store"),
    ],
    ids=["list", "create", "describe-active", "filters", "delete-rule"],
)
def test_regions_without_email_receiving_have_no_receipt_operations(
    sessim: SesSim, ses_milan: Any, call: Any
) -> None:
    with pytest.raises(ClientError) as refused:
        call(ses_milan)
    assert error(refused) == ("InvalidAction", "Unavailable Operation")
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


# IP address filters -------------------------------------------------------------------
def _filter(name: str, policy: str, cidr: str) -> dict[str, Any]:
    return {"Name": name, "IpFilter": {"Policy": policy, "Cidr": cidr}}


def test_filters_are_stored_listed_and_deleted(sessim: SesSim, ses: Any) -> None:
    ses.create_receipt_filter(Filter=_filter("everyone", "Block", "0.0.0.0/0"))
    ses.create_receipt_filter(Filter=_filter("partner", "Allow", "203.0.113.7"))
    ses.create_receipt_filter(Filter=_filter("v6", "Block", "2001:db8::/32"))

    assert ses.list_receipt_filters()["Filters"] == [
        _filter("everyone", "Block", "0.0.0.0/0"),
        _filter("partner", "Allow", "203.0.113.7"),
        _filter("v6", "Block", "2001:db8::/32"),
    ]
    ses.delete_receipt_filter(FilterName="everyone")
    ses.delete_receipt_filter(FilterName="everyone")  # a missing filter is no error
    assert [item["Name"] for item in ses.list_receipt_filters()["Filters"]] == ["partner", "v6"]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (_filter("bad name", "Block", "10.0.0.0/8"), "Not a valid filterName: bad name"),
        (_filter("-edge", "Block", "10.0.0.0/8"), "Not a valid filterName: -edge"),
        (_filter("", "Block", "10.0.0.0/8"), "filterName must not be empty"),
        (_filter("f", "Block", "10.0.0.0/33"), "Invalid CIDR block: 10.0.0.0/33"),
        (_filter("f", "Block", "256.1.1.1"), "Invalid CIDR block: 256.1.1.1"),
        (_filter("f", "Block", "[2001:db8::1]"), "Invalid CIDR block: [2001:db8::1]"),
        (_filter("f", "Block", "::ffff:192.0.2.1"), "Invalid CIDR block: ::ffff:192.0.2.1"),
        (_filter("f", "Block", "not-a-cidr"), "Invalid CIDR block: not-a-cidr"),
    ],
)
def test_bad_filters_get_ses_texts(sessim: SesSim, ses: Any, spec: Any, expected: str) -> None:
    with pytest.raises(ClientError) as refused:
        ses.create_receipt_filter(Filter=spec)
    assert error(refused) == ("InvalidParameterValue", expected)


def test_filter_policy_duplicates_and_the_limit(sessim: SesSim, ses: Any) -> None:
    with pytest.raises(ClientError) as policy:
        ses.create_receipt_filter(Filter=_filter("f", "Deny", "10.0.0.0/8"))
    assert error(policy) == (
        "ValidationError",
        "1 validation error detected: Value at 'filter.ipFilter.policy' failed to satisfy "
        "constraint: Member must satisfy enum value set: [Allow, Block]",
    )
    for index in range(100):
        ses.create_receipt_filter(Filter=_filter(f"f{index}", "Block", f"10.0.{index}.0/24"))
    with pytest.raises(ClientError) as duplicate:
        ses.create_receipt_filter(Filter=_filter("f0", "Allow", "10.9.9.9"))
    with pytest.raises(ClientError) as limit:
        ses.create_receipt_filter(Filter=_filter("f100", "Block", "10.1.0.0/16"))
    assert error(duplicate) == ("AlreadyExists", "Filter already exists: f0")
    assert error(limit) == ("LimitExceeded", "Too many filters")
