"""Export jobs: metrics and Message Insights from the record, in a file behind the
pre-signed URL GetExportJob returns (moto's S3)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
import pytest
import requests
from botocore.exceptions import ClientError

from pytest_sessim import SesSim, complaint, hard_bounce

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
DAY = datetime(2024, 5, 1, tzinfo=timezone.utc)
pytestmark = pytest.mark.sessim(verified=["example.com"], now=NOW)


@pytest.fixture
def sent(sessim: SesSim, sesv2: Any) -> list[str]:
    sessim.route("gone@gmail.com", hard_bounce())
    sessim.route("angry@yahoo.com", complaint())
    ids = []
    for to, subject in (
        ("gone@gmail.com", "Welcome"),
        ("angry@yahoo.com", "Sale"),
        ("ok@gmail.com", "Sale"),
    ):
        reply = sesv2.send_email(
            FromEmailAddress="shop@example.com",
            Destination={"ToAddresses": [to]},
            Content={"Simple": {"Subject": {"Data": subject}, "Body": {"Text": {"Data": "x"}}}},
        )
        ids.append(reply["MessageId"])
    return ids


def export(sesv2: Any, source: dict[str, Any], data_format: str) -> tuple[dict[str, Any], str]:
    job_id = sesv2.create_export_job(
        ExportDataSource=source, ExportDestination={"DataFormat": data_format}
    )["JobId"]
    job: dict[str, Any] = sesv2.get_export_job(JobId=job_id)
    return job, requests.get(job["ExportDestination"]["S3Url"], timeout=5).text


def test_metrics_export(sessim: SesSim, sesv2: Any, sent: list[str]) -> None:
    source = {
        "MetricsDataSource": {
            "Dimensions": {"ISP": ["*"]},
            "Namespace": "VDM",
            "Metrics": [
                {"Name": "SEND", "Aggregation": "VOLUME"},
                {"Name": "DELIVERY", "Aggregation": "RATE"},
            ],
            "StartDate": DAY,
            "EndDate": DAY + timedelta(days=1),
        }
    }
    job, text = export(sesv2, source, "CSV")
    assert (job["JobStatus"], job["ExportSourceType"]) == ("COMPLETED", "METRICS_DATA")
    assert job["CreatedTimestamp"] == job["CompletedTimestamp"] == NOW
    assert job["Statistics"] == {"ProcessedRecordsCount": 3, "ExportedRecordsCount": 2}
    assert list(csv.DictReader(io.StringIO(text))) == [
        {
            "timestamp": "2024-05-01T00:00:00.000Z",
            "isp": "Gmail",
            "sendVolume": "2",
            "deliveryRate": "0.5",
        },
        {
            "timestamp": "2024-05-01T00:00:00.000Z",
            "isp": "Yahoo",
            "sendVolume": "1",
            "deliveryRate": "1.0",
        },
    ]
    url = job["ExportDestination"]["S3Url"]
    assert url.startswith("https://ses-managed-files-us-east-1.s3.us-east-1.amazonaws.com/")
    assert "X-Amz-Expires=300&" in url and "X-Amz-Signature=" in url
    assert boto3.client("s3", region_name="us-east-1").list_buckets()["Buckets"] == []


def test_message_insights_export(sessim: SesSim, sesv2: Any, sent: list[str]) -> None:
    source = {
        "MessageInsightsDataSource": {
            "StartDate": DAY,
            "EndDate": DAY + timedelta(days=1),
            "Include": {"Subject": ["Sal*"]},
            "Exclude": {"LastDeliveryEvent": ["COMPLAINT"]},
        }
    }
    job, text = export(sesv2, source, "JSON")
    assert job["Statistics"] == {"ProcessedRecordsCount": 3, "ExportedRecordsCount": 1}
    assert [json.loads(line) for line in text.splitlines()] == [
        {
            "messageId": sent[2],
            "sendTimestamp": "2024-05-01T12:00:00.000Z",
            "fromEmailAddress": "shop@example.com",
            "subject": "Sale",
            "destination": "ok@gmail.com",
            "isp": "Gmail",
            "lastDeliveryEvent": "DELIVERY",
            "lastEngagementEvent": "",
        }
    ]
    job, text = export(
        sesv2,
        {"MessageInsightsDataSource": {"StartDate": DAY, "EndDate": NOW, "MaxResults": 1}},
        "CSV",
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["lastDeliveryEvent"] for row in rows] == ["PERMANENT_BOUNCE"]
    listed = sesv2.list_export_jobs(ExportSourceType="MESSAGE_INSIGHTS")["ExportJobs"]
    assert [item["JobId"] for item in listed] == [job["JobId"], listed[1]["JobId"]]


def refusal(call: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as caught:
        call()
    error = caught.value.response["Error"]
    return error["Code"], error["Message"]


def test_export_checks(sessim: SesSim, sesv2: Any) -> None:
    insights = {"MessageInsightsDataSource": {"StartDate": DAY, "EndDate": NOW}}
    assert refusal(
        lambda: sesv2.create_export_job(
            ExportDataSource=insights,
            ExportDestination={"DataFormat": "CSV", "S3Url": "s3://mine/export.csv"},
        )
    ) == (
        "BadRequestException",
        "S3Url must not be specified: SES writes the export file to a location that it "
        "manages and returns its URL in GetExportJob.",
    )
    metrics = {
        "Dimensions": {"ISP": ["*"], "EMAIL_IDENTITY": ["a.com", "b.com"]},
        "Namespace": "VDM",
        "Metrics": [{"Name": "SEND", "Aggregation": "VOLUME"}],
        "StartDate": DAY,
        "EndDate": NOW,
    }
    assert (
        refusal(
            lambda: sesv2.create_export_job(
                ExportDataSource={"MetricsDataSource": metrics},
                ExportDestination={"DataFormat": "CSV"},
            )
        )[1]
        == "When one dimension has the * value, the other dimensions can only contain one value."
    )
    assert refusal(
        lambda: sesv2.create_export_job(
            ExportDataSource={}, ExportDestination={"DataFormat": "CSV"}
        )
    )[1] == (
        "ExportDataSource must contain exactly one of MetricsDataSource or "
        "MessageInsightsDataSource."
    )
    job_id = sesv2.create_export_job(
        ExportDataSource=insights, ExportDestination={"DataFormat": "CSV"}
    )["JobId"]
    assert refusal(lambda: sesv2.cancel_export_job(JobId=job_id)) == (
        "BadRequestException",
        f"Export job {job_id} is COMPLETED and cannot be cancelled.",
    )
    assert refusal(lambda: sesv2.get_export_job(JobId="nope")) == (
        "NotFoundException",
        "Export job with id: nope doesn't exist.",
    )
