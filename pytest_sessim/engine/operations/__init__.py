"""SES API operations over plain parameter dicts, v1 and v2 sharing one account.

Each operation is ``handler(engine, params) -> result``; params and results have
the shapes of botocore's service models, which the doors decode and encode.
"""

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
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    _loaded = True


def lookup(api: str, name: str) -> Handler | None:
    if not _loaded:
        _load_all()
    return _REGISTRY.get((api, name))


def modelled(api: str) -> list[str]:
    lookup(api, "")
    return sorted(name for registered_api, name in _REGISTRY if registered_api == api)
