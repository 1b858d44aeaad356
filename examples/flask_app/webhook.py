"""SES feedback over SNS HTTPS delivery, in Flask.

SNS POSTs a signed JSON document (``Content-Type: text/plain``) to the endpoint: first a
SubscriptionConfirmation, confirmed by GETting its ``SubscribeURL``, then one Notification
per SES message, whose ``Message`` is the SES JSON as a string. Anything whose signature
does not verify is refused with 400.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import requests
from flask import Blueprint, Flask, abort, current_app, request

import sns_verify

sns_hooks = Blueprint("sns_hooks", __name__)


@dataclass(frozen=True)
class Feedback:
    """One recipient that bounced or complained."""

    kind: str  # "Bounce" or "Complaint"
    address: str
    detail: str  # "Permanent/General", or the complaint's feedback type
    message_id: str  # the MessageId the send call returned


@dataclass
class FeedbackLog:
    entries: list[Feedback] = field(default_factory=list)

    def record(self, notification: dict[str, Any]) -> None:
        """Store what one SES notification (identity notification or event record) says."""
        kind = notification.get("notificationType") or notification.get("eventType")
        if kind == "Bounce":
            bounce = notification["bounce"]
            detail = f"{bounce['bounceType']}/{bounce['bounceSubType']}"
            recipients = bounce["bouncedRecipients"]
        elif kind == "Complaint":
            complaint = notification["complaint"]
            detail = complaint.get("complaintFeedbackType", "unknown")
            recipients = complaint["complainedRecipients"]
        else:  # Delivery, or SES's "AmazonSnsSubscriptionSucceeded" when the topic was set
            return
        message_id = notification["mail"]["messageId"]
        for recipient in recipients:
            self.entries.append(Feedback(kind, recipient["emailAddress"], detail, message_id))


def create_app(log: FeedbackLog | None = None) -> Flask:
    app = Flask(__name__)
    app.extensions["ses_feedback"] = log if log is not None else FeedbackLog()
    app.register_blueprint(sns_hooks, url_prefix="/sns")
    return app


@sns_hooks.post("/ses-feedback")
def ses_feedback() -> tuple[str, int]:
    try:
        message = sns_verify.load(request.get_data())
    except sns_verify.InvalidSnsMessage as error:
        current_app.logger.warning("refused an SNS message: %s", error)
        abort(400)
    if message["Type"] == "SubscriptionConfirmation":
        requests.get(message["SubscribeURL"], timeout=10).raise_for_status()
    elif message["Type"] == "Notification":
        try:
            notification = json.loads(message["Message"])
        except ValueError:  # plain-text messages, e.g. SES's topic validation note
            return "", 204
        current_app.extensions["ses_feedback"].record(notification)
    return "", 204
