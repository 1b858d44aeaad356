"""The SESv2 account-level suppression list and its settings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ..account.suppression import REASONS, SuppressedDestination
from ..errors import ErrorKind, SesError, invalid_parameter
from ..mail.addresses import parse_mailbox
from .common import listing
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"


def _reasons(values: Any, *, allow_empty: bool = True) -> list[str]:
    reasons = list(values or [])
    wrong = [reason for reason in reasons if reason not in REASONS]
    if wrong or (not reasons and not allow_empty):
        raise invalid_parameter(f"Invalid suppression reason(s): {', '.join(wrong) or 'none'}.")
    return reasons


def _destination(entry: SuppressedDestination) -> dict[str, Any]:
    attributes = {}
    if entry.message_id:
        attributes["MessageId"] = entry.message_id
    if entry.feedback_id:
        attributes["FeedbackId"] = entry.feedback_id
    found: dict[str, Any] = {
        "EmailAddress": entry.address,
        "Reason": entry.reason,
        "LastUpdateTime": entry.last_update,
    }
    if attributes:
        found["Attributes"] = attributes
    return found


def _entry(engine: Engine, address: str) -> SuppressedDestination:
    entry = engine.account.suppression.get(address)
    if entry is None:
        raise SesError(
            ErrorKind.NOT_FOUND, f"Email address {address} does not exist on your suppression list."
        )
    return entry


@operation(API, "PutSuppressedDestination")
def put_suppressed_destination(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Suppresses the address: sends to it bounce OnAccountSuppressionList."""
    address = parse_mailbox(params.get("EmailAddress", "")).address
    (reason,) = _reasons([params.get("Reason")], allow_empty=False)
    engine.account.suppression.put(address, reason, engine.clock.now())
    return {}


@operation(API, "GetSuppressedDestination")
def get_suppressed_destination(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns the address's suppression entry (reason, time, the message that caused it)."""
    return {"SuppressedDestination": _destination(_entry(engine, params.get("EmailAddress", "")))}


@operation(API, "DeleteSuppressedDestination")
def delete_suppressed_destination(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Takes the address off the Region's suppression list."""
    entry = _entry(engine, params.get("EmailAddress", ""))
    engine.account.suppression.delete(entry.address)
    return {}


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)


@operation(API, "ListSuppressedDestinations")
def list_suppressed_destinations(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Pages through the suppression list, filtered by reason and time."""
    reasons = _reasons(params.get("Reasons")) or list(REASONS)
    start, end = _aware(params.get("StartDate")), _aware(params.get("EndDate"))
    entries = [
        entry
        for entry in engine.account.suppression.entries.values()
        if entry.reason in reasons
        and (start is None or entry.last_update >= start)
        and (end is None or entry.last_update <= end)
    ]
    return listing(
        "SuppressedDestinationSummaries",
        entries,
        params,
        "PageSize",
        lambda e: {"EmailAddress": e.address, "Reason": e.reason, "LastUpdateTime": e.last_update},
    )


@operation(API, "PutAccountSuppressionAttributes")
def put_account_suppression_attributes(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Sets the account's suppression reasons (and its Auto Validation thresholds)."""
    from .configuration_set_options import check_validation_options

    reasons = _reasons(params.get("SuppressedReasons"))
    validation = params.get("ValidationAttributes")
    check_validation_options(validation, "validationAttributes")
    engine.account.suppression.reasons = reasons
    engine.account.infrastructure.suppression_validation = dict(validation) if validation else None
    return {}
