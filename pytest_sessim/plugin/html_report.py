"""``--sessim-html=FILE``: one HTML report of the mail every ``sessim`` test sent.

Each test's section is built when its teardown is over (so everything the test and
its fixtures sent is in it) and rides on the teardown report as the plain-data
attribute ``sessim_html``. pytest's report serialization carries report attributes
across processes, so under pytest-xdist the sections of every worker reach the
controller; the controller (or the only process, in a serial run) collects them in
``pytest_runtest_logreport`` and writes the one file at the end of the session.
Sections sort by the test's collection index, which is the same in every worker,
so a parallel run writes the same file as a serial one.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from .outcome import note_outcome

PLUGIN_NAME = "sessim-html"
REPORT_ATTRIBUTE = "sessim_html"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("sessim", "pytest-sessim (Amazon SES simulator)")
    group.addoption(
        "--sessim-html",
        dest="sessim_html",
        metavar="FILE",
        default=None,
        help="write one self-contained HTML report of every sessim test's messages, "
        "rendered bodies and event timelines to FILE",
    )


def pytest_configure(config: pytest.Config) -> None:
    value = config.getoption("sessim_html", None)
    if value:
        path = Path(config.invocation_params.dir, value).resolve()
        config.pluginmanager.register(HtmlReporter(path), PLUGIN_NAME)


class HtmlReporter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.sections: dict[str, dict[str, Any]] = {}
        self._positions: dict[str, int] | None = None

    def position(self, item: pytest.Item) -> int:
        if self._positions is None:
            items = getattr(item.session, "items", None) or []
            self._positions = {each.nodeid: index for index, each in enumerate(items)}
        return self._positions.get(item.nodeid, len(self._positions))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        ended = note_outcome(item, report)
        if report.when == "teardown":
            from .stash import SIMULATOR

            sim = item.stash.get(SIMULATOR, None)
            if sim is not None:
                from ..report.model import section_from_sim, section_to_data

                section = section_from_sim(sim, item.nodeid, ended, self.position(item))
                setattr(report, REPORT_ATTRIBUTE, section_to_data(section))
        return report

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        data = getattr(report, REPORT_ATTRIBUTE, None)
        if isinstance(data, dict):
            self.sections[report.nodeid] = data

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if hasattr(session.config, "workerinput"):
            return  # an xdist worker: its sections went to the controller
        from ..report.model import section_from_data
        from ..report.render import render_report

        sections = [section_from_data(data) for data in self.sections.values()]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(render_report(sections), encoding="utf-8")

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not hasattr(terminalreporter.config, "workerinput"):
            count = len(self.sections)
            terminalreporter.write_line(
                f"sessim: HTML report of {count} test{'' if count == 1 else 's'} "
                f"written to {self.path}"
            )

    def link(self, item: pytest.Item) -> str:
        from ..report.render import section_anchor

        return f"{self.path.as_uri()}#{section_anchor(item.nodeid)}"


def html_link(item: pytest.Item) -> str:
    """The failure-report line naming the test's place in the HTML report ("" when
    the report is off)."""
    reporter = item.config.pluginmanager.get_plugin(PLUGIN_NAME)
    if not isinstance(reporter, HtmlReporter):
        return ""
    return f"\nHTML report (written when the run ends): {reporter.link(item)}"
