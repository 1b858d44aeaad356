"""What SES tells the shop after sending: bounces, complaints and deliveries.

SES publishes identity notifications to an SNS topic; the shop's subscriber parses
the SNS ``Message`` and passes the resulting dict to ``handle_ses_notification``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .models import Order


@dataclass
class SuppressionStore:
    """Addresses the shop must not mail again, and what it knows about the rest."""

    suppressed: dict[str, str] = field(default_factory=dict)  # address -> reason
    soft_bounces: Counter[str] = field(default_factory=Counter)
    awaiting_delivery: dict[str, Order] = field(default_factory=dict)  # message id -> order

    def is_suppressed(self, address: str) -> bool:
        return address.lower() in self.suppressed

    def suppress(self, address: str, reason: str) -> None:
        self.suppressed[address.lower()] = reason

    def clear(self) -> None:
        self.suppressed.clear()
        self.soft_bounces.clear()
        self.awaiting_delivery.clear()


store = SuppressionStore()


def handle_ses_notification(body: dict[str, Any]) -> None:
    """Update the store from one SES notification (Bounce, Complaint or Delivery)."""
    kind = body["notificationType"]
    if kind == "Bounce":
        bounce = body["bounce"]
        for recipient in bounce["bouncedRecipients"]:
            address = recipient["emailAddress"]
            if bounce["bounceType"] == "Permanent":
                store.suppress(address, "bounce")
            else:  # Transient (mailbox full, out of office...) or Undetermined: try again later
                store.soft_bounces[address.lower()] += 1
    elif kind == "Complaint":
        for recipient in body["complaint"]["complainedRecipients"]:
            store.suppress(recipient["emailAddress"], "complaint")
    elif kind == "Delivery":
        order = store.awaiting_delivery.pop(body["mail"]["messageId"], None)
        if order is not None:
            order.delivered = True
