"""The account-level suppression list (SESv2) and when it applies to a send.

An entry stops a send when its reason is among the effective suppressed reasons:
the configuration set's own list if it overrides the account's, else the
account's. The same reasons decide which hard bounces and complaints are added
automatically. Mailbox-simulator addresses are never added automatically.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .state import ConfigurationSet

REASONS = ("BOUNCE", "COMPLAINT")


@dataclass
class SuppressedDestination:
    address: str
    reason: str
    last_update: datetime
    message_id: str | None = None
    feedback_id: str | None = None


class SuppressionList:
    def __init__(self) -> None:
        # Accounts created after 2019-11-25 suppress both reasons by default.
        self.reasons: list[str] = list(REASONS)
        self.entries: dict[str, SuppressedDestination] = {}

    def put(
        self,
        address: str,
        reason: str,
        at: datetime,
        message_id: str | None = None,
        feedback_id: str | None = None,
    ) -> SuppressedDestination:
        entry = SuppressedDestination(address, reason, at, message_id, feedback_id)
        self.entries[address.lower()] = entry
        return entry

    def get(self, address: str) -> SuppressedDestination | None:
        return self.entries.get(address.lower())

    def delete(self, address: str) -> SuppressedDestination | None:
        return self.entries.pop(address.lower(), None)

    def effective_reasons(self, configuration_set: ConfigurationSet | None) -> list[str]:
        if configuration_set is not None and configuration_set.suppressed_reasons is not None:
            return configuration_set.suppressed_reasons
        return self.reasons

    def stops(self, address: str, configuration_set: ConfigurationSet | None) -> bool:
        """Whether SES accepts but does not send to ``address``."""
        entry = self.entries.get(address.lower())
        return entry is not None and entry.reason in self.effective_reasons(configuration_set)
