"""Benchmark row: a send to bounce@ whose Bounce notification lands in an SQS queue.

The simulator (identity topic -> SNS -> SQS, signed envelope) against moto's own
SES-feedback path (moto publishes its canned bounce to the same kind of topic).
Both sides run under moto's mock_aws, so SNS and SQS are moto's in both.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
from moto import mock_aws

from pytest_sessim import SesSim

REGION = "us-east-1"
DOMAIN = "example.com"
BOUNCE = {
    "Source": f"sender@{DOMAIN}",
    "Destination": {"ToAddresses": ["bounce@simulator.amazonses.com"]},
    "Message": {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi"}}},
}


def _wire_bounce_topic(ses: Any) -> tuple[Any, str]:
    """A Bounce topic on the sender's domain with an SQS queue subscribed."""
    sns = boto3.client("sns", region_name=REGION)
    sqs = boto3.client("sqs", region_name=REGION)
    topic = sns.create_topic(Name="ses-bounces")["TopicArn"]
    queue = sqs.create_queue(QueueName="bounces")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn["QueueArn"])
    ses.set_identity_notification_topic(Identity=DOMAIN, NotificationType="Bounce", SnsTopic=topic)
    return sqs, queue


def _queued(sqs: Any, queue: str) -> int:
    attributes = sqs.get_queue_attributes(
        QueueUrl=queue, AttributeNames=["ApproximateNumberOfMessages"]
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"])


@contextmanager
def simulator_to_sqs(ses: Any) -> Iterator[None]:
    with mock_aws(), SesSim(verified=[DOMAIN], seed=1234) as sim:
        sqs, queue = _wire_bounce_topic(ses)
        yield
        if not sim.notifications or _queued(sqs, queue) < 2:
            raise RuntimeError("the simulator's bounces did not reach the queue")


@contextmanager
def moto_to_sqs(ses: Any) -> Iterator[None]:
    with mock_aws():
        ses.verify_domain_identity(Domain=DOMAIN)
        sqs, queue = _wire_bounce_topic(ses)
        yield
        if _queued(sqs, queue) < 1:
            raise RuntimeError("moto's feedback did not reach the queue")


def send_bounce(ses: Any) -> None:
    ses.send_email(**BOUNCE)
