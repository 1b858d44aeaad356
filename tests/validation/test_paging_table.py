"""The paging table against the installed botocore models, and every row's rule applied
by the engine before the operation runs. No pytest fixtures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import botocore.session
import pytest

from pytest_sessim.engine.errors import ErrorKind, SesError
from pytest_sessim.engine.operations.paging import CAP, DEFAULT, PAGING, PageRule, prepared
from pytest_sessim.engine.operations.registry import modelled
from pytest_sessim.engine.service import Engine, Settings

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
SESSION = botocore.session.get_session()

# the members an operation cannot be called without (the things they name need not exist:
# paging is checked before anything is looked up)
REQUIRED: dict[str, dict[str, Any]] = {
    "ListContacts": {"ContactListName": "missing"},
    "ListDomainDeliverabilityCampaigns": {
        "SubscribedDomain": "missing.example",
        "StartDate": NOW,
        "EndDate": NOW,
    },
    "ListResourceTenants": {
        "ResourceArn": "arn:aws:ses:us-east-1:123456789012:identity/missing.example"
    },
    "ListTenantResources": {"TenantName": "missing"},
    "ListEmailIdentityCertificates": {"EmailIdentity": "missing.example"},
}


def paginated(api: str) -> list[str]:
    """The installed model's operations whose input takes a NextToken."""
    model = SESSION.get_service_model(api)
    return [
        name
        for name in model.operation_names
        if (shape := model.operation_model(name).input_shape) is not None
        and "NextToken" in shape.members
    ]


def refusal(call: Callable[[], object]) -> SesError:
    try:
        call()
    except SesError as error:
        return error
    raise AssertionError("expected SES to refuse the request")


def camel(member: str) -> str:
    return member[:1].lower() + member[1:]


ROWS = sorted(PAGING.items())
IDS = [f"{api}:{operation}" for (api, operation), _ in ROWS]


@pytest.mark.parametrize("api", ["ses", "sesv2"])
def test_every_paginated_operation_of_the_installed_models_has_a_row(api: str) -> None:
    missing = [name for name in paginated(api) if (api, name) not in PAGING]
    assert missing == []


@pytest.mark.parametrize(("key", "rule"), ROWS, ids=IDS)
def test_each_row_names_a_member_of_the_operation_and_an_answered_operation(
    key: tuple[str, str], rule: PageRule
) -> None:
    api, operation = key
    assert operation in modelled(api)
    assert rule.low <= rule.default <= rule.high
    model = SESSION.get_service_model(api)
    if operation not in model.operation_names:
        pytest.skip(f"the installed botocore has no {operation}")
    members = model.operation_model(operation).input_shape.members
    assert rule.member is None or rule.member in members
    if rule.member is None:
        assert not {"MaxItems", "MaxResults", "PageSize"} & set(members)


@pytest.mark.parametrize(("key", "rule"), ROWS, ids=IDS)
def test_no_size_lists_the_default_page_and_sizes_past_the_bounds_get_the_rule(
    key: tuple[str, str], rule: PageRule
) -> None:
    api, operation = key
    if rule.member is None:
        assert prepared(api, operation, {}) == {}
        return
    assert prepared(api, operation, {})[rule.member] == rule.default
    assert prepared(api, operation, {rule.member: rule.high})[rule.member] == rule.high
    above = rule.high + 1
    if rule.over == CAP:
        assert prepared(api, operation, {rule.member: above})[rule.member] == rule.high
    else:
        error = refusal(lambda: prepared(api, operation, {rule.member: above}))
        assert (error.kind, error.message) == (
            ErrorKind.VALIDATION,
            f"1 validation error detected: Value '{above}' at '{camel(rule.member)}' failed to "
            f"satisfy constraint: Member must have value less than or equal to {rule.high}",
        )
    below = rule.low - 1
    if rule.under == DEFAULT:
        assert prepared(api, operation, {rule.member: below})[rule.member] == rule.default
    else:
        error = refusal(lambda: prepared(api, operation, {rule.member: below}))
        assert error.kind is ErrorKind.VALIDATION
        assert f"Member must have value greater than or equal to {rule.low}" in error.message


@pytest.mark.parametrize(("key", "rule"), ROWS, ids=IDS)
def test_through_the_engine_paging_is_checked_before_anything_is_looked_up(
    key: tuple[str, str], rule: PageRule
) -> None:
    api, operation = key
    sim = Engine(Settings(seed=1, now=NOW))
    params = dict(REQUIRED.get(operation, {}))
    error = refusal(lambda: sim.handle(api, operation, {**params, "NextToken": "not-a-token"}))
    expected = {
        ("sesv2", "ListSuppressedDestinations"): ErrorKind.INVALID_NEXT_TOKEN,
    }.get(key, ErrorKind.INVALID_PARAMETER)
    assert error.kind is expected
    if rule.member is not None and rule.under != DEFAULT:
        error = refusal(lambda: sim.handle(api, operation, {**params, rule.member: -1}))
        assert error.kind is ErrorKind.VALIDATION
    # without paging members, the operation lists (or finds what it names missing)
    try:
        sim.handle(api, operation, params)
    except SesError as error:
        assert error.kind is not ErrorKind.VALIDATION, error.message


def test_a_zero_page_size_lists_the_default_page_where_ses_allows_zero() -> None:
    assert prepared("sesv2", "ListEmailIdentities", {"PageSize": 0})["PageSize"] == 1000
    error = refusal(lambda: prepared("sesv2", "ListEmailIdentities", {"PageSize": -1}))
    assert error.message.endswith("Member must have value greater than or equal to 0")


def test_a_token_past_the_end_lists_nothing_more() -> None:
    sim = Engine(Settings(seed=1, now=NOW))
    sim.handle("sesv2", "CreateEmailTemplate", {"TemplateName": "t", "TemplateContent": {}})
    assert sim.handle("sesv2", "ListEmailTemplates", {"NextToken": "7"}) == {
        "TemplatesMetadata": []
    }


def test_multi_region_endpoint_tokens_are_base64_offsets() -> None:
    sim = Engine(Settings(seed=1, now=NOW))
    for name in ("one", "two"):
        sim.handle(
            "sesv2",
            "CreateMultiRegionEndpoint",
            {"EndpointName": name, "Details": {"RoutesDetails": [{"Region": "us-west-2"}]}},
        )
    first = sim.handle("sesv2", "ListMultiRegionEndpoints", {"PageSize": 1})
    assert first["NextToken"] == "MQ=="
    rest = sim.handle("sesv2", "ListMultiRegionEndpoints", {"NextToken": first["NextToken"]})
    assert [e["EndpointName"] for e in rest["MultiRegionEndpoints"]] == ["two"]
    error = refusal(lambda: sim.handle("sesv2", "ListMultiRegionEndpoints", {"NextToken": "1"}))
    assert (error.kind, error.message) == (ErrorKind.INVALID_PARAMETER, "Invalid PageToken")
