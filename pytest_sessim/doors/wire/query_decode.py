"""SES v1 requests: form-encoded ``Action=...&Name.member.1=...`` pairs into botocore params.

Each operation's input shape becomes a decode plan on first use; each wire key is resolved
once to the path it fills in the params, and both are cached per model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeAlias
from urllib.parse import unquote_plus, urlsplit

from botocore.model import ListShape, MapShape, ServiceModel, Shape, StructureShape

from .plans import PerModel, wire_name
from .types import (
    SCALAR_FROM_TEXT,
    SCALAR_TEXT_ERRORS,
    WireDecodeError,
    WireRequest,
    parse_bool_text,
)

__all__ = ["decode_query"]

# Query booleans are read in any case
_FROM_TEXT: dict[str, Callable[[str], Any]] = {
    **SCALAR_FROM_TEXT,
    "boolean": lambda t: parse_bool_text(t.lower()),
}


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


# How to place one flattened key: the containers to walk through (slot, factory), then the
# final slot and its plan (a scalar to convert, or an empty list / map to create).
_Path = tuple[tuple[tuple[Any, Callable[[], dict[Any, Any]]], ...], Any, _In]
_MAX_PATHS = 4096  # per operation; keys beyond this are resolved on every request


class _QueryDecoder:
    """Decode plans and resolved key paths for one service model, built on first use."""

    def __init__(self, model: ServiceModel) -> None:
        self.model = model
        self.operations = frozenset(model.operation_names)
        self.inputs: dict[str, _InStruct | None] = {}
        self.paths: dict[str, dict[str, _Path | None]] = {}  # per operation, per wire key
        self._in_structs: dict[str, _InStruct] = {}

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
                    wire = wire_name(member, name)
                    if isinstance(member, ListShape) and member.serialization.get("flattened"):
                        wire = wire_name(member.member, wire)
                    struct.members[wire] = (name, self._in(member))
            return struct
        flat = bool(shape.serialization.get("flattened"))
        if isinstance(shape, ListShape):
            token = None if flat else wire_name(shape.member, "member")
            return _InList(token, self._in(shape.member))
        if isinstance(shape, MapShape):
            entry = _InStruct()
            entry.members[wire_name(shape.key, "key")] = (0, self._in(shape.key))
            entry.members[wire_name(shape.value, "value")] = (1, self._in(shape.value))
            return _InList(None if flat else "entry", entry, is_map=True)
        return _InScalar(_FROM_TEXT.get(shape.type_name))


_decoder = PerModel(_QueryDecoder)


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
        except SCALAR_TEXT_ERRORS as exc:
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
    if request.form is not None:
        pairs.extend((key, str(value)) for key, value in request.form.items())
    action = None
    for k, v in pairs:
        if k == "Action":
            action = v
    if not action:
        raise WireDecodeError("MissingAction", "The request must contain the parameter Action.")
    decoder = _decoder(model)
    if action not in decoder.operations:
        raise WireDecodeError(
            "InvalidAction", f"The action {action} is not valid for this web service."
        )
    plan = decoder.input_plan(action)
    params: dict[str, Any] = {}
    if plan is not None:
        paths = decoder.paths.setdefault(action, {})
        try:
            for k, v in pairs:
                try:
                    path = paths[k]
                except KeyError:
                    path = _resolve(plan, k)
                    if len(paths) < _MAX_PATHS:
                        paths[k] = path
                if path is not None:
                    _insert(params, path, k, v)
        except WireDecodeError as error:
            error.operation = action
            raise
        _finalize(params)
    return action, params
