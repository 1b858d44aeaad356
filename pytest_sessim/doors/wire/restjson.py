"""SESv2 on the wire: the REST-JSON protocol, driven by the botocore service model.

A request is routed by method and path against every operation's ``requestUri``; its params
come from the path, the query string, headers and the JSON body as the input shape says.
Routes and per-shape plans are built on first use and cached per model.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping
from email.utils import formatdate
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from botocore.model import ListShape, MapShape, ServiceModel, Shape, StructureShape

from .types import (
    WireDecodeError,
    WireRequest,
    WireResponse,
    b64_text,
    float_text,
    format_iso_timestamp,
    parse_timestamp_text,
    to_utc_datetime,
)

__all__ = ["decode_rest_json", "encode_rest_json_error", "encode_rest_json_result"]

SESV2_ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazonaws.sesv2/"

_Conv = Callable[[Any], Any]

# -- scalars -----------------------------------------------------------------------------------


def _bad(expected: str, value: Any) -> WireDecodeError:
    found = type(value).__name__
    return WireDecodeError("SerializationException", f"Expected {expected}, found {found}.", 400)


def _t_blob(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


# scalars in the path, the query string and headers
_FROM_TEXT: dict[str, _Conv] = {
    "integer": int,
    "long": int,
    "float": float,
    "double": float,
    "boolean": lambda t: {"true": True, "false": False}[t],
    "timestamp": parse_timestamp_text,
    "blob": _t_blob,
}

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
    "blob": ("a base64 string", (str,), _t_blob),
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
        raise _bad(what, v)

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


def _header_text(shape: Shape, value: Any) -> str:
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
        return ",".join(_header_text(shape.member, v) for v in value)
    if t == "boolean":
        return "true" if value else "false"
    if shape.serialization.get("jsonvalue"):
        return b64_text(json.dumps(value, separators=(",", ":")))
    return str(value)


def _header_value(shape: Shape, text: str) -> Any:
    if shape.serialization.get("jsonvalue"):
        return json.loads(base64.b64decode(text))
    if isinstance(shape, ListShape):
        return [_header_value(shape.member, part.strip()) for part in text.split(",")]
    return _from_text(shape, text)


# -- plans -------------------------------------------------------------------------------------

_Members = list[tuple[str, str, Any]]  # (name to read, name to write, converter or None)


def _walk_struct(members: _Members, value: Any) -> Any:
    """Decode a JSON object: members are (json name, python name, converter)."""
    if type(value) is not dict:
        raise _bad("an object", value)
    return {name: conv(value[wire]) for wire, name, conv in members if value.get(wire) is not None}


def _emit_struct(members: _Members, value: Mapping[str, Any]) -> Any:
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
            raise _bad(what, v)
        return convert(v)

    return decode


class _Plans:
    """JSON converters per shape for one model; structures are cached by name, so recursive
    shapes work (a structure's member list is filled in after it is registered)."""

    def __init__(self) -> None:
        self.structs: dict[tuple[bool, str], _Members] = {}

    def members(self, shape: StructureShape, decode: bool, body_only: bool = False) -> _Members:
        out: _Members = []
        for name, m in shape.members.items():
            if not (body_only and "location" in m.serialization):
                wire = m.serialization.get("name", name)
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
                (lambda v: _walk_struct(members, v))
                if decode
                else (lambda v: _emit_struct(members, v))
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


# -- routing -----------------------------------------------------------------------------------

_LITERAL, _LABEL, _GREEDY = 2, 1, 0


class _Route:
    """One operation's ``requestUri``, e.g. ``/v2/email/identities/{EmailIdentity}``."""

    def __init__(self, operation: str, request_uri: str) -> None:
        path, _, query = request_uri.partition("?")
        self.operation = operation
        self.segments: list[tuple[int, str]] = []
        self.greedy_at = -1
        for i, seg in enumerate(path.split("/")):
            if not (seg.startswith("{") and seg.endswith("}")):
                self.segments.append((_LITERAL, seg))
            elif seg.endswith("+}"):
                self.greedy_at = i
                self.segments.append((_GREEDY, seg[1:-2]))
            else:
                self.segments.append((_LABEL, seg[1:-1]))
        # literal query parameters the route requires, e.g. ``?x-id=Foo`` or ``?tagging``
        self.query = [(k, v or None) for k, v in parse_qsl(query, keep_blank_values=True)]
        # literal segments beat labels, which beat a greedy label, from the left
        self.score = (*(kind for kind, _ in self.segments), len(self.query))

    def match(self, segs: list[str], query: Mapping[str, list[str]]) -> dict[str, str] | None:
        """The raw (still percent-encoded) label values, if the request is on this route."""
        for key, value in self.query:
            if key not in query or (value is not None and value not in query[key]):
                return None
        labels: dict[str, str] = {}
        template, g = self.segments, self.greedy_at
        if g >= 0:
            if len(segs) < len(template):
                return None
            after = len(template) - g - 1
            labels[template[g][1]] = "/".join(segs[g : len(segs) - after])
            template = template[:g] + template[g + 1 :]
            segs = segs[:g] + segs[len(segs) - after :]
        if len(segs) != len(template):
            return None
        for (kind, text), seg in zip(template, segs, strict=True):
            if kind == _LITERAL:
                if seg != text:
                    return None
            elif not seg:
                return None
            else:
                labels[text] = seg
        return labels if all(labels.values()) else None


class _Op:
    """Where one operation's input members come from and its output members go."""

    def __init__(
        self, plans: _Plans, http: Mapping[str, Any], shape: StructureShape | None, decode: bool
    ) -> None:
        self.status = int(http.get("responseCode", 200))
        self.uri: dict[str, tuple[str, Shape]] = {}  # label -> (name, shape)
        self.query: list[tuple[str, str, Shape]] = []  # (key, name, shape)
        self.query_map: tuple[str, Shape] | None = None
        self.headers: list[tuple[str, str, Shape]] = []  # (header, name, shape)
        self.payload: tuple[str, Shape, Any] | None = None
        self.body: _Members = []
        if shape is None:
            return
        for name, m in shape.members.items():
            location = m.serialization.get("location")
            wire = m.serialization.get("name", name)
            if location == "uri":
                self.uri[wire] = (name, m)
            elif location == "querystring" and isinstance(m, MapShape):
                self.query_map = (name, m)
            elif location == "querystring":
                self.query.append((wire, name, m))
            elif location == "header":
                self.headers.append((wire.lower() if decode else wire, name, m))
        payload = shape.serialization.get("payload")
        if payload is not None:
            member = shape.members[payload]
            self.payload = (payload, member, plans.conv(member, decode))
        else:
            self.body = plans.members(shape, decode, body_only=True)


class _RestJsonCodec:
    def __init__(self, model: ServiceModel) -> None:
        self.model = model
        self.plans = _Plans()
        self.ops: dict[tuple[str, bool], _Op] = {}
        self.exact: dict[tuple[str, int], list[_Route]] = {}  # by method and segment count
        self.greedy: dict[str, list[_Route]] = {}  # by method
        for name in model.operation_names:
            http = model.operation_model(name).http
            route = _Route(name, http.get("requestUri", "/"))
            method = http.get("method", "POST").upper()
            if route.greedy_at < 0:
                self.exact.setdefault((method, len(route.segments)), []).append(route)
            else:
                self.greedy.setdefault(method, []).append(route)
        for routes in (*self.exact.values(), *self.greedy.values()):
            routes.sort(key=lambda r: r.score, reverse=True)

    def route(
        self, method: str, segs: list[str], query: Mapping[str, list[str]]
    ) -> tuple[_Route, dict[str, str]] | None:
        best: tuple[_Route, dict[str, str]] | None = None
        for routes in (self.exact.get((method, len(segs)), ()), self.greedy.get(method, ())):
            for route in routes:
                labels = route.match(segs, query)
                if labels is not None:
                    if best is None or route.score > best[0].score:
                        best = (route, labels)
                    break  # the rest of this list is less specific
        return best

    def op(self, operation: str, decode: bool) -> _Op:
        plan = self.ops.get((operation, decode))
        if plan is None:
            op = self.model.operation_model(operation)
            shape = op.input_shape if decode else op.output_shape
            plan = self.ops[(operation, decode)] = _Op(self.plans, op.http, shape, decode)
        return plan


_codecs: dict[int, _RestJsonCodec] = {}


def _codec(model: ServiceModel) -> _RestJsonCodec:
    codec = _codecs.get(id(model))
    if codec is None or codec.model is not model:
        codec = _codecs[id(model)] = _RestJsonCodec(model)
    return codec


# -- public API --------------------------------------------------------------------------------


def _text_param(
    shape: Shape, text: str, where: str, parse: Callable[[Shape, str], Any] | None = None
) -> Any:
    try:
        return (parse or _from_text)(shape, text)
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        raise WireDecodeError(
            "BadRequestException", f"Invalid value {text!r} for {where}.", 400
        ) from exc


def _from_text(shape: Shape, text: str) -> Any:
    convert = _FROM_TEXT.get(shape.type_name)
    return text if convert is None else convert(text)


def _load_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError as exc:
        raise WireDecodeError(
            "SerializationException", "The request body is not valid JSON.", 400
        ) from exc


def decode_rest_json(request: WireRequest, model: ServiceModel) -> tuple[str, dict[str, Any]]:
    """The operation name and the params a botocore client was called with."""
    codec = _codec(model)
    split = urlsplit(request.url)
    path = split.path or "/"
    query: dict[str, list[str]] = {}
    for k, v in parse_qsl(split.query, keep_blank_values=True):
        query.setdefault(k, []).append(v)
    method = request.method.upper()
    found = codec.route(method, path.split("/"), query)
    if found is None:
        raise WireDecodeError(
            "UnknownOperationException", f"No operation matches {method} {path}.", 404
        )
    route, labels = found
    op = codec.op(route.operation, decode=True)
    params: dict[str, Any] = {}
    for label, raw in labels.items():
        if label in op.uri:
            name, shape = op.uri[label]
            params[name] = _text_param(shape, unquote(raw), f"path label {label}")
    for key, name, shape in op.query:
        if query.get(key):
            where = f"query parameter {key}"
            if isinstance(shape, ListShape):
                params[name] = [_text_param(shape.member, v, where) for v in query[key]]
            else:
                params[name] = _text_param(shape, query[key][0], where)
    if op.query_map is not None:
        name, shape = op.query_map
        taken = {key for key, _, _ in op.query} | {key for key, _ in route.query}
        many = isinstance(shape, MapShape) and isinstance(shape.value, ListShape)
        rest = {k: v if many else v[0] for k, v in query.items() if k not in taken}
        if rest:
            params[name] = rest
    if op.headers:
        headers = {k.lower(): v for k, v in request.headers.items()}
        for header, name, shape in op.headers:
            if header in headers:
                params[name] = _text_param(shape, headers[header], header, _header_value)
    if op.payload is not None:
        name, shape, convert = op.payload
        if shape.type_name in ("blob", "string"):
            params[name] = request.body if shape.type_name == "blob" else request.body.decode()
        elif request.body.strip():
            params[name] = convert(_load_json(request.body))
    elif op.body and request.body.strip():
        params.update(_walk_struct(op.body, _load_json(request.body)))
    return route.operation, params


def _response(status: int, doc: Any, request_id: str, **extra: str) -> WireResponse:
    body = doc if isinstance(doc, bytes) else json.dumps(doc, separators=(",", ":")).encode()
    headers = {"Content-Type": "application/json", "Content-Length": str(len(body))}
    headers["x-amzn-RequestId"] = request_id
    headers.update(extra)
    return WireResponse(status, headers, body)


def encode_rest_json_result(
    operation: str, result: Mapping[str, Any], request_id: str, model: ServiceModel
) -> WireResponse:
    """The success response for ``operation``; ``None`` members are left out."""
    op = _codec(model).op(operation, decode=False)
    headers = {
        header: _header_text(shape, result[name])
        for header, name, shape in op.headers
        if result.get(name) is not None
    }
    doc: Any
    if op.payload is None:
        doc = _emit_struct(op.body, result)
    else:
        name, shape, convert = op.payload
        value = result.get(name)
        if shape.type_name in ("blob", "string"):
            doc = value.encode() if isinstance(value, str) else bytes(value or b"")
        else:
            doc = {} if value is None else value if convert is None else convert(value)
    return _response(op.status, doc, request_id, **headers)


def encode_rest_json_error(code: str, message: str, status: int, request_id: str) -> WireResponse:
    """The error response a REST-JSON service answers with; botocore reads the code from
    ``x-amzn-ErrorType`` (up to the colon) and the message from the body."""
    error_type = {"x-amzn-ErrorType": code + SESV2_ERROR_TYPE_SUFFIX}
    return _response(status, {"message": message}, request_id, **error_type)
