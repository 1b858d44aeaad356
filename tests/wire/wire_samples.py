"""Helpers for the wire codec tests: sample values for any shape, and requests built the way a
botocore client builds them."""

from __future__ import annotations

import zlib
from datetime import datetime, timezone
from typing import Any

from botocore.awsrequest import create_request_object, prepare_request_dict
from botocore.model import ListShape, MapShape, OperationModel, Shape, StructureShape
from botocore.serialize import create_serializer

from pytest_sessim.doors.wire.types import WireRequest

ENDPOINT = "https://email.us-east-1.amazonaws.com"
SAMPLE_TIME = datetime(2024, 5, 6, 7, 8, 9, 123000, tzinfo=timezone.utc)
MAX_DEPTH = 6


def _pick(options: list[str], name: str) -> str:
    # deterministic but not always the first enum value
    return options[zlib.crc32(name.encode()) % len(options)]


def _string(shape: Shape, name: str) -> str:
    enum = shape.metadata.get("enum")
    if enum:
        return _pick(list(enum), name)
    # characters that need escaping in XML, URLs and paths, plus non-ASCII
    text = f"{name} a&b <c> d/e+f=g?h%i é"
    low = shape.metadata.get("min", 0)
    high = shape.metadata.get("max")
    if len(text) < low:
        text = text + "x" * (low - len(text))
    if high is not None and len(text) > high:
        text = text[: max(high, 1)]
    return text


def _number(shape: Shape, default: int) -> int:
    low = shape.metadata.get("min")
    high = shape.metadata.get("max")
    value = default if low is None else max(int(low), default)
    if high is not None:
        value = min(value, int(high))
    return value


def sample(shape: Shape, name: str = "v", depth: int = 0) -> Any:
    """A deterministic, valid value for ``shape`` with every member filled in."""
    t = shape.type_name
    if isinstance(shape, StructureShape):
        members = list(shape.members.items())
        if shape.is_tagged_union:
            members = members[:1]
        required = set(shape.required_members)
        out: dict[str, Any] = {}
        for member_name, member in members:
            if depth >= MAX_DEPTH and member_name not in required:
                continue
            out[member_name] = sample(member, member_name, depth + 1)
        return out
    if isinstance(shape, ListShape):
        count = max(2, int(shape.metadata.get("min", 0)))
        if "max" in shape.metadata:
            count = min(count, int(shape.metadata["max"]))
        return [sample(shape.member, f"{name}{i}", depth + 1) for i in range(count)]
    if isinstance(shape, MapShape):
        keys = [sample(shape.key, f"{name}-k{i}", depth + 1) for i in range(2)]
        return {k: sample(shape.value, f"{name}-v{i}", depth + 1) for i, k in enumerate(keys)}
    if t == "string":
        return _string(shape, name)
    if t in ("integer", "long"):
        return _number(shape, 7)
    if t in ("float", "double"):
        return 2.5
    if t == "boolean":
        return True
    if t == "timestamp":
        return SAMPLE_TIME
    if t == "blob":
        return b"\x00\x01blob\xff"
    raise AssertionError(f"no sample for {t}")


def normalise(value: Any) -> Any:
    """Comparable form: timestamps in UTC to the millisecond."""
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, datetime):
        value = value.astimezone(timezone.utc)
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def client_request(protocol: str, op: OperationModel, params: dict[str, Any]) -> WireRequest:
    """The HTTP request a botocore client sends for ``params``."""
    serialized = create_serializer(protocol).serialize_to_request(params, op)
    prepare_request_dict(serialized, ENDPOINT)
    prepared = create_request_object(serialized).prepare()
    body = prepared.body
    if body is None:
        body = b""
    elif isinstance(body, str):
        body = body.encode("utf-8")
    return WireRequest(prepared.method, prepared.url, dict(prepared.headers.items()), body)
