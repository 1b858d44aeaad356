"""SES v1 receipt rule sets and IP address filters (email receiving), per Region.

Texts and orders of checks follow probes of SES (2026): deleting a missing rule set or
filter succeeds, a clone starts inactive with its own creation time, and an existing
clone target is reported before a missing original.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.receiving import (
    MAX_FILTERS,
    MAX_RULE_SETS,
    ReceiptFilter,
    ReceiptRuleSet,
    ReceivingState,
)
from ..errors import ErrorKind, SesError, invalid_parameter
from ..jsonfmt import copy_json
from ..receiving.regions import receiving_state
from ..receiving.rule_checks import (
    NAME_CHARS,
    NAME_PATTERN,
    REORDER_NAME_MAX,
    Violations,
    check_rule_set_name,
    check_service_name,
    well_formed,
)
from .paging import PAGING, page
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "ses"


def find_rule_set(state: ReceivingState, name: str) -> ReceiptRuleSet:
    found = state.rule_sets.get(name)
    if found is None:
        raise SesError(ErrorKind.RULE_SET_DOES_NOT_EXIST, f"Rule set does not exist: {name}")
    return found


def _add_rule_set(engine: Engine, state: ReceivingState, name: str) -> ReceiptRuleSet:
    if name in state.rule_sets:
        raise SesError(ErrorKind.ALREADY_EXISTS, f"Rule set already exists: {name}")
    if len(state.rule_sets) >= MAX_RULE_SETS:
        raise SesError(ErrorKind.LIMIT_EXCEEDED, "Too many rule sets")
    created = state.rule_sets[name] = ReceiptRuleSet(name, engine.clock.now())
    return created


@operation(API, "CreateReceiptRuleSet")
def create_receipt_rule_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Stores an empty, inactive rule set (at most 40 per Region)."""
    state = receiving_state(engine)
    _add_rule_set(engine, state, check_rule_set_name(params.get("RuleSetName")))
    return {}


@operation(API, "DeleteReceiptRuleSet")
def delete_receipt_rule_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Deletes a rule set and its rules; the active one cannot be deleted."""
    state = receiving_state(engine)
    name = check_rule_set_name(params.get("RuleSetName"))
    if name == state.active and name in state.rule_sets:
        raise SesError(ErrorKind.CANNOT_DELETE, f"Cannot delete active rule set: {name}")
    state.rule_sets.pop(name, None)
    return {}


@operation(API, "CloneReceiptRuleSet")
def clone_receipt_rule_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Copies a rule set's rules into a new, inactive rule set."""
    state = receiving_state(engine)
    name, original = params.get("RuleSetName"), params.get("OriginalRuleSetName")
    if name is None:
        raise invalid_parameter("RuleSetName is required.")
    if original is None:
        raise invalid_parameter("OriginalRuleSetName is required.")
    violations = Violations()  # SES lists the original's violations first
    violations.name(original, "originalRuleSetName")
    violations.name(name, "ruleSetName")
    violations.raise_any()
    check_service_name(name, "ruleSetName")
    check_service_name(original, "ruleSetName")
    if name in state.rule_sets:
        raise SesError(ErrorKind.ALREADY_EXISTS, f"Rule set already exists: {name}")
    source = find_rule_set(state, original)
    clone = _add_rule_set(engine, state, name)
    clone.rules = [copy_json(rule) for rule in source.rules]
    return {}


@operation(API, "DescribeReceiptRuleSet")
def describe_receipt_rule_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns a rule set's metadata and its rules, in order."""
    state = receiving_state(engine)
    return find_rule_set(state, check_rule_set_name(params.get("RuleSetName"))).described()


@operation(API, "ListReceiptRuleSets")
def list_receipt_rule_sets(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists the Region's rule sets by creation time, 100 at a time."""
    state = receiving_state(engine)
    ordered = sorted(state.rule_sets.values(), key=lambda found: (found.created, found.name))
    size = PAGING[(API, "ListReceiptRuleSets")].default
    shown, token = page(ordered, params.get("NextToken"), size)
    result: dict[str, Any] = {"RuleSets": [found.metadata() for found in shown]}
    if token:
        result["NextToken"] = token
    return result


@operation(API, "SetActiveReceiptRuleSet")
def set_active_receipt_rule_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Makes a rule set the one that receives mail; without a name, receiving stops."""
    state = receiving_state(engine)
    name = params.get("RuleSetName")
    if name is None:
        state.active = None
        return {}
    state.active = find_rule_set(state, check_rule_set_name(name)).name
    return {}


@operation(API, "DescribeActiveReceiptRuleSet")
def describe_active_receipt_rule_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns the active rule set and its rules (nothing when none is active)."""
    active = receiving_state(engine).active_set
    return {} if active is None else active.described()


@operation(API, "ReorderReceiptRuleSet")
def reorder_receipt_rule_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Puts a rule set's rules in the order given; every rule must be named once."""
    state = receiving_state(engine)
    name = params.get("RuleSetName")
    if name is None:
        raise invalid_parameter("RuleSetName is required.")
    names = [str(item) for item in params.get("RuleNames") or ()]
    violations = Violations()
    violations.name(name, "ruleSetName")
    if any(not NAME_CHARS.match(item) or len(item) > REORDER_NAME_MAX for item in names):
        violations.add(
            "ruleNames",
            "Member must satisfy constraint: [Member must have length less than or equal to "
            f"{REORDER_NAME_MAX}, Member must have length greater than or equal to 1, "
            f"Member must satisfy regular expression pattern: {NAME_PATTERN}]",
        )
    violations.raise_any()
    check_service_name(name, "ruleSetName")
    found = find_rule_set(state, name)
    positions: dict[str, int] = {}
    for index, item in enumerate(names):
        if item in positions:
            raise invalid_parameter(f"Multiple positions found for rule: {item}")
        positions[item] = index
    missing = [rule["Name"] for rule in found.rules if rule["Name"] not in positions]
    if missing:
        raise invalid_parameter(f"Positions for rules not found: {', '.join(missing)}")
    for item in names:
        if found.index_of(item) is None:
            raise SesError(ErrorKind.RULE_DOES_NOT_EXIST, f"Rule does not exist: {item}")
    found.rules.sort(key=lambda rule: positions[rule["Name"]])
    return {}


# IP address filters ---------------------------------------------------------------
_OCTET = r"(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_IPV4 = re.compile(rf"{_OCTET}(\.{_OCTET}){{3}}\Z")
_IPV6 = re.compile(r"[0-9A-Fa-f:]+\Z")


def valid_cidr(cidr: str) -> bool:
    """An IPv4 or IPv6 address, or a CIDR block with an in-range mask (ASCII only)."""
    address, slash, mask = cidr.partition("/")
    if slash and not (mask.isascii() and mask.isdigit() and len(mask) <= 3):
        return False
    if _IPV4.match(address):
        return not slash or int(mask) <= 32
    if not _IPV6.match(address):  # no brackets, zones or embedded IPv4
        return False
    try:
        ipaddress.IPv6Address(address)
    except ValueError:
        return False
    return not slash or int(mask) <= 128


@operation(API, "CreateReceiptFilter")
def create_receipt_filter(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Stores an IP filter; received mail from a blocked address is refused unless allowed."""
    state = receiving_state(engine)
    spec = params.get("Filter") or {}
    ip_filter = spec.get("IpFilter") or {}
    violations = Violations()
    policy = ip_filter.get("Policy")
    if policy is not None and policy not in ("Allow", "Block"):
        violations.enum("filter.ipFilter.policy", ("Allow", "Block"))
    violations.raise_any()
    name = str(spec.get("Name", ""))
    if not name:
        raise invalid_parameter("filterName must not be empty")
    if not NAME_CHARS.match(name) or not well_formed(name):
        raise invalid_parameter(f"Not a valid filterName: {name}")
    cidr = str(ip_filter.get("Cidr", ""))
    if not valid_cidr(cidr):
        raise invalid_parameter(f"Invalid CIDR block: {cidr}")
    if name in state.filters:
        raise SesError(ErrorKind.ALREADY_EXISTS, f"Filter already exists: {name}")
    if len(state.filters) >= MAX_FILTERS:
        raise SesError(ErrorKind.LIMIT_EXCEEDED, "Too many filters")
    state.filters[name] = ReceiptFilter(name, str(policy), cidr)
    return {}


@operation(API, "DeleteReceiptFilter")
def delete_receipt_filter(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Deletes an IP address filter (a missing one is no error)."""
    receiving_state(engine).filters.pop(str(params.get("FilterName", "")), None)
    return {}


@operation(API, "ListReceiptFilters")
def list_receipt_filters(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists the Region's IP address filters."""
    state = receiving_state(engine)
    return {"Filters": [item.described() for item in state.filters.values()]}
