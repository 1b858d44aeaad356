"""Fixtures for the doors that live outside the test's own calls: the SES SMTP
interface (``sessim_smtp``) and the standalone server in a subprocess
(``sessim_server``).

Nothing heavy is imported until a test asks for one of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ..doors.smtp import SmtpServer
    from ..server.process import ServerProcess

SCOPES = ("function", "session")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "sessim_smtp_scope",
        "sessim_smtp lifetime: 'function' (a server per test, bound to its simulator) or "
        "'session' (one server, submitting to whichever simulator is active)",
        default="function",
    )
    parser.addini(
        "sessim_smtp_plaintext_auth",
        "let sessim_smtp accept AUTH without STARTTLS (SES answers 530 Must issue a STARTTLS "
        "command first; for clients that cannot do TLS)",
        type="bool",
        default=False,
    )


def _configured_scope(config: pytest.Config) -> str:
    return str(config.getini("sessim_smtp_scope") or "function").strip()


def pytest_configure(config: pytest.Config) -> None:
    scope = _configured_scope(config)
    if scope not in SCOPES:  # one line now, not a traceback when the fixture is defined
        raise pytest.UsageError(
            f"sessim_smtp_scope must be one of {', '.join(SCOPES)}, not {scope!r}"
        )


def _smtp_scope(fixture_name: str, config: pytest.Config) -> str:
    scope = _configured_scope(config)
    return scope if scope in SCOPES else "function"


@pytest.fixture(scope=_smtp_scope)  # type: ignore[arg-type]
def sessim_smtp(request: pytest.FixtureRequest) -> Iterator[SmtpServer]:
    """SES's SMTP interface on 127.0.0.1: ``.host``, ``.port``, ``.username``,
    ``.password`` and ``.ca_file`` (trust it for STARTTLS).

    Per test (the default) it submits to the test's ``sessim``; with the ini option
    ``sessim_smtp_scope = session`` one server serves the whole run and submits to
    whichever simulator is active (tests then ask for ``sessim`` themselves).
    """
    from ..doors.smtp import SmtpServer

    sim = request.getfixturevalue("sessim") if request.scope == "function" else None
    plaintext = bool(request.config.getini("sessim_smtp_plaintext_auth"))
    with SmtpServer(sim, plaintext_auth=plaintext) as server:
        yield server


@pytest.fixture(scope="session")
def sessim_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    """``python -m pytest_sessim serve`` in a subprocess, for tests of separate
    services: ``.url`` (an ``endpoint_url`` for any SDK), ``.smtp_host``,
    ``.smtp_port``, ``.smtp_username``, ``.smtp_password``, ``.outbox()``,
    ``.events()``, ``.verify()`` and ``.reset()``. It verifies the ini option
    ``sessim_verified``'s identities and follows ``sessim_auto_verify`` and
    ``sessim_region``; its log is in a temporary directory."""
    from ..server.process import ServerProcess

    config = request.config
    server = ServerProcess(
        verified=list(config.getini("sessim_verified")),
        auto_verify=bool(config.getini("sessim_auto_verify")),
        region=str(config.getini("sessim_region") or "us-east-1"),
        log_dir=tmp_path_factory.mktemp("sessim-server"),
    )
    with server:
        yield server
