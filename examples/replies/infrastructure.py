"""The AWS side of receiving replies: SES stores each reply in S3 and notifies a queue.

Replies go to ``reply+<order>@replies.<shop domain>``. A receipt rule for that domain
writes each mail to the bucket under ``replies/`` and publishes SES's notification (which
names the object) to a topic; an SQS queue subscribed to the topic feeds the worker.
Run once per environment (here: per test).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

RULE_SET = "shop-inbound"
RULE = "store-replies"
PREFIX = "replies/"


@dataclass(frozen=True)
class Inbound:
    domain: str
    bucket: str
    topic_arn: str
    queue_url: str


def bucket_policy(bucket: str, account: str, region: str) -> str:
    """Lets SES, acting for the receipt rule, write the mail into the bucket."""
    rule_arn = f"arn:aws:ses:{region}:{account}:receipt-rule-set/{RULE_SET}:receipt-rule/{RULE}"
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "AllowSESPuts",
                    "Effect": "Allow",
                    "Principal": {"Service": "ses.amazonaws.com"},
                    "Action": "s3:PutObject",
                    "Resource": f"arn:aws:s3:::{bucket}/*",
                    "Condition": {
                        "StringEquals": {"AWS:SourceAccount": account, "AWS:SourceArn": rule_arn}
                    },
                }
            ],
        }
    )


def set_up(
    ses: Any, s3: Any, sns: Any, sqs: Any, *, domain: str, bucket: str, account: str
) -> Inbound:
    region = ses.meta.region_name
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_policy(Bucket=bucket, Policy=bucket_policy(bucket, account, region))
    topic = sns.create_topic(Name="shop-replies")["TopicArn"]
    queue_url = sqs.create_queue(QueueName="shop-replies")["QueueUrl"]
    queue = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue["Attributes"]["QueueArn"])

    ses.create_receipt_rule_set(RuleSetName=RULE_SET)
    ses.create_receipt_rule(
        RuleSetName=RULE_SET,
        Rule={
            "Name": RULE,
            "Enabled": True,
            "ScanEnabled": True,  # spam and virus verdicts for the worker's quarantine
            "TlsPolicy": "Require",
            "Recipients": [domain],
            "Actions": [
                {"S3Action": {"BucketName": bucket, "ObjectKeyPrefix": PREFIX, "TopicArn": topic}}
            ],
        },
    )
    ses.set_active_receipt_rule_set(RuleSetName=RULE_SET)
    return Inbound(domain, bucket, topic, queue_url)
