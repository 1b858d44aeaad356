"""The SNS layer of delivery: signed envelopes, fanned out to the subscriptions that
moto's SNS holds, into moto's SQS queues and to HTTP(S) endpoints.

moto's own ``Publish`` is never used: it signs with version 2 only, over a string
that leaves the Subject out, and posts without SNS's headers.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from .. import moto_adapter as moto
from ..engine.arns import parse_arn
from ..engine.clock import iso_millis
from ..engine.text import replaced
from . import intercept, signing
from .filter_policy import accepts, parse_policy
from .http_endpoints import (
    HttpAnswer,
    Mounts,
    Target,
    effective_policy,
    post_with_auth,
    retry_delays,
    retryable,
)
from .sns_records import DeliveryAttempt, Publication

if TYPE_CHECKING:
    from ..engine.clock import Clock
    from ..engine.ids import IdGenerator

USER_AGENT = "Amazon Simple Notification Service Agent"
CONTENT_TYPE = "text/plain; charset=UTF-8"
HTTP_PROTOCOLS = ("http", "https")


def envelope_json(envelope: dict[str, str]) -> str:
    """The envelope as SNS writes it: two-space indent, ``"Key" : value``; lone
    surrogates as U+FFFD.

    Written key by key: ``json.dumps`` with an indent takes its pure-Python path, and an
    envelope is one level of text values (anything else goes through ``json.dumps``)."""
    if not envelope or not all(type(value) is str for value in envelope.values()):
        return replaced(json.dumps(envelope, indent=2, separators=(",", " : "), ensure_ascii=False))
    quote = _quote
    members = ",\n".join(f"  {quote(key)} : {quote(value)}" for key, value in envelope.items())
    return replaced("{\n" + members + "\n}")


_quote = json.encoder.encode_basestring  # a JSON string as json.dumps writes it unescaped


def _parse(message: str) -> Any:
    try:
        return json.loads(message)
    except ValueError:
        return None


def _enqueue(queue_arn: str, body: str) -> str | None:
    """Put ``body`` in an SQS queue; an error text if that failed."""
    try:
        moto.enqueue(queue_arn, body)
    except Exception as error:  # moto raises its own service errors here
        return f"{type(error).__name__}: {error}"
    return None


class SnsSink:
    """Publishes to SNS topics as SNS does, for one simulator (its ids and clock)."""

    def __init__(
        self, clock: Clock, ids: IdGenerator, region: str, *, external_webhooks: bool = False
    ) -> None:
        # the engine's clock and ids, so that SNS's times and ids follow the test's
        self.clock = clock
        self.ids = ids
        self.region = region
        self.publications: list[Publication] = []
        self.mounts = Mounts(external=external_webhooks)
        self._handled: set[str] = set()  # HTTP(S) subscriptions sent a confirmation
        self._confirmed: set[str] = set()
        self._tokens: dict[str, tuple[str, str]] = {}  # token -> (subscription, topic)
        self.active = False

    # lifecycle ---------------------------------------------------------------------
    def activate(self) -> None:
        intercept.register(self)
        self.active = True

    def deactivate(self) -> None:
        self.active = False
        intercept.unregister(self)
        self.mounts.close()

    def mount(self, base_url: str, app: Any, *, asgi: bool | None = None) -> None:
        """Route HTTP(S) endpoints under ``base_url`` into a WSGI or ASGI ``app``."""
        self.mounts.add(base_url, app, asgi)

    # the record ----------------------------------------------------------------------
    @property
    def notifications(self) -> list[Publication]:
        return [item for item in self.publications if item.type == "Notification"]

    @property
    def confirmations(self) -> list[Publication]:
        return [item for item in self.publications if item.type == "SubscriptionConfirmation"]

    # publishing ----------------------------------------------------------------------
    def publish(
        self,
        topic_arn: str,
        message: str,
        subject: str | None = None,
        at: datetime | None = None,
    ) -> Publication:
        """Publish ``message`` (a JSON string or plain text) to a topic in moto's SNS."""
        if self.active:
            intercept.ensure()
        topic = moto.sns_topic(topic_arn)
        if topic is not None:
            self._confirm_new(topic)
        version = moto.signature_version(topic) if topic is not None else "1"
        envelope = {"Type": "Notification", "MessageId": self.ids.uuid()}
        envelope["TopicArn"] = topic_arn
        if subject:  # SNS never sends an empty Subject
            envelope["Subject"] = subject
        envelope["Message"] = message
        stamped = at if at is not None else self.clock.now()
        envelope["Timestamp"] = iso_millis(stamped)
        self._sign(envelope, topic_arn, version)
        subscribers = [] if topic is None else moto.sns_subscriptions(topic)
        targets = [sub for sub in subscribers if self._receives(sub, message)]
        first = (targets or subscribers or [None])[0]
        if first is not None:
            envelope["UnsubscribeURL"] = self._unsubscribe_url(topic_arn, first.arn)
        publication = Publication(
            type="Notification",
            topic_arn=topic_arn,
            message_id=envelope["MessageId"],
            subject=subject or None,
            message=message,
            body=_parse(message),
            envelope=envelope,
            timestamp=stamped,
            error=None if topic is not None else f"topic {topic_arn} does not exist in moto's SNS",
        )
        self.publications.append(publication)
        for sub in targets:
            self._deliver(publication, sub)
        return publication

    def publish_confirmation(self, subscription: Any) -> Publication:
        """Send the signed SubscriptionConfirmation to an HTTP(S) subscription
        (a moto Subscription or its ARN)."""
        sub = moto.sns_subscription(subscription) if isinstance(subscription, str) else subscription
        if sub is None or sub.protocol not in HTTP_PROTOCOLS:
            raise ValueError(f"not an HTTP(S) subscription in moto's SNS: {subscription!r}")
        if self.active:
            intercept.ensure()
        topic_arn = sub.topic.arn
        token = "".join(self.ids.uuid().replace("-", "") for _ in range(8))
        region = self._region(topic_arn)
        envelope = {
            "Type": "SubscriptionConfirmation",
            "MessageId": self.ids.uuid(),
            "Token": token,
            "TopicArn": topic_arn,
            "Message": (
                f"You have chosen to subscribe to the topic {topic_arn}.\n"
                "To confirm the subscription, visit the SubscribeURL included in this message."
            ),
            "SubscribeURL": (
                f"https://{signing.sns_host(region)}/?Action=ConfirmSubscription"
                f"&TopicArn={topic_arn}&Token={token}"
            ),
            "Timestamp": iso_millis(self.clock.now()),
        }
        self._sign(envelope, topic_arn, moto.signature_version(sub.topic))
        self._tokens[token] = (sub.arn, topic_arn)
        self._handled.add(sub.arn)
        moto.mark_pending(sub)
        publication = Publication(
            type="SubscriptionConfirmation",
            topic_arn=topic_arn,
            message_id=envelope["MessageId"],
            subject=None,
            message=envelope["Message"],
            body=None,
            envelope=envelope,
            timestamp=self.clock.now(),
            subscription_arn=sub.arn,
        )
        self.publications.append(publication)
        self._deliver(publication, sub)
        return publication

    def confirm_pending(self, topic_arn: str | None = None) -> list[Publication]:
        """Send a SubscriptionConfirmation to every HTTP(S) subscription (of one topic,
        or of every topic in moto) that has not been sent one yet."""
        if topic_arn is not None:
            topic = moto.sns_topic(topic_arn)
            return [] if topic is None else self._confirm_new(topic)
        sent: list[Publication] = []
        for topic in moto.sns_topics():
            sent.extend(self._confirm_new(topic))
        return sent

    def confirm(self, subscription_arn: str) -> None:
        """Treat an HTTP(S) subscription as confirmed, skipping the handshake."""
        sub = moto.sns_subscription(subscription_arn)
        if sub is None:
            raise ValueError(f"no subscription {subscription_arn} in moto's SNS")
        self._handled.add(sub.arn)
        self._confirmed.add(sub.arn)
        moto.mark_confirmed(sub, authenticated=True)

    # tokens (the SubscribeURL and ConfirmSubscription) -------------------------------
    def knows_token(self, token: str) -> bool:
        return token in self._tokens

    def confirm_token(self, topic_arn: str | None, token: str, authenticated: bool) -> str | None:
        found = self._tokens.get(token)
        if found is None or (topic_arn is not None and topic_arn != found[1]):
            return None
        sub = moto.sns_subscription(found[0])
        if sub is None:
            return None
        self._confirmed.add(sub.arn)
        moto.mark_confirmed(sub, authenticated)
        return str(sub.arn)

    def request_id(self) -> str:
        return self.ids.uuid()

    # internals -----------------------------------------------------------------------
    def _confirm_new(self, topic: Any) -> list[Publication]:
        return [
            self.publish_confirmation(sub)
            for sub in moto.sns_subscriptions(topic)
            if sub.protocol in HTTP_PROTOCOLS
            and sub.arn not in self._handled
            and not self._is_confirmed(sub)
        ]

    def _is_confirmed(self, sub: Any) -> bool:
        return sub.arn in self._confirmed or bool(getattr(sub, "confirmed", False))

    def _receives(self, sub: Any, message: str) -> bool:
        if sub.protocol in HTTP_PROTOCOLS and not self._is_confirmed(sub):
            return False
        # SES publishes no message attributes
        policy, scope = moto.filter_policy(sub)
        return accepts(parse_policy(policy), scope, message, attributes={})

    def _region(self, arn: str) -> str:
        found = parse_arn(arn)
        return found.region if found is not None and found.region else self.region

    def _sign(self, envelope: dict[str, str], topic_arn: str, version: str) -> None:
        envelope["SignatureVersion"] = version
        envelope["Signature"] = signing.sign(envelope, version)
        envelope["SigningCertURL"] = signing.cert_url(self._region(topic_arn))

    def _unsubscribe_url(self, topic_arn: str, subscription_arn: str) -> str:
        host = signing.sns_host(self._region(topic_arn))
        return f"https://{host}/?Action=Unsubscribe&SubscriptionArn={subscription_arn}"

    def _envelope_for(self, publication: Publication, sub: Any) -> dict[str, str]:
        envelope = dict(publication.envelope)
        if "UnsubscribeURL" in envelope:
            envelope["UnsubscribeURL"] = self._unsubscribe_url(publication.topic_arn, sub.arn)
        return envelope

    def _deliver(self, publication: Publication, sub: Any) -> None:
        notification = publication.type == "Notification"
        raw = notification and moto.raw_delivery(sub)
        body = publication.message if raw else envelope_json(self._envelope_for(publication, sub))
        if sub.protocol == "sqs":
            error = _enqueue(sub.endpoint, body)
            publication.deliveries.append(
                self._attempt(publication, sub, raw, body, {}, 1, HttpAnswer(200), error)
            )
        elif sub.protocol in HTTP_PROTOCOLS:
            self._post(publication, sub, raw, body, attempt=1, delays=None)
        else:
            error = f"the simulator does not deliver to {sub.protocol} subscriptions"
            publication.deliveries.append(
                self._attempt(publication, sub, raw, body, {}, 1, HttpAnswer(None), error)
            )

    def _headers(
        self, publication: Publication, sub: Any, raw: bool, data: bytes, policy: dict[str, Any]
    ) -> dict[str, str]:
        headers = {
            "x-amz-sns-message-type": publication.type,
            "x-amz-sns-message-id": publication.message_id,
            "x-amz-sns-topic-arn": publication.topic_arn,
        }
        if publication.type == "Notification":
            headers["x-amz-sns-subscription-arn"] = sub.arn
        if raw:
            headers["x-amz-sns-rawdelivery"] = "true"
        headers["Content-Length"] = str(len(data))
        headers["Content-Type"] = str(policy["request"].get("headerContentType") or CONTENT_TYPE)
        headers["Host"] = Target.parse(sub.endpoint).host_header
        headers["Connection"] = "Keep-Alive"
        headers["User-Agent"] = USER_AGENT
        return headers

    def _post(
        self,
        publication: Publication,
        sub: Any,
        raw: bool,
        body: str,
        attempt: int,
        delays: list[float] | None,
    ) -> None:
        if attempt > 1 and moto.sns_subscription(sub.arn) is None:
            return  # unsubscribed (or moto reset) while a retry waited
        policy = effective_policy(*moto.delivery_policies(sub))
        if delays is None:
            delays = retry_delays(policy["retry"])
        data = body.encode("utf-8")
        headers = self._headers(publication, sub, raw, data, policy)
        target = Target.parse(sub.endpoint)
        exchanges = post_with_auth(self._post_once, target, headers, data)
        for sent, reply in exchanges:
            publication.deliveries.append(
                self._attempt(publication, sub, raw, body, sent, attempt, reply, reply.error)
            )
        answer = exchanges[-1][1]
        if answer.status is not None and 200 <= answer.status < 300:
            return
        if not retryable(answer) or attempt > len(delays):
            return
        delay = delays[attempt - 1]
        retry: Callable[[], None] = lambda: self._post(  # noqa: E731
            publication, sub, raw, body, attempt + 1, delays
        )
        if delay <= 0:
            retry()
        else:
            self.clock.schedule(self.clock.now() + timedelta(seconds=delay), retry)

    def _post_once(self, target: Target, headers: dict[str, str], data: bytes) -> HttpAnswer:
        try:
            return self.mounts.post(target, headers, data)
        except Exception:  # an app that raises: a server would have answered 500
            return HttpAnswer(500, {}, "", traceback.format_exc())

    def _attempt(
        self,
        publication: Publication,
        sub: Any,
        raw: bool,
        body: str,
        headers: dict[str, str],
        attempt: int,
        answer: HttpAnswer,
        error: str | None,
    ) -> DeliveryAttempt:
        return DeliveryAttempt(
            subscription_arn=sub.arn,
            protocol=sub.protocol,
            endpoint=sub.endpoint,
            raw=raw,
            body=body,
            headers=dict(headers),
            status=None if error is not None and sub.protocol == "sqs" else answer.status,
            attempt=attempt,
            timestamp=self.clock.now(),
            response_headers=dict(answer.headers),
            response_body=answer.body,
            error=error,
            url=Target.parse(sub.endpoint).url if sub.protocol in HTTP_PROTOCOLS else "",
        )
