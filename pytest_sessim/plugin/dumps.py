"""``--sessim-dump=DIR``: each test that used ``sessim`` leaves its mail and events in DIR.

One folder per test, named from its node id (see :func:`pytest_sessim.dumps.safe_name`),
written when the test's teardown is over, so that everything the test and its
fixtures sent is in it. Under xdist every worker writes its own tests' folders into
the same DIR; node ids are unique, so folders never collide.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .outcome import note_outcome

if TYPE_CHECKING:
    from ..simulator import SesSim

PLUGIN_NAME = "sessim-dump"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("sessim", "pytest-sessim (Amazon SES simulator)")
    group.addoption(
        "--sessim-dump",
        dest="sessim_dump",
        metavar="DIR",
        default=None,
        help="write each sessim test's messages (.eml), events and notifications (JSON) "
        "into DIR, one folder per test",
    )


def pytest_configure(config: pytest.Config) -> None:
    value = config.getoption("sessim_dump", None)
    if value:
        root = Path(config.invocation_params.dir, value).resolve()
        config.pluginmanager.register(DumpWriter(root), PLUGIN_NAME)


class DumpWriter:
    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self, item: pytest.Item) -> Path:
        from ..dumps import safe_name

        return self.root / safe_name(item.nodeid)

    def links(self, item: pytest.Item, sim: SesSim) -> str:
        """Where the test's files are (written when its teardown is over)."""
        folder = self.folder(item)
        from ..dumps import planned_files

        files = [f"  {folder / name}" for name in planned_files(sim)]
        return "\n".join([f"dumped to {folder}:", *files])

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
                about = {"nodeid": item.nodeid, "outcome": ended}
                from ..dumps import write_dump

                write_dump(sim, self.folder(item), about)
        return report


def dump_links(item: pytest.Item, sim: SesSim) -> str:
    """The failure-report lines naming the test's dumped files ("" when not dumping)."""
    writer = item.config.pluginmanager.get_plugin(PLUGIN_NAME)
    return f"\n{writer.links(item, sim)}" if isinstance(writer, DumpWriter) else ""
