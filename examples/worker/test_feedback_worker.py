"""The SQS worker against moto's SQS, fed by the simulator: one queue subscribed to the
identity's Bounce and Complaint topics; the notifications are in the queue before the
send call returns, so the worker's long poll never waits."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_sessim import Outcome, SesSim

from worker.feedback_worker import FeedbackStore, poll, run

pytestmark = pytest.mark.sessim(verified=["shop.example.com"], seed=3)


def subscribe_queue(ses: Any, sns: Any, sqs: Any, **attributes: str) -> str:
    """A queue subscribed to the domain's Bounce and Complaint topics; its URL."""
    url: str = sqs.create_queue(QueueName="ses-feedback")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]
    for kind in ("Bounce", "Complaint"):
        topic = sns.create_topic(Name=f"ses-{kind.lower()}s")["TopicArn"]
        sns.subscribe(
            TopicArn=topic, Protocol="sqs", Endpoint=arn["QueueArn"], Attributes=attributes
        )
        ses.set_identity_notification_topic(
            Identity="shop.example.com", NotificationType=kind, SnsTopic=topic
        )
    return url


@pytest.fixture
def queue_url(sessim: SesSim, ses: Any, sns: Any, sqs: Any) -> str:
    return subscribe_queue(ses, sns, sqs)


def send(ses: Any, to: str) -> str:
    message_id: str = ses.send_email(
        Source="orders@shop.example.com",
        Destination={"ToAddresses": [to]},
        Message={"Subject": {"Data": "Your order"}, "Body": {"Text": {"Data": "Thanks!"}}},
    )["MessageId"]
    return message_id


def drain(sqs: Any, url: str, store: FeedbackStore) -> None:
    """Poll until the queue is empty (short polls: a test never waits for nothing)."""
    while poll(sqs, url, store, wait_seconds=0):
        pass


def waiting(sqs: Any, url: str) -> tuple[int, int]:
    """(visible, in flight) messages in the queue."""
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    found = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
    return int(found[names[0]]), int(found[names[1]])


# outcome -> (suppressed, soft bounces), for the outcome's address
EXPECTED: dict[Outcome, tuple[str | None, int]] = {
    Outcome.SUCCESS: (None, 0),
    Outcome.BOUNCE: ("bounce", 0),
    Outcome.OOTO: (None, 1),
    Outcome.COMPLAINT: ("complaint", 0),
    Outcome.SUPPRESSIONLIST: ("bounce", 0),
}


def test_every_outcome_updates_the_store(
    sessim: SesSim, ses: Any, sqs: Any, queue_url: str, ses_outcome: Outcome
) -> None:
    store = FeedbackStore()
    send(ses, ses_outcome.address)

    drain(sqs, queue_url, store)

    address = ses_outcome.address
    assert (store.suppressed.get(address), store.soft_bounces[address]) == EXPECTED[ses_outcome]
    assert waiting(sqs, queue_url) == (0, 0)  # every message handled and deleted


def test_raw_message_delivery_is_read_too(sessim: SesSim, ses: Any, sns: Any, sqs: Any) -> None:
    url = subscribe_queue(ses, sns, sqs, RawMessageDelivery="true")
    store = FeedbackStore()
    send(ses, "complaint@simulator.amazonses.com")

    drain(sqs, url, store)

    assert store.suppressed == {"complaint@simulator.amazonses.com": "complaint"}


def test_a_notification_delivered_twice_counts_once(
    sessim: SesSim, ses: Any, sqs: Any, queue_url: str
) -> None:
    message_id = send(ses, "ooto@simulator.amazonses.com")
    (publication,) = sessim.notifications_for(message_id, "Bounce")
    sqs.send_message(QueueUrl=queue_url, MessageBody=publication.deliveries[0].body)  # again
    store = FeedbackStore()

    drain(sqs, queue_url, store)

    assert store.soft_bounces == {"ooto@simulator.amazonses.com": 1}


def test_a_message_that_fails_stays_in_the_queue(sessim: SesSim, sqs: Any, queue_url: str) -> None:
    sqs.send_message(QueueUrl=queue_url, MessageBody="not json")
    store = FeedbackStore()

    drain(sqs, queue_url, store)

    assert waiting(sqs, queue_url) == (0, 1)  # back after the visibility timeout


def test_run_long_polls_until_stopped(sessim: SesSim, ses: Any, sqs: Any, queue_url: str) -> None:
    send(ses, "bounce@simulator.amazonses.com")
    store = FeedbackStore()
    stops = iter([False, True])  # one batch, then stop

    run(sqs, queue_url, store, stop=lambda: next(stops))  # WaitTimeSeconds=20, no waiting

    assert store.suppressed == {"bounce@simulator.amazonses.com": "bounce"}
