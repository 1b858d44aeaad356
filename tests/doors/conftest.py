"""Shared pieces for the door tests: SNS/SQS clients made once (moto imported first so
its handler reaches them) and a helper that wires an identity's notifications to a
queue."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import moto  # noqa: F401  (registers moto's botocore handler before the clients exist)
import pytest

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
SENDER = "sender@example.com"


@pytest.fixture(scope="session")
def sns() -> Any:
    return boto3.client("sns", region_name="us-east-1", **CREDENTIALS)


@pytest.fixture(scope="session")
def sqs() -> Any:
    return boto3.client("sqs", region_name="us-east-1", **CREDENTIALS)


@pytest.fixture
def bounce_queue(ses: Any, sns: Any, sqs: Any) -> Callable[[], list[dict[str, Any]]]:
    """Send ``example.com``'s Bounce notifications to an SQS queue (raw delivery);
    returns a function that reads the notifications waiting there."""
    import json

    topic = sns.create_topic(Name="bounces")["TopicArn"]
    url = sqs.create_queue(QueueName="bounces")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
    queue_arn = arn["Attributes"]["QueueArn"]
    sns.subscribe(
        TopicArn=topic,
        Protocol="sqs",
        Endpoint=queue_arn,
        Attributes={"RawMessageDelivery": "true"},
    )
    ses.set_identity_notification_topic(
        Identity="example.com", NotificationType="Bounce", SnsTopic=topic
    )
    ses.set_identity_headers_in_notifications_enabled(
        Identity="example.com", NotificationType="Bounce", Enabled=True
    )

    def read() -> list[dict[str, Any]]:
        reply = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
        return [json.loads(message["Body"]) for message in reply.get("Messages", [])]

    return read
