"""Build the API reference of pytest-sessim's public names (``pytest_sessim.__all__``) from
their docstrings with pdoc, offline, as HTML:

    pip install -e ".[docs]"
    python docs/build_api.py OUTPUT_DIR

Every warning is an error, so a public name that does not resolve or a docstring pdoc
cannot render fails the build (CI builds it into .ci-work/api).
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pdoc

import pytest_sessim


def build(output: Path) -> Path:
    warnings.simplefilter("error")
    # The public names load on first use (a module __getattr__), which pdoc does not
    # follow: resolve them once so that pdoc finds each in the module.
    for name in pytest_sessim.__all__:
        setattr(pytest_sessim, name, getattr(pytest_sessim, name))
    # the package's module alone: its subpackages are internals, not the API
    pdoc.pdoc("pytest_sessim", "!pytest_sessim.", output_directory=output)
    page = output / "pytest_sessim.html"
    if not page.is_file():
        raise SystemExit(f"pdoc wrote no {page}")
    return page


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python docs/build_api.py OUTPUT_DIR")
    print(f"API reference: {build(Path(sys.argv[1]))}")
