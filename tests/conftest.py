"""Shared, costly objects: boto3 clients are made once per session (they are stateless
toward the simulator, which intercepts them whenever one is active)."""

from __future__ import annotations

import importlib.util
import ipaddress
import socket
from typing import Any

import boto3

# Imported before any pytester inline run: such a run drops the modules first imported
# inside it, while cryptography's native bindings keep knowing only the hash and x509
# name classes of the first import (moto, which imports them too, is no longer imported
# by every test; the SMTP door's certificates need x509).
import cryptography.hazmat.primitives.hashes
import cryptography.x509  # noqa: F401
import pytest


def _loopback(address: Any) -> bool:
    if not isinstance(address, tuple):
        return True  # a Unix socket
    host = str(address[0])
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return host in ("localhost",)


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not _loopback(address):
        raise OSError(f"network blocked in this test suite: {address!r}")
    _connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if not _loopback(address):
        raise OSError(f"network blocked in this test suite: {address!r}")
    return _connect_ex(self, address)


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    name = host.decode() if isinstance(host, bytes) else host
    if name is not None and not _loopback((name, 0)) and name != "localhost":
        raise socket.gaierror(f"network blocked in this test suite: no lookup of {name!r}")
    return _getaddrinfo(host, *args, **kwargs)


def pytest_configure(config: pytest.Config) -> None:
    """Nothing in this suite may leave the machine: connections and name lookups off
    loopback fail (tests/test_network.py checks it)."""
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _guarded_getaddrinfo


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


@pytest.fixture
def pytester(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """pytest's own; its inner runs (inline and subprocess, whatever ini a test writes) get
    pytest-asyncio's loop scope as pyproject.toml sets it for the suite: left unset, each
    inner run warns."""
    if importlib.util.find_spec("pytest_asyncio") is not None:
        monkeypatch.setenv("PYTEST_ADDOPTS", "-o asyncio_default_fixture_loop_scope=function")
    return pytester


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
