"""HTTP(S) subscriptions: in-process WSGI and ASGI apps, the confirmation handshake,
SNS's headers, basic auth, and retries on the simulator clock."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import threading
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from pytest_sessim import SesSim

BASE = "https://hooks.example.com"
BODY = json.dumps({"notificationType": "Delivery", "mail": {"messageId": "m-1"}})


def verify(envelope: dict[str, str]) -> None:
    """What a webhook does: fetch the certificate, check the signature."""
    pem = requests.get(envelope["SigningCertURL"], timeout=5).content
    if envelope["Type"] == "Notification":
        keys = ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
    else:
        keys = ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"]
    text = "".join(f"{key}\n{envelope[key]}\n" for key in keys if key in envelope)
    key = x509.load_pem_x509_certificate(pem).public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    algorithm = hashes.SHA256() if envelope["SignatureVersion"] == "2" else hashes.SHA1()
    key.verify(
        base64.b64decode(envelope["Signature"]), text.encode(), padding.PKCS1v15(), algorithm
    )


class Webhook:
    """A hand-written WSGI webhook: records requests, answers scripted statuses,
    confirms subscriptions (by GET of SubscribeURL) unless told not to."""

    def __init__(
        self,
        statuses: tuple[int, ...] = (),
        confirm: str | None = "requests",
        password: str | None = None,
        challenge: bool = True,
    ) -> None:
        self.statuses = list(statuses)
        self.confirm = confirm
        self.password = password
        self.challenge = challenge
        self.received: list[dict[str, Any]] = []

    def handle(
        self, path: str, headers: dict[str, str], body: bytes, root: str
    ) -> tuple[int, list[tuple[str, str]]]:
        self.received.append({"path": path, "root": root, "headers": headers, "body": body})
        if self.password is not None:
            expected = "Basic " + base64.b64encode(f"sns:{self.password}".encode()).decode()
            if headers.get("authorization") != expected:
                challenge = [("WWW-Authenticate", 'Basic realm="hooks"')] if self.challenge else []
                return 401, challenge
        envelope = json.loads(body)
        verify(envelope)
        if headers.get("x-amz-sns-message-type") == "SubscriptionConfirmation":
            if self.confirm == "requests":
                assert requests.get(envelope["SubscribeURL"], timeout=5).status_code == 200
            elif self.confirm == "urllib":
                with urllib.request.urlopen(envelope["SubscribeURL"], timeout=5) as reply:
                    assert b"<SubscriptionArn>" in reply.read()
        return (self.statuses.pop(0) if self.statuses else 200), []

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        headers = {
            key[5:].replace("_", "-").lower(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        headers["content-type"] = environ.get("CONTENT_TYPE", "")
        status, extra = self.handle(environ["PATH_INFO"], headers, body, environ["SCRIPT_NAME"])
        start_response(f"{status} Status", [("Content-Type", "text/plain"), *extra])
        return [b"handled"]

    @property
    def notifications(self) -> list[dict[str, Any]]:
        return [
            json.loads(item["body"])
            for item in self.received
            if item["headers"].get("x-amz-sns-message-type") == "Notification"
        ]


class AsgiWebhook(Webhook):
    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:  # type: ignore[override]
        assert scope["type"] == "http"
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {name.decode(): value.decode() for name, value in scope["headers"]}
        path = scope["path"][len(scope["root_path"]) :]
        status, extra = self.handle(path, headers, body, scope["root_path"])
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(k.lower().encode(), v.encode()) for k, v in extra],
            }
        )
        await send({"type": "http.response.body", "body": b"handled"})


@pytest.fixture
def topic(sns: Any) -> str:
    arn: str = sns.create_topic(Name="webhook-topic")["TopicArn"]
    return arn


def subscribe(sns: Any, topic: str, endpoint: str, **attributes: str) -> str:
    protocol = endpoint.split(":", 1)[0]
    arn: str = sns.subscribe(
        TopicArn=topic, Protocol=protocol, Endpoint=endpoint, Attributes=attributes
    )["SubscriptionArn"]
    return arn


def test_wsgi_webhook_confirms_by_get_then_receives_signed_notifications(
    sessim: SesSim, sns: Any, topic: str
) -> None:
    app = Webhook()
    sessim.mount(BASE, app)
    subscription = subscribe(sns, topic, f"{BASE}/sns/events?source=ses")
    publication = sessim.sns.publish(topic, BODY)
    confirmation, notification = app.received
    assert confirmation["headers"]["x-amz-sns-message-type"] == "SubscriptionConfirmation"
    assert "x-amz-sns-subscription-arn" not in confirmation["headers"]
    assert notification["path"] == "/sns/events" and notification["root"] == ""
    headers = notification["headers"]
    assert headers["content-type"] == "text/plain; charset=UTF-8"
    assert headers["x-amz-sns-message-type"] == "Notification"
    assert headers["x-amz-sns-message-id"] == publication.message_id
    assert headers["x-amz-sns-topic-arn"] == topic
    assert headers["x-amz-sns-subscription-arn"] == subscription
    assert headers["user-agent"] == "Amazon Simple Notification Service Agent"
    assert headers["host"] == "hooks.example.com"
    assert "x-amz-sns-rawdelivery" not in headers
    envelope = json.loads(notification["body"])
    assert envelope["Message"] == BODY
    assert envelope["UnsubscribeURL"].endswith("SubscriptionArn=" + subscription)
    (attempt,) = publication.deliveries
    assert attempt.ok and attempt.status == 200 and attempt.response_body == "handled"
    assert attempt.headers["x-amz-sns-subscription-arn"] == subscription
    assert attempt.body == notification["body"].decode()
    attributes = sns.get_subscription_attributes(SubscriptionArn=subscription)["Attributes"]
    assert attributes["PendingConfirmation"] == "false"
    assert attributes["ConfirmationWasAuthenticated"] == "false"


def test_confirmation_message_as_sns_documents_it(sessim: SesSim, sns: Any, topic: str) -> None:
    app = Webhook(confirm=None)
    sessim.mount(BASE, app)
    subscription = subscribe(sns, topic, f"{BASE}/hook")
    (confirmation,) = sessim.sns.confirmations  # posted when Subscribe was called, as SNS does
    envelope = confirmation.envelope
    assert list(envelope) == [
        "Type", "MessageId", "Token", "TopicArn", "Message", "SubscribeURL",
        "Timestamp", "SignatureVersion", "Signature", "SigningCertURL",
    ]  # fmt: skip
    assert envelope["Message"] == (
        f"You have chosen to subscribe to the topic {topic}.\n"
        "To confirm the subscription, visit the SubscribeURL included in this message."
    )
    assert envelope["SubscribeURL"] == (
        "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription"
        f"&TopicArn={topic}&Token={envelope['Token']}"
    )
    assert confirmation.subscription_arn == subscription
    assert sessim.sns.confirmations == [confirmation] and sessim.notifications == []
    assert sessim.sns.confirm_pending() == []  # sent once


def test_unconfirmed_subscriptions_get_nothing_until_confirm_subscription(
    sessim: SesSim, sns: Any, topic: str
) -> None:
    app = Webhook(confirm=None)
    sessim.mount(BASE, app)
    subscription = subscribe(sns, topic, f"{BASE}/hook")
    first = sessim.sns.publish(topic, BODY)
    assert first.deliveries == [] and app.notifications == []
    attributes = sns.get_subscription_attributes(SubscriptionArn=subscription)["Attributes"]
    assert attributes["PendingConfirmation"] == "true"
    token = sessim.sns.confirmations[0].envelope["Token"]
    reply = sns.confirm_subscription(TopicArn=topic, Token=token)
    assert reply["SubscriptionArn"] == subscription
    attributes = sns.get_subscription_attributes(SubscriptionArn=subscription)["Attributes"]
    assert attributes["PendingConfirmation"] == "false"
    assert attributes["ConfirmationWasAuthenticated"] == "true"
    second = sessim.sns.publish(topic, BODY)
    assert [attempt.status for attempt in second.deliveries] == [200]
    assert [item["MessageId"] for item in app.notifications] == [second.message_id]


def test_asgi_webhook_confirms_with_urllib(sessim: SesSim, sns: Any, topic: str) -> None:
    app = AsgiWebhook(confirm="urllib")
    sessim.mount(f"{BASE}/asgi", app)
    subscribe(sns, topic, f"{BASE}/asgi/sns")
    publication = sessim.sns.publish(topic, BODY, subject="Hello")
    assert [item["path"] for item in app.received] == ["/sns", "/sns"]
    assert app.received[0]["root"] == "/asgi"
    assert app.notifications[0]["Subject"] == "Hello"
    assert publication.deliveries[0].ok


def test_mount_prefix_gives_script_name_and_path_info(sessim: SesSim, sns: Any, topic: str) -> None:
    outer, inner = Webhook(), Webhook()
    sessim.mount(BASE, outer)
    sessim.mount(f"{BASE}/tenant", inner)
    subscribe(sns, topic, f"{BASE}/tenant/hook")
    subscribe(sns, topic, f"{BASE}/tenantless/hook")
    sessim.sns.publish(topic, BODY)
    assert {(item["root"], item["path"]) for item in inner.received} == {("/tenant", "/hook")}
    assert {(item["root"], item["path"]) for item in outer.received} == {("", "/tenantless/hook")}


def test_raw_http_delivery(sessim: SesSim, sns: Any, topic: str) -> None:
    app = Webhook(confirm=None)
    sessim.mount(BASE, app)
    subscription = subscribe(sns, topic, f"{BASE}/raw", RawMessageDelivery="true")
    sessim.sns.confirm(subscription)
    publication = sessim.sns.publish(topic, BODY)
    confirmation, received = app.received
    assert confirmation["headers"]["x-amz-sns-message-type"] == "SubscriptionConfirmation"
    assert received["body"] == BODY.encode()
    assert received["headers"]["x-amz-sns-rawdelivery"] == "true"
    assert publication.deliveries[0].raw


def test_basic_auth_first_without_credentials_then_with_them(
    sessim: SesSim, sns: Any, topic: str
) -> None:
    app = Webhook(password="s3cret")
    sessim.mount(BASE, app)
    subscribe(sns, topic, "https://sns:s3cret@hooks.example.com/private")
    publication = sessim.sns.publish(topic, BODY)
    statuses = [(a.attempt, a.status, "Authorization" in a.headers) for a in publication.deliveries]
    assert statuses == [(1, 401, False), (1, 200, True)]
    assert publication.deliveries[0].url == "https://hooks.example.com/private"
    posted = [
        item for item in app.received if item["headers"]["x-amz-sns-message-type"] == "Notification"
    ]
    assert ["authorization" in item["headers"] for item in posted] == [False, True]


def test_basic_auth_needs_a_challenge(sessim: SesSim, sns: Any, topic: str) -> None:
    app = Webhook(password="s3cret", challenge=False)
    sessim.mount(BASE, app)
    subscription = subscribe(sns, topic, "https://sns:s3cret@hooks.example.com/private")
    sessim.sns.confirm(subscription)
    publication = sessim.sns.publish(topic, BODY)
    assert [a.status for a in publication.deliveries] == [401]  # 4xx: not retried either
    sessim.clock.advance(3600)
    assert len(publication.deliveries) == 1


def test_server_errors_are_retried_on_the_simulator_clock(
    sessim: SesSim, sns: Any, topic: str
) -> None:
    app = Webhook(statuses=(500,) * 10)
    sessim.mount(BASE, app)
    subscribe(sns, topic, f"{BASE}/flaky")
    publication = sessim.sns.publish(topic, BODY)
    assert [a.status for a in publication.deliveries] == [500]
    sessim.clock.advance(19.999)
    assert len(publication.deliveries) == 1
    sessim.clock.advance(0.001)
    assert [a.attempt for a in publication.deliveries] == [1, 2]
    sessim.clock.advance(3600)
    assert [a.attempt for a in publication.deliveries] == [1, 2, 3, 4]  # 3 retries by default
    times = [a.timestamp for a in publication.deliveries]
    assert [(b - a).total_seconds() for a, b in itertools.pairwise(times)] == [20.0, 20.0, 20.0]
    assert len({item["MessageId"] for item in app.notifications}) == 1


def test_retry_stops_at_the_first_success(sessim: SesSim, sns: Any, topic: str) -> None:
    app = Webhook(statuses=(200, 503, 429))  # the first answers the confirmation
    sessim.mount(BASE, app)
    subscribe(sns, topic, f"{BASE}/flaky")
    publication = sessim.sns.publish(topic, BODY)
    sessim.clock.advance(600)
    assert [a.status for a in publication.deliveries] == [503, 429, 200]


def test_client_errors_are_not_retried(sessim: SesSim, sns: Any, topic: str) -> None:
    app = Webhook(statuses=(200, 404))
    sessim.mount(BASE, app)
    subscribe(sns, topic, f"{BASE}/missing")
    publication = sessim.sns.publish(topic, BODY)
    sessim.clock.advance(600)
    assert [a.status for a in publication.deliveries] == [404]


def test_an_app_that_raises_counts_as_a_500(sessim: SesSim, sns: Any, topic: str) -> None:
    def broken(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        raise RuntimeError("handler bug")

    sessim.mount(BASE, broken)
    subscription = subscribe(sns, topic, f"{BASE}/broken")
    sessim.sns.confirm(subscription)
    publication = sessim.sns.publish(topic, BODY)
    (attempt,) = publication.deliveries
    assert attempt.status == 500 and attempt.error is not None
    assert "RuntimeError: handler bug" in attempt.error


def test_delivery_policy_of_the_subscription(sessim: SesSim, sns: Any, topic: str) -> None:
    app = Webhook(statuses=(500,) * 10)
    sessim.mount(BASE, app)
    policy = {
        "healthyRetryPolicy": {
            "numRetries": 3,
            "numNoDelayRetries": 1,
            "minDelayTarget": 5,
            "maxDelayTarget": 5,
        },
        "requestPolicy": {"headerContentType": "application/json"},
    }
    subscription = subscribe(sns, topic, f"{BASE}/json", DeliveryPolicy=json.dumps(policy))
    sessim.sns.confirm(subscription)
    publication = sessim.sns.publish(topic, BODY)
    assert [a.attempt for a in publication.deliveries] == [1, 2]  # an immediate retry
    assert publication.deliveries[0].headers["Content-Type"] == "application/json"
    sessim.clock.advance(5)
    assert len(publication.deliveries) == 3
    sessim.clock.advance(5)
    assert len(publication.deliveries) == 4
    sessim.clock.advance(600)
    assert len(publication.deliveries) == 4


def test_retries_stop_when_the_subscription_is_deleted(
    sessim: SesSim, sns: Any, topic: str
) -> None:
    app = Webhook(statuses=(500,) * 10)
    sessim.mount(BASE, app)
    subscription = subscribe(sns, topic, f"{BASE}/flaky")
    sessim.sns.confirm(subscription)
    publication = sessim.sns.publish(topic, BODY)
    sns.unsubscribe(SubscriptionArn=subscription)
    sessim.clock.advance(600)
    assert len(publication.deliveries) == 1


def test_asgi_app_from_inside_a_running_event_loop(sessim: SesSim, sns: Any, topic: str) -> None:
    app = AsgiWebhook(confirm=None)
    sessim.mount(BASE, app)
    subscription = subscribe(sns, topic, f"{BASE}/async")
    sessim.sns.confirm(subscription)

    async def publish_from_async_code() -> Any:
        return sessim.sns.publish(topic, BODY)

    publication = asyncio.run(publish_from_async_code())
    assert [a.status for a in publication.deliveries] == [200]


@pytest.fixture
def loopback() -> Iterator[tuple[str, list[tuple[dict[str, str], bytes]]]]:
    received: list[tuple[dict[str, str], bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((dict(self.headers.items()), body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


def test_unmounted_endpoints_are_posted_over_the_network(
    sessim: SesSim, sns: Any, topic: str, loopback: Any
) -> None:
    url, received = loopback
    subscription = subscribe(sns, topic, f"{url}/sns")
    sessim.sns.confirm_pending()
    assert received[0][0]["x-amz-sns-message-type"] == "SubscriptionConfirmation"
    sessim.sns.confirm(subscription)
    publication = sessim.sns.publish(topic, BODY)
    assert [a.status for a in publication.deliveries] == [204]
    headers, body = received[-1]
    assert headers["x-amz-sns-subscription-arn"] == subscription
    assert headers["Content-Type"] == "text/plain; charset=UTF-8"
    assert headers["User-Agent"] == "Amazon Simple Notification Service Agent"
    assert json.loads(body)["MessageId"] == publication.message_id


def test_an_unreachable_endpoint_is_retried(sessim: SesSim, sns: Any, topic: str) -> None:
    subscription = subscribe(sns, topic, "http://127.0.0.1:9/nothing-listens")
    sessim.sns.confirm(subscription)
    publication = sessim.sns.publish(topic, BODY)
    assert publication.deliveries[0].status is None
    assert publication.deliveries[0].error is not None
    sessim.clock.advance(20)
    assert len(publication.deliveries) == 2


def test_without_moto_active_requests_and_urllib_are_still_answered() -> None:
    """moto's data model without its mock: the simulator's own interceptors serve
    the certificate and the SubscribeURL, and are gone afterwards."""
    import requests.adapters
    from moto.sns.models import sns_backends

    from pytest_sessim.moto_adapter import mock_active as moto_active

    send = requests.adapters.HTTPAdapter.send
    backend = sns_backends["123456789012"]["us-east-1"]
    topic = backend.create_topic("without-mock")
    try:
        with SesSim(moto=False) as sim:
            assert not moto_active()
            app = Webhook(confirm="requests")
            sim.mount(BASE, app)
            backend.subscribe(topic.arn, f"{BASE}/hook", "https")
            publication = sim.sns.publish(topic.arn, BODY)
            assert [a.status for a in publication.deliveries] == [200]
            url = publication.envelope["SigningCertURL"]
            assert requests.get(url, timeout=5).content.startswith(b"-----BEGIN CERTIFICATE")
            with urllib.request.urlopen(url, timeout=5) as reply:
                assert reply.read().startswith(b"-----BEGIN CERTIFICATE")
        assert requests.adapters.HTTPAdapter.send is send
    finally:
        backend.delete_topic(topic.arn)
