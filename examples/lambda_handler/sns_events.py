"""Build the event Lambda hands a function subscribed to an SNS topic, from what the
simulator published (``sessim.notifications``).

Lambda's record differs from what HTTP and SQS subscribers get: ``SigningCertUrl`` and
``UnsubscribeUrl`` are spelled with a lower-case "rl", ``Subject`` is ``null`` when the
message has none, and ``MessageAttributes`` is always present (``{}`` for SES).
"""

from __future__ import annotations

from typing import Any

from pytest_sessim import Publication  # what sessim.notifications holds


def sns_event(publication: Publication, subscription_arn: str | None = None) -> dict[str, Any]:
    """The ``{"Records": [...]}`` event of one publication, as delivered to the Lambda
    subscription ``subscription_arn`` (default: the topic's lambda subscription that the
    publication went to)."""
    if subscription_arn is None:
        subscription_arn = next(
            (d.subscription_arn for d in publication.deliveries if d.protocol == "lambda"),
            None,
        )
    if subscription_arn is None:
        raise ValueError(f"{publication.message_id} did not go to a lambda subscription")
    envelope = publication.envelope
    unsubscribe = envelope["UnsubscribeURL"].split("SubscriptionArn=")[0]
    message = {
        "Type": envelope["Type"],
        "MessageId": envelope["MessageId"],
        "TopicArn": envelope["TopicArn"],
        "Subject": envelope.get("Subject"),
        "Message": envelope["Message"],
        "Timestamp": envelope["Timestamp"],
        "SignatureVersion": envelope["SignatureVersion"],
        "Signature": envelope["Signature"],
        "SigningCertUrl": envelope["SigningCertURL"],
        "UnsubscribeUrl": f"{unsubscribe}SubscriptionArn={subscription_arn}",
        "MessageAttributes": {},
    }
    record = {
        "EventSource": "aws:sns",
        "EventVersion": "1.0",
        "EventSubscriptionArn": subscription_arn,
        "Sns": message,
    }
    return {"Records": [record]}
