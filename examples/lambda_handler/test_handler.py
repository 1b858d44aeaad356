"""The Lambda handler, fed the SNS events Lambda would build from what the simulator
published to the topics the function is subscribed to."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytest_sessim import Outcome, SesSim

import sns_verify
from lambda_handler import handler as function
from lambda_handler.sns_events import sns_event

pytestmark = pytest.mark.sessim(verified=["shop.example.com"], seed=12)

FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:ses-feedback"


@pytest.fixture(autouse=True)
def suppression_list() -> Iterator[function.SuppressionList]:
    function.suppression_list = function.SuppressionList()
    yield function.suppression_list


@pytest.fixture
def subscription(sessim: SesSim, ses: Any, sns: Any) -> str:
    """The function subscribed to the domain's Bounce and Complaint topic (one topic)."""
    topic = sns.create_topic(Name="ses-feedback")["TopicArn"]
    arn: str = sns.subscribe(TopicArn=topic, Protocol="lambda", Endpoint=FUNCTION_ARN)[
        "SubscriptionArn"
    ]
    for kind in ("Bounce", "Complaint"):
        ses.set_identity_notification_topic(
            Identity="shop.example.com", NotificationType=kind, SnsTopic=topic
        )
    return arn


def send(ses: Any, to: str) -> str:
    message_id: str = ses.send_email(
        Source="orders@shop.example.com",
        Destination={"ToAddresses": [to]},
        Message={"Subject": {"Data": "Your order"}, "Body": {"Text": {"Data": "Thanks!"}}},
    )["MessageId"]
    return message_id


def invoke_for_each_notification(sessim: SesSim) -> list[dict[str, list[str]]]:
    """What Lambda does: one invocation per SNS message."""
    return [function.handler(sns_event(p), context=None) for p in sessim.notifications]


SUPPRESSED = {
    Outcome.SUCCESS: None,
    Outcome.BOUNCE: "bounce",
    Outcome.OOTO: None,  # a soft bounce
    Outcome.COMPLAINT: "complaint",
    Outcome.SUPPRESSIONLIST: "bounce",
}


def test_every_outcome(
    sessim: SesSim,
    ses: Any,
    subscription: str,
    suppression_list: function.SuppressionList,
    ses_outcome: Outcome,
) -> None:
    send(ses, ses_outcome.address)

    invoke_for_each_notification(sessim)

    assert suppression_list.entries.get(ses_outcome.address) == SUPPRESSED[ses_outcome]


def test_the_event_has_lambdas_shape_and_a_valid_signature(
    sessim: SesSim, ses: Any, subscription: str
) -> None:
    message_id = send(ses, "bounce@simulator.amazonses.com")

    event = sns_event(sessim.notification_for(message_id, "Bounce"))

    (record,) = event["Records"]
    assert record["EventSource"] == "aws:sns"
    assert record["EventSubscriptionArn"] == subscription
    sns = record["Sns"]
    assert list(sns) == [
        "Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp",
        "SignatureVersion", "Signature", "SigningCertUrl", "UnsubscribeUrl", "MessageAttributes",
    ]  # fmt: skip
    assert sns["Subject"] is None  # identity notifications have no Subject
    assert sns["MessageAttributes"] == {}
    assert sns["UnsubscribeUrl"].endswith(f"SubscriptionArn={subscription}")
    sns_verify.verify(sns)  # the signature still holds in Lambda's spelling
    assert function.handler(event, context=None) == {
        "suppressed": ["bounce@simulator.amazonses.com"]
    }
