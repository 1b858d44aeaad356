"""Sending-authorization policies: checked as SES checks them when put, and evaluated
for a send that names an identity of another account.

A policy allows a send when a statement with ``Effect: Allow`` names the caller
(``"*"``, its account id, ``arn:aws:iam::<account>:root`` or any IAM ARN of the
account), an action matching the send's (``ses:SendEmail``, ``ses:SendRawEmail``...,
wildcards allowed), a resource matching the identity's ARN and conditions that hold;
a matching ``Deny`` wins.
"""

from __future__ import annotations

import fnmatch
import ipaddress
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from ..errors import ErrorKind, SesError

MAX_POLICY_BYTES = 4096
MAX_POLICIES = 20
VERSIONS = ("2012-10-17", "2008-10-17")
SENDING_ACTIONS = (
    "SendEmail",
    "SendRawEmail",
    "SendTemplatedEmail",
    "SendBulkTemplatedEmail",
    "SendBulkEmail",
)
CONDITION_KEYS = (
    "ses:recipients",
    "ses:fromaddress",
    "ses:fromdisplayname",
    "ses:feedbackaddress",
    "ses:apiversion",
    "aws:currenttime",
    "aws:epochtime",
    "aws:securetransport",
    "aws:sourceip",
    "aws:useragent",
)


def invalid_policy(message: str) -> SesError:
    return SesError(ErrorKind.INVALID_POLICY, message)


def _listed(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


# checking ------------------------------------------------------------------------------
def checked(text: str, identity: str) -> str:
    """The policy as SES stores it (compact JSON), or InvalidPolicy saying what is wrong."""
    if len(text.encode()) > MAX_POLICY_BYTES:
        raise invalid_policy(f"Policy exceeds the maximum size of {MAX_POLICY_BYTES} bytes.")
    try:
        document = json.loads(text)
    except ValueError:
        raise invalid_policy("Policy is not valid JSON.") from None
    if not isinstance(document, dict):
        raise invalid_policy("Policy is not valid JSON.")
    version = document.get("Version")
    if version not in VERSIONS:
        raise invalid_policy(f"Policy has an invalid version: {version}.")
    statements = document.get("Statement")
    if not statements or not all(isinstance(s, dict) for s in _listed(statements)):
        raise invalid_policy("Policy must contain at least one statement.")
    for statement in _listed(statements):
        _check_statement(statement, identity)
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


def _check_statement(statement: Mapping[str, Any], identity: str) -> None:
    effect = statement.get("Effect")
    if effect not in ("Allow", "Deny"):
        raise invalid_policy(f"Policy has an invalid effect: {effect}.")
    if "Principal" not in statement or not _principals_valid(statement["Principal"]):
        raise invalid_policy("Policy has invalid principal.")
    for action in _listed(statement.get("Action", [])) or [None]:
        if not isinstance(action, str) or not _action_valid(action):
            raise invalid_policy(f"Policy has invalid action: {action}.")
    for resource in _listed(statement.get("Resource", [])) or [None]:
        if not isinstance(resource, str) or not _resource_valid(resource, identity):
            raise invalid_policy(f"Policy has invalid resource: {resource}.")
    conditions = statement.get("Condition", {})
    if not isinstance(conditions, dict):
        raise invalid_policy("Policy has an invalid condition.")
    for operator, keys in conditions.items():
        if not isinstance(keys, dict):
            raise invalid_policy(f"Policy has an invalid condition: {operator}.")
        for key in keys:
            if key.lower() not in CONDITION_KEYS:
                raise invalid_policy(f"Unknown or unapplicable condition field '{key}'.")


def _principals_valid(principal: Any) -> bool:
    if principal == "*":
        return True
    if not isinstance(principal, dict) or not principal:
        return False
    for kind, values in principal.items():
        for value in _listed(values):
            if not isinstance(value, str):
                return False
            if kind == "AWS" and not (
                value == "*" or (value.isdigit() and len(value) == 12) or _iam_account(value)
            ):
                return False
            if kind not in ("AWS", "Service"):
                return False
    return True


def _iam_account(value: str) -> str | None:
    parts = value.split(":", 5)
    if len(parts) == 6 and parts[:3] == ["arn", "aws", "iam"] and parts[4].isdigit():
        return parts[4]
    return None


def _action_valid(action: str) -> bool:
    service, _, name = action.partition(":")
    if service.lower() != "ses" or not name:
        return False
    return any(fnmatch.fnmatchcase(known.lower(), name.lower()) for known in SENDING_ACTIONS)


def _resource_valid(resource: str, identity: str) -> bool:
    parts = resource.split(":", 5)
    if len(parts) != 6 or parts[:3] != ["arn", "aws", "ses"]:
        return False
    name = parts[5].removeprefix("identity/")
    return parts[5].startswith("identity/") and fnmatch.fnmatchcase(identity.lower(), name.lower())


# evaluating ----------------------------------------------------------------------------
@dataclass(frozen=True)
class SendContext:
    """What a policy can test about one send."""

    account_id: str
    caller_arn: str
    action: str  # e.g. "ses:SendRawEmail"
    resource: str  # the identity ARN the send named
    keys: Mapping[str, Sequence[str]]


def allows(policies: Iterable[str], context: SendContext) -> bool:
    """Whether the identity's policies let the caller make this send."""
    allowed = False
    for text in policies:
        for statement in _listed(json.loads(text).get("Statement", [])):
            if not _applies(statement, context):
                continue
            if statement.get("Effect") == "Deny":
                return False
            allowed = True
    return allowed


def _applies(statement: Mapping[str, Any], context: SendContext) -> bool:
    return (
        _principal_matches(statement.get("Principal"), context)
        and any(
            fnmatch.fnmatchcase(context.action.lower(), str(a).lower())
            for a in _listed(statement.get("Action", []))
        )
        and any(
            fnmatch.fnmatchcase(context.resource, str(r))
            for r in _listed(statement.get("Resource", []))
        )
        and all(
            _condition_holds(operator, key, values, context)
            for operator, keys in statement.get("Condition", {}).items()
            for key, values in keys.items()
        )
    )


def _principal_matches(principal: Any, context: SendContext) -> bool:
    if principal == "*":
        return True
    if not isinstance(principal, dict):
        return False
    for value in _listed(principal.get("AWS", [])):
        if value in ("*", context.account_id) or _iam_account(value) == context.account_id:
            return True
    return False


def _condition_holds(operator: str, key: str, wanted: Any, context: SendContext) -> bool:
    prefix, _, name = operator.rpartition(":")
    if_exists = name.endswith("IfExists")
    name = name.removesuffix("IfExists")
    found = list(context.keys.get(key.lower(), ()))
    expected = [str(value) for value in _listed(wanted)]
    if name == "Null":
        return bool(expected) and (not found) == (expected[0].lower() == "true")
    if not found:
        return if_exists or prefix == "ForAllValues"
    negated = "Not" in name
    test = _OPERATORS.get(name.replace("Not", "", 1) if negated else name)
    if test is None:
        return False
    matches = [any(test(value, other) for other in expected) for value in found]
    if negated:
        matches = [not match for match in matches]
    return all(matches) if prefix == "ForAllValues" else any(matches)


def _date(value: str) -> datetime:
    if value.isdigit():
        return datetime.fromtimestamp(int(value), timezone.utc)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _number_test(compare: str) -> Any:
    def test(value: str, other: str) -> bool:
        try:
            left, right = float(value), float(other)
        except ValueError:
            return False
        return {"eq": left == right, "lt": left < right, "le": left <= right}.get(
            compare, left > right if compare == "gt" else left >= right
        )

    return test


def _date_test(compare: str) -> Any:
    def test(value: str, other: str) -> bool:
        try:
            left, right = _date(value), _date(other)
        except (ValueError, OverflowError, OSError):  # not a date, or out of range
            return False
        return {"eq": left == right, "lt": left < right, "le": left <= right}.get(
            compare, left > right if compare == "gt" else left >= right
        )

    return test


def _in_network(value: str, network: str) -> bool:
    try:
        return ipaddress.ip_address(value) in ipaddress.ip_network(network, strict=False)
    except ValueError:
        return False


_OPERATORS: dict[str, Any] = {
    "StringEquals": lambda value, other: value == other,
    "StringEqualsIgnoreCase": lambda value, other: value.lower() == other.lower(),
    "StringLike": lambda value, other: fnmatch.fnmatchcase(value, other),
    "NumericEquals": _number_test("eq"),
    "NumericLessThan": _number_test("lt"),
    "NumericLessThanEquals": _number_test("le"),
    "NumericGreaterThan": _number_test("gt"),
    "NumericGreaterThanEquals": _number_test("ge"),
    "DateEquals": _date_test("eq"),
    "DateLessThan": _date_test("lt"),
    "DateLessThanEquals": _date_test("le"),
    "DateGreaterThan": _date_test("gt"),
    "DateGreaterThanEquals": _date_test("ge"),
    "Bool": lambda value, other: value.lower() == other.lower(),
    "IpAddress": _in_network,
}
