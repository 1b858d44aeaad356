"""What the SNS layer records: every publication and every delivery attempt it made."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class DeliveryAttempt:
    """One attempt to hand a publication to one subscription.

    For ``sqs`` subscriptions ``status`` is 200 when the body was written to the
    queue; for ``http``/``https`` it is the status the endpoint answered, or None
    when no answer came (``error`` then says why). ``body`` and ``headers`` are
    exactly what was posted (or written to the queue). A basic-auth retry after a
    401 is recorded as its own entry with the same ``attempt`` number.
    """

    subscription_arn: str
    protocol: str
    endpoint: str
    raw: bool
    body: str
    headers: dict[str, str]
    status: int | None
    attempt: int
    timestamp: datetime
    response_headers: dict[str, str] = field(default_factory=dict)
    response_body: str = ""
    error: str | None = None
    url: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


@dataclass(frozen=True)
class Publication:
    """One message SNS published to a topic (or one SubscriptionConfirmation).

    ``message`` is the Message string as published (for SES, a JSON string);
    ``body`` is that string parsed, or None if it is not JSON. ``envelope`` is the
    signed SNS document (``UnsubscribeURL`` names the first subscription it went to,
    and is absent when no subscription existed). ``deliveries`` grows as retries run
    on the simulator clock. ``error`` is set when the topic could not be found.
    """

    type: str
    topic_arn: str
    message_id: str
    subject: str | None
    message: str
    body: Any
    envelope: dict[str, str]
    timestamp: datetime
    deliveries: list[DeliveryAttempt] = field(default_factory=list, compare=False)
    error: str | None = None
    subscription_arn: str | None = None

    @property
    def signature_version(self) -> str:
        return self.envelope.get("SignatureVersion", "")

    @property
    def event_type(self) -> str | None:
        """The SES body's ``notificationType`` or ``eventType`` (None for other bodies)."""
        if not isinstance(self.body, dict):
            return None
        value = self.body.get("notificationType", self.body.get("eventType"))
        return value if isinstance(value, str) else None

    @property
    def ses_message_id(self) -> str | None:
        """The SES body's ``mail.messageId`` (None for bodies that have none)."""
        mail = self.body.get("mail") if isinstance(self.body, dict) else None
        value = mail.get("messageId") if isinstance(mail, dict) else None
        return value if isinstance(value, str) else None

    @property
    def delivered(self) -> list[DeliveryAttempt]:
        """The attempts that succeeded."""
        return [attempt for attempt in self.deliveries if attempt.ok]

    def to(self, endpoint: str) -> list[DeliveryAttempt]:
        """The attempts made to one endpoint (queue ARN or URL, as subscribed)."""
        return [attempt for attempt in self.deliveries if attempt.endpoint == endpoint]
