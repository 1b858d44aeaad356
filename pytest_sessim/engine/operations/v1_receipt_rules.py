"""SES v1 receipt rules: created, updated, described, positioned and deleted in a rule set.

Order as SES keeps it (probed, 2026): a rule created without ``After`` goes first;
``After`` puts it right behind the named rule; ``SetReceiptRulePosition`` without
``After`` moves a rule to the front, and after itself does nothing. An update replaces
the whole rule in place. Deleting a missing rule is no error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.receiving import MAX_RULES_PER_SET, ReceiptRuleSet
from ..errors import ErrorKind, SesError
from ..jsonfmt import copy_json
from ..receiving.regions import receiving_state
from ..receiving.rule_checks import (
    Violations,
    check_rule_name_param,
    check_rule_set_name,
    check_service_name,
    rule_violations,
    stored_rule,
)
from ..receiving.targets import check_action_targets
from .registry import operation
from .v1_receipt_rule_sets import find_rule_set

if TYPE_CHECKING:
    from ..service import Engine

API = "ses"


def _index(found: ReceiptRuleSet, rule_name: str) -> int:
    index = found.index_of(rule_name)
    if index is None:
        raise SesError(ErrorKind.RULE_DOES_NOT_EXIST, f"Rule does not exist: {rule_name}")
    return index


def _checked_rule(params: Mapping[str, Any], after: Any = None) -> Mapping[str, Any]:
    rule = params.get("Rule") or {}
    violations = Violations()
    violations.name(after, "after")
    rule_violations(rule, violations)
    violations.raise_any()
    check_service_name(str(rule.get("Name")), "ruleName")
    return rule


@operation(API, "CreateReceiptRule")
def create_receipt_rule(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Adds a rule (first, or after ``After``), checking its topics, bucket and function."""
    state = receiving_state(engine)
    set_name = check_rule_set_name(params.get("RuleSetName"))
    after = params.get("After")
    rule = _checked_rule(params, after)
    found = find_rule_set(state, set_name)
    name = str(rule["Name"])
    if found.index_of(name) is not None:
        raise SesError(ErrorKind.ALREADY_EXISTS, f"Rule already exists: {name}")
    if len(found.rules) >= MAX_RULES_PER_SET:
        raise SesError(ErrorKind.LIMIT_EXCEEDED, "Too many rules")
    position = 0 if after is None else _index(found, str(after)) + 1
    check_action_targets(engine, set_name, rule)
    found.rules.insert(position, stored_rule(rule))
    return {}


@operation(API, "UpdateReceiptRule")
def update_receipt_rule(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Replaces a rule (members left out take their defaults), keeping its position."""
    state = receiving_state(engine)
    set_name = check_rule_set_name(params.get("RuleSetName"))
    rule = _checked_rule(params)
    found = find_rule_set(state, set_name)
    index = _index(found, str(rule["Name"]))
    check_action_targets(engine, set_name, rule)
    found.rules[index] = stored_rule(rule)
    return {}


@operation(API, "DeleteReceiptRule")
def delete_receipt_rule(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Removes a rule from a rule set (a missing rule is no error)."""
    state = receiving_state(engine)
    set_name = check_rule_set_name(params.get("RuleSetName"))
    name = check_rule_name_param(params.get("RuleName"))
    found = find_rule_set(state, set_name)
    index = found.index_of(name)
    if index is not None:
        del found.rules[index]
    return {}


@operation(API, "DescribeReceiptRule")
def describe_receipt_rule(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns one rule as stored, defaults included."""
    state = receiving_state(engine)
    set_name = check_rule_set_name(params.get("RuleSetName"))
    name = check_rule_name_param(params.get("RuleName"))
    found = find_rule_set(state, set_name)
    return {"Rule": copy_json(found.rules[_index(found, name)])}


@operation(API, "SetReceiptRulePosition")
def set_receipt_rule_position(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Moves a rule right behind ``After``, or to the front without it."""
    state = receiving_state(engine)
    set_name = check_rule_set_name(params.get("RuleSetName"))
    name, after = params.get("RuleName"), params.get("After")
    if not isinstance(name, str):
        check_rule_name_param(name)
    violations = Violations()
    violations.name(name, "ruleName")
    violations.name(after, "after")
    violations.raise_any()
    check_service_name(str(name), "ruleName")
    found = find_rule_set(state, set_name)
    index = _index(found, str(name))
    if after == name:
        return {}
    if after is not None:
        _index(found, str(after))
    moved = found.rules.pop(index)
    position = 0 if after is None else _index(found, str(after)) + 1
    found.rules.insert(position, moved)
    return {}
