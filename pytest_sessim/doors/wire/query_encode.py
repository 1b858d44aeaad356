"""SES v1 responses: XML documents wrapped in ``<{Op}Response><{Op}Result>``.

Each operation's output shape becomes an encode plan on first use, cached per model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from botocore.model import ListShape, MapShape, ServiceModel, Shape, StructureShape

from .plans import PerModel, wire_name
from .types import (
    WireResponse,
    b64_text,
    bool_text,
    float_text,
    format_iso_timestamp,
    wire_response,
)

__all__ = ["SES_XML_NAMESPACE", "encode_query_error", "encode_query_result"]

SES_XML_NAMESPACE = "http://ses.amazonaws.com/doc/2010-12-01/"


# characters XML 1.0 cannot carry, even as references: C0 controls other than tab, LF
# and CR, lone surrogates, U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _esc(s: str) -> str:
    if "&" in s:
        s = s.replace("&", "&amp;")
    if "<" in s:
        s = s.replace("<", "&lt;")
    if ">" in s:
        s = s.replace(">", "&gt;")
    if "\r" in s:
        s = s.replace("\r", "&#13;")
    if not s.isprintable() or not s.isascii():
        # shown as U+FFFD rather than breaking the document for every reader
        s = _NOT_XML.sub("\ufffd", s)
    return s


_TO_TEXT: dict[str, Callable[[Any], str]] = {
    "integer": lambda v: str(int(v)),
    "long": lambda v: str(int(v)),
    "float": float_text,
    "double": float_text,
    "boolean": bool_text,
    "timestamp": format_iso_timestamp,
    "blob": b64_text,
}


def _str_text(value: Any) -> str:
    return _esc(value if type(value) is str else str(value))


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


class _QueryEncoder:
    """Encode plans for one service model, built on first use."""

    def __init__(self, model: ServiceModel) -> None:
        self.model = model
        self.namespace: str = model.metadata.get("xmlNamespace", SES_XML_NAMESPACE)
        self.outputs: dict[str, tuple[str, str, _OutStruct | None]] = {}  # head, tail, plan
        self._out_structs: dict[str, _OutStruct] = {}

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
                    tag = wire_name(member, name)
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
                wire_name(key, "key"),
                wire_name(value, "value"),
                self._out(key),
                self._out(value),
            )
        return _OutScalar(_TO_TEXT.get(shape.type_name, _str_text))


_encoder = PerModel(_QueryEncoder)


# -- public API --------------------------------------------------------------------------------


def _response(status: int, body: str, request_id: str) -> WireResponse:
    return wire_response(status, "text/xml", body.encode("utf-8"), request_id)


def encode_query_result(
    operation: str, result: Mapping[str, Any], request_id: str, model: ServiceModel
) -> WireResponse:
    """The XML success response for ``operation``; ``None`` members are left out."""
    head, tail, plan = _encoder(model).output_plan(operation)
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
