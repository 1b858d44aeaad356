"""SESv2 on the wire: the REST-JSON protocol, driven by the botocore service model.

A request is routed by method and path against every operation's ``requestUri``
(``restjson_paths``), and against the other forms older or newer botocore releases send
(``route_forms``); its params come from the path, the query string, headers and the JSON
body as the input shape says, or as the matched form placed them (``restjson_values``).
Routes and per-shape plans are built on first use and cached per model.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from botocore.model import ListShape, MapShape, ServiceModel, Shape, StructureShape

from .plans import PerModel, wire_name
from .restjson_paths import Route, RouteTable
from .restjson_values import (
    JsonPlans,
    Members,
    emit_struct,
    header_text,
    header_value,
    scalar_from_text,
    walk_struct,
)
from .route_forms import RouteForm, route_forms
from .types import SCALAR_TEXT_ERRORS, WireDecodeError, WireRequest, WireResponse, wire_response

__all__ = [
    "decode_rest_json",
    "encode_rest_json_error",
    "encode_rest_json_result",
]

SESV2_ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazonaws.sesv2/"


class _Op:
    """Where one operation's input members come from and its output members go."""

    def __init__(
        self,
        plans: JsonPlans,
        http: Mapping[str, Any],
        shape: StructureShape | None,
        decode: bool,
        form: RouteForm | None = None,
    ) -> None:
        self.status = int(http.get("responseCode", 200))
        self.uri: dict[str, tuple[str, Shape]] = {}  # label -> (name, shape)
        self.query: list[tuple[str, str, Shape]] = []  # (key, name, shape)
        self.query_map: tuple[str, Shape] | None = None
        self.headers: list[tuple[str, str, Shape]] = []  # (header, name, shape)
        self.payload: tuple[str, Shape, Any] | None = None
        self.body: Members = []
        if shape is None:
            return
        placed = None if form is None else form.placements
        for name, m in shape.members.items():
            if placed is None:
                location, wire = m.serialization.get("location"), wire_name(m, name)
            else:
                location, wire = placed.get(name, (None, name))
            if location == "uri":
                self.uri[wire] = (name, m)
            elif location == "querystring" and isinstance(m, MapShape):
                self.query_map = (name, m)
            elif location == "querystring":
                self.query.append((wire, name, m))
            elif location == "header":
                self.headers.append((wire.lower() if decode else wire, name, m))
        payload = shape.serialization.get("payload") if form is None else form.payload
        if payload is not None and payload in shape.members:
            member = shape.members[payload]
            self.payload = (payload, member, plans.conv(member, decode))
        else:
            self.body = plans.members(shape, decode, body_only=True, placed=placed)


class _RestJsonCodec:
    """Routes and per-operation plans for one service model, built on first use."""

    def __init__(self, model: ServiceModel) -> None:
        self.model = model
        self.plans = JsonPlans()
        self.ops: dict[tuple[str, bool, RouteForm | None], _Op] = {}
        self.routes = RouteTable(model, route_forms(model.service_name))

    def op(self, operation: str, decode: bool, form: RouteForm | None = None) -> _Op:
        """The plan for the installed model's form, or for ``form`` (decoding only)."""
        key = (operation, decode, form)
        plan = self.ops.get(key)
        if plan is None:
            op = self.model.operation_model(operation)
            shape = op.input_shape if decode else op.output_shape
            plan = self.ops[key] = _Op(self.plans, op.http, shape, decode, form)
        return plan


_codec = PerModel(_RestJsonCodec)


# -- public API --------------------------------------------------------------------------------


def _text_param(
    shape: Shape, text: str, where: str, parse: Callable[[Shape, str], Any] | None = None
) -> Any:
    try:
        return (parse or scalar_from_text)(shape, text)
    except SCALAR_TEXT_ERRORS as exc:
        raise WireDecodeError(
            "BadRequestException", f"Invalid value {text!r} for {where}.", 400
        ) from exc


def _load_json(body: bytes) -> Any:
    try:
        document = json.loads(body)
    except ValueError as exc:
        raise WireDecodeError(
            "SerializationException", "The request body is not valid JSON.", 400
        ) from exc
    if b"\\ud" in body or b"\\uD" in body:  # an escaped surrogate, maybe a lone one
        document = _without_lone_surrogates(document)
    return document


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(value: Any) -> Any:
    """JSON text can escape half a surrogate pair, which no UTF-8 can carry: each becomes
    U+FFFD, as a UTF-8 encoder with replacement writes it."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    return value


def _find_route(
    codec: _RestJsonCodec, request: WireRequest
) -> tuple[Route, dict[str, str], dict[str, list[str]]]:
    split = urlsplit(request.url)
    path = split.path or "/"
    query: dict[str, list[str]] = {}
    for k, v in parse_qsl(split.query, keep_blank_values=True):
        query.setdefault(k, []).append(v)
    method = request.method.upper()
    found = codec.routes.route(method, path.split("/"), query)
    if found is None:
        raise WireDecodeError(
            "UnknownOperationException", f"No operation matches {method} {path}.", 404
        )
    return found[0], found[1], query


def decode_rest_json(request: WireRequest, model: ServiceModel) -> tuple[str, dict[str, Any]]:
    """The operation name and the params a botocore client was called with, in any form a
    checked botocore release sends it."""
    codec = _codec(model)
    route, labels, query = _find_route(codec, request)
    try:
        return route.operation, _params(codec, route, labels, query, request)
    except WireDecodeError as error:
        error.operation = route.operation  # the refusal names what was asked for
        raise


def _params(
    codec: _RestJsonCodec,
    route: Route,
    labels: Mapping[str, str],
    query: Mapping[str, list[str]],
    request: WireRequest,
) -> dict[str, Any]:
    op = codec.op(route.operation, decode=True, form=route.form)
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
                params[name] = _text_param(shape, headers[header], header, header_value)
    if op.payload is not None:
        name, shape, convert = op.payload
        if shape.type_name in ("blob", "string"):
            params[name] = request.body if shape.type_name == "blob" else request.body.decode()
        elif request.body.strip():
            params[name] = convert(_load_json(request.body))
    elif op.body and request.body.strip():
        params.update(walk_struct(op.body, _load_json(request.body)))
    return params


def _response(status: int, doc: Any, request_id: str, **extra: str) -> WireResponse:
    body = doc if isinstance(doc, bytes) else json.dumps(doc, separators=(",", ":")).encode()
    return wire_response(status, "application/json", body, request_id, **extra)


def encode_rest_json_result(
    operation: str, result: Mapping[str, Any], request_id: str, model: ServiceModel
) -> WireResponse:
    """The success response for ``operation``; ``None`` members are left out."""
    op = _codec(model).op(operation, decode=False)
    headers = {
        header: header_text(shape, result[name])
        for header, name, shape in op.headers
        if result.get(name) is not None
    }
    doc: Any
    if op.payload is None:
        doc = emit_struct(op.body, result)
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
