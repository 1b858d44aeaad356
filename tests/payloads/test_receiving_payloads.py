"""Receipt notifications and Lambda events against the developer guide's examples,
key for key (tests/payloads/receiving, see its PROVENANCE.md)."""

from __future__ import annotations

import base64
import json
import re
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import boto3
import moto  # noqa: F401  (registers moto's botocore handler before the clients exist)
import pytest
from shape import TIMESTAMP, differences

from pytest_sessim import SesSim

EXAMPLES = Path(__file__).parent / "receiving"
REGION, ACCOUNT = "us-east-1", "123456789012"
FUNCTION = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:IncomingEmail"
FORMATS = {"timestamp": TIMESTAMP}
RECEIVED_ID = re.compile(r"^[0-9a-v]{40}$")

pytestmark = pytest.mark.sessim(verified=["example.com"], seed=8)


def example(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text())


def _client(service: str) -> Any:
    return boto3.client(
        service, region_name=REGION, aws_access_key_id="testing", aws_secret_access_key="testing"
    )


@pytest.fixture(scope="module")
def clients() -> dict[str, Any]:
    return {name: _client(name) for name in ("s3", "sns", "sqs")}


def example_mail() -> EmailMessage:
    """A mail with the headers of the guide's examples."""
    message = EmailMessage()
    message["From"] = "sender@example.net"
    message["To"] = "recipient@example.com"
    message["Subject"] = "Example subject"
    message["Date"] = "Fri, 11 Sep 2015 20:32:32 +0000"
    message["Message-ID"] = "<61967230-7A45-4A9D-BEC9-87CBCF2211C9@example.net>"
    message.set_content("Example content")
    return message


@pytest.fixture
def received(sessim: SesSim, ses: Any, clients: dict[str, Any]) -> dict[str, Any]:
    """One mail through a rule with an S3, an SNS (Base64) and a Lambda action, each
    notifying a topic: the published and handed-on JSON by action type."""
    s3, sns = clients["s3"], clients["sns"]
    s3.create_bucket(Bucket="my-s3-bucket")
    s3.put_bucket_policy(
        Bucket="my-s3-bucket",
        Policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "ses.amazonaws.com"},
                        "Action": "s3:PutObject",
                        "Resource": "arn:aws:s3:::my-s3-bucket/*",
                    }
                ]
            }
        ),
    )
    topic = sns.create_topic(Name="example-topic")["TopicArn"]
    sessim.register_lambda(FUNCTION, lambda event, context: None)
    ses.create_receipt_rule_set(RuleSetName="examples")
    ses.create_receipt_rule(
        RuleSetName="examples",
        Rule={
            "Name": "all",
            "Enabled": True,
            "ScanEnabled": True,
            "Actions": [
                {"S3Action": {"BucketName": "my-s3-bucket", "TopicArn": topic}},
                {"SNSAction": {"TopicArn": topic, "Encoding": "Base64"}},
                {"LambdaAction": {"FunctionArn": FUNCTION}},
            ],
        },
    )
    ses.set_active_receipt_rule_set(RuleSetName="examples")
    mail = sessim.receive(example_mail(), verdicts={"dkim": "GRAY", "dmarc": "GRAY"})
    s3_action, sns_action, lambda_action = mail.actions
    return {
        "mail": mail,
        "S3": s3_action.notification,
        "SNS": sns_action.notification,
        "Lambda": lambda_action.event,
        "published": [json.loads(item.message) for item in sessim.notifications],
    }


def test_an_sns_action_notification_has_the_2019_example_layout(received: dict[str, Any]) -> None:
    ours = received["SNS"]
    assert (
        differences(ours, example("sns_action_notification_2019_example.json"), formats=FORMATS)
        == []
    )
    assert RECEIVED_ID.match(ours["mail"]["messageId"])
    assert base64.b64decode(ours["content"]) == received["mail"].raw
    assert ours["receipt"]["action"]["encoding"] == "BASE64"


def test_a_lambda_event_has_the_example_layout(received: dict[str, Any]) -> None:
    ours = received["Lambda"]
    assert differences(ours, example("lambda_action_event_example.json"), formats=FORMATS) == []
    assert ours["Records"][0]["ses"]["receipt"]["action"] == {
        "type": "Lambda",
        "functionArn": FUNCTION,
        "invocationType": "Event",
    }


def _as_sent_since_2019(document: dict[str, Any]) -> dict[str, Any]:
    """A 2015 example as SES writes it since: ``mail`` before ``receipt``, a
    ``dmarcVerdict`` and, for S3, the ``objectKeyPrefix``."""
    receipt: dict[str, Any] = {}
    for key, value in document["receipt"].items():
        if key == "action" and value.get("type") == "S3":
            value = {**value}
            value = {k: v for k, v in value.items() if k != "objectKey"}
            value |= {
                "objectKeyPrefix": "",
                "objectKey": document["receipt"]["action"]["objectKey"],
            }
        receipt[key] = value
        if key == "dkimVerdict":
            receipt["dmarcVerdict"] = {"status": "PASS"}
    receipt["action"] = receipt.pop("action")
    reordered = {"notificationType": document["notificationType"], "mail": document["mail"]}
    reordered["receipt"] = receipt
    if "content" in document:
        reordered["content"] = document["content"]
    return reordered


def test_an_s3_alert_has_the_example_layout(received: dict[str, Any]) -> None:
    expected = _as_sent_since_2019(example("s3_action_alert_notification_example.json"))
    ours = received["S3"]
    assert differences(ours, expected, formats=FORMATS) == []
    assert ours["receipt"]["action"]["objectKey"] == received["mail"].message_id


def test_published_notifications_are_what_the_actions_show(received: dict[str, Any]) -> None:
    assert received["published"] == [received["S3"], received["SNS"]]
    assert "content" not in received["S3"]


def test_the_2015_sns_example_differs_only_as_sent_since(received: dict[str, Any]) -> None:
    expected = _as_sent_since_2019(example("sns_action_notification_example.json"))
    expected["receipt"]["action"]["encoding"] = "UTF8"  # (the 2015 example has no encoding)
    ours = json.loads(json.dumps(received["SNS"]))
    assert differences(ours, expected, formats=FORMATS) == []
