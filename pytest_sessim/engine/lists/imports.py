"""Bulk imports (CreateImportJob) into a contact list or the suppression list, from the
file formats the developer guide describes.

Contacts: CSV with a header line (``emailAddress``, ``unsubscribeAll``,
``attributesData``, ``topicPreferences.<TopicName>``) or JSON objects, one per line
(``emailAddress``, ``unsubscribeAll``, ``attributesData``, ``topicPreferences``:
``[{"topicName", "subscriptionStatus"}]``). Suppression list: CSV lines
``address,REASON`` (``address`` alone to delete) or JSON ``{"emailAddress", "reason"}``.
A record that cannot be applied is a failed record, with the reason; the others apply.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..account.contact_lists import STATUSES, Contact, ContactList
from ..account.suppression import REASONS, SuppressionList
from ..errors import SesError
from .checks import check_attributes, check_email

# records one job may hold (developer guide)
MAX_CONTACTS = 1_000_000
MAX_SUPPRESSION_PUT = 100_000
MAX_SUPPRESSION_DELETE = 10_000


class UnreadableFile(Exception):
    """The data source is not a file of the format it claims."""


@dataclass
class Outcome:
    processed: int = 0
    failed: list[tuple[dict[str, Any], str]] = field(default_factory=list)


def _json_records(text: str) -> Iterator[dict[str, Any]]:
    """JSON objects one after another (one per line, or spread over several lines)."""
    decoder = json.JSONDecoder()
    index = 0
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index >= len(text):
            return
        try:
            record, index = decoder.raw_decode(text, index)
        except ValueError as error:
            raise UnreadableFile(f"Invalid JSON at character {index}.") from error
        if not isinstance(record, dict):
            raise UnreadableFile(f"Invalid JSON at character {index}: not an object.")
        yield record


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile("The file is not UTF-8 text.") from error


def contact_records(data: bytes, data_format: str) -> list[dict[str, Any]]:
    text = _text(data)
    if data_format == "JSON":
        return list(_json_records(text))
    rows = list(csv.DictReader(io.StringIO(text)))
    records = []
    for row in rows:
        record: dict[str, Any] = {"emailAddress": row.get("emailAddress") or ""}
        if row.get("unsubscribeAll"):
            record["unsubscribeAll"] = row["unsubscribeAll"]
        if row.get("attributesData"):
            record["attributesData"] = row["attributesData"]
        record["topicPreferences"] = [
            {"topicName": key.split(".", 1)[1], "subscriptionStatus": value}
            for key, value in row.items()
            if key and key.startswith("topicPreferences.") and value
        ]
        records.append(record)
    return records


def suppression_records(data: bytes, data_format: str) -> list[dict[str, Any]]:
    text = _text(data)
    if data_format == "JSON":
        return list(_json_records(text))
    records = []
    for row in csv.reader(io.StringIO(text)):
        if not row or not row[0].strip() or row[0].strip().lower() == "emailaddress":
            continue
        record = {"emailAddress": row[0].strip()}
        if len(row) > 1 and row[1].strip():
            record["reason"] = row[1].strip()
        records.append(record)
    return records


def _flag(value: Any) -> bool:
    return value is True or str(value).strip().lower() == "true"


def _contact_fields(contact_list: ContactList, record: dict[str, Any]) -> dict[str, str]:
    preferences = {}
    listed = record.get("topicPreferences") or []
    if not isinstance(listed, list) or not all(isinstance(item, dict) for item in listed):
        raise ValueError("topicPreferences must be a list of objects.")
    for item in listed:
        name, status = str(item.get("topicName", "")), item.get("subscriptionStatus")
        if contact_list.topic(name) is None:
            raise ValueError(f"List: {contact_list.name} doesn't contain Topic: {name}")
        if status not in STATUSES:
            raise ValueError(f"Invalid subscription status {status} for topic {name}.")
        preferences[name] = str(status)
    return preferences


def apply_contacts(
    contact_list: ContactList,
    records: list[dict[str, Any]],
    action: str,
    now: datetime,
    new_id: Any,
) -> Outcome:
    outcome = Outcome()
    for record in records:
        outcome.processed += 1
        try:
            address = check_email(str(record.get("emailAddress") or ""))
            if action == "DELETE":
                if contact_list.contacts.pop(address.lower(), None) is None:
                    raise ValueError(f"{address} doesn't exist in List.")
                continue
            preferences = _contact_fields(contact_list, record)
            attributes = check_attributes(record.get("attributesData"))
        except (SesError, ValueError) as error:
            outcome.failed.append((record, getattr(error, "message", None) or str(error)))
            continue
        existing = contact_list.contact(address)
        contact_list.contacts[address.lower()] = Contact(
            address=address,
            created=existing.created if existing else now,
            updated=now,
            preferences=preferences,
            unsubscribe_all=_flag(record.get("unsubscribeAll", False)),
            attributes=attributes,
            link_id=existing.link_id if existing else new_id(),
        )
    return outcome


def apply_suppression(
    suppression: SuppressionList, records: list[dict[str, Any]], action: str, now: datetime
) -> Outcome:
    outcome = Outcome()
    for record in records:
        outcome.processed += 1
        try:
            address = check_email(str(record.get("emailAddress") or ""))
            if action == "DELETE":
                suppression.delete(address)
                continue
            reason = record.get("reason")
            if reason not in REASONS:
                raise ValueError(f"Invalid suppression reason: {reason}.")
        except (SesError, ValueError) as error:
            outcome.failed.append((record, getattr(error, "message", None) or str(error)))
            continue
        suppression.put(address, str(reason), now)
    return outcome


def failed_records_file(failed: list[tuple[dict[str, Any], str]]) -> bytes:
    """The failed records, each with the reason it failed, one JSON object per line."""
    return "".join(
        json.dumps({**record, "failureReason": reason}, ensure_ascii=False) + "\n"
        for record, reason in failed
    ).encode()
