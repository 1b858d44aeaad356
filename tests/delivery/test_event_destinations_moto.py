"""Event publishing into moto's services, read back the way an application reads them:
an EventBridge rule's SQS target, a Firehose stream's S3 bucket, CloudWatch queries."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from delivery_helpers import ACCOUNT, BOUNCE, COMPLAINT, DEFAULT_BUS, REGION, SUCCESS, send

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(verified=["example.com"], seed=5)

ROLE = f"arn:aws:iam::{ACCOUNT}:role/ses-firehose"


def _destination(sesv2: Any, name: str, types: list[str], **target: Any) -> None:
    sesv2.create_configuration_set_event_destination(
        ConfigurationSetName="cs",
        EventDestinationName=name,
        EventDestination={"Enabled": True, "MatchingEventTypes": types, **target},
    )


@pytest.fixture
def configuration_set(sesv2: Any) -> str:
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    return "cs"


# EventBridge ----------------------------------------------------------------------
def test_eventbridge_rule_delivers_the_envelope_to_its_queue(
    sessim: SesSim,
    ses: Any,
    sesv2: Any,
    configuration_set: str,
    rule_queue: Callable[[str, dict[str, Any]], str],
    receive: Callable[[str], list[str]],
) -> None:
    bounces = rule_queue("ses-bounces", {"source": ["aws.ses"], "detail-type": ["Email Bounced"]})
    everything = rule_queue("ses-all", {"source": ["aws.ses"]})
    _destination(
        sesv2, "bus", ["SEND", "BOUNCE"], EventBridgeDestination={"EventBusArn": DEFAULT_BUS}
    )

    message_id = send(ses, BOUNCE, ConfigurationSetName=configuration_set)
    send(ses, COMPLAINT, ConfigurationSetName=configuration_set)  # Send only: no COMPLAINT

    [bounce_body] = receive(bounces)
    envelope = json.loads(bounce_body)
    recorded = [e for e in sessim.eventbridge_events if e.detail_type == "Email Bounced"]
    assert envelope == recorded[0].envelope
    assert bounce_body == json.dumps(recorded[0].envelope, separators=(",", ":"))
    assert envelope["source"] == "aws.ses" and envelope["account"] == ACCOUNT
    assert envelope["detail"]["eventType"] == "Bounce"
    assert envelope["detail"]["mail"]["messageId"] == message_id
    assert envelope["resources"] == [f"arn:aws:ses:{REGION}:{ACCOUNT}:configuration-set/cs"]

    types = [json.loads(body)["detail-type"] for body in receive(everything)]
    assert types == ["Email Sent", "Email Bounced", "Email Sent"]
    assert sessim.delivery_failures == []


def test_a_disabled_rule_gets_nothing(
    sessim: SesSim,
    ses: Any,
    sesv2: Any,
    events: Any,
    configuration_set: str,
    rule_queue: Callable[[str, dict[str, Any]], str],
    receive: Callable[[str], list[str]],
) -> None:
    queue = rule_queue("off", {"source": ["aws.ses"]})
    events.disable_rule(Name="off")
    _destination(sesv2, "bus", ["SEND"], EventBridgeDestination={"EventBusArn": DEFAULT_BUS})

    send(ses, SUCCESS, ConfigurationSetName=configuration_set)

    assert receive(queue) == []
    assert len(sessim.eventbridge_events) == 1


# Firehose -------------------------------------------------------------------------
def test_firehose_to_s3_holds_one_json_record_per_line(
    sessim: SesSim, ses: Any, sesv2: Any, s3: Any, firehose: Any, configuration_set: str
) -> None:
    s3.create_bucket(Bucket="ses-archive")
    stream = firehose.create_delivery_stream(
        DeliveryStreamName="ses-events",
        DeliveryStreamType="DirectPut",
        ExtendedS3DestinationConfiguration={
            "RoleARN": ROLE,
            "BucketARN": "arn:aws:s3:::ses-archive",
            "Prefix": "events/",
        },
    )["DeliveryStreamARN"]
    _destination(
        sesv2,
        "stream",
        ["SEND", "DELIVERY", "COMPLAINT"],
        KinesisFirehoseDestination={"DeliveryStreamArn": stream, "IamRoleArn": ROLE},
    )

    message_id = send(ses, COMPLAINT, ConfigurationSetName=configuration_set)

    keys = [item["Key"] for item in s3.list_objects_v2(Bucket="ses-archive")["Contents"]]
    assert all(key.startswith("events/") for key in keys)
    data = b"".join(s3.get_object(Bucket="ses-archive", Key=key)["Body"].read() for key in keys)
    assert data.endswith(b"\n")
    records = [json.loads(line) for line in data.decode().splitlines()]
    assert sorted(r["eventType"] for r in records) == ["Complaint", "Delivery", "Send"]
    assert {r["mail"]["messageId"] for r in records} == {message_id}
    assert [r.record for r in sessim.firehose_records] == [
        json.loads(line) for line in b"".join(r.data for r in sessim.firehose_records).splitlines()
    ]


def test_a_missing_stream_is_a_delivery_failure_not_a_send_error(
    sessim: SesSim, ses: Any, sesv2: Any, configuration_set: str
) -> None:
    missing = f"arn:aws:firehose:{REGION}:{ACCOUNT}:deliverystream/absent"
    _destination(
        sesv2,
        "stream",
        ["SEND"],
        KinesisFirehoseDestination={"DeliveryStreamArn": missing, "IamRoleArn": ROLE},
    )

    send(ses, SUCCESS, ConfigurationSetName=configuration_set)

    [failure] = sessim.delivery_failures
    assert failure.delivery == sessim.firehose_records[0]
    assert "absent" in failure.error


# CloudWatch -----------------------------------------------------------------------
def test_cloudwatch_metrics_are_queryable(
    sessim: SesSim, ses: Any, sesv2: Any, cloudwatch: Any, configuration_set: str
) -> None:
    _destination(
        sesv2,
        "metrics",
        ["SEND", "DELIVERY", "BOUNCE"],
        CloudWatchDestination={
            "DimensionConfigurations": [
                {
                    "DimensionName": "campaign",
                    "DimensionValueSource": "MESSAGE_TAG",
                    "DefaultDimensionValue": "none",
                }
            ]
        },
    )
    tags = [{"Name": "campaign", "Value": "spring"}]
    send(ses, SUCCESS, ConfigurationSetName=configuration_set, Tags=tags)
    send(ses, SUCCESS, ConfigurationSetName=configuration_set, Tags=tags)
    send(ses, BOUNCE, ConfigurationSetName=configuration_set)

    listed = cloudwatch.list_metrics(Namespace="AWS/SES")["Metrics"]
    assert {(m["MetricName"], m["Dimensions"][0]["Value"]) for m in listed} == {
        ("Send", "spring"),
        ("Delivery", "spring"),
        ("Send", "none"),
        ("Bounce", "none"),
    }
    now = sessim.clock.now()
    stats = cloudwatch.get_metric_statistics(
        Namespace="AWS/SES",
        MetricName="Delivery",
        Dimensions=[{"Name": "campaign", "Value": "spring"}],
        StartTime=now - timedelta(hours=1),
        EndTime=now + timedelta(hours=1),
        Period=3600,
        Statistics=["Sum"],
    )
    assert [point["Sum"] for point in stats["Datapoints"]] == [2.0]
    assert len(sessim.metrics) == 6


# without moto ---------------------------------------------------------------------
def test_without_moto_deliveries_are_recorded_only() -> None:
    start = datetime(2026, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
    with SesSim(moto=False, verified=["example.com"], now=start) as sim:
        engine = sim.engine
        engine.handle("sesv2", "CreateConfigurationSet", {"ConfigurationSetName": "cs"})
        engine.handle(
            "sesv2",
            "CreateConfigurationSetEventDestination",
            {
                "ConfigurationSetName": "cs",
                "EventDestinationName": "bus",
                "EventDestination": {
                    "Enabled": True,
                    "MatchingEventTypes": ["SEND"],
                    "EventBridgeDestination": {"EventBusArn": DEFAULT_BUS},
                },
            },
        )
        engine.handle(
            "ses",
            "SendEmail",
            {
                "Source": "sender@example.com",
                "Destination": {"ToAddresses": [SUCCESS]},
                "Message": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}},
                "ConfigurationSetName": "cs",
            },
        )
    [event] = sim.eventbridge_events
    assert event.envelope["time"] == "2026-05-06T07:08:09Z"
    assert sim.delivery_failures == []
