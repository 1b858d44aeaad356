"""SES calls answered at ``before-call`` (as botocore's Stubber answers) give what the wire
path gives, and step aside wherever the application would see a difference: its own
handlers on the wire path, errors (retries, exception classes), Stubber."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import botocore.endpoint
import pytest
from botocore.exceptions import ClientError
from botocore.stub import Stubber

from pytest_sessim import Outcome, SesSim

REGION = "us-east-1"
NOW = "2026-05-06T07:08:09Z"
MAIL = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}
V1_SEND = {
    "Source": "a@example.com",
    "Destination": {"ToAddresses": [Outcome.SUCCESS.address]},
    "Message": MAIL,
}
V2_SEND = {
    "FromEmailAddress": "a@example.com",
    "Destination": {"ToAddresses": [Outcome.SUCCESS.address]},
    "Content": {"Simple": MAIL},
}
RAW = b"From: a@example.com\r\nTo: success@simulator.amazonses.com\r\nSubject: s\r\n\r\nhi\r\n"
WIRE_EVENTS = (
    "request-created",
    "choose-signer",
    "before-sign",
    "before-send",
    "needs-retry",
    "response-received",
    "before-parse",
)


@pytest.fixture
def wire_requests(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The operations that went the wire path (botocore's endpoint made a request)."""
    made: list[str] = []
    make_request = botocore.endpoint.Endpoint.make_request

    def spy(self: Any, operation_model: Any, request_dict: Any) -> Any:
        made.append(operation_model.name)
        return make_request(self, operation_model, request_dict)

    monkeypatch.setattr(botocore.endpoint.Endpoint, "make_request", spy)
    return made


def client(service: str) -> Any:
    return boto3.client(service, region_name=REGION)


def on_wire(made: Any) -> Any:
    """A client whose wire path the application listens to."""
    seen: list[str] = []
    made.meta.events.register("before-send", lambda **kwargs: seen.append("sent"))
    return made


CALLS: list[tuple[str, str, Callable[[Any], Any]]] = [
    ("ses", "SendEmail", lambda c: c.send_email(**V1_SEND)),
    ("ses", "SendRawEmail", lambda c: c.send_raw_email(RawMessage={"Data": RAW})),
    ("ses", "ListIdentities", lambda c: c.list_identities()),
    ("ses", "GetSendQuota", lambda c: c.get_send_quota()),
    ("ses", "VerifyDomainIdentity", lambda c: c.verify_domain_identity(Domain="example.org")),
    (
        "ses",
        "SetIdentityFeedbackForwardingEnabled",
        lambda c: c.set_identity_feedback_forwarding_enabled(
            Identity="example.com", ForwardingEnabled=True
        ),
    ),
    ("sesv2", "SendEmail", lambda c: c.send_email(**V2_SEND)),
    ("sesv2", "GetAccount", lambda c: c.get_account()),
    ("sesv2", "ListEmailIdentities", lambda c: c.list_email_identities()),
]


@pytest.mark.parametrize(
    ("service", "operation", "call"), CALLS, ids=[f"{s}-{o}" for s, o, _ in CALLS]
)
def test_the_answer_is_the_wire_paths_answer(
    service: str, operation: str, call: Callable[[Any], Any], wire_requests: list[str]
) -> None:
    with SesSim(verified=["example.com"], seed=7, now=NOW):
        quick = call(client(service))
    assert wire_requests == []  # answered at before-call
    with SesSim(verified=["example.com"], seed=7, now=NOW):
        wired = call(on_wire(client(service)))
    assert wire_requests == [operation]
    assert quick == wired


@pytest.mark.parametrize("event", WIRE_EVENTS)
def test_handlers_of_the_application_on_the_wire_path_run(
    event: str, wire_requests: list[str]
) -> None:
    seen: list[str] = []
    ses = client("ses")
    ses.meta.events.register(f"{event}.ses.SendEmail", lambda **kwargs: seen.append(event))
    with SesSim(verified=["example.com"]) as sim:
        message_id = ses.send_email(**V1_SEND)["MessageId"]
    assert seen and seen[0] == event
    assert wire_requests == ["SendEmail"]
    assert sim.outbox[0].message_id == message_id


def test_after_call_handlers_run_either_way(wire_requests: list[str]) -> None:
    seen: list[Any] = []
    ses = client("ses")
    ses.meta.events.register(
        "after-call.ses.SendEmail",
        lambda http_response, parsed, **kwargs: seen.append((http_response.status_code, parsed)),
    )
    with SesSim(verified=["example.com"]):
        reply = ses.send_email(**V1_SEND)
    assert wire_requests == []
    assert seen == [(200, reply)]


def test_stubber_answers_first() -> None:
    ses = client("ses")
    with SesSim(verified=["example.com"]) as sim, Stubber(ses) as stubber:
        stubber.add_response("send_email", {"MessageId": "stubbed"})
        assert ses.send_email(**V1_SEND)["MessageId"] == "stubbed"
    assert sim.outbox == []


def test_errors_go_the_wire_path_and_reach_the_simulator_once(wire_requests: list[str]) -> None:
    ses = client("ses")
    with SesSim() as sim, pytest.raises(ses.exceptions.MessageRejected) as caught:
        ses.send_email(**V1_SEND)
    assert wire_requests == ["SendEmail"]
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert [refused.code for refused in sim.refused] == ["MessageRejected"]


def test_throttling_is_retried_by_botocore(wire_requests: list[str]) -> None:
    ses = client("sesv2")
    with SesSim(verified=["example.com"], max_send_rate=1) as sim:
        ses.send_email(**V2_SEND)
        reply = ses.send_email(**V2_SEND)  # throttled, retried after botocore's back-off
    retries = reply["ResponseMetadata"]["RetryAttempts"]
    assert retries >= 1
    assert [r.code for r in sim.refused] == ["TooManyRequestsException"] * retries
    assert len(sim.outbox) == 2


def test_results_with_timestamps_go_the_wire_path(wire_requests: list[str]) -> None:
    with SesSim(verified=["example.com"]):
        client("ses").get_send_statistics()
    assert wire_requests == ["GetSendStatistics"]


def test_operations_the_simulator_does_not_model_reach_moto(wire_requests: list[str]) -> None:
    with SesSim():
        assert client("ses").list_receipt_rule_sets()["RuleSets"] == []
    assert wire_requests == ["ListReceiptRuleSets"]


def test_a_client_error_is_the_models_exception_class() -> None:
    sesv2 = client("sesv2")
    with SesSim(), pytest.raises(ClientError) as caught:
        sesv2.get_email_identity(EmailIdentity="nobody.example")
    assert type(caught.value) is sesv2.exceptions.NotFoundException
