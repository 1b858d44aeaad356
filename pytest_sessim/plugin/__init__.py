"""The pytest layer: fixtures, markers, ini options, report header and failure report.

Importing this module must stay cheap: no boto3, botocore or moto until a test
asks for the ``sessim`` fixture.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING

import pytest

from ..doors.botocore_hooks import install
from ..doors.plumbing import OUTSIDE
from .seed import base_seed
from .stash import SIMULATOR

if TYPE_CHECKING:
    from ..engine.outcomes.scripts import Outcome
    from ..simulator import SesSim

# the faker fixture's simulator provider; --sessim-dump; --sessim-html
pytest_plugins = (
    "pytest_sessim.plugin.faker_support",
    "pytest_sessim.plugin.doors",
    "pytest_sessim.plugin.dumps",
    "pytest_sessim.plugin.html_report",
)


VERIFY_HINT = (
    "To verify a sender: call sessim.verify('sender@example.com') or sessim.verify('example.com') "
    "in the test, mark it @pytest.mark.sessim(verified=[...]), or list identities under "
    "the ini option sessim_verified.\n"
    "Identities created through the API stay Pending until verified: follow "
    "sessim.verification_link(address), call sessim.verify_pending(), or set auto_verify."
)


def pytest_addoption(parser: pytest.Parser) -> None:
    from .options import add_options

    add_options(parser)
    parser.addini(
        "sessim_allow_real_ses",
        "let SES requests made with no simulator active reach the real Amazon SES "
        "(by default they are refused during a test run)",
        type="bool",
        default=False,
    )


def pytest_configure(config: pytest.Config) -> None:
    from .options import marker_help

    config.addinivalue_line("markers", marker_help())
    config.addinivalue_line(
        "markers", "ses_outcomes(*outcomes): run the ses_outcome fixture over these outcomes only"
    )
    config.addinivalue_line(
        "markers",
        "sessim_allow_real_ses: let this test's SES requests made with no simulator active "
        "reach the real Amazon SES",
    )
    install()
    OUTSIDE.on = True
    OUTSIDE.allowed = bool(config.getini("sessim_allow_real_ses"))
    from .options import check_ini

    check_ini(config)  # a wrong ini option is one line now, not a traceback later


class SessimMarkerWarning(pytest.PytestWarning):
    """A sessim marker on a test that cannot use it."""


_USAGE_ERRORS = pytest.StashKey[list[str]]()


def pytest_unconfigure(config: pytest.Config) -> None:
    OUTSIDE.on = False
    OUTSIDE.test = None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None]:
    """SES requests made outside a simulator name the test that made them; once the
    test's reports are made, its simulator (and all it recorded) is let go, so a long run
    keeps no simulator per test it ran."""
    saved = OUTSIDE.test, OUTSIDE.allowed
    OUTSIDE.test = item.nodeid
    OUTSIDE.allowed = saved[1] or item.get_closest_marker("sessim_allow_real_ses") is not None
    try:
        return (yield)
    finally:
        OUTSIDE.test, OUTSIDE.allowed = saved
        if SIMULATOR in item.stash:
            del item.stash[SIMULATOR]


def pytest_report_header(config: pytest.Config) -> str:
    return (
        f"sessim: --sessim-seed={base_seed(config)} "
        "(each test's seed derives from it and the test's node id)"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "ses_outcome" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("ses_outcomes")
    from ..engine.outcomes.scripts import Outcome

    given = list(marker.args) if marker is not None else list(Outcome)
    outcomes = [_outcome(value) for value in given]
    wrong = [value for value, outcome in zip(given, outcomes, strict=True) if outcome is None]
    if wrong or not given:
        names = ", ".join(o.value for o in Outcome)
        message = (
            f"{metafunc.definition.nodeid}: @pytest.mark.ses_outcomes takes Outcome members "
            f"or their names ({names}), got {', '.join(map(repr, wrong)) or 'none'}"
        )
        if hasattr(metafunc.config, "workerinput"):
            # an xdist worker cannot stop the run: a collection error, without traceback
            pytest.fail(message, pytrace=False)
        # raised when collection ends (as one line, not a traceback through pluggy)
        metafunc.config.stash.setdefault(_USAGE_ERRORS, []).append(message)
        return
    chosen = [outcome for outcome in outcomes if outcome is not None]
    metafunc.parametrize("ses_outcome", chosen, ids=[o.value for o in chosen], indirect=True)


def _outcome(value: object) -> Outcome | None:
    """An Outcome, or its name in any case ("bounce", "BOUNCE")."""
    from ..engine.outcomes.scripts import Outcome

    if isinstance(value, Outcome):
        return value
    if isinstance(value, str):
        try:
            return Outcome(value.strip().lower())
        except ValueError:
            return None
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    errors = config.stash.get(_USAGE_ERRORS, [])
    if errors:
        raise pytest.UsageError("\n".join(errors))
    for item in items:
        names = getattr(item, "fixturenames", ())
        for mark in item.own_markers:
            if mark.name == "sessim" and "sessim" not in names:
                item.warn(
                    SessimMarkerWarning(
                        f"@pytest.mark.sessim does nothing on {item.nodeid}: "
                        "the test does not use the sessim fixture"
                    )
                )
            elif mark.name == "ses_outcomes" and "ses_outcome" not in names:
                item.warn(
                    SessimMarkerWarning(
                        f"@pytest.mark.ses_outcomes does nothing on {item.nodeid}: "
                        "the test does not use the ses_outcome fixture"
                    )
                )


@pytest.fixture
def ses_outcome(request: pytest.FixtureRequest) -> Outcome:
    """One mailbox-simulator outcome; tests using it run once per ``Outcome``."""
    outcome: Outcome = request.param
    return outcome


@pytest.fixture
def sessim(request: pytest.FixtureRequest) -> Iterator[SesSim]:
    """A simulated SES account, active for the test: boto3 SES calls reach it."""
    from ..simulator import SesSim
    from .options import MarkerError, resolve

    try:
        options = resolve(request.node, request.config)
    except MarkerError as error:
        pytest.fail(f"{request.node.nodeid}: {error}", pytrace=False)
    sim = SesSim(**options)
    request.node.stash[SIMULATOR] = sim
    with sim:
        yield sim


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    sim = item.stash.get(SIMULATOR, None)
    if sim is not None and report.failed:
        from ..assertions import SesAssertionError
        from .dumps import dump_links
        from .html_report import html_link

        listed = call.excinfo is not None and call.excinfo.errisinstance(SesAssertionError)
        text = failure_report(sim, listed) + dump_links(item, sim) + html_link(item)
        report.sections.append(("sessim: captured SES activity", text))
    return report


@pytest.hookimpl(wrapper=True)
def pytest_report_to_serializable(
    config: pytest.Config, report: pytest.CollectReport | pytest.TestReport
) -> Generator[None, dict[str, object] | None, dict[str, object] | None]:
    """A report crossing to the xdist controller carries undecodable bytes escaped: the
    transport cannot carry such text, and a record of a raw message may hold some."""
    data = yield
    if data is None:
        return None
    from ..engine.text import escaped_data

    escaped: dict[str, object] = escaped_data(data)
    return escaped


ACTIVITY_ABOVE = "(the captured activity is listed in the assertion above)"


def failure_report(sim: SesSim, activity_listed: bool = False) -> str:
    lines = [
        f"seed={sim.seed} region={sim.region} clock={sim.clock.now().isoformat()} "
        f"(pin with @pytest.mark.sessim(seed={sim.seed}))",
        ACTIVITY_ABOVE if activity_listed else sim.activity(),
    ]
    if any("not verified" in refused.message for refused in sim.refused):
        lines.append(VERIFY_HINT)
    from ..engine.text import escaped

    return escaped("\n".join(lines))
