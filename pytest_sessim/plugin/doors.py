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

SCOPES = ("function", "session")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "sessim_smtp_scope",
        "sessim_smtp lifetime: 'function' (a server per test, bound to its simulator) or "
        "'session' (one server, submitting to whichever simulator is active)",
        default="function",
    )


def _smtp_scope(fixture_name: str, config: pytest.Config) -> str:
    scope = str(config.getini("sessim_smtp_scope") or "function").strip()
    if scope not in SCOPES:
        raise pytest.UsageError(
            f"sessim_smtp_scope must be one of {', '.join(SCOPES)}, not {scope!r}"
        )
    return scope


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
    with SmtpServer(sim) as server:
        yield server
