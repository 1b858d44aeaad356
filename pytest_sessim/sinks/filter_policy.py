"""SNS subscription filter policies, evaluated as AWS documents them.

A policy is a JSON object. With scope ``MessageBody`` its keys mirror the message
body (nested objects for nested keys); with scope ``MessageAttributes`` its keys name
message attributes. Every key must match (AND); the list under a key matches when
any of its conditions matches (OR); ``"$or": [policy, ...]`` matches when any branch
does. Where the document holds an array, each element is tried. Conditions: exact
strings, numbers, booleans and null; ``prefix``, ``suffix``, ``equals-ignore-case``,
``anything-but`` (a value, a list, or a ``prefix``/``suffix``/``equals-ignore-case``
object), ``numeric`` ranges, ``exists`` and ``cidr``.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import operator
from collections.abc import Callable, Mapping
from typing import Any

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "=": operator.eq,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def parse_policy(text: Any) -> dict[str, Any] | None:
    """A subscription's FilterPolicy attribute as a dict (None when unset)."""
    if text is None or text == "":
        return None
    policy = json.loads(text) if isinstance(text, str) else text
    return policy if isinstance(policy, dict) and policy else None


def accepts(
    policy: Mapping[str, Any] | None,
    scope: str | None,
    message: str,
    attributes: Mapping[str, Any] | None = None,
) -> bool:
    """Whether a subscription with this policy receives ``message``.

    ``attributes`` are SNS message attributes (``{"name": {"Type", "Value"}}``); SES
    publishes none, so attribute-scoped policies only pass on ``exists: false``.
    """
    if not policy:
        return True
    if scope == "MessageBody":
        try:
            document = json.loads(message)
        except ValueError:
            return False
        if not isinstance(document, dict):
            return False
        return _match_object(policy, [document])
    return _match_object(policy, [_attribute_document(attributes or {})])


def _attribute_document(attributes: Mapping[str, Any]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for name, attribute in attributes.items():
        kind = str(attribute.get("Type", attribute.get("DataType", "String")))
        value = attribute.get("Value", attribute.get("StringValue"))
        if kind.startswith("Binary"):
            continue  # binary attributes never match a filter policy
        if kind == "String.Array" and isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = json.loads(value)
        elif kind.startswith("Number") and isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = float(value)
        document[name] = value
    return document


def _match_object(policy: Mapping[str, Any], nodes: list[Any]) -> bool:
    for key, condition in policy.items():
        if key == "$or":
            if not any(_match_object(branch, nodes) for branch in condition):
                return False
            continue
        children = [node[key] for node in nodes if isinstance(node, dict) and key in node]
        if isinstance(condition, dict):
            if not _match_object(condition, _flatten(children)):
                return False
        elif not _match_leaf(condition, children):
            return False
    return True


def _flatten(values: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for value in values:
        if isinstance(value, list):
            flat.extend(_flatten(value))
        else:
            flat.append(value)
    return flat


def _match_leaf(conditions: Any, present: list[Any]) -> bool:
    if not isinstance(conditions, list):
        conditions = [conditions]
    # only leaves count: a key holding an object neither exists nor matches here
    values = [value for value in _flatten(present) if not isinstance(value, dict)]
    return any(_condition(condition, values, bool(values)) for condition in conditions)


def _condition(condition: Any, values: list[Any], present: bool) -> bool:
    if not isinstance(condition, dict):
        return any(_equal(condition, value) for value in values)
    if len(condition) != 1:
        return False
    name, argument = next(iter(condition.items()))
    if name == "exists":
        return present is bool(argument)
    if name == "anything-but":
        return present and any(not _excluded(argument, value) for value in values)
    test = _TESTS.get(name)
    return test is not None and any(test(argument, value) for value in values)


def _equal(expected: Any, value: Any) -> bool:
    if _is_number(expected) and _is_number(value):
        return float(expected) == float(value)
    if isinstance(expected, bool) or isinstance(value, bool):
        return expected is value
    return type(expected) is type(value) and expected == value


def _excluded(argument: Any, value: Any) -> bool:
    """Whether ``value`` is one that ``{"anything-but": argument}`` leaves out."""
    if isinstance(argument, dict):
        if len(argument) != 1:
            return False
        name, inner = next(iter(argument.items()))
        test = _TESTS.get(name)
        return test is not None and test(inner, value)
    choices = argument if isinstance(argument, list) else [argument]
    return any(_equal(choice, value) for choice in choices)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _prefix(argument: Any, value: Any) -> bool:
    return isinstance(value, str) and isinstance(argument, str) and value.startswith(argument)


def _suffix(argument: Any, value: Any) -> bool:
    return isinstance(value, str) and isinstance(argument, str) and value.endswith(argument)


def _ignore_case(argument: Any, value: Any) -> bool:
    return (
        isinstance(value, str)
        and isinstance(argument, str)
        and value.casefold() == argument.casefold()
    )


def _numeric(argument: Any, value: Any) -> bool:
    if not _is_number(value) or not isinstance(argument, list) or len(argument) % 2:
        return False
    for position in range(0, len(argument), 2):
        compare = _COMPARE.get(argument[position])
        bound = argument[position + 1]
        if compare is None or not _is_number(bound) or not compare(float(value), float(bound)):
            return False
    return True


def _cidr(argument: Any, value: Any) -> bool:
    if not isinstance(value, str) or not isinstance(argument, str):
        return False
    try:
        return ipaddress.ip_address(value) in ipaddress.ip_network(argument, strict=False)
    except ValueError:
        return False


_TESTS: dict[str, Callable[[Any, Any], bool]] = {
    "prefix": _prefix,
    "suffix": _suffix,
    "equals-ignore-case": _ignore_case,
    "numeric": _numeric,
    "cidr": _cidr,
}
