"""The checks SES makes on receipt rule set, rule and filter names and on a rule's shape.

SES checks in two layers, as probed against SES (us-west-2, 2026): first its model
layer, which collects every violation into one ``ValidationError`` ("N validation errors
detected: Value at 'rule.name' failed to satisfy constraint: ..."), then its own
service checks, one at a time (``InvalidParameterValue``: "Not a valid ruleName: x").
Names may hold ASCII letters, digits, '_', '-' and '.', must start and end with a
letter or digit and be at most 64 characters long.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import ErrorKind, SesError, invalid_parameter

NAME_CHARS = re.compile(r"[a-zA-Z0-9_.-]+\Z")
NAME_PATTERN = "^[a-zA-Z0-9_.-]+$"
MAX_NAME = 64
REORDER_NAME_MAX = 100  # the model's cap on ReorderReceiptRuleSet's RuleNames members

# the model's patterns (searched, not anchored, as the model's constraints are)
IAM_ROLE_PATTERN = r"arn:[\w-]+:iam::[0-9]+:role(\u002F)([\u0021-\u007E]+\u002F)?([\w+=,.@-]+)"
CONNECT_INSTANCE_PATTERN = (
    r"arn:(aws|aws-us-gov):connect:[a-z]{2}-[a-z]+-[0-9-]{1}:[0-9]{1,20}:instance/"
    r"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"
)

# each action type: its member in the model, the members it requires (in SES's order of
# reporting), and its enumerated members
ACTION_TYPES: dict[str, tuple[tuple[str, ...], dict[str, tuple[str, ...]]]] = {
    "S3Action": (("BucketName",), {}),
    "BounceAction": (("SmtpReplyCode", "Sender", "Message"), {}),
    "WorkmailAction": (("OrganizationArn",), {}),
    "LambdaAction": (("FunctionArn",), {"InvocationType": ("RequestResponse", "Event")}),
    "StopAction": (("Scope",), {"Scope": ("RuleSet",)}),
    "AddHeaderAction": (("HeaderName", "HeaderValue"), {}),
    "SNSAction": (("TopicArn",), {"Encoding": ("Base64", "UTF-8")}),
    "ConnectAction": (("InstanceARN", "IAMRoleARN"), {}),
}
PATTERNS = {
    ("S3Action", "IamRoleArn"): IAM_ROLE_PATTERN,
    ("ConnectAction", "IAMRoleARN"): IAM_ROLE_PATTERN,
    ("ConnectAction", "InstanceARN"): CONNECT_INSTANCE_PATTERN,
}


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


class Violations:
    """Model-layer violations, raised together as one ValidationError."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def add(self, path: str, constraint: str) -> None:
        self.found.append(f"Value at '{path}' failed to satisfy constraint: {constraint}")

    def not_null(self, path: str) -> None:
        self.add(path, "Member must not be null")

    def pattern(self, path: str, pattern: str = NAME_PATTERN) -> None:
        self.add(path, f"Member must satisfy regular expression pattern: {pattern}")

    def enum(self, path: str, values: Sequence[str]) -> None:
        self.add(path, f"Member must satisfy enum value set: [{', '.join(values)}]")

    def name(self, value: str | None, path: str) -> None:
        """An optional name parameter (an absent one is the caller's business)."""
        if value is None:
            return
        if value == "":
            self.add(path, "Member must have length greater than or equal to 1")
            self.pattern(path)
        elif not NAME_CHARS.match(value):
            self.pattern(path)

    def raise_any(self) -> None:
        if not self.found:
            return
        count = len(self.found)
        label = "1 validation error" if count == 1 else f"{count} validation errors"
        raise SesError(ErrorKind.VALIDATION, f"{label} detected: " + "; ".join(self.found))


def well_formed(name: str) -> bool:
    """SES's service-level name rule: at most 64 characters, alphanumeric at both ends."""
    return len(name) <= MAX_NAME and name[:1].isalnum() and name[-1:].isalnum()


def check_service_name(name: str, what: str) -> None:
    if not well_formed(name):
        raise invalid_parameter(f"Not a valid {what}: {name}")


def check_rule_set_name(name: Any) -> str:
    """A RuleSetName parameter: required, then the model's pattern, then SES's rule."""
    if not isinstance(name, str) or not name.strip():
        raise invalid_parameter("RuleSetName is required.")
    violations = Violations()
    violations.name(name, "ruleSetName")
    violations.raise_any()
    check_service_name(name, "ruleSetName")
    return name


def check_rule_name_param(name: Any, path: str = "ruleName") -> str:
    """A RuleName parameter (Describe, Delete, SetPosition)."""
    if not isinstance(name, str):
        raise invalid_parameter("RuleName is required.")
    violations = Violations()
    violations.name(name, path)
    violations.raise_any()
    check_service_name(name, "ruleName")
    return name


def rule_violations(rule: Mapping[str, Any], violations: Violations) -> None:
    """The model layer's checks of a ReceiptRule, in SES's order of reporting."""
    name = rule.get("Name")
    violations.name(name if isinstance(name, str) else "", "rule.name")
    tls = rule.get("TlsPolicy")
    if tls is not None and tls not in ("Optional", "Require"):
        violations.enum("rule.tlsPolicy", ("Optional", "Require"))
    for index, action in enumerate(rule.get("Actions") or (), start=1):
        for kind, body in action.items():
            if kind in ACTION_TYPES and isinstance(body, Mapping):
                _action_violations(kind, body, f"rule.actions.{index}.member.", violations)


def _action_violations(
    kind: str, body: Mapping[str, Any], prefix: str, violations: Violations
) -> None:
    required, enums = ACTION_TYPES[kind]
    path = prefix + _camel(kind) + "."
    if kind == "SNSAction":  # SES reports SNS's encoding before its missing topic
        _enum_violations(kind, body, enums, path, violations)
    for member in required:
        if body.get(member) is None:
            violations.not_null(path + _camel(member))
    if kind != "SNSAction":
        _enum_violations(kind, body, enums, path, violations)
    for (action, member), pattern in PATTERNS.items():
        value = body.get(member)
        if action == kind and isinstance(value, str) and re.search(pattern, value) is None:
            violations.pattern(path + _camel(member), pattern)


def _enum_violations(
    kind: str,
    body: Mapping[str, Any],
    enums: Mapping[str, tuple[str, ...]],
    path: str,
    violations: Violations,
) -> None:
    for member, allowed in enums.items():
        value = body.get(member)
        if value is not None and value not in allowed:
            violations.enum(path + _camel(member), allowed)


def stored_rule(rule: Mapping[str, Any]) -> dict[str, Any]:
    """The rule as SES keeps and describes it: defaults filled in, the model's order."""
    stored: dict[str, Any] = {
        "Name": rule["Name"],
        "Enabled": bool(rule.get("Enabled", False)),
        "TlsPolicy": rule.get("TlsPolicy") or "Optional",
    }
    recipients = list(rule.get("Recipients") or ())
    if recipients:
        stored["Recipients"] = recipients
    actions = []
    for action in rule.get("Actions") or ():
        kept = {kind: dict(body) for kind, body in action.items()}
        sns = kept.get("SNSAction")
        if sns is not None and "Encoding" not in sns:
            sns["Encoding"] = "UTF-8"  # SES stores the default and describes it
        actions.append(kept)
    stored["Actions"] = actions
    stored["ScanEnabled"] = bool(rule.get("ScanEnabled", False))
    return stored


def action_kind(action: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    """The one action a ReceiptAction holds (SES takes exactly one per entry)."""
    kinds = [kind for kind in action if kind in ACTION_TYPES]
    if len(kinds) != 1:
        raise invalid_parameter("Exactly one action type must be specified in a ReceiptAction.")
    body = action[kinds[0]]
    return kinds[0], body if isinstance(body, Mapping) else {}
