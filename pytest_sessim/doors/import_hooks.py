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
    def __init__(self, wrapped: importlib.abc.Loader, patch: Patch) -> None:
        self.wrapped = wrapped
        self.patch = patch

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.wrapped.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.wrapped.exec_module(module)
        self.patch(module)


class _Finder(importlib.abc.MetaPathFinder):
    def __init__(self, targets: set[str], patch: Patch) -> None:
        self.targets = targets
        self.patch = patch

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.targets:
            return None
        self.targets.discard(fullname)
        if not self.targets and self in sys.meta_path:
            sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader, self.patch)
        return spec


def after_import(names: Iterable[str], patch: Patch) -> None:
    """Call ``patch(module)`` for each named module once it is imported."""
    waiting: set[str] = set()
    for name in names:
        module = sys.modules.get(name)
        if module is not None:
            patch(module)
        else:
            waiting.add(name)
    if waiting:
        sys.meta_path.insert(0, _Finder(waiting, patch))
