"""Turn customers' replies into notes on their orders.

The worker long-polls the queue SES notifies. Each message is SNS's envelope around
SES's receipt notification, which says where the mail is (``receipt.action.bucketName``
and ``objectKey``) and what SES found (the spam and virus verdicts). The worker reads the
mail from S3, finds the order in the address it was sent to (``reply+<order>@...``),
keeps the new text (not the quoted message below it), and deletes the SQS message.
Mail sent automatically (an empty envelope sender, as bounces and out-of-office replies
have, or an ``Auto-Submitted`` header) and mail that failed SES's scans are set aside.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from email.utils import parseaddr
from typing import Any

logger = logging.getLogger(__name__)
ORDER_ADDRESS = re.compile(r"reply\+(?P<order>[A-Za-z0-9-]+)@", re.IGNORECASE)


@dataclass(frozen=True)
class Reply:
    order: str
    author: str
    subject: str
    text: str
    ses_message_id: str


@dataclass
class Inbox:
    """What the worker made of the replies."""

    replies: list[Reply] = field(default_factory=list)
    quarantined: list[str] = field(default_factory=list)  # SES message ids
    automatic: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)


def new_text(body: str) -> str:
    """The reply above the quoted message ("On ... wrote:" and "> " lines)."""
    kept = []
    for line in body.splitlines():
        if line.startswith(">") or re.match(r"On .+ wrote:$", line.strip()):
            break
        kept.append(line)
    return "\n".join(kept).strip()


def handle(notification: dict[str, Any], s3: Any, inbox: Inbox) -> None:
    receipt, mail_id = notification["receipt"], notification["mail"]["messageId"]
    if "FAIL" in (receipt["spamVerdict"]["status"], receipt["virusVerdict"]["status"]):
        inbox.quarantined.append(mail_id)
        return
    action = receipt["action"]
    stored = s3.get_object(Bucket=action["bucketName"], Key=action["objectKey"])
    message = message_from_bytes(stored["Body"].read(), policy=default)
    assert isinstance(message, EmailMessage)
    automatic = message.get("Auto-Submitted", "no").lower() != "no"
    if automatic or not notification["mail"]["source"]:
        inbox.automatic.append(mail_id)
        return
    orders = [found["order"] for found in map(ORDER_ADDRESS.search, receipt["recipients"]) if found]
    if not orders:
        inbox.unmatched.append(mail_id)
        return
    body = message.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""
    inbox.replies.append(
        Reply(
            order=orders[0],
            author=parseaddr(str(message["From"]))[1],
            subject=str(message["Subject"] or ""),
            text=new_text(text),
            ses_message_id=mail_id,
        )
    )


def poll(sqs: Any, s3: Any, queue_url: str, inbox: Inbox, *, wait_seconds: int = 20) -> int:
    reply = sqs.receive_message(
        QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=wait_seconds
    )
    messages = reply.get("Messages", [])
    for message in messages:
        try:
            notification = json.loads(json.loads(message["Body"])["Message"])
            if notification.get("notificationType") == "Received":
                handle(notification, s3, inbox)
        except (ValueError, KeyError):
            logger.exception("could not handle SQS message %s", message["MessageId"])
            continue  # stays in the queue; retried or dead-lettered
        sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
    return len(messages)


def run(
    sqs: Any, s3: Any, queue_url: str, inbox: Inbox, *, stop: Callable[[], bool] = lambda: False
) -> None:
    while not stop():
        poll(sqs, s3, queue_url, inbox)
