"""SESv2 import jobs: contacts or suppressed addresses imported from a CSV or JSON file
in Amazon S3 (read through the outbound port: moto's S3 when moto is active).

A job runs when it is created: it is COMPLETED with its counts (records that could
not be applied are failed records, listed in a file behind FailedRecordsS3Url), or
FAILED when the file cannot be read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.jobs import COMPLETED, FAILED, ImportJob
from ..errors import ErrorKind, SesError, invalid_parameter
from ..lists import imports
from ..lists.checks import find_list, model_violation
from ..publishing.s3_files import file_for, presigned_url
from .common import page
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"
S3_URL = re.compile(r"^s3:\/\/([^\/]+)\/(.*?([^\/]+)\/?)$")
_ACTIONS = ("DELETE", "PUT")
_FORMATS = ("CSV", "JSON")


def _enum(path: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise model_violation(path, f"Member must satisfy enum value set: [{', '.join(allowed)}]")
    return str(value)


def _check(engine: Engine, destination: Mapping[str, Any], source: Mapping[str, Any]) -> None:
    given = [
        k for k in ("SuppressionListDestination", "ContactListDestination") if destination.get(k)
    ]
    if len(given) != 1:
        raise invalid_parameter(
            "ImportDestination must contain exactly one of SuppressionListDestination or "
            "ContactListDestination."
        )
    url = str(source.get("S3Url") or "")
    if not S3_URL.match(url):
        raise model_violation(
            "importDataSource.s3Url",
            f"Member must satisfy regular expression pattern: {S3_URL.pattern}",
        )
    _enum("importDataSource.dataFormat", source.get("DataFormat"), _FORMATS)
    if given[0] == "ContactListDestination":
        target = destination["ContactListDestination"]
        path = "importDestination.contactListDestination.contactListImportAction"
        _enum(path, target.get("ContactListImportAction"), _ACTIONS)
        try:
            find_list(engine.account, target.get("ContactListName"))
        except SesError as missing:
            raise invalid_parameter(missing.message) from None
        return
    path = "importDestination.suppressionListDestination.suppressionListImportAction"
    _enum(
        path, destination["SuppressionListDestination"].get("SuppressionListImportAction"), _ACTIONS
    )
    if engine.account.sandbox:
        raise invalid_parameter(
            "Your account is in the sandbox: you can't import addresses into your suppression "
            "list until you have production access."
        )


def _records(job: ImportJob, data: bytes) -> tuple[list[dict[str, Any]], int]:
    data_format = job.data_source["DataFormat"]
    if job.destination_type == "CONTACT_LIST":
        return imports.contact_records(data, data_format), imports.MAX_CONTACTS
    action = job.destination["SuppressionListDestination"]["SuppressionListImportAction"]
    limit = imports.MAX_SUPPRESSION_PUT if action == "PUT" else imports.MAX_SUPPRESSION_DELETE
    return imports.suppression_records(data, data_format), limit


def _run(engine: Engine, job: ImportJob) -> None:
    account, now = engine.account, engine.clock.now()
    job.completed = now
    bucket, key = S3_URL.match(job.data_source["S3Url"]).group(1, 2)  # type: ignore[union-attr]
    data = engine.outbound.fetch_object(bucket, key)
    if data is None:
        job.status, job.error = FAILED, f"Failed to read the data source: s3://{bucket}/{key}"
        return
    try:
        records, limit = _records(job, data)
    except imports.UnreadableFile as error:
        job.status, job.error = (
            FAILED,
            f"The data source is not valid {job.data_source['DataFormat']}: {error}",
        )
        return
    if len(records) > limit:
        job.status, job.error = (
            FAILED,
            f"The data source holds {len(records)} records; at most {limit} can be imported "
            "per job.",
        )
        return
    if job.destination_type == "CONTACT_LIST":
        target = job.destination["ContactListDestination"]
        contact_list = find_list(account, target["ContactListName"])
        action = target["ContactListImportAction"]
        outcome = imports.apply_contacts(contact_list, records, action, now, engine.ids.uuid)
    else:
        action = job.destination["SuppressionListDestination"]["SuppressionListImportAction"]
        outcome = imports.apply_suppression(account.suppression, records, action, now)
    job.status, job.processed, job.failed = COMPLETED, outcome.processed, len(outcome.failed)
    if outcome.failed:
        key = f"{account.account_id}/import-jobs/{job.job_id}/failed-records.json"
        written = file_for(
            account.region, key, imports.failed_records_file(outcome.failed), "application/json"
        )
        engine.deliver(written)
        job.failed_records = (written.bucket, written.key)


@operation(API, "CreateImportJob")
def create_import_job(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Imports contacts (PUT or DELETE into a contact list) or suppressed addresses from a
    CSV or JSON file in S3, at once; moto's S3 holds the file when moto is active."""
    destination = params.get("ImportDestination") or {}
    source = params.get("ImportDataSource") or {}
    _check(engine, destination, source)
    job = ImportJob(
        job_id=engine.ids.uuid(),
        destination=dict(destination),
        data_source=dict(source),
        created=engine.clock.now(),
    )
    engine.account.jobs.imports[job.job_id] = job
    _run(engine, job)
    return {"JobId": job.job_id}


def _failure(engine: Engine, job: ImportJob) -> dict[str, str] | None:
    info: dict[str, str] = {}
    if job.failed_records is not None:
        bucket, key = job.failed_records
        info["FailedRecordsS3Url"] = presigned_url(
            bucket, key, engine.account.region, engine.clock.now()
        )
    if job.error is not None:
        info["ErrorMessage"] = job.error
    return info or None


@operation(API, "GetImportJob")
def get_import_job(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns the job, its counts and, for failed records, a pre-signed URL of their list."""
    job_id = str(params.get("JobId") or "")
    job = engine.account.jobs.imports.get(job_id)
    if job is None:
        raise SesError(ErrorKind.NOT_FOUND, f"Import job with id: {job_id} doesn't exist.")
    result: dict[str, Any] = {
        "JobId": job.job_id,
        "ImportDestination": job.destination,
        "ImportDataSource": job.data_source,
    }
    failure = _failure(engine, job)
    if failure is not None:
        result["FailureInfo"] = failure
    result.update(JobStatus=job.status, CreatedTimestamp=job.created)
    if job.completed is not None:
        result["CompletedTimestamp"] = job.completed
    result.update(ProcessedRecordsCount=job.processed, FailedRecordsCount=job.failed)
    return result


@operation(API, "ListImportJobs")
def list_import_jobs(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists the Region's import jobs, newest first, by destination type."""
    wanted = params.get("ImportDestinationType")
    jobs = [
        job
        for job in reversed(engine.account.jobs.imports.values())
        if wanted in (None, job.destination_type)
    ]
    shown, token = page(jobs, params.get("NextToken"), params.get("PageSize"))
    result: dict[str, Any] = {
        "ImportJobs": [
            {
                "JobId": job.job_id,
                "ImportDestination": job.destination,
                "JobStatus": job.status,
                "CreatedTimestamp": job.created,
                "ProcessedRecordsCount": job.processed,
                "FailedRecordsCount": job.failed,
            }
            for job in shown
        ]
    }
    if token:
        result["NextToken"] = token
    return result
