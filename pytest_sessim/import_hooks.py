"""Run a function on a module as soon as it is imported, without importing it ourselves.

The plugin must stay cheap when unused, so it never imports botocore or aiobotocore
to patch them: a meta-path finder wraps their loaders and calls back once each module
has executed (at once, if it is already imported).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Callable, Iterable, Sequence
from types import ModuleType

Patch = Callable[[ModuleType], None]


class _Loader(importlib.abc.Loader):
    def __init__(self, wrapped: importlib.abc.Loader, patches: list[Patch]) -> None:
        self.wrapped = wrapped
        self.patches = patches

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.wrapped.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.wrapped.exec_module(module)
        for patch in self.patches:
            patch(module)


# module name -> the patches waiting for it; one finder serves them all, so that several
# callers waiting for the same module are all called
_WAITING: dict[str, list[Patch]] = {}


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        patches = _WAITING.pop(fullname, None)
        if patches is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader, patches)
        return spec


_FINDER = _Finder()


def after_import(names: Iterable[str], patch: Patch) -> None:
    """Call ``patch(module)`` for each named module once it is imported."""
    for name in names:
        module = sys.modules.get(name)
        if module is not None:
            patch(module)
            continue
        _WAITING.setdefault(name, []).append(patch)
        if not any(finder is _FINDER for finder in sys.meta_path):
            sys.meta_path.insert(0, _FINDER)
