"""Shared, costly objects: boto3 clients are made once per session (they are stateless
toward the simulator, which intercepts them whenever one is active)."""

from __future__ import annotations

from typing import Any

import boto3
import pytest


@pytest.fixture(scope="session")
def ses() -> Any:
    return boto3.client(
        "ses", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )


@pytest.fixture(scope="session")
def sesv2() -> Any:
    return boto3.client(
        "sesv2",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("sessim-fuzz", "pytest-sessim's own fuzz tests (tests/fuzz)")
    group.addoption(
        "--sessim-fuzz-examples",
        type=int,
        default=None,
        help="at least this many examples per fuzz test (default: the CI budget each test sets; "
        "also the environment variable SESSIM_FUZZ_EXAMPLES)",
    )
    group.addoption(
        "--sessim-fuzz-seed",
        type=int,
        default=None,
        help="draw fuzz examples from this seed instead of Hypothesis's derandomized "
        "default (also SESSIM_FUZZ_SEED)",
    )


def pytest_report_header(config: pytest.Config) -> str:
    import os

    seed = config.getoption("sessim_fuzz_seed") or os.environ.get("SESSIM_FUZZ_SEED")
    drawn = (
        f"seed {seed}"
        if seed
        else "derandomized (fixed examples; --sessim-fuzz-seed=N varies them)"
    )
    return f"sessim fuzz tests: {drawn}"
