"""The benchmark script runs end to end in its quick mode (no timing is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"
HEADER = "| measurement | ours | baseline | ratio | target | ok |"


def test_quick_benchmark_runs_and_prints_the_table(tmp_path: Path) -> None:
    report = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--json", str(report)],
        capture_output=True,
        text=True,
        timeout=600,  # a guard against a hang on a loaded machine, not a timing
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert HEADER in done.stdout.splitlines(), done.stdout
    rows = json.loads(report.read_text())["rows"]
    assert rows and all("ours" in row and "ok" in row for row in rows)
