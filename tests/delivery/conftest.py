"""Clients and helpers for the notification and event-publishing tests.

boto3 clients are made once per session, after moto is imported (its botocore
handler must exist before a client does); every test runs under the ``sessim``
fixture, which starts a fresh moto ``mock_aws`` for it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import boto3
import moto  # noqa: F401  (registers moto's botocore handler before the clients exist)
import pytest
from delivery_helpers import REGION

_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def _client(service: str) -> Any:
    return boto3.client(service, region_name=REGION, **_CREDENTIALS)


@pytest.fixture(scope="session")
def sns() -> Any:
    return _client("sns")


@pytest.fixture(scope="session")
def sqs() -> Any:
    return _client("sqs")


@pytest.fixture(scope="session")
def events() -> Any:
    return _client("events")


@pytest.fixture(scope="session")
def firehose() -> Any:
    return _client("firehose")


@pytest.fixture(scope="session")
def s3() -> Any:
    return _client("s3")


@pytest.fixture(scope="session")
def cloudwatch() -> Any:
    return _client("cloudwatch")


@pytest.fixture
def make_queue(sqs: Any) -> Callable[[str], tuple[str, str]]:
    """Create an SQS queue; returns (queue URL, queue ARN)."""

    def make(name: str) -> tuple[str, str]:
        url = sqs.create_queue(QueueName=name)["QueueUrl"]
        attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
        return url, attributes["Attributes"]["QueueArn"]

    return make


@pytest.fixture
def receive(sqs: Any) -> Callable[[str], list[str]]:
    """Every message body waiting in a queue, in order."""

    def bodies(url: str) -> list[str]:
        found: list[str] = []
        while True:
            reply = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
            messages = reply.get("Messages", [])
            if not messages:
                return found
            found.extend(message["Body"] for message in messages)

    return bodies


@pytest.fixture
def topic_queue(
    sns: Any, make_queue: Callable[[str], tuple[str, str]]
) -> Callable[[str], tuple[str, str]]:
    """An SNS topic with an SQS queue subscribed; returns (topic ARN, queue URL)."""

    def make(name: str) -> tuple[str, str]:
        topic = sns.create_topic(Name=name)["TopicArn"]
        url, arn = make_queue(f"{name}-queue")
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
        return topic, url

    return make


@pytest.fixture
def rule_queue(
    events: Any, make_queue: Callable[[str], tuple[str, str]]
) -> Callable[[str, dict[str, Any]], str]:
    """An EventBridge rule on the default bus with an SQS target; returns the queue URL."""

    def make(name: str, pattern: dict[str, Any]) -> str:
        url, arn = make_queue(f"{name}-queue")
        events.put_rule(Name=name, EventPattern=json.dumps(pattern))
        events.put_targets(Rule=name, Targets=[{"Id": "queue", "Arn": arn}])
        return url

    return make
