"""Plain HTTP request/response values the codecs read and write, and the scalar formats
(timestamps, blobs, floats, booleans) both wire protocols share."""

from __future__ import annotations

import base64
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from botocore.utils import parse_timestamp

__all__ = [
    "SCALAR_FROM_TEXT",
    "SCALAR_TEXT_ERRORS",
    "WireDecodeError",
    "WireRequest",
    "WireResponse",
    "b64_text",
    "bool_text",
    "float_text",
    "format_iso_timestamp",
    "parse_blob_text",
    "parse_bool_text",
    "parse_timestamp_text",
    "to_utc_datetime",
    "wire_response",
]


@dataclass(frozen=True)
class WireRequest:
    """An HTTP request as botocore built it."""

    method: str
    url: str  # full URL including the query string
    headers: Mapping[str, str]
    body: bytes
    # a Query request's form fields as botocore serialized them, before form encoding
    # (a request answered at ``before-call``); ``body`` is then empty
    form: Mapping[str, str] | None = None


@dataclass(frozen=True)
class WireResponse:
    """An HTTP response for botocore to parse."""

    status: int
    headers: dict[str, str]
    body: bytes
    # a success's result as the engine returned it, before encoding
    result: Mapping[str, Any] | None = None


def wire_response(
    status: int, content_type: str, body: bytes, request_id: str, **extra: str
) -> WireResponse:
    """A response with the headers every SES answer carries, then ``extra`` ones."""
    headers = {
        "Content-Type": content_type,
        "Content-Length": str(len(body)),
        "x-amzn-RequestId": request_id,
        **extra,
    }
    return WireResponse(status, headers, body)


class WireDecodeError(Exception):
    """A request that cannot be mapped to an operation and its parameters.

    Carries the error code, message and HTTP status the service would answer with.
    """

    def __init__(self, code: str, message: str, status: int = 400, operation: str = "") -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.operation = operation  # the operation asked for, when the request named one

    def __repr__(self) -> str:
        return f"WireDecodeError({self.code!r}, {self.message!r}, {self.status})"


# -- scalar formats ----------------------------------------------------------------------------


def parse_timestamp_text(text: str) -> datetime:
    """An aware datetime from ISO 8601 (``Z`` or offset), epoch seconds or RFC 822 text."""
    s = text.strip()
    try:
        dt = datetime.fromisoformat(s[:-1] + "+00:00" if s[-1:] in ("Z", "z") else s)
    except ValueError:
        try:
            return datetime.fromtimestamp(float(s), timezone.utc)
        except (ValueError, OverflowError, OSError):
            pass
        try:
            dt = parse_timestamp(s)
        except (ValueError, TypeError, OverflowError, RuntimeError) as exc:
            # botocore raises RuntimeError for text such as "1e+20"
            raise ValueError(f"invalid timestamp {text!r}") from exc
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=timezone.utc)


def parse_bool_text(text: str) -> bool:
    """``true`` or ``false`` exactly; anything else raises KeyError."""
    return {"true": True, "false": False}[text]


def parse_blob_text(text: str) -> bytes:
    """Strict base64: stray characters are an error, not skipped."""
    return base64.b64decode(text, validate=True)


# scalars sent as text (query strings, form fields, headers); strings stay as they are
SCALAR_FROM_TEXT: Mapping[str, Callable[[str], Any]] = {
    "integer": int,
    "long": int,
    "float": float,
    "double": float,
    "boolean": parse_bool_text,
    "timestamp": parse_timestamp_text,
    "blob": parse_blob_text,
}

# what a SCALAR_FROM_TEXT converter raises on text it cannot read
SCALAR_TEXT_ERRORS = (ValueError, TypeError, KeyError, OverflowError)


def to_utc_datetime(value: Any) -> datetime:
    """A UTC datetime from a datetime (naive means UTC), epoch seconds or timestamp text."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, timezone.utc)
    return parse_timestamp_text(str(value)).astimezone(timezone.utc)


def format_iso_timestamp(value: Any) -> str:
    """ISO 8601 in UTC with milliseconds, e.g. ``2024-05-06T07:08:09.123Z``."""
    d = to_utc_datetime(value)
    return (
        f"{d.year:04d}-{d.month:02d}-{d.day:02d}T{d.hour:02d}:{d.minute:02d}:{d.second:02d}"
        f".{d.microsecond // 1000:03d}Z"
    )


def b64_text(value: Any) -> str:
    """Base64 of bytes (or of a string's UTF-8)."""
    raw = value.encode("utf-8") if isinstance(value, str) else bytes(value)
    return base64.b64encode(raw).decode("ascii")


def bool_text(value: Any) -> str:
    return "true" if value else "false"


def float_text(value: Any) -> str:
    """A float as text, with ``NaN`` / ``Infinity`` / ``-Infinity`` spelled out."""
    f = float(value)
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "Infinity" if f > 0 else "-Infinity"
    return repr(f)
