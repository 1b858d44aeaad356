"""The FastAPI webhook, mounted as an ASGI app: a configuration set's SNS destination
publishes Delivery, Bounce and Complaint records, which the endpoint verifies and keeps."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from pytest_sessim import Outcome, SesSim

pytest.importorskip("fastapi", reason="the FastAPI recipe needs FastAPI: pip install fastapi")

from fastapi_app.webhook import EmailEvent, EventStore, app, get_store

pytestmark = pytest.mark.sessim(verified=["shop.example.com"], seed=7)

ENDPOINT = "https://api.shop.example/sns/ses-events"


@pytest.fixture
def events() -> Iterator[EventStore]:
    """A fresh store for each test, through FastAPI's dependency overrides."""
    store = EventStore()
    app.dependency_overrides[get_store] = lambda: store
    yield store
    app.dependency_overrides.clear()


@pytest.fixture
def tracked(sessim: SesSim, sesv2: Any, sns: Any, events: EventStore) -> str:
    """Configuration set "tracked", publishing bounces, complaints and deliveries to a
    topic the mounted app is subscribed to."""
    sessim.mount("https://api.shop.example", app)
    topic = sns.create_topic(Name="ses-events")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="https", Endpoint=ENDPOINT)
    sesv2.create_configuration_set(ConfigurationSetName="tracked")
    sesv2.create_configuration_set_event_destination(
        ConfigurationSetName="tracked",
        EventDestinationName="webhook",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["DELIVERY", "BOUNCE", "COMPLAINT"],
            "SnsDestination": {"TopicArn": topic},
        },
    )
    return "tracked"


def send(sesv2: Any, to: str, configuration_set: str) -> str:
    message_id: str = sesv2.send_email(
        FromEmailAddress="orders@shop.example.com",
        Destination={"ToAddresses": [to]},
        Content={
            "Simple": {"Subject": {"Data": "Your order"}, "Body": {"Text": {"Data": "Thanks!"}}}
        },
        ConfigurationSetName=configuration_set,
    )["MessageId"]
    return message_id


EXPECTED = {
    Outcome.SUCCESS: [("Delivery", "250 2.6.0 Message received")],
    Outcome.BOUNCE: [("Bounce", "Permanent/General")],
    Outcome.OOTO: [("Delivery", "250 2.6.0 Message received"), ("Bounce", "Transient/General")],
    Outcome.COMPLAINT: [("Delivery", "250 2.6.0 Message received"), ("Complaint", "abuse")],
    Outcome.SUPPRESSIONLIST: [("Bounce", "Permanent/General")],
}


def test_every_outcome_reaches_the_endpoint(
    sessim: SesSim, sesv2: Any, tracked: str, events: EventStore, ses_outcome: Outcome
) -> None:
    message_id = send(sesv2, ses_outcome.address, tracked)

    assert events.events == [
        EmailEvent(kind, message_id, (ses_outcome.address,), detail)
        for kind, detail in EXPECTED[ses_outcome]
    ]
    for publication in sessim.notifications_for(message_id):
        assert publication.subject == "Amazon SES Email Event Notification"  # signed as well
        assert [attempt.status for attempt in publication.deliveries] == [204]


def test_subscription_is_confirmed_before_the_first_event(
    sessim: SesSim, sesv2: Any, tracked: str
) -> None:
    (confirmation,) = sessim.sns.confirmations  # at SES's topic validation message
    assert confirmation.deliveries[0].status == 204
    validation = sessim.notifications[0]
    assert validation.message == "Successfully validated SNS topic for Amazon SES event publishing."
    assert validation.deliveries[0].status == 204


def test_a_forged_event_is_refused(
    sessim: SesSim, sesv2: Any, tracked: str, events: EventStore
) -> None:
    send(sesv2, "bounce@simulator.amazonses.com", tracked)
    genuine = sessim.notifications[-1].envelope
    forged = dict(genuine, Subject="Something else")  # the Subject is part of the signature

    status, body = asyncio.run(post(app, "/sns/ses-events", json.dumps(forged).encode()))

    assert status == 400
    assert json.loads(body) == {"detail": "the signature does not match"}
    assert [event.type for event in events.events] == ["Bounce"]


async def post(
    asgi_app: Callable[..., Awaitable[None]], path: str, body: bytes
) -> tuple[int, bytes]:
    """POST ``body`` to an ASGI app directly, as a server would (no HTTP client needed)."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "https",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"api.shop.example"), (b"content-type", b"text/plain")],
        "server": ("api.shop.example", 443),
    }
    sent: list[dict[str, Any]] = []

    async def asgi_receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def asgi_send(message: dict[str, Any]) -> None:
        sent.append(message)

    await asgi_app(scope, asgi_receive, asgi_send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
