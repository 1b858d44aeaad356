"""SES v1 on the wire: the AWS Query protocol, driven by the botocore service model.

Requests are form-encoded ``Action=...&Name.Member=...`` pairs; responses are XML documents
wrapped in ``<{Op}Response><{Op}Result>``.  Every shape is turned into a small decode or
encode plan the first time it is needed, and the plans are cached per model.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias
from urllib.parse import unquote_plus, urlsplit

from botocore.model import ListShape, MapShape, ServiceModel, Shape, StructureShape

from .types import (
    WireDecodeError,
    WireRequest,
    WireResponse,
    b64_text,
    float_text,
    format_iso_timestamp,
    parse_timestamp_text,
)

__all__ = [
    "SES_XML_NAMESPACE",
    "decode_query",
    "encode_query_error",
    "encode_query_result",
]

SES_XML_NAMESPACE = "http://ses.amazonaws.com/doc/2010-12-01/"


def _esc(s: str) -> str:
    if "&" in s:
        s = s.replace("&", "&amp;")
    if "<" in s:
        s = s.replace("<", "&lt;")
    if ">" in s:
        s = s.replace(">", "&gt;")
    if "\r" in s:
        s = s.replace("\r", "&#13;")
    return s


_FROM_TEXT: dict[str, Callable[[str], Any]] = {
    "integer": int,
    "long": int,
    "float": float,
    "double": float,
    "boolean": lambda t: {"true": True, "false": False}[t.lower()],
    "timestamp": parse_timestamp_text,
    "blob": lambda t: base64.b64decode(t, validate=True),
}

_TO_TEXT: dict[str, Callable[[Any], str]] = {
    "integer": lambda v: str(int(v)),
    "long": lambda v: str(int(v)),
    "float": float_text,
    "double": float_text,
    "boolean": lambda v: "true" if v else "false",
    "timestamp": format_iso_timestamp,
    "blob": b64_text,
}


def _str_text(value: Any) -> str:
    return _esc(value if type(value) is str else str(value))


# -- decode plans ------------------------------------------------------------------------------


@dataclass(slots=True)
class _InScalar:
    convert: Callable[[str], Any] | None  # None: keep the text


@dataclass(slots=True)
class _InStruct:
    # wire name -> (key in the decoded dict, plan); a map entry is a struct keyed 0 and 1
    members: dict[str, tuple[Any, _In]] = field(default_factory=dict)

    def new(self) -> dict[Any, Any]:
        return {}


@dataclass(slots=True)
class _InList:
    token: str | None  # "member" / "entry"; None when flattened
    item: _In
    is_map: bool = False

    def new(self) -> dict[Any, Any]:
        return _MapAcc() if self.is_map else _ListAcc()


_In: TypeAlias = _InScalar | _InStruct | _InList


class _ListAcc(dict[int, Any]):
    """List elements by their 1-based wire index, until the whole request is read."""


class _MapAcc(dict[int, dict[int, Any]]):
    """Map entries by wire index, each ``{0: key, 1: value}``."""


def _finalize(value: Any) -> Any:
    t = type(value)
    if t is dict:
        for k, v in value.items():
            if type(v) in (dict, _ListAcc, _MapAcc):
                value[k] = _finalize(v)
        return value
    if t is _ListAcc:
        return [_finalize(v) for _, v in sorted(value.items())]
    if t is _MapAcc:
        return {e[0]: _finalize(e[1]) for _, e in sorted(value.items()) if 0 in e and 1 in e}
    return value


# -- encode plans ------------------------------------------------------------------------------


@dataclass(slots=True)
class _OutScalar:
    text: Callable[[Any], str]

    def emit(self, value: Any, parts: list[str]) -> None:
        parts.append(self.text(value))


@dataclass(slots=True)
class _OutStruct:
    # (python name, open tag, close tag, plan); no tags around flattened collections
    members: list[tuple[str, str, str, _Out]] = field(default_factory=list)

    def emit(self, value: Mapping[str, Any], parts: list[str]) -> None:
        for name, open_tag, close_tag, plan in self.members:
            v = value.get(name)
            if v is None:
                continue
            if type(plan) is _OutScalar:
                parts.append(open_tag + plan.text(v) + close_tag)
            else:
                parts.append(open_tag)
                plan.emit(v, parts)
                parts.append(close_tag)


@dataclass(slots=True)
class _OutList:
    tag: str  # around each element: "member", or the element name when flattened
    item: _Out

    def emit(self, value: Any, parts: list[str]) -> None:
        open_tag, close_tag, item = f"<{self.tag}>", f"</{self.tag}>", self.item
        for v in value:
            parts.append(open_tag)
            item.emit(v, parts)
            parts.append(close_tag)


@dataclass(slots=True)
class _OutMap:
    tag: str  # around each entry: "entry", or the element name when flattened
    key_tag: str
    value_tag: str
    key: _Out
    value: _Out

    def emit(self, value: Mapping[Any, Any], parts: list[str]) -> None:
        tag, k_tag, v_tag = self.tag, self.key_tag, self.value_tag
        for k, v in value.items():
            parts.append(f"<{tag}><{k_tag}>")
            self.key.emit(k, parts)
            parts.append(f"</{k_tag}><{v_tag}>")
            self.value.emit(v, parts)
            parts.append(f"</{v_tag}></{tag}>")


_Out: TypeAlias = _OutScalar | _OutStruct | _OutList | _OutMap


def _name(shape: Shape, default: str) -> str:
    name: str = shape.serialization.get("name", default)
    return name


class _QueryCodec:
    """Plans for one service model, built on first use."""

    def __init__(self, model: ServiceModel) -> None:
        self.model = model
        self.namespace: str = model.metadata.get("xmlNamespace", SES_XML_NAMESPACE)
        self.operations = frozenset(model.operation_names)
        self.inputs: dict[str, _InStruct | None] = {}
        self.paths: dict[str, dict[str, _Path | None]] = {}  # per operation, per wire key
        self.outputs: dict[str, tuple[str, str, _OutStruct | None]] = {}  # head, tail, plan
        self._in_structs: dict[str, _InStruct] = {}
        self._out_structs: dict[str, _OutStruct] = {}

    def input_plan(self, operation: str) -> _InStruct | None:
        if operation not in self.inputs:
            shape = self.model.operation_model(operation).input_shape
            plan = None if shape is None else self._in(shape)
            self.inputs[operation] = plan if isinstance(plan, _InStruct) else None
        return self.inputs[operation]

    def _in(self, shape: Shape) -> _In:
        if isinstance(shape, StructureShape):
            struct = self._in_structs.get(shape.name)
            if struct is None:
                struct = self._in_structs[shape.name] = _InStruct()
                for name, member in shape.members.items():
                    wire = _name(member, name)
                    if isinstance(member, ListShape) and member.serialization.get("flattened"):
                        wire = _name(member.member, wire)
                    struct.members[wire] = (name, self._in(member))
            return struct
        flat = bool(shape.serialization.get("flattened"))
        if isinstance(shape, ListShape):
            return _InList(None if flat else _name(shape.member, "member"), self._in(shape.member))
        if isinstance(shape, MapShape):
            entry = _InStruct()
            entry.members[_name(shape.key, "key")] = (0, self._in(shape.key))
            entry.members[_name(shape.value, "value")] = (1, self._in(shape.value))
            return _InList(None if flat else "entry", entry, is_map=True)
        return _InScalar(_FROM_TEXT.get(shape.type_name))

    def output_plan(self, operation: str) -> tuple[str, str, _OutStruct | None]:
        """The text before the result members, the text up to the request id, the plan."""
        if operation not in self.outputs:
            shape = self.model.operation_model(operation).output_shape
            head = f'<{operation}Response xmlns="{self.namespace}">'
            tail = "<ResponseMetadata><RequestId>"
            plan = None if shape is None else self._out(shape)
            wrapper = None if shape is None else shape.serialization.get("resultWrapper")
            if wrapper:
                head, tail = f"{head}<{wrapper}>", f"</{wrapper}>{tail}"
            self.outputs[operation] = (head, tail, plan if isinstance(plan, _OutStruct) else None)
        return self.outputs[operation]

    def _out(self, shape: Shape, wire: str = "") -> _Out:
        """The plan for ``shape``; ``wire`` names the elements of a flattened collection."""
        if isinstance(shape, StructureShape):
            struct = self._out_structs.get(shape.name)
            if struct is None:
                struct = self._out_structs[shape.name] = _OutStruct()
                for name, member in shape.members.items():
                    tag = _name(member, name)
                    plan = self._out(member, tag)
                    if member.serialization.get("flattened"):
                        struct.members.append((name, "", "", plan))
                    else:
                        struct.members.append((name, f"<{tag}>", f"</{tag}>", plan))
            return struct
        flat = bool(shape.serialization.get("flattened"))
        if isinstance(shape, ListShape):
            item_tag = shape.member.serialization.get("name")
            tag = (item_tag or wire) if flat else (item_tag or "member")
            return _OutList(tag, self._out(shape.member))
        if isinstance(shape, MapShape):
            key, value = shape.key, shape.value
            return _OutMap(
                wire if flat else "entry",
                _name(key, "key"),
                _name(value, "value"),
                self._out(key),
                self._out(value),
            )
        return _OutScalar(_TO_TEXT.get(shape.type_name, _str_text))


_codecs: dict[int, _QueryCodec] = {}


def _codec(model: ServiceModel) -> _QueryCodec:
    codec = _codecs.get(id(model))
    if codec is None or codec.model is not model:
        codec = _codecs[id(model)] = _QueryCodec(model)
    return codec


# How to place one flattened key: the containers to walk through (slot, factory), then the
# final slot and its plan (a scalar to convert, or an empty list / map to create).
_Path = tuple[tuple[tuple[Any, Callable[[], dict[Any, Any]]], ...], Any, _In]
_MAX_PATHS = 4096  # per operation; keys beyond this are resolved on every request


def _resolve(plan: _InStruct, key: str) -> _Path | None:
    """Where ``key`` (``Name.member.1.Field``) goes in the params; None for unknown keys."""
    tokens = key.split(".")
    n = len(tokens)
    node: _In = plan
    steps: list[tuple[Any, Callable[[], dict[Any, Any]]]] = []
    i = 0
    while True:
        tok = tokens[i]
        if isinstance(node, _InStruct):
            found = node.members.get(tok)
            if found is None:
                return None
            slot, child = found
        elif isinstance(node, _InList):
            if node.token is not None:
                if tok != node.token or i + 1 == n:
                    return None
                i += 1
                tok = tokens[i]
            if not tok.isdigit():
                return None
            slot, child = int(tok), node.item
        else:
            return None
        i += 1
        if i == n:
            # a container here is ``Name=``, how an empty list or map is sent
            return tuple(steps), slot, child
        if isinstance(child, _InScalar):
            return None
        steps.append((slot, child.new))
        node = child


def _insert(root: dict[str, Any], path: _Path, key: str, raw: str) -> None:
    steps, slot, last = path
    holder: Any = root
    for step, new in steps:
        sub = holder.get(step)
        if type(sub) not in (dict, _ListAcc, _MapAcc):
            sub = holder[step] = new()
        holder = sub
    if isinstance(last, _InScalar):
        try:
            holder[slot] = raw if last.convert is None else last.convert(raw)
        except (ValueError, TypeError, KeyError, OverflowError) as exc:
            raise WireDecodeError(
                "InvalidParameterValue", f"Invalid value {raw!r} for parameter {key}."
            ) from exc
    elif type(holder.get(slot)) not in (dict, _ListAcc, _MapAcc):
        holder[slot] = last.new()


# -- public API --------------------------------------------------------------------------------


def _form_pairs(text: str, pairs: list[tuple[str, str]]) -> None:
    """``parse_qsl(text, keep_blank_values=True)``, minus its overhead on the hot path."""
    for part in text.split("&"):
        if not part:
            continue
        k, _, v = part.partition("=")
        if "%" in k or "+" in k:
            k = unquote_plus(k, errors="replace")
        if "%" in v or "+" in v:
            v = unquote_plus(v, errors="replace")
        pairs.append((k, v))


def decode_query(request: WireRequest, model: ServiceModel) -> tuple[str, dict[str, Any]]:
    """The operation name and the params a botocore client was called with.

    Reads the form-encoded body and, as for a GET, the URL's query string.
    """
    pairs: list[tuple[str, str]] = []
    query = urlsplit(request.url).query
    if query:
        _form_pairs(query, pairs)
    if request.body:
        _form_pairs(request.body.decode("utf-8", errors="replace"), pairs)
    action = None
    for k, v in pairs:
        if k == "Action":
            action = v
    if not action:
        raise WireDecodeError("MissingAction", "The request must contain the parameter Action.")
    codec = _codec(model)
    if action not in codec.operations:
        raise WireDecodeError(
            "InvalidAction", f"The action {action} is not valid for this web service."
        )
    plan = codec.input_plan(action)
    params: dict[str, Any] = {}
    if plan is not None:
        paths = codec.paths.setdefault(action, {})
        for k, v in pairs:
            try:
                path = paths[k]
            except KeyError:
                path = _resolve(plan, k)
                if len(paths) < _MAX_PATHS:
                    paths[k] = path
            if path is not None:
                _insert(params, path, k, v)
        _finalize(params)
    return action, params


def _response(status: int, body: str, request_id: str) -> WireResponse:
    data = body.encode("utf-8")
    headers = {
        "Content-Type": "text/xml",
        "Content-Length": str(len(data)),
        "x-amzn-RequestId": request_id,
    }
    return WireResponse(status, headers, data)


def encode_query_result(
    operation: str, result: Mapping[str, Any], request_id: str, model: ServiceModel
) -> WireResponse:
    """The XML success response for ``operation``; ``None`` members are left out."""
    head, tail, plan = _codec(model).output_plan(operation)
    parts = [head]
    if plan is not None:
        plan.emit(result, parts)
    parts.append(tail)
    parts.append(_esc(request_id))
    parts.append(f"</RequestId></ResponseMetadata></{operation}Response>")
    return _response(200, "".join(parts), request_id)


def encode_query_error(
    code: str,
    message: str,
    status: int,
    request_id: str,
    sender_fault: bool = True,
    namespace: str = SES_XML_NAMESPACE,
) -> WireResponse:
    """The XML ``ErrorResponse`` a Query service answers a failed request with."""
    body = (
        f'<ErrorResponse xmlns="{namespace}"><Error>'
        f"<Type>{'Sender' if sender_fault else 'Receiver'}</Type>"
        f"<Code>{_esc(code)}</Code><Message>{_esc(message)}</Message></Error>"
        f"<RequestId>{_esc(request_id)}</RequestId></ErrorResponse>"
    )
    return _response(status, body, request_id)
