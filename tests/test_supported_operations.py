"""Every operation of the installed botocore's SES models is the simulator's own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import botocore.session
import pytest

from pytest_sessim.engine.operations.registry import lookup, modelled

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("api", ["ses", "sesv2"])
def test_every_operation_of_the_installed_model_is_answered(api: str) -> None:
    model = botocore.session.get_session().get_service_model(api)
    unanswered = [name for name in model.operation_names if lookup(api, name) is None]
    assert unanswered == [], f"botocore {botocore.__version__} {api}"


@pytest.mark.parametrize("api", ["ses", "sesv2"])
def test_every_operation_says_what_it_does(api: str) -> None:
    assert [name for name in modelled(api) if not (lookup(api, name).__doc__ or "").strip()] == []


def test_the_readme_table_is_current() -> None:
    script = ROOT / "docs" / "generate_operations.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
