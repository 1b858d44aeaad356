"""The receiving engine on its own: an Engine with a recording outbound port, and the
pure pieces (conditions, IP filters, CIDR blocks, bucket policies)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from pytest_sessim.engine.account.receiving import ReceiptFilter, ReceivingState
from pytest_sessim.engine.operations.v1_receipt_rule_sets import valid_cidr
from pytest_sessim.engine.publishing.deliveries import Delivery, S3Object, SnsMessage
from pytest_sessim.engine.receiving.deliveries import (
    BucketFacts,
    LambdaInvocation,
    Performed,
    ReceivingDelivery,
)
from pytest_sessim.engine.receiving.inbound import receive
from pytest_sessim.engine.receiving.matching import blocking_filter, condition_matches
from pytest_sessim.engine.receiving.targets import ses_may_put
from pytest_sessim.engine.service import Engine, Settings

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:decide"
TOPIC = "arn:aws:sns:us-east-1:123456789012:inbound"
RULE_ARN = "arn:aws:ses:us-east-1:123456789012:receipt-rule-set/inbound:receipt-rule/store"
MAIL = b"From: jane@customer.example\nTo: support@example.com\nSubject: Hi\n\nHello\n"


class Port:
    """An outbound port that records what it is handed and answers functions."""

    def __init__(self, answer: Any = None) -> None:
        self.delivered: list[Delivery] = []
        self.performed: list[ReceivingDelivery] = []
        self.answer = answer

    def deliver(self, delivery: Delivery) -> None:
        self.delivered.append(delivery)

    def topic_exists(self, topic_arn: str) -> bool:
        return True

    def perform(self, delivery: ReceivingDelivery) -> Performed:
        self.performed.append(delivery)
        return Performed(result=self.answer if isinstance(delivery, LambdaInvocation) else None)

    def bucket_facts(self, bucket: str) -> BucketFacts:
        return BucketFacts(known=False)

    def function_exists(self, function_arn: str) -> bool:
        return True


def engine_with(port: Port, *actions: dict[str, Any]) -> Engine:
    engine = Engine(Settings(seed=2, now=NOW, verified=("example.com",)))
    engine.connect(port)
    engine.handle("ses", "CreateReceiptRuleSet", {"RuleSetName": "inbound"})
    rule = {"Name": "store", "Enabled": True, "Actions": list(actions)}
    engine.handle("ses", "CreateReceiptRule", {"RuleSetName": "inbound", "Rule": rule})
    engine.handle("ses", "SetActiveReceiptRuleSet", {"RuleSetName": "inbound"})
    return engine


def test_actions_reach_the_port_and_the_answer_steers_the_rule() -> None:
    port = Port(answer={"disposition": "STOP_RULE"})
    engine = engine_with(
        port,
        {"S3Action": {"BucketName": "mail", "ObjectKeyPrefix": "in/", "TopicArn": TOPIC}},
        {"LambdaAction": {"FunctionArn": FUNCTION, "InvocationType": "RequestResponse"}},
        {"SNSAction": {"TopicArn": TOPIC}},
    )

    received = receive(engine, MAIL)

    put, call = port.performed
    assert isinstance(put, S3Object) and isinstance(call, LambdaInvocation)
    assert (put.bucket, put.key, put.body) == ("mail", f"in/{received.message_id}", received.raw)
    assert call.invocation_type == "RequestResponse" and call.event["Records"][0]["ses"]
    [published] = port.delivered
    assert isinstance(published, SnsMessage) and published.kind == "receipt"
    assert published.subject == "Amazon SES Email Receipt Notification"
    assert json.loads(published.message)["receipt"]["action"]["type"] == "S3"
    assert [action.type for action in received.actions] == ["S3", "Lambda"]  # STOP_RULE
    assert engine.received == [received]


def test_an_unconnected_engine_records_the_mail_and_the_failed_calls() -> None:
    engine = engine_with(Port(), {"LambdaAction": {"FunctionArn": FUNCTION}})
    engine.disconnect()

    received = receive(engine, MAIL)

    [action] = received.actions
    assert action.error == "nothing is connected to perform it (the simulator is stopped)"
    assert received.accepted


def test_conditions() -> None:
    assert condition_matches("Support@Example.com", "support@example.COM")
    assert condition_matches("example.com", "a@Example.com")
    assert not condition_matches("example.com", "a@sub.example.com")
    assert condition_matches(".example.com", "a@sub.example.com")
    assert not condition_matches(".example.com", "a@example.com")
    assert not condition_matches("support@example.com", "support@example.com.evil")


def test_ip_filters_allow_before_block() -> None:
    state = ReceivingState()
    state.filters["all"] = ReceiptFilter("all", "Block", "0.0.0.0/0")
    assert blocking_filter(state, "192.0.2.1") == state.filters["all"]
    state.filters["ok"] = ReceiptFilter("ok", "Allow", "192.0.2.0/24")
    assert blocking_filter(state, "192.0.2.1") is None
    assert blocking_filter(state, "198.51.100.1") == state.filters["all"]
    assert blocking_filter(state, "2001:db8::1") is None  # an IPv4 block does not cover IPv6


def test_cidr_blocks() -> None:
    for good in ("10.0.0.1", "10.0.0.0/8", "0.0.0.0/0", "2001:db8::/32", "::1", "fe80::1/128"):
        assert valid_cidr(good), good
    for bad in ("", "10.0.0.0/33", "10.0.0", "01.2.3.4.5", "2001:db8::/129", "fe80::1%eth0"):
        assert not valid_cidr(bad), bad
    assert not valid_cidr("\uff11\uff10.0.0.1")  # fullwidth digits


def _policy(**statement: Any) -> str:
    base = {
        "Effect": "Allow",
        "Principal": {"Service": "ses.amazonaws.com"},
        "Action": "s3:PutObject",
        "Resource": "arn:aws:s3:::mail/*",
    }
    return json.dumps({"Statement": [{**base, **statement}]})


def test_bucket_policies_as_ses_reads_them() -> None:
    def allows(policy: str | None, key: str = "in/abc") -> bool:
        return ses_may_put(policy, "mail", key, "123456789012", RULE_ARN)

    assert allows(_policy())
    assert not allows(None)
    assert not allows("not json")
    assert allows(_policy(Action=["s3:*"]))
    assert allows(_policy(Principal="*"))
    assert not allows(_policy(Principal={"Service": "lambda.amazonaws.com"}))
    assert not allows(_policy(Action="s3:GetObject"))
    assert allows(_policy(Resource="arn:aws:s3:::mail/in/*"))
    assert not allows(_policy(Resource="arn:aws:s3:::mail/in/*"), key="out/abc")
    assert allows(_policy(Condition={"StringEquals": {"aws:SourceAccount": "123456789012"}}))
    assert not allows(_policy(Condition={"StringEquals": {"AWS:SourceAccount": "999999999999"}}))
    assert allows(
        _policy(
            Condition={"ArnLike": {"aws:SourceArn": "arn:aws:ses:*:*:receipt-rule-set/inbound:*"}}
        )
    )
    assert not allows(_policy(Effect="Deny"))
