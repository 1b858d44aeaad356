"""SESv2 export jobs: metrics and Message Insights exported from the record to a file in
an S3 bucket SES manages, downloaded through the pre-signed URL GetExportJob returns.

A job runs when it is created: CreateExportJob returns with the job COMPLETED and its
file written (through the outbound port; with moto active it is in moto's S3).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.jobs import CANCELLED, COMPLETED, FAILED, ExportJob
from ..clock import as_utc
from ..errors import ErrorKind, SesError, invalid_parameter
from ..insights.exports import message_rows, metrics_rows, render
from ..insights.record import recipients
from ..insights.vdm import DIMENSIONS, METRICS, WILDCARD
from ..lists.checks import model_violation
from ..publishing.s3_files import file_for, presigned_url
from .common import page
from .registry import operation
from .v2_metrics import check_range

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"
_FORMATS = ("CSV", "JSON")
_CONTENT_TYPES = {"CSV": "text/csv", "JSON": "application/json"}
_AGGREGATIONS = ("RATE", "VOLUME")
_FILTER_LIMITS = {
    "FromEmailAddress": 5,
    "Destination": 5,
    "Subject": 1,
    "Isp": 5,
    "TenantName": 5,
    "LastDeliveryEvent": 5,
    "LastEngagementEvent": 2,
}


def _enum(path: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise model_violation(path, f"Member must satisfy enum value set: [{', '.join(allowed)}]")
    return str(value)


def _count(path: str, items: Any, low: int, high: int) -> None:
    if len(items) < low:
        raise model_violation(path, f"Member must have length greater than or equal to {low}")
    if len(items) > high:
        raise model_violation(path, f"Member must have length less than or equal to {high}")


def _check_metrics_source(source: Mapping[str, Any]) -> None:
    path = "exportDataSource.metricsDataSource."
    dimensions = source.get("Dimensions") or {}
    _count(path + "dimensions", dimensions, 1, 3)
    for name, values in dimensions.items():
        _enum(path + "dimensions", name, DIMENSIONS)
        _count(path + "dimensions", values, 1, 10)
    wildcards = [name for name, values in dimensions.items() if WILDCARD in values]
    if wildcards and any(len(v) > 1 for n, v in dimensions.items() if n not in wildcards):
        raise invalid_parameter(
            "When one dimension has the * value, the other dimensions can only contain one value."
        )
    _enum(path + "namespace", source.get("Namespace"), ("VDM",))
    metrics = source.get("Metrics") or []
    _count(path + "metrics", metrics, 1, 10)
    for metric in metrics:
        _enum(path + "metrics", metric.get("Name"), METRICS)
        _enum(path + "metrics", metric.get("Aggregation") or "VOLUME", _AGGREGATIONS)
    check_range(source.get("StartDate"), source.get("EndDate"), path)


def _check_insights_source(source: Mapping[str, Any]) -> None:
    path = "exportDataSource.messageInsightsDataSource."
    start, end = source.get("StartDate"), source.get("EndDate")
    if start is None or end is None:
        raise model_violation(
            path + ("startDate" if start is None else "endDate"), "Member must not be null"
        )
    if as_utc(start) > as_utc(end):
        raise invalid_parameter("The StartDate must be earlier than the EndDate.")
    for side in ("Include", "Exclude"):
        for name, limit in _FILTER_LIMITS.items():
            values = (source.get(side) or {}).get(name) or []
            _count(f"{path}{side.lower()}.{name[0].lower()}{name[1:]}", values, 0, limit)
    most = source.get("MaxResults")
    if most is not None and not 1 <= int(most) <= 10000:
        raise model_violation(path + "maxResults", "Member must be between 1 and 10000")


def _source_type(data_source: Mapping[str, Any]) -> str:
    given = [
        key for key in ("MetricsDataSource", "MessageInsightsDataSource") if data_source.get(key)
    ]
    if len(given) != 1:
        raise invalid_parameter(
            "ExportDataSource must contain exactly one of MetricsDataSource or "
            "MessageInsightsDataSource."
        )
    if given[0] == "MetricsDataSource":
        _check_metrics_source(data_source["MetricsDataSource"])
        return "METRICS_DATA"
    _check_insights_source(data_source["MessageInsightsDataSource"])
    return "MESSAGE_INSIGHTS"


def _run(engine: Engine, job: ExportJob) -> None:
    account = engine.account
    everyone = recipients(engine.outbox, engine.events, account.region)
    if job.source_type == "METRICS_DATA":
        columns, rows, job.processed = metrics_rows(everyone, job.data_source["MetricsDataSource"])
    else:
        source = job.data_source["MessageInsightsDataSource"]
        columns, rows, job.processed = message_rows(everyone, source)
    job.exported = len(rows)
    extension = job.data_format.lower()
    key = f"{account.account_id}/export-jobs/{job.job_id}.{extension}"
    written = file_for(
        account.region, key, render(columns, rows, job.data_format), _CONTENT_TYPES[job.data_format]
    )
    engine.deliver(written)
    job.location = (written.bucket, written.key)
    job.status, job.completed = COMPLETED, engine.clock.now()


@operation(API, "CreateExportJob")
def create_export_job(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Exports metrics or Message Insights from the record at once, as a CSV or JSON
    file in an S3 bucket SES manages (moto's S3 when moto is active)."""
    data_source = params.get("ExportDataSource") or {}
    destination = params.get("ExportDestination") or {}
    source_type = _source_type(data_source)
    data_format = _enum("exportDestination.dataFormat", destination.get("DataFormat"), _FORMATS)
    if destination.get("S3Url"):
        raise invalid_parameter(
            "S3Url must not be specified: SES writes the export file to a location that it "
            "manages and returns its URL in GetExportJob."
        )
    job = ExportJob(
        job_id=engine.ids.uuid(),
        source_type=source_type,
        data_source=dict(data_source),
        data_format=data_format,
        created=engine.clock.now(),
    )
    engine.account.jobs.exports[job.job_id] = job
    _run(engine, job)
    return {"JobId": job.job_id}


def _find(engine: Engine, params: Mapping[str, Any]) -> ExportJob:
    job_id = str(params.get("JobId") or "")
    found = engine.account.jobs.exports.get(job_id)
    if found is None:
        raise SesError(ErrorKind.NOT_FOUND, f"Export job with id: {job_id} doesn't exist.")
    return found


@operation(API, "GetExportJob")
def get_export_job(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns the job, its counts and, once COMPLETED, a fresh pre-signed URL of its file
    (valid for five minutes)."""
    job = _find(engine, params)
    destination: dict[str, Any] = {"DataFormat": job.data_format}
    if job.status == COMPLETED and job.location is not None:
        bucket, key = job.location
        destination["S3Url"] = presigned_url(bucket, key, engine.account.region, engine.clock.now())
    result: dict[str, Any] = {
        "JobId": job.job_id,
        "ExportSourceType": job.source_type,
        "JobStatus": job.status,
        "ExportDestination": destination,
        "ExportDataSource": job.data_source,
        "CreatedTimestamp": job.created,
    }
    if job.completed is not None:
        result["CompletedTimestamp"] = job.completed
    if job.error is not None:
        result["FailureInfo"] = {"ErrorMessage": job.error}
    result["Statistics"] = {
        "ProcessedRecordsCount": job.processed,
        "ExportedRecordsCount": job.exported,
    }
    return result


@operation(API, "ListExportJobs")
def list_export_jobs(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists the Region's export jobs, newest first, by source type and status."""
    wanted_type, wanted_status = params.get("ExportSourceType"), params.get("JobStatus")
    jobs = [
        job
        for job in reversed(engine.account.jobs.exports.values())
        if wanted_type in (None, job.source_type) and wanted_status in (None, job.status)
    ]
    shown, token = page(jobs, params.get("NextToken"), params.get("PageSize"))
    summaries = []
    for job in shown:
        summary: dict[str, Any] = {
            "JobId": job.job_id,
            "ExportSourceType": job.source_type,
            "JobStatus": job.status,
            "CreatedTimestamp": job.created,
        }
        if job.completed is not None:
            summary["CompletedTimestamp"] = job.completed
        summaries.append(summary)
    result: dict[str, Any] = {"ExportJobs": summaries}
    if token:
        result["NextToken"] = token
    return result


@operation(API, "CancelExportJob")
def cancel_export_job(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Cancels a job that has not finished; jobs here finish when created, so a cancel is
    refused as for any finished job."""
    job = _find(engine, params)
    if job.status in (COMPLETED, FAILED, CANCELLED):
        raise invalid_parameter(f"Export job {job.job_id} is {job.status} and cannot be cancelled.")
    job.status, job.completed = CANCELLED, engine.clock.now()
    return {}
