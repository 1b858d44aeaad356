"""SESv2 metrics computed from the record: BatchGetMetricData (the Virtual Deliverability
Manager's daily counts) and GetDomainStatisticsReport (the deliverability dashboard)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..clock import as_utc
from ..errors import invalid_parameter
from ..insights.dashboard import domain_report
from ..insights.record import recipients
from ..insights.vdm import DIMENSIONS, METRICS, daily, matches
from ..lists.checks import model_violation
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"
MAX_QUERIES = 10
MAX_DIMENSIONS = 3
MAX_REPORT_DAYS = 30


def _enum(path: str, value: Any, allowed: Sequence[str]) -> str:
    if value is None:
        raise model_violation(path, "Member must not be null")
    if value not in allowed:
        raise model_violation(
            path, f"Member must satisfy enum value set: [{', '.join(sorted(allowed))}]"
        )
    return str(value)


def _length(path: str, items: Sequence[Any] | Mapping[str, Any], low: int, high: int) -> None:
    if len(items) < low:
        raise model_violation(path, f"Member must have length greater than or equal to {low}")
    if len(items) > high:
        raise model_violation(path, f"Member must have length less than or equal to {high}")


def check_range(start: Any, end: Any, path: str) -> tuple[datetime, datetime]:
    if start is None:
        raise model_violation(f"{path}startDate", "Member must not be null")
    if end is None:
        raise model_violation(f"{path}endDate", "Member must not be null")
    start, end = as_utc(start), as_utc(end)
    if start >= end:
        raise invalid_parameter("The StartDate must be earlier than the EndDate.")
    return start, end


def _query(engine: Engine, index: int, query: Mapping[str, Any]) -> dict[str, Any]:
    path = f"queries.{index}.member."
    query_id = query.get("Id")
    if query_id is None:
        raise model_violation(path + "id", "Member must not be null")
    _length(path + "id", str(query_id), 1, 255)
    _enum(path + "namespace", query.get("Namespace"), ("VDM",))
    metric = _enum(path + "metric", query.get("Metric"), METRICS)
    dimensions = dict(query.get("Dimensions") or {})
    if "Dimensions" in query:
        _length(path + "dimensions", dimensions, 1, MAX_DIMENSIONS)
    for name in dimensions:
        _enum(path + "dimensions", name, DIMENSIONS)
    start, end = check_range(query.get("StartDate"), query.get("EndDate"), path)
    wanted = {name: [str(value)] for name, value in dimensions.items()}
    chosen = [
        recipient
        for recipient in recipients(engine.outbox, engine.events, engine.account.region)
        if matches(recipient, wanted)
    ]
    counts = daily(chosen, metric, start, end)
    return {"Id": query_id, "Timestamps": list(counts), "Values": list(counts.values())}


@operation(API, "BatchGetMetricData")
def batch_get_metric_data(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Counts the Region's record as the VDM dashboard does: daily sums per metric, for
    one-recipient, non-simulator mail, filtered by identity, configuration set or ISP."""
    queries = list(params.get("Queries") or ())
    _length("queries", queries, 1, MAX_QUERIES)
    results = [_query(engine, index, query) for index, query in enumerate(queries, start=1)]
    return {"Results": results, "Errors": []}


@operation(API, "GetDomainStatisticsReport")
def get_domain_statistics_report(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Reports a sending domain's daily inbox placement (deliveries less complaints) and
    spam placement (complaints) by provider, and its read rate, from the record."""
    domain = str(params.get("Domain") or "")
    if not domain:
        raise model_violation("domain", "Member must have length greater than or equal to 1")
    start, end = check_range(params.get("StartDate"), params.get("EndDate"), "")
    if end - start > timedelta(days=MAX_REPORT_DAYS):
        raise invalid_parameter(
            f"The EndDate must be less than or equal to {MAX_REPORT_DAYS} days after the StartDate."
        )
    chosen = recipients(engine.outbox, engine.events, engine.account.region)
    return domain_report(chosen, domain, start, end)
