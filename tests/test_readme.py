"""Every ```python block of the README (and of docs/doors.md) runs as written.

The convention, documented in the README's Development section: a block that defines
``test_*`` functions is a test file, run by pytest with only the plugin installed, and every
test in it must pass; any other block is a script, run on its own. A block preceded by
``<!-- snippet: fragment ... -->`` (the comment says what it leaves out) is only compiled.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

# imported here so pytester's in-process runs keep them rather than import them anew
# each time: cryptography's Rust bindings cannot be loaded twice (a re-imported ``hashes``
# would not match them), and boto3, moto and Faker are slow to import
import boto3  # noqa: F401
import faker  # noqa: F401
import moto  # noqa: F401
import pytest
from cryptography import x509  # noqa: F401
from cryptography.hazmat.primitives import hashes  # noqa: F401

ROOT = Path(__file__).parent.parent
DOCUMENTS = ("README.md", "docs/doors.md")
BLOCK = re.compile(
    r"(?:<!--\s*snippet:\s*(?P<note>.*?)\s*-->\s*\n)?^```python\n(?P<code>.*?)^```", re.S | re.M
)


@dataclass(frozen=True)
class Snippet:
    document: str
    line: int
    code: str
    note: str

    @property
    def id(self) -> str:
        return f"{self.document}:{self.line}"

    @property
    def kind(self) -> str:
        if self.note.startswith("fragment"):
            return "fragment"
        tree = ast.parse(self.code)
        tests = [
            node.name
            for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
        ]
        return "tests" if tests else "script"


def snippets() -> list[Snippet]:
    found = []
    for document in DOCUMENTS:
        text = (ROOT / document).read_text()
        for match in BLOCK.finditer(text):
            line = text.count("\n", 0, match.start("code")) + 1
            found.append(Snippet(document, line, match["code"], match["note"] or ""))
    return found


SNIPPETS = snippets()


def test_the_readme_has_snippets_of_every_kind() -> None:
    kinds = {snippet.kind for snippet in SNIPPETS if snippet.document == "README.md"}
    assert {"tests", "script"} <= kinds


@pytest.mark.parametrize("snippet", [s for s in SNIPPETS if s.kind != "tests"], ids=lambda s: s.id)
def test_script_runs_as_written(snippet: Snippet) -> None:
    code = compile(snippet.code, snippet.id, "exec")
    if snippet.kind == "script":
        exec(code, {"__name__": "__main__"})


def test_test_snippets_pass_as_written(pytester: pytest.Pytester) -> None:
    """One pytest run (each run re-imports the plugin) of one file per snippet."""
    files = {
        f"test_{Path(s.document).stem.lower()}_line_{s.line}": s.code
        for s in SNIPPETS
        if s.kind == "tests"
    }
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(**files)
    result = pytester.runpytest("-p", "no:cacheprovider", "-rA")
    by_file: dict[str, set[str]] = {name: set() for name in files}
    for line in result.outlines:
        found = re.match(r"(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS) (\w+)\.py", line)
        if found:
            by_file[found[2]].add(found[1])
    assert by_file == {name: {"PASSED"} for name in files}, result.stdout.str()
