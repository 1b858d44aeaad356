"""Shared pieces of the receiving tests: the account, SES's bucket policy, topics
subscribed by queues, rule sets, and inbound mail."""

from __future__ import annotations

import json
from email.message import EmailMessage
from typing import Any

REGION = "us-east-1"
ACCOUNT = "123456789012"
DOMAIN = "example.com"
FUNCTION = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:inbound"
BUCKET = "inbound-mail"


def ses_bucket_policy(bucket: str, **condition: str) -> str:
    """The bucket policy SES's guide gives for receipt rules that write to S3."""
    statement: dict[str, Any] = {
        "Sid": "AllowSESPuts",
        "Effect": "Allow",
        "Principal": {"Service": "ses.amazonaws.com"},
        "Action": "s3:PutObject",
        "Resource": f"arn:aws:s3:::{bucket}/*",
    }
    if condition:
        statement["Condition"] = {"StringEquals": condition}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def make_bucket(s3: Any, name: str = BUCKET, *, policy: bool = True) -> str:
    s3.create_bucket(Bucket=name)
    if policy:
        s3.put_bucket_policy(Bucket=name, Policy=ses_bucket_policy(name))
    return name


def make_topic(sns: Any, sqs: Any, name: str = "inbound") -> tuple[str, str]:
    """A topic with a queue subscribed to it: (topic ARN, queue URL)."""
    topic = sns.create_topic(Name=name)["TopicArn"]
    url = sqs.create_queue(QueueName=f"{name}-queue")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn["Attributes"]["QueueArn"])
    return topic, url


def drain(sqs: Any, url: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every (SNS envelope, SES JSON) waiting in a queue."""
    found = []
    while True:
        reply = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
        messages = reply.get("Messages", [])
        if not messages:
            return found
        for message in messages:
            envelope = json.loads(message["Body"])
            found.append((envelope, json.loads(envelope["Message"])))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])


def rule(name: str, *actions: dict[str, Any], **settings: Any) -> dict[str, Any]:
    return {"Name": name, "Enabled": True, "Actions": list(actions), **settings}


def active_rule_set(ses: Any, *rules: dict[str, Any], name: str = "inbound") -> str:
    """A rule set holding ``rules`` in the given order, made the active one."""
    ses.create_receipt_rule_set(RuleSetName=name)
    after = None
    for item in rules:
        extra = {"After": after} if after else {}
        ses.create_receipt_rule(RuleSetName=name, Rule=item, **extra)
        after = item["Name"]
    ses.set_active_receipt_rule_set(RuleSetName=name)
    return name


def mail(
    to: str = f"support@{DOMAIN}",
    *,
    sender: str = "Jane Doe <jane@customer.example>",
    subject: str = "Where is my order?",
    body: str = "Hello, my order has not arrived.",
    **headers: str,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = "<reply-1@customer.example>"
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message
