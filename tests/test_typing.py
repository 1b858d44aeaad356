"""The public API type-checks as users write it; public records are documented, frozen."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import textwrap
from pathlib import Path

import pytest

import pytest_sessim

CHECK = Path(__file__).parent / "typing" / "check_public_api.py"
ROOT = Path(__file__).parent.parent
RECORDS = [
    pytest_sessim.Attachment,
    pytest_sessim.SentMessage,
    pytest_sessim.SesEvent,
    pytest_sessim.RefusedRequest,
    pytest_sessim.ReceivedMail,
    pytest_sessim.PerformedAction,
]


def test_the_public_api_passes_mypy_strict(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api")
    out, err, status = api.run(
        [
            "--strict",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            "--no-error-summary",
            "--hide-error-context",
            str(CHECK),
        ]
    )
    assert err == ""
    # The package's own errors are mypy's job over the package (``mypy`` in CI); here
    # only what users' code would see counts.
    ours = [line for line in out.splitlines() if line.startswith(str(CHECK))]
    assert ours == [], "\n".join(ours)
    assert status in (0, 1)


def _documented_fields(cls: type) -> set[str]:
    """Fields that the class docstring names (``name``) or that carry an attribute docstring."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    body = tree.body[0]
    assert isinstance(body, ast.ClassDef)
    named = set()
    for before, after in zip(body.body, body.body[1:], strict=False):
        if (
            isinstance(before, ast.AnnAssign)
            and isinstance(before.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            named.add(before.target.id)
    doc = inspect.getdoc(cls) or ""
    named |= {field.name for field in dataclasses.fields(cls) if f"``{field.name}``" in doc}
    return named


@pytest.mark.parametrize("record", RECORDS, ids=lambda cls: cls.__name__)
def test_public_records_are_frozen_dataclasses_with_documented_fields(record: type) -> None:
    assert dataclasses.is_dataclass(record)
    params = record.__dataclass_params__  # type: ignore[attr-defined]
    assert params.frozen
    public = {field.name for field in dataclasses.fields(record) if not field.name.startswith("_")}
    assert public - _documented_fields(record) == set()
