"""Shared pieces for the delivery tests: boto3 SNS/SQS clients made once per session
(moto must be imported first, so that its handler reaches them), and small helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import moto  # noqa: F401  (registers moto's botocore handler before the clients exist)
import pytest

_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@pytest.fixture(scope="session")
def sns() -> Any:
    return boto3.client("sns", region_name="us-east-1", **_CREDENTIALS)


@pytest.fixture(scope="session")
def sqs() -> Any:
    return boto3.client("sqs", region_name="us-east-1", **_CREDENTIALS)


@pytest.fixture
def make_queue(sqs: Any) -> Callable[[str], tuple[str, str]]:
    """Create an SQS queue in moto; returns (queue URL, queue ARN)."""

    def make(name: str) -> tuple[str, str]:
        url = sqs.create_queue(QueueName=name)["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
        return url, arn["Attributes"]["QueueArn"]

    return make


@pytest.fixture
def receive(sqs: Any) -> Callable[[str], list[str]]:
    """Every message body waiting in a queue."""

    def bodies(url: str) -> list[str]:
        reply = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
        return [message["Body"] for message in reply.get("Messages", [])]

    return bodies
