"""The account's settings through boto3: GetAccount, the production-access request and
the Put operations, per Region."""

from __future__ import annotations

from typing import Any

import pytest
from cs_helpers import refused

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(sandbox=True)

DETAILS: dict[str, Any] = {
    "MailType": "TRANSACTIONAL",
    "WebsiteURL": "https://example.com",
    "ContactLanguage": "EN",
    "UseCaseDescription": "Receipts and password resets for our customers.",
    "AdditionalContactEmailAddresses": ["ops@example.com"],
}


def test_get_account_describes_the_regions_account(sessim: SesSim, sesv2: Any) -> None:
    account = sesv2.get_account()
    account.pop("ResponseMetadata")

    expected: dict[str, Any] = {
        "DedicatedIpAutoWarmupEnabled": True,
        "EnforcementStatus": "HEALTHY",
        "ProductionAccessEnabled": False,
        "SendQuota": {"Max24HourSend": 200.0, "MaxSendRate": 1.0, "SentLast24Hours": 0.0},
        "SendingEnabled": True,
        "SuppressionAttributes": {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]},
    }
    # botocore's model has the pricing plan since 1.43 (older clients drop the member)
    if (
        "PricingAttributes"
        in sesv2.meta.service_model.operation_model("GetAccount").output_shape.members
    ):
        expected["PricingAttributes"] = {"CurrentPlan": "NONE"}
    assert account == expected


def test_a_production_access_request_waits_for_the_test(sessim: SesSim, sesv2: Any) -> None:
    sesv2.put_account_details(**DETAILS, ProductionAccessEnabled=True)

    details = sesv2.get_account()["Details"]
    review = details.pop("ReviewDetails")
    assert details == DETAILS
    assert review["Status"] == "PENDING"
    assert review["CaseId"].isdigit()
    assert refused(lambda: sesv2.put_account_details(**DETAILS)) == (
        "ConflictException",
        "There is already an ongoing account details update under review. Please wait for the "
        "review to complete.",
        409,
    )

    sessim.set_sandbox(False)  # SES grants the request
    account = sesv2.get_account()
    assert account["ProductionAccessEnabled"] is True
    assert account["Details"]["ReviewDetails"] == {"Status": "GRANTED", "CaseId": review["CaseId"]}


def test_account_details_are_checked(sessim: SesSim, unchecked_sesv2: Any) -> None:
    bad_type = {**DETAILS, "MailType": "NEWSLETTER"}
    assert refused(lambda: unchecked_sesv2.put_account_details(**bad_type)) == (
        "BadRequestException",
        "1 validation error detected: Value at 'mailType' failed to satisfy constraint: Member "
        "must satisfy enum value set: [MARKETING, TRANSACTIONAL]",
        400,
    )
    five = {**DETAILS, "AdditionalContactEmailAddresses": [f"o{i}@example.com" for i in range(5)]}
    assert refused(lambda: unchecked_sesv2.put_account_details(**five))[1] == (
        "1 validation error detected: Value at 'additionalContactEmailAddresses' failed to "
        "satisfy constraint: Member must have length less than or equal to 4"
    )
    assert "Details" not in unchecked_sesv2.get_account()


def test_vdm_suppression_and_warmup_settings(sessim: SesSim, sesv2: Any) -> None:
    vdm = {
        "VdmEnabled": "ENABLED",
        "DashboardAttributes": {"EngagementMetrics": "ENABLED"},
        "GuardianAttributes": {"OptimizedSharedDelivery": "DISABLED"},
    }
    sesv2.put_account_vdm_attributes(VdmAttributes=vdm)
    sesv2.put_account_suppression_attributes(SuppressedReasons=["BOUNCE"])
    sesv2.put_account_dedicated_ip_warmup_attributes(AutoWarmupEnabled=False)

    account = sesv2.get_account()
    assert account["VdmAttributes"] == vdm
    assert account["SuppressionAttributes"] == {"SuppressedReasons": ["BOUNCE"]}
    assert account["DedicatedIpAutoWarmupEnabled"] is False


def test_settings_are_kept_per_region(sessim: SesSim, sesv2: Any, sesv2_west: Any) -> None:
    sesv2.put_account_vdm_attributes(VdmAttributes={"VdmEnabled": "ENABLED"})
    sesv2.put_account_details(**DETAILS)

    west = sesv2_west.get_account()
    assert "VdmAttributes" not in west
    assert "Details" not in west
    assert sesv2.get_account()["VdmAttributes"] == {"VdmEnabled": "ENABLED"}
