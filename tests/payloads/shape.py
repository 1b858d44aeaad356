"""Structural comparison of a generated SES payload with a captured one."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

CAPTURES = Path(__file__).parent / "captures"


def capture(name: str) -> Any:
    return json.loads((CAPTURES / name).read_text())


TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
SES_ID = re.compile(
    r"^01[0-9a-f]{2}[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}-000000$"
)
IPV4 = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")

FORMATS = {
    "timestamp": TIMESTAMP,
    "arrivalDate": TIMESTAMP,
    "messageId": SES_ID,
    "feedbackId": SES_ID,
    "remoteMtaIp": IPV4,
    "sourceIp": IPV4,
}


def differences(
    ours: Any, theirs: Any, path: str = "$", formats: dict[str, re.Pattern[str]] | None = None
) -> list[str]:
    """Keys, key order, value types and value formats that differ (values may differ)."""
    formats = FORMATS if formats is None else formats
    if isinstance(theirs, dict):
        if not isinstance(ours, dict):
            return [f"{path}: expected an object, got {type(ours).__name__}"]
        if list(ours) != list(theirs):
            return [f"{path}: keys {list(ours)} != captured {list(theirs)}"]
        found: list[str] = []
        for key in theirs:
            found += differences(ours[key], theirs[key], f"{path}.{key}", formats)
        return found
    if isinstance(theirs, list):
        if not isinstance(ours, list):
            return [f"{path}: expected a list, got {type(ours).__name__}"]
        if theirs and not ours:
            return [f"{path}: empty list, captured has items"]
        if theirs and path.endswith(".headers"):
            return [
                f"{path}[{i}]: {d}"
                for i, o in enumerate(ours)
                for d in differences(o, theirs[0], formats=formats)
            ]
        found = []
        for index, item in enumerate(ours[: len(theirs)] if theirs else []):
            found += differences(
                item, theirs[min(index, len(theirs) - 1)], f"{path}[{index}]", formats
            )
        return found
    if type(ours) is not type(theirs):
        return [f"{path}: {type(ours).__name__} != captured {type(theirs).__name__}"]
    key = path.rsplit(".", 1)[-1]
    pattern = formats.get(key)
    if pattern is not None and isinstance(ours, str) and not pattern.match(ours):
        return [f"{path}: {ours!r} does not look like {theirs!r}"]
    return []
