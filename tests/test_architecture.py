"""The package's layers, checked on its import graph (docs/architecture.md).

Every import counts, at module level and inside functions; only imports under
``if TYPE_CHECKING:`` are left out, as they never run.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "pytest_sessim"
ROOT = PACKAGE.name
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node):
            for other in node.orelse:
                yield from _runtime_imports(ast.Module(body=[other], type_ignores=[]))
        else:
            yield from _runtime_imports(node)


def _imports(name: str) -> tuple[set[str], set[str]]:
    """(modules of this package, top-level names of other packages) that ``name`` imports."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    ours: set[str] = set()
    others: set[str] = set()
    for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            module = ".".join([*base, *([node.module] if node.module else [])])
            targets = [f"{module}.{alias.name}" for alias in node.names] + [module]
        else:
            module = node.module or ""
            targets = [f"{module}.{alias.name}" for alias in node.names] + [module]
        for target in targets:
            if target.split(".")[0] != ROOT:
                others.add(target.split(".")[0])
            elif target in MODULES:
                ours.add(target)
        # ``from pkg import name`` where name is a module imports the module, not pkg
        if isinstance(node, ast.ImportFrom) and any(t in MODULES for t in targets[:-1]):
            ours.discard(targets[-1])
    ours.discard(name)
    return ours, others


GRAPH = {name: _imports(name)[0] for name in MODULES}
EXTERNAL = {name: _imports(name)[1] for name in MODULES}


def _layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def _crossings(source_layer: str, forbidden: set[str]) -> list[str]:
    return [
        f"{name} imports {target}"
        for name, targets in GRAPH.items()
        if _layer(name) == source_layer
        for target in sorted(targets)
        if _layer(target) in forbidden or target == ROOT
    ]


def test_the_engine_imports_only_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | {"faker"}  # Faker only inside functions
    found = [
        f"{name} imports {other}"
        for name, others in EXTERNAL.items()
        if _layer(name) == "engine"
        for other in sorted(others - allowed)
    ]
    assert found == []
    assert _crossings("engine", {"doors", "sinks", "plugin", "simulator", "server", "report"}) == []


def test_doors_reach_the_engine_never_the_sinks_the_facade_or_pytest() -> None:
    assert _crossings("doors", {"sinks", "simulator", "plugin", "server", "report"}) == []
    assert all("pytest" not in EXTERNAL[name] for name in MODULES if _layer(name) == "doors")


def test_sinks_never_reach_back_to_doors_or_the_facade() -> None:
    assert _crossings("sinks", {"doors", "simulator", "plugin", "server", "report"}) == []


def test_only_the_moto_adapter_touches_moto() -> None:
    assert sorted(name for name, others in EXTERNAL.items() if "moto" in others) == [
        f"{ROOT}.moto_adapter"
    ]


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert _cycles() == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_small(name: str) -> None:
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines"
