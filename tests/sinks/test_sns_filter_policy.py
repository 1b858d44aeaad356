"""Subscription filter policies, operator by operator, as AWS documents them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pytest_sessim.sinks.filter_policy import accepts, parse_policy

BODY = {
    "eventType": "Bounce",
    "price": 210.75,
    "count": 3,
    "flag": True,
    "nothing": None,
    "ip": "10.0.3.7",
    "mail": {
        "source": "Orders@Shop.Example.com",
        "destination": ["a@example.com", "b@other.org"],
        "tags": {"team": ["billing"], "ses:configuration-set": ["main"]},
    },
    "bounce": {
        "bouncedRecipients": [
            {"emailAddress": "a@example.com", "status": "5.1.1"},
            {"emailAddress": "b@other.org", "status": "5.2.2"},
        ]
    },
}


def body_accepts(policy: dict[str, Any], body: dict[str, Any] = BODY) -> bool:
    return accepts(policy, "MessageBody", json.dumps(body))


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        # exact strings and numbers, OR within a key, AND across keys
        ({"eventType": ["Bounce"]}, True),
        ({"eventType": ["Complaint", "Bounce"]}, True),
        ({"eventType": ["bounce"]}, False),
        ({"eventType": ["Bounce"], "count": [4]}, False),
        ({"count": [3]}, True),
        ({"count": [3.0]}, True),
        ({"count": ["3"]}, False),
        ({"flag": [True]}, True),
        ({"flag": [1]}, False),
        ({"nothing": [None]}, True),
        # prefix, suffix, equals-ignore-case
        ({"mail": {"source": [{"prefix": "Orders@"}]}}, True),
        ({"mail": {"source": [{"prefix": "orders@"}]}}, False),
        ({"mail": {"source": [{"suffix": ".com"}]}}, True),
        ({"mail": {"source": [{"equals-ignore-case": "orders@shop.example.com"}]}}, True),
        # anything-but: value, list, numbers, prefix, suffix
        ({"eventType": [{"anything-but": "Complaint"}]}, True),
        ({"eventType": [{"anything-but": ["Bounce", "Complaint"]}]}, False),
        ({"count": [{"anything-but": [1, 2]}]}, True),
        ({"count": [{"anything-but": 3}]}, False),
        ({"eventType": [{"anything-but": {"prefix": "Bou"}}]}, False),
        ({"eventType": [{"anything-but": {"suffix": "int"}}]}, True),
        ({"missing": [{"anything-but": "x"}]}, False),
        # numeric ranges
        ({"price": [{"numeric": [">", 200]}]}, True),
        ({"price": [{"numeric": [">", 0, "<=", 210.75]}]}, True),
        ({"price": [{"numeric": [">=", 300]}]}, False),
        ({"price": [{"numeric": ["=", 210.75]}]}, True),
        ({"eventType": [{"numeric": [">", 0]}]}, False),
        # exists
        ({"bounce": [{"exists": True}]}, False),  # exists applies to leaves only
        ({"eventType": [{"exists": True}]}, True),
        ({"complaint": [{"exists": False}]}, True),
        ({"eventType": [{"exists": False}]}, False),
        ({"missing": [{"exists": False}, "x"]}, True),
        # IP addresses
        ({"ip": [{"cidr": "10.0.0.0/16"}]}, True),
        ({"ip": [{"cidr": "10.1.0.0/16"}]}, False),
        # arrays in the body: any element
        ({"mail": {"destination": ["b@other.org"]}}, True),
        ({"mail": {"destination": [{"suffix": ".net"}]}}, False),
        ({"bounce": {"bouncedRecipients": {"status": [{"prefix": "5.2"}]}}}, True),
        ({"bounce": {"bouncedRecipients": {"status": ["4.0.0"]}}}, False),
        ({"mail": {"tags": {"team": ["billing"]}}}, True),
        # $or, at the top and nested
        ({"$or": [{"eventType": ["Send"]}, {"count": [3]}]}, True),
        ({"$or": [{"eventType": ["Send"]}, {"count": [4]}]}, False),
        ({"eventType": ["Bounce"], "$or": [{"price": [1]}, {"ip": [{"prefix": "10."}]}]}, True),
        ({"mail": {"$or": [{"source": ["x"]}, {"tags": {"team": ["billing"]}}]}}, True),
        # keys the body lacks
        ({"missing": ["x"]}, False),
        ({"mail": {"missing": ["x"]}}, False),
    ],
)
def test_message_body_operators(policy: dict[str, Any], expected: bool) -> None:
    assert body_accepts(policy) is expected


def test_no_policy_accepts_everything() -> None:
    assert accepts(None, "MessageBody", "not json")
    assert accepts({}, None, "anything")


def test_a_body_scope_policy_rejects_non_json_messages() -> None:
    assert not accepts({"a": ["b"]}, "MessageBody", "plain text")
    assert not accepts({"a": ["b"]}, "MessageBody", "[1, 2]")


def test_attribute_scope() -> None:
    attributes = {
        "store": {"Type": "String", "Value": "example_corp"},
        "interests": {"Type": "String.Array", "Value": '["rugby", "soccer"]'},
        "price": {"Type": "Number", "Value": "210.75"},
        "blob": {"Type": "Binary", "Value": "AAEC"},
    }
    message = json.dumps({"store": "other"})

    def check(policy: dict[str, Any]) -> bool:
        return accepts(policy, "MessageAttributes", message, attributes)

    assert check({"store": ["example_corp"]})
    assert check({"interests": ["soccer"]})
    assert check({"price": [{"numeric": [">", 200]}]})
    assert not check({"blob": [{"exists": True}]})
    assert not check({"store": ["other"]})  # the body is not looked at
    assert not accepts({"store": ["example_corp"]}, "MessageAttributes", message)
    assert accepts({"store": [{"exists": False}]}, "MessageAttributes", message)


def test_parse_policy() -> None:
    assert parse_policy(None) is None
    assert parse_policy("") is None
    assert parse_policy("{}") is None
    assert parse_policy('{"a": ["b"]}') == {"a": ["b"]}
