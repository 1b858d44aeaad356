"""The Deliverability dashboard through boto3: subscription, predictive inbox placement
tests (complete 24 hours later on the simulator's clock) and campaigns from the record."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from cs_helpers import refused, simple

from pytest_sessim import SesSim, complaint

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=timezone.utc)
pytestmark = pytest.mark.sessim(verified=["example.com"], now=NOW)


def _enable(sesv2: Any) -> None:
    sesv2.put_deliverability_dashboard_option(
        DashboardEnabled=True,
        SubscribedDomains=[
            {"Domain": "example.com", "InboxPlacementTrackingOption": {"Global": True}}
        ],
    )


def test_the_dashboard_subscription(sessim: SesSim, sesv2: Any) -> None:
    assert sesv2.get_deliverability_dashboard_options()["DashboardEnabled"] is False

    _enable(sesv2)
    options = sesv2.get_deliverability_dashboard_options()
    assert options["DashboardEnabled"] is True
    assert options["AccountStatus"] == "ACTIVE"
    assert options["ActiveSubscribedDomains"] == [
        {
            "Domain": "example.com",
            "SubscriptionStartDate": NOW,
            "InboxPlacementTrackingOption": {"Global": True},
        }
    ]
    assert refused(
        lambda: sesv2.put_deliverability_dashboard_option(
            DashboardEnabled=True, SubscribedDomains=[{"Domain": "unverified.example"}]
        )
    ) == ("NotFoundException", "Domain <unverified.example> is not verified.", 404)

    sesv2.put_deliverability_dashboard_option(DashboardEnabled=False)
    assert sesv2.get_deliverability_dashboard_options()["AccountStatus"] == "DISABLED"


def test_a_predictive_inbox_placement_test(sessim: SesSim, sesv2: Any) -> None:
    test = {"FromEmailAddress": "news@example.com", "Content": simple("Spring sale")}
    assert refused(lambda: sesv2.create_deliverability_test_report(**test)) == (
        "BadRequestException",
        "The Deliverability dashboard is not enabled for this account.",
        400,
    )
    _enable(sesv2)

    created = sesv2.create_deliverability_test_report(ReportName="spring", **test)
    assert created["DeliverabilityTestStatus"] == "IN_PROGRESS"
    running = sesv2.get_deliverability_test_report(ReportId=created["ReportId"])
    assert running["DeliverabilityTestReport"]["DeliverabilityTestStatus"] == "IN_PROGRESS"
    assert running["IspPlacements"] == []
    assert "Subject: Spring sale" in running["Message"]

    sessim.clock.advance(timedelta(hours=24))
    done = sesv2.get_deliverability_test_report(ReportId=created["ReportId"])
    assert done["DeliverabilityTestReport"] == {
        "ReportId": created["ReportId"],
        "ReportName": "spring",
        "Subject": "Spring sale",
        "FromEmailAddress": "news@example.com",
        "CreateDate": NOW,
        "DeliverabilityTestStatus": "COMPLETED",
    }
    assert done["OverallPlacement"]["InboxPercentage"] == 100.0
    assert done["OverallPlacement"]["DkimPercentage"] == 100.0
    assert [isp["IspName"] for isp in done["IspPlacements"]] == ["AOL", "Gmail", "Hotmail", "Yahoo"]
    listed = sesv2.list_deliverability_test_reports()["DeliverabilityTestReports"]
    assert [report["ReportId"] for report in listed] == [created["ReportId"]]
    assert refused(
        lambda: sesv2.create_deliverability_test_report(
            FromEmailAddress="news@unverified.example", Content=simple()
        )
    )[:2] == (
        "MessageRejected",
        "Email address is not verified. The following identities failed the check in region "
        "US-EAST-1: news@unverified.example",
    )


def test_campaigns_are_computed_from_what_was_sent(sessim: SesSim, sesv2: Any) -> None:
    _enable(sesv2)
    sessim.route("angry@example.net", complaint())
    for to in ("a@example.net", "angry@example.net"):
        sesv2.send_email(
            FromEmailAddress="news@example.com",
            Destination={"ToAddresses": [to]},
            Content=simple("Spring sale"),
        )

    (campaign,) = sesv2.list_domain_deliverability_campaigns(
        SubscribedDomain="example.com", StartDate=NOW, EndDate=NOW + timedelta(days=1)
    )["DomainDeliverabilityCampaigns"]
    assert campaign["Subject"] == "Spring sale"
    assert campaign["FromAddress"] == "news@example.com"
    assert (campaign["InboxCount"], campaign["SpamCount"], campaign["ProjectedVolume"]) == (2, 1, 2)
    assert campaign["FirstSeenDateTime"] == NOW
    again = sesv2.get_domain_deliverability_campaign(CampaignId=campaign["CampaignId"])
    assert again["DomainDeliverabilityCampaign"] == campaign
    assert (
        refused(
            lambda: sesv2.list_domain_deliverability_campaigns(
                SubscribedDomain="other.example", StartDate=NOW, EndDate=NOW
            )
        )[1]
        == "Domain <other.example> is not subscribed to the Deliverability dashboard."
    )
