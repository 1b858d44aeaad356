"""What every codec's plans need from a botocore model: one set of plans per model, and
the names members travel under."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from botocore.model import ServiceModel, Shape

__all__ = ["PerModel", "wire_name"]

C = TypeVar("C")


class PerModel(Generic[C]):
    """``PerModel(build)(model)`` is ``build(model)``, computed once per model object."""

    def __init__(self, build: Callable[[ServiceModel], C]) -> None:
        self._build = build
        self._built: dict[ServiceModel, C] = {}  # a ServiceModel hashes by identity

    def __call__(self, model: ServiceModel) -> C:
        built = self._built.get(model)
        if built is None:
            built = self._built[model] = self._build(model)
        return built


def wire_name(shape: Shape, default: str) -> str:
    """The name ``shape`` is serialised under, ``default`` (its member name) if it has none."""
    name: str = shape.serialization.get("name", default)
    return name
