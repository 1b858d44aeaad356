"""What the SNS sink reads from and writes to moto's SNS and SQS backends.

moto keeps topics in ``sns_backends[account][region].topics`` (ARN -> Topic, whose
attributes set through the API live as snake_case attributes: ``signature_version``,
``delivery_policy``) and subscriptions in ``.subscriptions`` (ARN -> Subscription
with ``topic``, ``protocol``, ``endpoint``, ``attributes`` and ``confirmed``).
moto does not track confirmation itself; the sink keeps that state in the same
fields the API reports (``PendingConfirmation``, ``ConfirmationWasAuthenticated``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .filter_policy import accepts, parse_policy
from .moto_sqs import enqueue


def arn_parts(arn: str) -> tuple[str, str, str] | None:
    """(region, account, resource) of an ARN, or None if it is not one."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or not parts[3] or not parts[4]:
        return None
    return parts[3], parts[4], parts[5]


def _backend(region: str, account: str) -> Any:
    from moto.sns.models import sns_backends

    return sns_backends[account][region]


def topic(arn: str) -> Any | None:
    parts = arn_parts(arn)
    if parts is None or not arn.startswith("arn:") or ":sns:" not in arn:
        return None
    region, account, _ = parts
    try:
        return _backend(region, account).topics.get(arn)
    except (KeyError, ValueError):
        return None


def all_topics() -> Iterator[Any]:
    """Every topic in every account and region moto has created a backend for."""
    from moto.sns.models import sns_backends

    for regions in list(dict.values(sns_backends)):
        for backend in list(dict.values(regions)):
            yield from list(backend.topics.values())


def subscriptions(of_topic: Any) -> list[Any]:
    backend = of_topic.sns_backend
    return [sub for sub in backend.subscriptions.values() if sub.topic.arn == of_topic.arn]


def subscription(arn: str) -> Any | None:
    parts = arn_parts(arn)
    if parts is None:
        return None
    region, account, _ = parts
    return _backend(region, account).subscriptions.get(arn)


def signature_version(of_topic: Any) -> str:
    return "2" if str(getattr(of_topic, "signature_version", "1")) == "2" else "1"


def is_raw(sub: Any) -> bool:
    return str(sub.attributes.get("RawMessageDelivery", False)).lower() == "true"


def receives(sub: Any, message: str) -> bool:
    """Whether the subscription's filter policy lets ``message`` through (SES
    publishes no message attributes)."""
    policy = parse_policy(sub.attributes.get("FilterPolicy"))
    scope = sub.attributes.get("FilterPolicyScope") or "MessageAttributes"
    return accepts(policy, scope, message, attributes={})


def delivery_policies(sub: Any) -> tuple[Any, Any]:
    """(topic DeliveryPolicy, subscription DeliveryPolicy), as JSON text or empty."""
    return getattr(sub.topic, "delivery_policy", ""), sub.attributes.get("DeliveryPolicy", "")


def mark_pending(sub: Any) -> None:
    if sub.attributes.get("PendingConfirmation") is True or sub.confirmed:
        return
    sub.attributes["PendingConfirmation"] = True
    sub.attributes["ConfirmationWasAuthenticated"] = False
    sub.topic.subscriptions_pending += 1


def mark_confirmed(sub: Any, authenticated: bool) -> None:
    was_pending = sub.attributes.get("PendingConfirmation") is True
    sub.attributes["PendingConfirmation"] = False
    sub.attributes["ConfirmationWasAuthenticated"] = authenticated
    if not sub.confirmed:
        sub.confirmed = True
        if was_pending and sub.topic.subscriptions_pending > 0:
            sub.topic.subscriptions_pending -= 1
        sub.topic.subscriptions_confimed += 1  # (sic) moto's attribute name


def write_to_queue(queue_arn: str, body: str) -> str | None:
    """Put ``body`` in the SQS queue; an error text if that failed."""
    parts = arn_parts(queue_arn)
    if parts is None:
        return f"not an SQS queue ARN: {queue_arn}"
    region, account, name = parts
    try:
        enqueue(account, region, name, body)
    except Exception as error:  # moto raises its own service errors here
        return f"{type(error).__name__}: {error}"
    return None
