"""``--sessim-html=FILE``: one report of a run's mail, written at the end of the session."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

import pytest

from pytest_sessim.report import section_anchor

pytest_plugins = ["pytester"]

SUITE = """
import boto3
import pytest

pytestmark = pytest.mark.sessim(verified=["shop.example.com"], now="2026-01-02T03:04:05Z")

HTML = '<h1 class="hero">Order "1042" &amp; <b>more</b></h1><script>alert(1)</script>'

def send(to, subject, html=None):
    client = boto3.client("sesv2", region_name="us-east-1")
    body = {"Text": {"Data": f"Text of {subject}"}}
    if html:
        body["Html"] = {"Data": html}
    message_id = client.send_email(
        FromEmailAddress="orders@shop.example.com",
        Destination={"ToAddresses": [to]},
        Content={"Simple": {"Subject": {"Data": subject}, "Body": body}},
    )["MessageId"]
    with open("ids.txt", "a") as ids:
        ids.write(f"{subject}|{message_id}\\n")
    return message_id

def test_order(sessim):
    send("success@simulator.amazonses.com", "Order <1042>", HTML)

def test_complaint(sessim):
    send("complaint@simulator.amazonses.com", "Complained")

def test_failing(sessim):
    send("bounce@simulator.amazonses.com", "Bounced")
    assert False, "on purpose"

def test_silent(sessim):
    pass

def test_without_the_simulator():
    pass
"""
HTML = '<h1 class="hero">Order "1042" &amp; <b>more</b></h1><script>alert(1)</script>'


@dataclass
class Run:
    result: pytest.RunResult
    page: str
    ids: dict[str, str]

    def section(self, name: str) -> str:
        """The HTML of one test's section."""
        anchor = section_anchor(f"test_shop.py::{name}")
        start = self.page.index(f'<section class="test" id="{anchor}">')
        return self.page[start : self.page.index("</section>", start)]


@pytest.fixture
def run(pytester: pytest.Pytester) -> Run:
    pytester.makepyfile(test_shop=SUITE)
    result = pytester.runpytest("--sessim-html=out/report.html")
    page = (pytester.path / "out" / "report.html").read_text(encoding="utf-8")
    lines = (pytester.path / "ids.txt").read_text().splitlines()
    return Run(result, page, dict(line.split("|") for line in lines))


def test_one_section_per_test_that_used_the_simulator(run: Run) -> None:
    run.result.assert_outcomes(passed=4, failed=1)
    titles = re.findall(
        r'<section class="test" id="[^"]+">\s*<div class="test-head">\s*<h2>([^<]+)', run.page
    )
    assert titles == [
        "test_shop.py::test_order",
        "test_shop.py::test_complaint",
        "test_shop.py::test_failing",
        "test_shop.py::test_silent",
    ]
    assert "test_without_the_simulator" not in run.page
    assert "4 tests used the simulator and they sent 3 messages." in run.page
    assert "No message was sent." in run.section("test_silent")
    assert '<span class="chip o-failed">failed</span>' in run.section("test_failing")
    assert '<span class="chip o-passed">passed</span>' in run.section("test_order")
    run.result.stdout.fnmatch_lines(["sessim: HTML report of 4 tests written to *report.html"])


def test_messages_with_ids_subjects_and_parts(run: Run) -> None:
    order = run.section("test_order")
    assert run.ids["Order <1042>"] in order
    assert "<h3>Order &lt;1042&gt;</h3>" in order
    assert '<pre class="text-part">Text of Order &lt;1042&gt;</pre>' in order
    # the HTML part, escaped once into the sandboxed iframe's srcdoc
    assert '<iframe sandbox="allow-same-origin" class="html-part"' in order
    assert f'srcdoc="{escape(HTML, quote=True)}"' in order
    assert run.page.count("<script>") == 1  # the page's own; the mail's is in srcdoc
    assert "seed <code>" in order and "clock at the end <code>2026-01-02T03:04:05+00:00" in order
    assert run.ids["Complained"] in run.section("test_complaint")
    assert run.ids["Bounced"] in run.section("test_failing")


def test_timeline_in_event_order(run: Run) -> None:
    labels = re.findall(
        r'<li class="ev-[^"]+"><span class="chip [^"]+">([^<]+)</span>',
        run.section("test_complaint"),
    )
    assert labels == ["Send", "Delivery", "Complaint"]
    failing = run.section("test_failing")
    labels = re.findall(r'<li class="ev-[^"]+"><span class="chip [^"]+">([^<]+)</span>', failing)
    assert labels == ["Send", "Bounce · Permanent"]
    assert "Permanent/General · smtp; 550 5.1.1 user unknown" in failing


def test_failure_report_names_the_html_file(run: Run) -> None:
    anchor = section_anchor("test_shop.py::test_failing")
    run.result.stdout.fnmatch_lines(
        [
            "*sessim: captured SES activity*",
            f"HTML report (written when the run ends): file://*/out/report.html#{anchor}",
        ]
    )
    assert f'id="{anchor}"' in run.page


def test_a_run_without_simulator_tests_writes_an_empty_report(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_plain():\n    pass\n")
    pytester.runpytest("--sessim-html=report.html").assert_outcomes(passed=1)
    page = (pytester.path / "report.html").read_text(encoding="utf-8")
    assert "No test used the simulator." in page


def test_without_the_option_nothing_is_written(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_shop=SUITE)
    result = pytester.runpytest()
    result.assert_outcomes(passed=4, failed=1)
    assert not list(pytester.path.rglob("*.html"))
    assert "HTML report" not in result.stdout.str()
