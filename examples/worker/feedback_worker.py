"""Consume SES identity notifications from an SQS queue subscribed to SNS topics.

The queue is subscribed to the topics set on the sending identity for Bounce and Complaint
notifications. Each SQS message body is SNS's envelope (a JSON document whose ``Message`` is
the SES JSON as a string) or, with raw message delivery on the subscription, the SES JSON
itself; ``ses_notification`` accepts both. A message is deleted once handled; one that fails
stays in the queue and comes back after its visibility timeout (or goes to a dead-letter
queue), as SQS intends.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)


@dataclass
class FeedbackStore:
    """What the application must know before mailing an address again."""

    suppressed: dict[str, str] = field(default_factory=dict)  # address -> "bounce"/"complaint"
    soft_bounces: Counter[str] = field(default_factory=Counter)
    handled: set[str] = field(default_factory=set)  # SES feedback ids: SQS may deliver twice

    def apply(self, notification: dict[str, Any]) -> None:
        kind = notification.get("notificationType") or notification.get("eventType")
        if kind == "Bounce":
            bounce = notification["bounce"]
            if not self._first_time(bounce["feedbackId"]):
                return
            for recipient in bounce["bouncedRecipients"]:
                address = recipient["emailAddress"].lower()
                if bounce["bounceType"] == "Permanent":
                    self.suppressed[address] = "bounce"
                else:  # Transient or Undetermined: mail again later
                    self.soft_bounces[address] += 1
        elif kind == "Complaint":
            complaint = notification["complaint"]
            if not self._first_time(complaint["feedbackId"]):
                return
            for recipient in complaint["complainedRecipients"]:
                self.suppressed[recipient["emailAddress"].lower()] = "complaint"
        # Anything else (Delivery, SES's AmazonSnsSubscriptionSucceeded) needs nothing here.

    def _first_time(self, feedback_id: str) -> bool:
        if feedback_id in self.handled:
            return False
        self.handled.add(feedback_id)
        return True


def ses_notification(body: str) -> dict[str, Any]:
    """The SES JSON inside an SQS message body (SNS envelope or raw delivery)."""
    document = json.loads(body)
    if isinstance(document, dict) and document.get("Type") == "Notification":
        document = json.loads(document["Message"])  # the SES JSON is a string in the envelope
    if not isinstance(document, dict):
        raise ValueError("not an SES notification")
    return document


def poll(sqs: Any, queue_url: str, store: FeedbackStore, *, wait_seconds: int = 20) -> int:
    """Receive one batch (long polling for up to ``wait_seconds``), apply and delete each
    message; returns how many messages were received."""
    reply = sqs.receive_message(
        QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=wait_seconds
    )
    messages = reply.get("Messages", [])
    done = []
    for message in messages:
        try:
            store.apply(ses_notification(message["Body"]))
        except (ValueError, KeyError):
            logger.exception("could not handle SQS message %s", message["MessageId"])
            continue
        done.append({"Id": message["MessageId"], "ReceiptHandle": message["ReceiptHandle"]})
    if done:
        sqs.delete_message_batch(QueueUrl=queue_url, Entries=done)
    return len(messages)


def run(
    sqs: Any,
    queue_url: str,
    store: FeedbackStore,
    *,
    stop: Callable[[], bool] = lambda: False,
    wait_seconds: int = 20,
) -> None:
    """Poll until ``stop()`` says so (a signal handler sets it in production)."""
    while not stop():
        poll(sqs, queue_url, store, wait_seconds=wait_seconds)
