"""Which function answers each SES operation: modules register theirs with
:func:`operation`, and every module of this package is imported at the first lookup."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..service import Engine

Handler = Callable[["Engine", Mapping[str, Any]], dict[str, Any]]

_REGISTRY: dict[tuple[str, str], Handler] = {}
_loaded = False


def operation(api: str, name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _REGISTRY[(api, name)] = handler
        return handler

    return register


def _load_all() -> None:
    """Import every module of this package: each registers its operations."""
    import importlib
    import pkgutil

    global _loaded
    package = __name__.rpartition(".")[0]
    for module in pkgutil.iter_modules(importlib.import_module(package).__path__):
        importlib.import_module(f"{package}.{module.name}")
    _loaded = True


def lookup(api: str, name: str) -> Handler | None:
    if not _loaded:
        _load_all()
    return _REGISTRY.get((api, name))


def modelled(api: str) -> list[str]:
    lookup(api, "")
    return sorted(name for registered_api, name in _REGISTRY if registered_api == api)
