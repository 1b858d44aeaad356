"""Export and import jobs (SESv2), one Region's worth.

The simulator runs a job when it is created: by the time the create call returns
it is COMPLETED (or FAILED), with its counts, and its files are written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

CREATED = "CREATED"
PROCESSING = "PROCESSING"
COMPLETED = "COMPLETED"
FAILED = "FAILED"
CANCELLED = "CANCELLED"


@dataclass
class ExportJob:
    job_id: str
    source_type: str  # METRICS_DATA or MESSAGE_INSIGHTS
    data_source: dict[str, Any]  # the request's ExportDataSource, as given
    data_format: str
    created: datetime
    status: str = CREATED
    completed: datetime | None = None
    # where the export file is: (bucket, key)
    location: tuple[str, str] | None = None
    processed: int = 0
    exported: int = 0
    error: str | None = None


@dataclass
class ImportJob:
    job_id: str
    destination: dict[str, Any]  # the request's ImportDestination, as given
    data_source: dict[str, Any]
    created: datetime
    status: str = CREATED
    completed: datetime | None = None
    processed: int = 0
    failed: int = 0
    error: str | None = None
    # where the failed records' file is: (bucket, key)
    failed_records: tuple[str, str] | None = None

    @property
    def destination_type(self) -> str:
        return (
            "CONTACT_LIST" if "ContactListDestination" in self.destination else ("SUPPRESSION_LIST")
        )


@dataclass
class Jobs:
    exports: dict[str, ExportJob] = field(default_factory=dict)
    imports: dict[str, ImportJob] = field(default_factory=dict)
