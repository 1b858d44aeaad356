"""The constraints an operation's input shape declares, checked as SES checks them.

SES validates every request against its model before acting on it. Checked here for every
operation: required members, and string and list lengths. (Enum values, patterns and
numeric ranges are each operation's to check: SES words or applies those per operation.)
A request that breaks any of them gets ``ValidationError`` (v1) or
``BadRequestException`` (v2) with the service framework's text, which names each member
by its path in camelCase, list elements as ``name.N.member`` (from 1), and not its
value::

    1 validation error detected: Value at 'message' failed to satisfy constraint:
    Member must not be null

Each input shape becomes a check plan on first use, cached per model; shapes without
constraints have no plan, so checking a request costs a walk of its constrained parts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from botocore.model import ListShape, MapShape, ServiceModel, Shape, StructureShape

from ...engine.errors import ErrorKind, SesError
from .plans import PerModel

__all__ = ["check_params", "validation_error"]


@dataclass(slots=True)
class _Scalar:
    minimum: int | None = None  # length of a string
    maximum: int | None = None


@dataclass(slots=True)
class _Struct:
    # (member name, path name, required, plan or None)
    members: list[tuple[str, str, bool, _Plan | None]] = field(default_factory=list)


@dataclass(slots=True)
class _List:
    item: _Plan | None
    minimum: int | None
    maximum: int | None


@dataclass(slots=True)
class _Map:
    value: _Plan | None


_Plan: TypeAlias = _Scalar | _Struct | _List | _Map


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


class _Planner:
    def __init__(self, model: ServiceModel) -> None:
        self.model = model
        self.operations: dict[str, _Plan | None] = {}
        self._structs: dict[str, _Struct] = {}

    def plan_for(self, operation: str) -> _Plan | None:
        if operation not in self.operations:
            shape = self.model.operation_model(operation).input_shape
            self.operations[operation] = None if shape is None else self._plan(shape)
        return self.operations[operation]

    def _plan(self, shape: Shape) -> _Plan | None:
        if isinstance(shape, StructureShape):
            if shape.is_document_type:
                return None
            known = self._structs.get(shape.name)
            if known is not None:
                return known  # a recursive shape: its plan is being filled in
            struct = self._structs[shape.name] = _Struct()
            required = set(shape.required_members)
            for name, member in shape.members.items():
                plan = self._plan(member)
                if plan is not None or name in required:
                    struct.members.append((name, _camel(name), name in required, plan))
            return struct if struct.members else None
        meta = shape.metadata
        if isinstance(shape, ListShape):
            item = self._plan(shape.member)
            if item is None and "min" not in meta and "max" not in meta:
                return None
            return _List(item, meta.get("min"), meta.get("max"))
        if isinstance(shape, MapShape):
            value = self._plan(shape.value)
            return None if value is None else _Map(value)
        return _scalar_plan(shape)


def _scalar_plan(shape: Shape) -> _Scalar | None:
    meta = shape.metadata
    if shape.type_name != "string" or (meta.get("min") is None and meta.get("max") is None):
        return None
    return _Scalar(meta.get("min"), meta.get("max"))


_planner = PerModel(_Planner)


def _fail(errors: list[str], path: str, constraint: str) -> None:
    errors.append(f"Value at '{path}' failed to satisfy constraint: Member must {constraint}")


def _check_scalar(plan: _Scalar, value: Any, path: str, errors: list[str]) -> None:
    if not isinstance(value, str):
        return
    if plan.minimum is not None and len(value) < plan.minimum:
        _fail(errors, path, f"have length greater than or equal to {plan.minimum}")
    if plan.maximum is not None and len(value) > plan.maximum:
        _fail(errors, path, f"have length less than or equal to {plan.maximum}")


def _walk(plan: _Plan, value: Any, path: str, errors: list[str]) -> None:
    if type(plan) is _Struct:
        if not isinstance(value, Mapping):
            return
        for name, shown, required, member in plan.members:
            item = value.get(name)
            where = f"{path}.{shown}" if path else shown
            if item is None:
                if required:
                    _fail(errors, where, "not be null")
            elif member is not None:
                _walk(member, item, where, errors)
    elif type(plan) is _List:
        if not isinstance(value, list):
            return
        if plan.minimum is not None and len(value) < plan.minimum:
            _fail(errors, path, f"have length greater than or equal to {plan.minimum}")
        if plan.maximum is not None and len(value) > plan.maximum:
            _fail(errors, path, f"have length less than or equal to {plan.maximum}")
        if plan.item is not None:
            for index, item in enumerate(value, 1):
                _walk(plan.item, item, f"{path}.{index}.member", errors)
    elif type(plan) is _Map:
        if isinstance(value, Mapping) and plan.value is not None:
            for key, item in value.items():
                _walk(plan.value, item, f"{path}.{key}", errors)
    elif type(plan) is _Scalar:
        _check_scalar(plan, value, path, errors)


def validation_error(errors: list[str]) -> SesError:
    count = len(errors)
    head = f"{count} validation error{'' if count == 1 else 's'} detected: "
    return SesError(ErrorKind.VALIDATION, head + "; ".join(errors))


def check_params(model: ServiceModel, operation: str, params: Mapping[str, Any]) -> None:
    """Raise SES's validation error when ``params`` break the input shape's constraints."""
    plan = _planner(model).plan_for(operation)
    if plan is None:
        return
    errors: list[str] = []
    _walk(plan, params, "", errors)
    if errors:
        raise validation_error(errors)
