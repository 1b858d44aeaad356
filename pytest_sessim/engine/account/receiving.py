"""Email receiving state of one account in one Region: receipt rule sets, their ordered
rules, which set is active, and the IP address filters.

Rules are kept in the shape of SES's API (botocore's ``ReceiptRule``), with the defaults
SES fills in, so that describing one returns what was stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..jsonfmt import copy_json

MAX_RULE_SETS = 40
MAX_RULES_PER_SET = 200
MAX_ACTIONS_PER_RULE = 10
MAX_FILTERS = 100


@dataclass
class ReceiptRuleSet:
    name: str
    created: datetime
    rules: list[dict[str, Any]] = field(default_factory=list)

    def index_of(self, rule_name: str) -> int | None:
        return next(
            (index for index, rule in enumerate(self.rules) if rule["Name"] == rule_name), None
        )

    def metadata(self) -> dict[str, Any]:
        return {"Name": self.name, "CreatedTimestamp": self.created}

    def described(self) -> dict[str, Any]:
        return {"Metadata": self.metadata(), "Rules": [copy_json(rule) for rule in self.rules]}


@dataclass(frozen=True)
class ReceiptFilter:
    name: str
    policy: str  # "Allow" or "Block"
    cidr: str

    def described(self) -> dict[str, Any]:
        return {"Name": self.name, "IpFilter": {"Policy": self.policy, "Cidr": self.cidr}}


class ReceivingState:
    """Rule sets by name (in creation order), the active set's name, and IP filters."""

    def __init__(self) -> None:
        self.rule_sets: dict[str, ReceiptRuleSet] = {}
        self.active: str | None = None
        self.filters: dict[str, ReceiptFilter] = {}

    @property
    def active_set(self) -> ReceiptRuleSet | None:
        return None if self.active is None else self.rule_sets.get(self.active)
