"""The rows of an export job's file, and the file itself (CSV with a header line, or
newline-delimited JSON).

A metrics export (METRICS_DATA) has a row per UTC day and combination of the chosen
dimensions' values: ``timestamp``, the dimensions (``emailIdentity``,
``configurationSet``, ``isp``, ``tenantName``), then each metric as ``<metric>Volume``
or ``<metric>Rate`` (its volume over the SEND volume). A Message Insights export has
a row per message and recipient: ``messageId``, ``sendTimestamp``,
``fromEmailAddress``, ``subject``, ``destination``, ``isp``, ``lastDeliveryEvent``,
``lastEngagementEvent``, filtered as the API documents (``*`` at either end matches
any prefix or suffix).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..clock import as_utc, iso_millis
from .record import Recipient, bare
from .vdm import WILDCARD, counted_at, day_of, dimension_value, matches

DIMENSION_COLUMNS = {
    "EMAIL_IDENTITY": "emailIdentity",
    "CONFIGURATION_SET": "configurationSet",
    "ISP": "isp",
    "TENANT_NAME": "tenantName",
}
MESSAGE_COLUMNS = (
    "messageId",
    "sendTimestamp",
    "fromEmailAddress",
    "subject",
    "destination",
    "isp",
    "lastDeliveryEvent",
    "lastEngagementEvent",
)
DEFAULT_MAX_RESULTS = 1000
# the order SES documents for "last" events
_DELIVERY_ORDER = ("SEND", "BOUNCE", "DELIVERY", "COMPLAINT")
_ENGAGEMENT_ORDER = ("OPEN", "CLICK")


def _camel(name: str) -> str:
    head, *rest = name.lower().split("_")
    return head + "".join(part.title() for part in rest)


def metric_column(metric: str, aggregation: str) -> str:
    return _camel(metric) + aggregation.title()


def metrics_rows(
    recipients: Iterable[Recipient], source: Mapping[str, Any]
) -> tuple[list[str], list[dict[str, Any]], int]:
    """(columns, rows, records processed) of a METRICS_DATA export."""
    dimensions: dict[str, list[str]] = {k: list(v) for k, v in source["Dimensions"].items()}
    metrics = [(m["Name"], m.get("Aggregation") or "VOLUME") for m in source["Metrics"]]
    start, end = as_utc(source["StartDate"]), as_utc(source["EndDate"])
    groups: dict[tuple[Any, ...], dict[str, int]] = {}
    processed = 0
    for recipient in recipients:
        if not matches(recipient, dimensions):
            continue
        processed += 1
        values = tuple(dimension_value(recipient, name) or "" for name in dimensions)
        for metric in {name for name, _ in metrics} | {"SEND"}:
            for moment in counted_at(recipient, metric):
                if start <= moment < end:
                    counts = groups.setdefault((day_of(moment), *values), {})
                    counts[metric] = counts.get(metric, 0) + 1
    columns = ["timestamp", *(DIMENSION_COLUMNS[name] for name in dimensions)]
    columns += [metric_column(name, aggregation) for name, aggregation in metrics]
    rows = []
    for key in sorted(groups, key=lambda item: (item[0], *map(str, item[1:]))):
        counts = groups[key]
        row: dict[str, Any] = {"timestamp": iso_millis(key[0])}
        row.update(zip((DIMENSION_COLUMNS[name] for name in dimensions), key[1:], strict=True))
        sends = counts.get("SEND", 0)
        for name, aggregation in metrics:
            volume = counts.get(name, 0)
            rate = round(volume / sends, 4) if sends else 0.0
            row[metric_column(name, aggregation)] = volume if aggregation == "VOLUME" else rate
        rows.append(row)
    return columns, rows, processed


def _last(found: Sequence[str], order: Sequence[str]) -> str:
    return max(found, key=lambda item: order.index(item.split("_")[-1])) if found else ""


def _delivery_events(recipient: Recipient) -> list[str]:
    found = []
    for event in recipient.events:
        if event.type == "Bounce":
            found.append(f"{str(event.bounce_type).upper()}_BOUNCE")
        elif event.type in ("Send", "Delivery", "Complaint"):
            found.append(event.type.upper())
    return found


def message_row(recipient: Recipient) -> dict[str, Any]:
    message = recipient.message
    sender = message.from_[0] if message.from_ else message.source
    engagement = [
        event.type.upper() for event in recipient.events if event.type in ("Open", "Click")
    ]
    return {
        "messageId": message.message_id,
        "sendTimestamp": iso_millis(message.timestamp),
        "fromEmailAddress": bare(sender) if sender else "",
        "subject": message.subject or "",
        "destination": recipient.address,
        "isp": recipient.isp,
        "lastDeliveryEvent": _last(_delivery_events(recipient), _DELIVERY_ORDER),
        "lastEngagementEvent": _last(engagement, _ENGAGEMENT_ORDER),
    }


def _like(value: str, pattern: str) -> bool:
    """Exact, or with ``*`` at the start and/or end (``\\*`` and ``\\\\`` are literal)."""
    prefix = pattern.startswith(WILDCARD)
    suffix = pattern.endswith(WILDCARD) and not pattern.endswith("\\" + WILDCARD)
    core = pattern[1 if prefix else 0 : len(pattern) - 1 if suffix and len(pattern) > 1 else None]
    core = core.replace("\\*", WILDCARD).replace("\\\\", "\\")
    if prefix and suffix:
        return core in value
    if prefix:
        return value.endswith(core)
    if suffix:
        return value.startswith(core)
    return value == core


_FILTER_FIELDS = {
    "FromEmailAddress": ("fromEmailAddress", True),
    "Destination": ("destination", True),
    "Subject": ("subject", True),
    "Isp": ("isp", False),
    "TenantName": ("tenantName", False),  # no tenant sends here: nothing matches
    "LastDeliveryEvent": ("lastDeliveryEvent", False),
    "LastEngagementEvent": ("lastEngagementEvent", False),
}


def _passes(row: Mapping[str, Any], filters: Mapping[str, Sequence[str]]) -> bool:
    """Every filter given (AND) holds for one of its values (OR)."""
    for name, values in filters.items():
        if name not in _FILTER_FIELDS or not values:
            continue
        column, partial = _FILTER_FIELDS[name]
        value = str(row.get(column, ""))
        if not any(_like(value, item) if partial else value == item for item in values):
            return False
    return True


def message_rows(
    recipients: Iterable[Recipient], source: Mapping[str, Any]
) -> tuple[list[str], list[dict[str, Any]], int]:
    """(columns, rows, records processed) of a MESSAGE_INSIGHTS export."""
    start, end = as_utc(source["StartDate"]), as_utc(source["EndDate"])
    include = source.get("Include") or {}
    exclude = source.get("Exclude") or {}
    limit = int(source.get("MaxResults") or DEFAULT_MAX_RESULTS)
    rows: list[dict[str, Any]] = []
    processed = 0
    for recipient in recipients:
        if not start <= recipient.sent_at <= end:
            continue
        processed += 1
        row = message_row(recipient)
        excluded = any(exclude.get(name) for name in _FILTER_FIELDS) and _passes(row, exclude)
        if _passes(row, include) and not excluded and len(rows) < limit:
            rows.append(row)
    return list(MESSAGE_COLUMNS), rows, processed


def render(columns: Sequence[str], rows: Sequence[Mapping[str, Any]], data_format: str) -> bytes:
    if data_format == "JSON":
        return "".join(json.dumps(dict(row), ensure_ascii=False) + "\n" for row in rows).encode()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()
