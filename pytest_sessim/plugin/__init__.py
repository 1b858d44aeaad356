"""The pytest layer: fixtures, markers, ini options, report header and failure report.

Importing this module must stay cheap: no boto3, botocore or moto until a test
asks for the ``sessim`` fixture.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING

import pytest

from ..doors.botocore_install import install
from .seed import base_seed

if TYPE_CHECKING:
    from ..engine.outcomes import Outcome
    from ..simulator import SesSim

# the faker fixture's simulator provider; --sessim-dump; --sessim-html
pytest_plugins = (
    "pytest_sessim.plugin.faker_support",
    "pytest_sessim.plugin.doors",
    "pytest_sessim.plugin.dumps",
    "pytest_sessim.plugin.html_report",
)

_SIM_KEY = pytest.StashKey["SesSim"]()

VERIFY_HINT = (
    "To verify a sender: call sessim.verify('sender@example.com') or sessim.verify('example.com') "
    "in the test, mark it @pytest.mark.sessim(verified=[...]), or list identities under "
    "the ini option sessim_verified."
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("sessim", "pytest-sessim (Amazon SES simulator)")
    group.addoption(
        "--sessim-seed",
        dest="sessim_seed",
        type=int,
        default=None,
        help="base seed for generated ids; each test's seed derives from it and its node id",
    )
    parser.addini("sessim_seed", "base seed for generated ids (default 0)", default="")
    parser.addini(
        "sessim_verified", "identities (addresses, domains) verified in every test", type="linelist"
    )
    parser.addini("sessim_region", "SES Region of the simulated account", default="us-east-1")
    parser.addini(
        "sessim_sandbox", "start the account in the SES sandbox", type="bool", default=False
    )
    parser.addini(
        "sessim_moto",
        "run each test under moto's mock_aws (joining an active one)",
        type="bool",
        default=True,
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sessim(seed=, now=, region=, verified=[...], sandbox=, moto=, account_id=, routes=, "
        "max_24_hour_send=, max_send_rate=): configure the simulated SES account for a test",
    )
    config.addinivalue_line(
        "markers", "ses_outcomes(*outcomes): run the ses_outcome fixture over these outcomes only"
    )
    install()
    _check_ini(config)


class SessimMarkerWarning(pytest.PytestWarning):
    """A sessim marker on a test that cannot use it."""


_USAGE_ERRORS = pytest.StashKey[list[str]]()


def _check_ini(config: pytest.Config) -> None:
    """Ini options and command-line values are checked before anything runs: a wrong one
    is a usage error, one line."""
    for name in ("sessim_sandbox", "sessim_moto"):
        try:
            config.getini(name)
        except (ValueError, pytest.UsageError) as error:
            raise pytest.UsageError(f"{name} must be true or false: {error}") from None
    seed = config.getini("sessim_seed")
    if seed and not str(seed).strip().lstrip("-").isdigit():
        raise pytest.UsageError(f"sessim_seed must be a whole number, not {seed!r}")
    region = str(config.getini("sessim_region") or "").strip()
    if region:
        from ..doors.regions import unknown_region

        why = unknown_region(region)
        if why is not None:
            raise pytest.UsageError(f"sessim_region: {why}")


def pytest_report_header(config: pytest.Config) -> str:
    return (
        f"sessim: --sessim-seed={base_seed(config)} "
        "(each test's seed derives from it and the test's node id)"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "ses_outcome" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("ses_outcomes")
    from ..engine.outcomes import Outcome

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
    from ..engine.outcomes import Outcome

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
    sim = SesSim(**options.keywords())
    request.node.stash[_SIM_KEY] = sim
    with sim:
        yield sim


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    sim = item.stash.get(_SIM_KEY, None)
    if sim is not None and report.failed:
        from .dumps import dump_links
        from .html_report import html_link

        text = failure_report(sim) + dump_links(item, sim) + html_link(item)
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


def failure_report(sim: SesSim) -> str:
    lines = [
        f"seed={sim.seed} region={sim.region} clock={sim.clock.now().isoformat()} "
        f"(pin with @pytest.mark.sessim(seed={sim.seed}))",
        sim.activity(),
    ]
    if any("not verified" in refused.message for refused in sim.refused):
        lines.append(VERIFY_HINT)
    from ..engine.text import escaped

    return escaped("\n".join(lines))
