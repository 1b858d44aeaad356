"""The doors' benchmark rows run end to end in a tiny configuration (no timing is
asserted): the module stays importable and runnable as bench.py's rows are."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture
def bench_doors(monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import bench_doors

    return bench_doors


def test_rows_and_table(bench_doors: object) -> None:
    module = sys.modules["bench_doors"]
    smtp = module.bench_smtp(1, 3)
    server = module.bench_server(1, 3)
    assert smtp.unit == "msg/s" and smtp.ours > 0 and smtp.baseline
    assert server.unit == "s" and server.ours > 0
    table = module.table([smtp, server])
    assert table.splitlines()[0] == "| measurement | ours | baseline | ratio | target | ok |"
