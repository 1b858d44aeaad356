"""What receiving hands to the outbound port and what comes back.

S3 writes and Lambda invocations are performed through ``Outbound.perform``, which
answers with a :class:`Performed`: the engine needs to know whether the object was
written and what a ``RequestResponse`` function returned (its disposition decides
whether the rule and the rule set go on). SNS notifications are ordinary
``SnsMessage`` deliveries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..publishing.deliveries import S3Object


@dataclass(frozen=True)
class BucketFacts:
    """What the outbound port knows of an S3 bucket; ``known`` is False without moto."""

    known: bool
    exists: bool = False
    policy: str | None = None


@dataclass(frozen=True)
class LambdaInvocation:
    """A Lambda action's call: ``event`` is SES's event; ``invocation_type`` is
    "Event" (asynchronous: the answer is not used) or "RequestResponse"."""

    function_arn: str
    event: dict[str, Any]
    invocation_type: str
    request_id: str
    region: str


@dataclass(frozen=True)
class Performed:
    """How a performed delivery went: ``error`` when it failed, else the ``result``
    (a function's return value)."""

    error: str | None = None
    result: Any = None


ReceivingDelivery = S3Object | LambdaInvocation
