"""The one module that touches moto's internals: its mock's state, its botocore stubber,
its ``requests`` mock, and the backends of the services SES delivers to.

Everything moto-specific that the doors, the sinks and the simulator need goes
through here, so a change in moto is a change in one place. moto is imported only
when one of these functions runs. moto keeps its state in
``<service>_backends[account][region]``; ARNs name the account and region.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import Any

from .engine.arns import Arn, arn_with_defaults, parse_arn
from .engine.jsonfmt import compact

_SQS_MAXIMUM_BODY = 262_144


# the mock ------------------------------------------------------------------------
def mock_active() -> bool:
    """Whether a moto ``mock_aws`` is running (its botocore stubber is enabled)."""
    models = sys.modules.get("moto.core.models")
    stubber = getattr(models, "botocore_stubber", None)
    return bool(getattr(stubber, "enabled", False))


def start_mock() -> Any:
    """Start a ``mock_aws`` of our own; returns it (call ``.stop()`` on it)."""
    from moto import mock_aws

    mock = mock_aws()
    mock.start()
    return mock


def stubber_answer(event_name: str, request: Any, **kwargs: Any) -> Any | None:
    """moto's answer to a botocore request (an ``AWSResponse``), or None."""
    from moto.core.models import botocore_stubber

    return botocore_stubber(event_name=event_name, request=request, **kwargs)


def answer_http(
    event_name: str, method: str, url: str, headers: dict[str, str], body: bytes
) -> tuple[int, dict[str, str], bytes] | None:
    """moto's answer to a plain HTTP request for an AWS API: (status, headers, body)."""
    from botocore.awsrequest import AWSPreparedRequest, HTTPHeaders

    http_headers = HTTPHeaders()
    for name, value in headers.items():
        http_headers[name] = value
    request = AWSPreparedRequest(method, url, http_headers, body, stream_output=False)
    response = stubber_answer(event_name, request)
    if response is None:
        return None
    reply_headers = {str(key): str(value) for key, value in response.headers.items()}
    return response.status_code, reply_headers, response.content


def requests_mock() -> Any | None:
    """moto's ``responses.RequestsMock`` while its mock runs, else None."""
    if not mock_active():
        return None
    return sys.modules["moto.core.models"].responses_mock


# SNS -----------------------------------------------------------------------------
def _sns_backend(region: str, account: str) -> Any:
    from moto.sns.models import sns_backends

    return sns_backends[account][region]


def _arn(arn: str, service: str) -> Arn | None:
    found = parse_arn(arn)
    if found is None or found.service != service or not found.region or not found.account:
        return None
    return found


def sns_topic(arn: str) -> Any | None:
    """moto's Topic for ``arn``, or None."""
    found = _arn(arn, "sns")
    if found is None:
        return None
    try:
        return _sns_backend(found.region, found.account).topics.get(arn)
    except (KeyError, ValueError):
        return None


def sns_topics() -> Iterator[Any]:
    """Every topic in every account and region moto has created a backend for."""
    from moto.sns.models import sns_backends

    for regions in list(dict.values(sns_backends)):
        for backend in list(dict.values(regions)):
            yield from list(backend.topics.values())


def sns_subscriptions(topic: Any) -> list[Any]:
    """moto's Subscriptions of a Topic (each has ``arn``, ``protocol``, ``endpoint``,
    ``attributes``, ``confirmed`` and ``topic``)."""
    backend = topic.sns_backend
    return [sub for sub in backend.subscriptions.values() if sub.topic.arn == topic.arn]


def sns_subscription(arn: str) -> Any | None:
    found = _arn(arn, "sns")
    if found is None:
        return None
    return _sns_backend(found.region, found.account).subscriptions.get(arn)


def signature_version(topic: Any) -> str:
    return "2" if str(getattr(topic, "signature_version", "1")) == "2" else "1"


def raw_delivery(subscription: Any) -> bool:
    return str(subscription.attributes.get("RawMessageDelivery", False)).lower() == "true"


def filter_policy(subscription: Any) -> tuple[str | None, str]:
    """(FilterPolicy JSON or None, FilterPolicyScope) of a subscription."""
    attributes = subscription.attributes
    return attributes.get("FilterPolicy"), attributes.get("FilterPolicyScope") or (
        "MessageAttributes"
    )


def delivery_policies(subscription: Any) -> tuple[Any, Any]:
    """(topic DeliveryPolicy, subscription DeliveryPolicy), as JSON text or empty."""
    topic_policy = getattr(subscription.topic, "delivery_policy", "")
    return topic_policy, subscription.attributes.get("DeliveryPolicy", "")


def mark_pending(subscription: Any) -> None:
    """moto does not track confirmation: keep it in the fields the API reports."""
    attributes = subscription.attributes
    if attributes.get("PendingConfirmation") is True or subscription.confirmed:
        return
    attributes["PendingConfirmation"] = True
    attributes["ConfirmationWasAuthenticated"] = False
    subscription.topic.subscriptions_pending += 1


def mark_confirmed(subscription: Any, authenticated: bool) -> None:
    attributes = subscription.attributes
    was_pending = attributes.get("PendingConfirmation") is True
    attributes["PendingConfirmation"] = False
    attributes["ConfirmationWasAuthenticated"] = authenticated
    if not subscription.confirmed:
        subscription.confirmed = True
        topic = subscription.topic
        if was_pending and topic.subscriptions_pending > 0:
            topic.subscriptions_pending -= 1
        topic.subscriptions_confimed += 1  # (sic) moto's attribute name


ConfirmHandler = Callable[[str | None, str], str | None]


def patch_confirm_subscription(handler: ConfirmHandler) -> Callable[[], None] | None:
    """Answer SNS ``ConfirmSubscription`` with ``handler(topic_arn, token)`` (a subscription
    ARN, or None to let moto answer). Returns the undo, or None without moto's SNS."""
    if "moto" not in sys.modules:
        return None
    try:
        from moto.core.responses import ActionResult
        from moto.sns.responses import SNSResponse
    except ImportError:  # moto without its SNS extra
        return None
    original = SNSResponse.confirm_subscription

    def confirm_subscription(self: Any) -> Any:
        arn = handler(self._get_param("TopicArn"), self._get_param("Token") or "")
        if arn is not None:
            return ActionResult({"SubscriptionArn": arn})
        return original(self)

    SNSResponse.confirm_subscription = confirm_subscription  # type: ignore[method-assign]

    def undo() -> None:
        if SNSResponse.confirm_subscription is confirm_subscription:
            SNSResponse.confirm_subscription = original  # type: ignore[method-assign]

    return undo


def patch_subscribe(handler: Callable[[str], None]) -> Callable[[], None] | None:
    """After moto's SNS ``Subscribe`` makes an HTTP(S) subscription, call ``handler`` with
    its ARN (SNS posts the SubscriptionConfirmation then). Returns the undo, or None
    without moto's SNS."""
    if "moto" not in sys.modules:
        return None
    try:
        from moto.sns.responses import SNSResponse
    except ImportError:  # moto without its SNS extra
        return None
    original = SNSResponse.subscribe

    def subscribe(self: Any) -> Any:
        result = original(self)
        protocol = str(self._get_param("Protocol") or "").lower()
        if protocol in ("http", "https"):
            topic_arn, endpoint = self._get_param("TopicArn"), self._get_param("Endpoint")
            for sub in list(self.backend.subscriptions.values()):
                if (sub.topic.arn, sub.endpoint, sub.protocol) == (topic_arn, endpoint, protocol):
                    handler(str(sub.arn))
        return result

    SNSResponse.subscribe = subscribe  # type: ignore[method-assign]

    def undo() -> None:
        if SNSResponse.subscribe is subscribe:
            SNSResponse.subscribe = original  # type: ignore[method-assign]

    return undo


# SQS -----------------------------------------------------------------------------
def enqueue(queue_arn: str, body: str, group_id: str | None = None) -> None:
    """Put ``body`` in an SQS queue.

    moto's own ``send_message`` reads every queue attribute on each call, and some of
    those scan every message in the queue, so a queue that fills during a test makes
    each delivery slower. Standard queues get the message appended directly (as
    ``send_message`` would); FIFO queues and oversized bodies go through
    ``send_message`` for its deduplication and validation."""
    from moto.moto_api._internal import mock_random
    from moto.sqs.models import Message, sqs_backends

    found = _arn(queue_arn, "sqs")
    if found is None:
        raise ValueError(f"not an SQS queue ARN: {queue_arn}")
    backend = sqs_backends[found.account][found.region]
    queue = backend.get_queue(found.resource)
    if queue.fifo_queue or len(body.encode("utf-8")) > _SQS_MAXIMUM_BODY:
        backend.send_message(found.resource, body, group_id=group_id, validate_group_id=False)
        return
    message: Any = Message(str(mock_random.uuid4()), body)
    message.mark_sent(delay_seconds=int(getattr(queue, "delay_seconds", 0) or 0))
    queue.add_message(message)


# EventBridge, Firehose, CloudWatch ------------------------------------------------
def put_event(envelope: dict[str, Any], bus_arn: str, *, region: str, account: str) -> int:
    """Deliver an event to the rules of a bus; returns how many rules matched.

    moto's own target delivery rewrites an event (it drops ``account`` and reorders
    the keys), so plain SQS targets get the envelope SES would produce, written here;
    every other kind of target is left to moto."""
    from moto.events.models import events_backends

    arn = arn_with_defaults(bus_arn, region=region, account=account)
    bus = events_backends[arn.account][arn.region].describe_event_bus(arn.name or "default")
    timestamp = _unix_time(envelope["time"])
    matched = 0
    for rule in list(bus.rules.values()):
        if rule.state != "ENABLED":
            continue
        # moto matches against (and hands its targets) "time" as Unix seconds
        moto_event: Any = dict(envelope, time=timestamp)
        if not rule.event_pattern.matches_event(moto_event):
            continue
        matched += 1
        others = []
        for target in rule.targets:
            if _plain_sqs(target):
                group_id = target.get("SqsParameters", {}).get("MessageGroupId")
                enqueue(str(target["Arn"]), compact(envelope), group_id)
            else:
                others.append(target)
        if others:
            partial = copy.copy(rule)
            partial.targets = others
            with_ingestion: Any = dict(moto_event, **{"ingestion-time": timestamp})
            partial.send_to_targets(with_ingestion)
    return matched


def _plain_sqs(target: dict[str, Any]) -> bool:
    found = parse_arn(str(target.get("Arn", "")))
    rewritten = any(key in target for key in ("Input", "InputPath", "InputTransformer"))
    return found is not None and found.service == "sqs" and not rewritten


def _unix_time(iso: str) -> float:
    return datetime.strptime(iso, "%Y-%m-%dT%H:%M:%S%z").timestamp()


def put_firehose_record(stream_arn: str, data: bytes, *, region: str, account: str) -> None:
    from moto.firehose.models import firehose_backends

    arn = arn_with_defaults(stream_arn, region=region, account=account)
    firehose_backends[arn.account][arn.region].put_record(arn.name, {"Data": data})


def put_metric(
    namespace: str,
    name: str,
    dimensions: tuple[tuple[str, str], ...],
    value: float,
    unit: str,
    timestamp: datetime,
    *,
    region: str,
    account: str,
) -> None:
    from moto.cloudwatch.models import cloudwatch_backends

    cloudwatch_backends[account][region].put_metric_data(
        namespace,
        [
            {
                "MetricName": name,
                "Dimensions": [{"Name": key, "Value": item} for key, item in dimensions],
                "Value": value,
                "Unit": unit,
                # moto keeps CloudWatch times naive, in UTC
                "Timestamp": timestamp.astimezone(timezone.utc).replace(tzinfo=None),
            }
        ],
    )


# S3 --------------------------------------------------------------------------------
def put_object(
    bucket: str,
    key: str,
    body: bytes,
    content_type: str,
    *,
    region: str,
    account: str,
    create_bucket: bool,
) -> None:
    """Write an object as PutObject would (moto's error for a missing bucket), or make the
    bucket (in ``account``, ``region``) first with ``create_bucket``."""
    from moto.s3.exceptions import MissingBucket
    from moto.s3.models import s3_backends

    backend = s3_backends[account]["aws"]
    if create_bucket:
        try:
            backend.get_bucket(bucket)
        except MissingBucket:
            backend.create_bucket(bucket, region)
    written = backend.put_object(bucket, key, body)
    if content_type:
        written.set_metadata({"Content-Type": content_type})


def get_object(bucket: str, key: str) -> bytes | None:
    """An object's content from whichever account's bucket it is in, or None."""
    from moto.s3.models import s3_backends

    owner = s3_backends.bucket_accounts.get(bucket)
    if owner is None:
        return None
    partition, account = owner
    found = s3_backends[account][partition].buckets[bucket].keys.get(key)
    return None if found is None else bytes(found.value)


# S3 and Lambda (email receiving) -----------------------------------------------------
def s3_bucket(name: str, account: str) -> tuple[bool, str | None]:
    """(whether the bucket exists, its bucket policy as JSON text or None)."""
    from moto.s3.models import s3_backends

    try:
        bucket = s3_backends[account]["aws"].get_bucket(name)
    except Exception:  # moto's MissingBucket, or a bucket locked in another account
        return False, None
    policy = getattr(bucket, "policy", None)
    return True, policy.decode("utf-8") if isinstance(policy, bytes) else policy


def lambda_function_exists(arn: str) -> bool:
    found = _arn(arn, "lambda")
    if found is None:
        return False
    from moto.awslambda.models import lambda_backends

    try:
        lambda_backends[found.account][found.region].get_function(arn)
    except Exception:  # moto's UnknownFunctionException
        return False
    return True
