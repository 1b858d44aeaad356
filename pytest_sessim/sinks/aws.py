"""Hand SES output to moto's EventBridge, Firehose and CloudWatch, in process.

Calling moto's backends directly costs no HTTP round trip. EventBridge is
special: moto's own target delivery rewrites an event (it drops ``account`` and
reorders the keys), so for plain SQS targets the simulator writes the envelope
SES would produce itself, and leaves every other kind of target to moto.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from ..engine.text import replaced
from .moto_sqs import enqueue


@dataclass(frozen=True)
class Arn:
    service: str
    region: str
    account: str
    resource: str

    @property
    def name(self) -> str:
        """The last path segment of the resource (``event-bus/default`` -> ``default``)."""
        return self.resource.rsplit("/", 1)[-1]


def parse_arn(arn: str, *, region: str, account: str) -> Arn:
    """An ARN's parts; a part the ARN leaves empty falls back to the given ones."""
    parts = arn.split(":", 5)
    if len(parts) < 6 or parts[0] != "arn":
        return Arn("", region, account, arn)
    return Arn(parts[2], parts[3] or region, parts[4] or account, parts[5])


def sns_topic_exists(topic_arn: str, *, region: str, account: str) -> bool:
    from moto.sns.models import sns_backends

    arn = parse_arn(topic_arn, region=region, account=account)
    return topic_arn in sns_backends[arn.account][arn.region].topics


def _compact(value: Any) -> str:
    return replaced(json.dumps(value, separators=(",", ":"), ensure_ascii=False))


def put_event(envelope: dict[str, Any], bus_arn: str, *, region: str, account: str) -> int:
    """Deliver an event to the rules of a bus; returns how many rules matched."""
    from moto.events.models import events_backends

    arn = parse_arn(bus_arn, region=region, account=account)
    backend = events_backends[arn.account][arn.region]
    bus = backend.describe_event_bus(arn.name or "default")
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
                _send_to_queue(target, envelope)
            else:
                others.append(target)
        if others:
            partial = copy.copy(rule)
            partial.targets = others
            with_ingestion: Any = dict(moto_event, **{"ingestion-time": timestamp})
            partial.send_to_targets(with_ingestion)
    return matched


def _plain_sqs(target: dict[str, Any]) -> bool:
    arn = str(target.get("Arn", ""))
    rewritten = any(key in target for key in ("Input", "InputPath", "InputTransformer"))
    return arn.startswith("arn:") and arn.split(":")[2:3] == ["sqs"] and not rewritten


def _send_to_queue(target: dict[str, Any], envelope: dict[str, Any]) -> None:
    arn = parse_arn(str(target["Arn"]), region="", account="")
    group_id = target.get("SqsParameters", {}).get("MessageGroupId")
    enqueue(arn.account, arn.region, arn.resource, _compact(envelope), group_id)


def _unix_time(iso: str) -> float:
    return datetime.strptime(iso, "%Y-%m-%dT%H:%M:%S%z").timestamp()


def put_firehose_record(stream_arn: str, data: bytes, *, region: str, account: str) -> None:
    from moto.firehose.models import firehose_backends

    arn = parse_arn(stream_arn, region=region, account=account)
    firehose_backends[arn.account][arn.region].put_record(arn.name, {"Data": data})


def put_metric(datum: Any, *, region: str, account: str) -> None:
    """``datum`` is a :class:`~pytest_sessim.engine.publishing.MetricDatum`."""
    from moto.cloudwatch.models import cloudwatch_backends

    cloudwatch_backends[account][region].put_metric_data(
        datum.namespace,
        [
            {
                "MetricName": datum.name,
                "Dimensions": [{"Name": name, "Value": value} for name, value in datum.dimensions],
                "Value": datum.value,
                "Unit": datum.unit,
                # moto keeps CloudWatch times naive, in UTC
                "Timestamp": datum.timestamp.astimezone(timezone.utc).replace(tzinfo=None),
            }
        ],
    )
