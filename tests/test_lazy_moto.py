"""moto starts only when something needs it: a call to another AWS service, or a delivery
to SNS, EventBridge, Firehose or CloudWatch; never for a test that uses SES alone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pytest_sessim import Outcome, SesSim
from pytest_sessim.moto_adapter import mock_active as moto_active

MAIL = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}
REGION = "us-east-1"
TOPIC = "arn:aws:sns:us-east-1:123456789012:never-created"


def send(client: Any, to: str = Outcome.SUCCESS.address, **extra: Any) -> str:
    reply = client.send_email(
        Source="a@example.com", Destination={"ToAddresses": [to]}, Message=MAIL, **extra
    )
    message_id: str = reply["MessageId"]
    return message_id


@pytest.mark.sessim(verified=["example.com"])
def test_a_test_that_uses_ses_alone_never_starts_moto(sessim: SesSim) -> None:
    ses = boto3.client("ses", region_name=REGION)
    sesv2 = boto3.client("sesv2", region_name=REGION)
    send(ses, Outcome.BOUNCE.address)
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    with pytest.raises(ClientError) as refused:  # no topic can exist in a moto not started
        sesv2.create_configuration_set_event_destination(
            ConfigurationSetName="cs",
            EventDestinationName="sns",
            EventDestination={
                "Enabled": True,
                "MatchingEventTypes": ["BOUNCE"],
                "SnsDestination": {"TopicArn": TOPIC},
            },
        )
    assert refused.value.response["Error"]["Message"] == f"SNS topic <{TOPIC}> not found."
    assert ses.list_identities()["Identities"] == ["example.com"]
    assert not moto_active()
    assert sessim.bounces


def test_the_same_topic_check_once_moto_runs() -> None:
    with SesSim(verified=["example.com"]) as sim:
        assert sim.ensure_moto()
        sesv2 = boto3.client("sesv2", region_name=REGION)
        sesv2.create_configuration_set(ConfigurationSetName="cs")
        with pytest.raises(ClientError) as refused:
            sesv2.create_configuration_set_event_destination(
                ConfigurationSetName="cs",
                EventDestinationName="sns",
                EventDestination={"SnsDestination": {"TopicArn": TOPIC}},
            )
    assert refused.value.response["Error"]["Message"] == f"SNS topic <{TOPIC}> not found."


def test_a_call_to_another_service_starts_moto_which_stops_with_the_simulator() -> None:
    with SesSim(verified=["example.com"]) as sim:
        sqs = boto3.client("sqs", region_name=REGION)  # made before moto started
        assert not moto_active()
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        assert moto_active()
        assert sqs.list_queues()["QueueUrls"] == [url]
        send(boto3.client("ses", region_name=REGION))
        assert len(sim.outbox) == 1
    assert not moto_active()


def test_a_client_without_motos_own_handler_is_answered_too() -> None:
    from moto.core.models import botocore_stubber

    with SesSim():
        sns = boto3.client("sns", region_name=REGION)
        sns.meta.events.unregister("before-send", botocore_stubber)
        assert sns.create_topic(Name="t")["TopicArn"].endswith(":t")


def test_an_sns_topic_on_an_identity_starts_moto_for_its_notifications() -> None:
    with SesSim(verified=["example.com"]) as sim:
        ses = boto3.client("ses", region_name=REGION)
        ses.set_identity_notification_topic(
            Identity="example.com", NotificationType="Bounce", SnsTopic=TOPIC
        )
        assert moto_active()  # SES publishes its test message to the topic
        message_id = send(ses, Outcome.BOUNCE.address)
    bounce = sim.notification_for(message_id, "Bounce")
    assert bounce.error == f"topic {TOPIC} does not exist in moto's SNS"


def test_a_cloudwatch_destination_starts_moto_at_the_first_metric() -> None:
    with SesSim(verified=["example.com"]) as sim:
        sesv2 = boto3.client("sesv2", region_name=REGION)
        sesv2.create_configuration_set(ConfigurationSetName="cs")
        sesv2.create_configuration_set_event_destination(
            ConfigurationSetName="cs",
            EventDestinationName="metrics",
            EventDestination={
                "Enabled": True,
                "MatchingEventTypes": ["SEND"],
                "CloudWatchDestination": {
                    "DimensionConfigurations": [
                        {
                            "DimensionName": "campaign",
                            "DimensionValueSource": "MESSAGE_TAG",
                            "DefaultDimensionValue": "none",
                        }
                    ]
                },
            },
        )
        assert not moto_active()
        send(boto3.client("ses", region_name=REGION), ConfigurationSetName="cs")
        assert moto_active()
        cloudwatch = boto3.client("cloudwatch", region_name=REGION)
        now = sim.clock.now()
        stats = cloudwatch.get_metric_statistics(
            Namespace="AWS/SES",
            MetricName="Send",
            Dimensions=[{"Name": "campaign", "Value": "none"}],
            StartTime=now - timedelta(hours=1),
            EndTime=now + timedelta(hours=1),
            Period=3600,
            Statistics=["Sum"],
        )
        assert [point["Sum"] for point in stats["Datapoints"]] == [1.0]


def test_moto_false_never_starts_moto() -> None:
    with SesSim(moto=False) as sim:
        assert not sim.ensure_moto()
    assert not moto_active()
