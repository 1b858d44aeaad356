"""JSON as SES writes it, and copies of JSON-like values."""

from __future__ import annotations

import json
from typing import Any

from .text import replaced


def compact(value: Any) -> str:
    """JSON as SES writes it: no spaces, non-ASCII as is (undecodable bytes as U+FFFD)."""
    return replaced(json.dumps(value, separators=(",", ":"), ensure_ascii=False))


def copy_json(value: Any) -> Any:
    """A deep copy of JSON-like data (dicts, lists, scalars)."""
    if isinstance(value, dict):
        return {key: copy_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copy_json(item) for item in value]
    return value
