"""What the console would show: a mix of outcomes, counted from the record by
GetSendStatistics, BatchGetMetricData, GetMessageInsights and the domain report."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pytest_sessim import Outcome, SesSim, clicked, complaint, delivered, hard_bounce, opened
from pytest_sessim.engine.mail.scanning import EICAR

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
DAY = datetime(2024, 5, 1, tzinfo=timezone.utc)
pytestmark = pytest.mark.sessim(moto=False, verified=["example.com"], now=NOW)
HTML = '<p>Hello</p><a href="https://shop.example/">Shop</a>'
METRICS = (
    "SEND",
    "DELIVERY",
    "PERMANENT_BOUNCE",
    "TRANSIENT_BOUNCE",
    "COMPLAINT",
    "OPEN",
    "CLICK",
    "DELIVERY_OPEN",
    "DELIVERY_CLICK",
    "DELIVERY_COMPLAINT",
)


def send(sesv2: Any, *to: str, html: str = HTML, **extra: Any) -> str:
    reply = sesv2.send_email(
        FromEmailAddress="shop@example.com",
        Destination={"ToAddresses": list(to)},
        Content={"Simple": {"Subject": {"Data": "Sale"}, "Body": {"Html": {"Data": html}}}},
        **extra,
    )
    message_id: str = reply["MessageId"]
    return message_id


@pytest.fixture
def mix(sessim: SesSim, sesv2: Any) -> dict[str, str]:
    """One message per outcome, each to one recipient, with a configuration set."""
    sessim.route("gone@gmail.com", hard_bounce("NoEmail"))
    sessim.route("angry@yahoo.com", complaint())
    sessim.route("reader@gmail.com", delivered() + opened() + clicked("https://shop.example/"))
    sesv2.create_configuration_set(ConfigurationSetName="promo")
    sent = {
        to: send(sesv2, to, ConfigurationSetName="promo")
        for to in ("gone@gmail.com", "angry@yahoo.com", "reader@gmail.com", "fine@example.org")
    }
    sent["simulator"] = send(sesv2, Outcome.BOUNCE.address, ConfigurationSetName="promo")
    sent["pair"] = send(sesv2, "a@example.org", "b@example.org")  # two recipients
    sessim.clock.advance(timedelta(hours=1))
    return sent


def metric(sesv2: Any, name: str, **dimensions: str) -> list[int]:
    query = {
        "Id": name.lower(),
        "Namespace": "VDM",
        "Metric": name,
        "StartDate": DAY,
        "EndDate": DAY + timedelta(days=1),
    }
    if dimensions:
        query["Dimensions"] = dimensions
    [result] = sesv2.batch_get_metric_data(Queries=[query])["Results"]
    assert result["Timestamps"] == [DAY]
    values: list[int] = result["Values"]
    return values


def test_vdm_counts_one_recipient_mail_not_the_simulator(
    sessim: SesSim, sesv2: Any, mix: dict[str, str]
) -> None:
    counts = {name: metric(sesv2, name)[0] for name in METRICS}
    assert counts == {
        "SEND": 4,
        "DELIVERY": 3,
        "PERMANENT_BOUNCE": 1,
        "TRANSIENT_BOUNCE": 0,
        "COMPLAINT": 1,
        "OPEN": 1,
        "CLICK": 1,
        "DELIVERY_OPEN": 3,
        "DELIVERY_CLICK": 3,
        "DELIVERY_COMPLAINT": 1,  # Yahoo has a feedback loop, Gmail and others do not
    }
    assert metric(sesv2, "SEND", ISP="Gmail") == [2]
    assert metric(sesv2, "DELIVERY", EMAIL_IDENTITY="example.com", CONFIGURATION_SET="promo") == [3]
    assert metric(sesv2, "SEND", CONFIGURATION_SET="other") == [0]


def test_a_batch_answers_each_query_with_daily_points(
    sessim: SesSim, sesv2: Any, mix: dict[str, str]
) -> None:
    queries = [
        {
            "Id": "week",
            "Namespace": "VDM",
            "Metric": "SEND",
            "StartDate": DAY - timedelta(days=2),
            "EndDate": DAY + timedelta(days=1),
        },
        {"Id": "none", "Namespace": "VDM", "Metric": "OPEN", "StartDate": DAY, "EndDate": NOW},
    ]
    results = sesv2.batch_get_metric_data(Queries=queries)
    assert results["Errors"] == []
    week, none = results["Results"]
    assert week["Timestamps"] == [DAY - timedelta(days=2), DAY - timedelta(days=1), DAY]
    assert week["Values"] == [0, 0, 4]
    assert (none["Id"], none["Values"]) == ("none", [0])  # opens come after NOW


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"Namespace": "CW"}, "Value at 'queries.1.member.namespace' failed to satisfy constraint"),
        ({"Metric": "READ"}, "Value at 'queries.1.member.metric' failed to satisfy constraint"),
        ({"EndDate": DAY}, "The StartDate must be earlier than the EndDate."),
        (
            {
                "Dimensions": {
                    "EMAIL_IDENTITY": "a",
                    "ISP": "b",
                    "CONFIGURATION_SET": "c",
                    "TENANT_NAME": "d",
                }
            },
            "Member must have length less than or equal to 3",
        ),
    ],
)
def test_metric_query_checks(
    sessim: SesSim, sesv2: Any, change: dict[str, Any], message: str
) -> None:
    query = {"Id": "q", "Namespace": "VDM", "Metric": "SEND", "StartDate": DAY, "EndDate": NOW}
    with pytest.raises(ClientError) as refused:
        sesv2.batch_get_metric_data(Queries=[{**query, **change}])
    assert refused.value.response["Error"]["Code"] == "BadRequestException"
    assert message in refused.value.response["Error"]["Message"]


def test_send_statistics_in_fifteen_minute_points(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    sessim.route("gone@example.org", hard_bounce())
    sessim.route("angry@example.org", complaint())
    send(sesv2, "gone@example.org", "angry@example.org", "fine@example.org")
    send(sesv2, "fine@example.org", html=EICAR.decode())  # rejected: no delivery attempt
    sessim.clock.advance(timedelta(minutes=20))
    send(sesv2, "fine@example.org")
    points = ses.get_send_statistics()["SendDataPoints"]
    assert [
        (p["Timestamp"], p["DeliveryAttempts"], p["Bounces"], p["Complaints"], p["Rejects"])
        for p in points
    ] == [
        (NOW, 3, 1, 1, 1),
        (NOW + timedelta(minutes=15), 1, 0, 0, 0),
    ]
    sessim.clock.advance(timedelta(days=14))
    assert ses.get_send_statistics()["SendDataPoints"] == []


def test_statistics_and_metrics_are_per_region(sessim: SesSim, sesv2: Any) -> None:
    ireland = boto3.client("sesv2", region_name="eu-west-1")
    sessim.verify("example.com", region="eu-west-1")
    send(ireland, "fine@example.org")
    assert metric(sesv2, "SEND") == [0]
    assert metric(ireland, "SEND") == [1]
    assert (
        boto3.client("ses", region_name="us-east-1").get_send_statistics()["SendDataPoints"] == []
    )


def test_message_insights(sessim: SesSim, sesv2: Any, mix: dict[str, str]) -> None:
    found = sesv2.get_message_insights(MessageId=mix["gone@gmail.com"])
    assert (found["FromEmailAddress"], found["Subject"]) == ("shop@example.com", "Sale")
    assert {"Name": "ses:configuration-set", "Value": "promo"} in found["EmailTags"]
    [insight] = found["Insights"]
    assert (insight["Destination"], insight["Isp"]) == ("gone@gmail.com", "Gmail")
    assert [event["Type"] for event in insight["Events"]] == ["SEND", "BOUNCE"]
    bounce = insight["Events"][1]["Details"]["Bounce"]
    assert (bounce["BounceType"], bounce["BounceSubType"]) == ("PERMANENT", "NoEmail")
    angry = sesv2.get_message_insights(MessageId=mix["angry@yahoo.com"])["Insights"][0]
    assert [event["Type"] for event in angry["Events"]] == ["SEND", "DELIVERY", "COMPLAINT"]
    assert angry["Events"][2]["Details"] == {"Complaint": {"ComplaintFeedbackType": "abuse"}}
    pair = sesv2.get_message_insights(MessageId=mix["pair"])["Insights"]
    assert [(i["Destination"], len(i["Events"])) for i in pair] == [
        ("a@example.org", 2),
        ("b@example.org", 2),
    ]
    with pytest.raises(ClientError) as missing:
        sesv2.get_message_insights(MessageId="nope")
    assert missing.value.response["Error"]["Message"] == "Message with id: nope doesn't exist."
    assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_domain_statistics_report(sessim: SesSim, sesv2: Any, mix: dict[str, str]) -> None:
    report = sesv2.get_domain_statistics_report(
        Domain="example.com", StartDate=DAY, EndDate=DAY + timedelta(days=1)
    )
    overall = report["OverallVolume"]
    assert overall["VolumeStatistics"] == {
        "InboxRawCount": 4,  # reader, fine, a, b
        "SpamRawCount": 1,  # angry
        "ProjectedInbox": 4,
        "ProjectedSpam": 1,
    }
    assert overall["ReadRatePercent"] == 20.0
    assert [(p["IspName"], p["InboxPercentage"]) for p in overall["DomainIspPlacements"]] == [
        ("Gmail", 100.0),
        ("Other", 100.0),
        ("Yahoo", 0.0),
    ]
    assert [day["StartDate"] for day in report["DailyVolumes"]] == [DAY, DAY + timedelta(days=1)]
    with pytest.raises(ClientError) as too_long:
        sesv2.get_domain_statistics_report(
            Domain="example.com", StartDate=DAY, EndDate=DAY + timedelta(days=31)
        )
    assert too_long.value.response["Error"]["Message"] == (
        "The EndDate must be less than or equal to 30 days after the StartDate."
    )
