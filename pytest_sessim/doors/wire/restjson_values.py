"""SESv2 values on the wire: scalars as text (path labels, query strings, headers) and
converters between JSON bodies and botocore params, built per shape."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping
from email.utils import formatdate
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StructureShape

from .plans import wire_name
from .types import (
    SCALAR_FROM_TEXT,
    WireDecodeError,
    b64_text,
    bool_text,
    float_text,
    format_iso_timestamp,
    parse_blob_text,
    to_utc_datetime,
)

__all__ = [
    "JsonPlans",
    "Members",
    "emit_struct",
    "header_text",
    "header_value",
    "scalar_from_text",
    "walk_struct",
]

_Conv = Callable[[Any], Any]

# -- scalars -----------------------------------------------------------------------------------


def _serialization_error(expected: str, value: Any) -> WireDecodeError:
    found = type(value).__name__
    return WireDecodeError("SerializationException", f"Expected {expected}, found {found}.", 400)


_NUMBER = (int, float, str)  # NaN and the infinities travel as strings
# scalars in a JSON body: (what, accepted JSON types, converter or None to keep as is)
_JSON_SCALARS: dict[str, tuple[str, tuple[type, ...], _Conv | None]] = {
    "string": ("a string", (str,), None),
    "character": ("a string", (str,), None),
    "integer": ("an integer", (int,), None),
    "long": ("an integer", (int,), None),
    "float": ("a number", _NUMBER, float),
    "double": ("a number", _NUMBER, float),
    "boolean": ("a boolean", (bool,), None),
    "timestamp": ("a timestamp", _NUMBER, to_utc_datetime),  # epoch seconds or ISO 8601
    "blob": ("a base64 string", (str,), parse_blob_text),
}


def _json_scalar(type_name: str) -> _Conv:
    what, kinds, convert = _JSON_SCALARS.get(type_name, ("a value", (object,), None))

    def decode(v: Any) -> Any:
        if type(v) in kinds or kinds == (object,):
            if convert is None:
                return v
            try:
                return convert(v)
            except (ValueError, TypeError, OverflowError, OSError):
                pass
        raise _serialization_error(what, v)

    return decode


def _json_float(v: Any) -> Any:
    text = float_text(v)
    return float(text) if text[-1].isdigit() else text


_TO_JSON: dict[str, _Conv] = {
    "integer": int,
    "long": int,
    "float": _json_float,
    "double": _json_float,
    "boolean": bool,
    "timestamp": lambda v: to_utc_datetime(v).timestamp(),
    "blob": b64_text,
}


def scalar_from_text(shape: Shape, text: str) -> Any:
    """A path label's or query parameter's value; raises what SCALAR_TEXT_ERRORS lists."""
    convert = SCALAR_FROM_TEXT.get(shape.type_name)
    return text if convert is None else convert(text)


def header_text(shape: Shape, value: Any) -> str:
    t = shape.type_name
    if t == "timestamp":
        fmt = shape.serialization.get("timestampFormat", "rfc822")
        dt = to_utc_datetime(value)
        if fmt == "iso8601":
            return format_iso_timestamp(dt)
        if fmt == "unixTimestamp":
            return repr(dt.timestamp())
        return formatdate(dt.timestamp(), usegmt=True)
    if t == "list":
        assert isinstance(shape, ListShape)
        return ",".join(header_text(shape.member, v) for v in value)
    if t == "boolean":
        return bool_text(value)
    if shape.serialization.get("jsonvalue"):
        return b64_text(json.dumps(value, separators=(",", ":")))
    return str(value)


def header_value(shape: Shape, text: str) -> Any:
    if shape.serialization.get("jsonvalue"):
        return json.loads(base64.b64decode(text))
    if isinstance(shape, ListShape):
        return [header_value(shape.member, part.strip()) for part in text.split(",")]
    return scalar_from_text(shape, text)


# -- JSON plans --------------------------------------------------------------------------------

Members = list[tuple[str, str, Any]]  # (name to read, name to write, converter or None)


def walk_struct(members: Members, value: Any) -> Any:
    """Decode a JSON object: members are (json name, python name, converter)."""
    if type(value) is not dict:
        raise _serialization_error("an object", value)
    return {name: conv(value[wire]) for wire, name, conv in members if value.get(wire) is not None}


def emit_struct(members: Members, value: Mapping[str, Any]) -> Any:
    """Encode a structure: members are (python name, json name, converter or None)."""
    out = {}
    for name, wire, conv in members:
        v = value.get(name)
        if v is not None:
            out[wire] = v if conv is None else conv(v)
    return out


def _check(kind: type, what: str, convert: _Conv) -> _Conv:
    def decode(v: Any) -> Any:
        if type(v) is not kind:
            raise _serialization_error(what, v)
        return convert(v)

    return decode


class JsonPlans:
    """JSON converters per shape for one model; structures are cached by name, so recursive
    shapes work (a structure's member list is filled in after it is registered)."""

    def __init__(self) -> None:
        self.structs: dict[tuple[bool, str], Members] = {}

    def members(
        self,
        shape: StructureShape,
        decode: bool,
        body_only: bool = False,
        placed: Mapping[str, object] | None = None,
    ) -> Members:
        """With ``body_only``, the members in the JSON body: those the model gives no
        location, or those ``placed`` (another release's form) does not name."""
        out: Members = []
        for name, m in shape.members.items():
            located = "location" in m.serialization if placed is None else name in placed
            if not (body_only and located):
                wire = wire_name(m, name)
                conv = self.conv(m, decode)
                out.append((wire, name, conv) if decode else (name, wire, conv))
        return out

    def conv(self, shape: Shape, decode: bool) -> Any:
        """A converter from (decode) or to JSON; to JSON, ``None`` means "as is"."""
        if isinstance(shape, StructureShape):
            if shape.is_document_type:
                return (lambda v: v) if decode else None
            members = self.structs.get((decode, shape.name))
            if members is None:
                members = self.structs[(decode, shape.name)] = []
                members.extend(self.members(shape, decode))
            return (
                (lambda v: walk_struct(members, v))
                if decode
                else (lambda v: emit_struct(members, v))
            )
        if isinstance(shape, ListShape):
            item = self.conv(shape.member, decode)
            if decode:
                return _check(list, "a list", lambda v: [item(x) for x in v if x is not None])
            return list if item is None else (lambda v: [item(x) for x in v])
        if isinstance(shape, MapShape):
            value = self.conv(shape.value, decode)
            if decode:
                pairs: _Conv = lambda v: {k: value(x) for k, x in v.items() if x is not None}  # noqa: E731
                return _check(dict, "an object", pairs)
            return dict if value is None else (lambda v: {k: value(x) for k, x in v.items()})
        return _json_scalar(shape.type_name) if decode else _TO_JSON.get(shape.type_name)
