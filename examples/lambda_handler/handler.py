"""A Lambda function subscribed to the SNS topics SES publishes bounces and complaints to.

Lambda invokes it with an SNS event: ``{"Records": [{"EventSource": "aws:sns", "Sns":
{...}}]}``, where ``Sns`` is the SNS message in Lambda's spelling (``SigningCertUrl``,
``UnsubscribeUrl``, ``"Subject": null`` when there is none, ``"MessageAttributes": {}``)
and ``Sns.Message`` is the SES JSON as a string. SNS invokes the function itself, so there
is no signature to check and no subscription to confirm.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger()
logger.setLevel(logging.INFO)


@dataclass
class SuppressionList:
    """Stands in for where the function writes (a DynamoDB table, your database, ...)."""

    entries: dict[str, str] = field(default_factory=dict)  # address -> reason

    def add(self, address: str, reason: str) -> None:
        self.entries[address.lower()] = reason


suppression_list = SuppressionList()


def handler(event: dict[str, Any], context: Any) -> dict[str, list[str]]:
    """Suppress hard-bounced and complaining recipients; returns what it did (for the log)."""
    suppressed: list[str] = []
    for record in event["Records"]:
        notification = json.loads(record["Sns"]["Message"])
        kind = notification.get("notificationType") or notification.get("eventType")
        if kind == "Bounce" and notification["bounce"]["bounceType"] == "Permanent":
            addresses = [r["emailAddress"] for r in notification["bounce"]["bouncedRecipients"]]
            reason = "bounce"
        elif kind == "Complaint":
            complaint = notification["complaint"]
            addresses = [r["emailAddress"] for r in complaint["complainedRecipients"]]
            reason = "complaint"
        else:  # Delivery, a soft bounce, SES's AmazonSnsSubscriptionSucceeded, ...
            logger.info("ignored %s for %s", kind, notification.get("mail", {}).get("messageId"))
            continue
        for address in addresses:
            suppression_list.add(address, reason)
            suppressed.append(address)
    return {"suppressed": suppressed}
