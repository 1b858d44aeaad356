"""``--sessim-html`` under pytest-xdist: every worker's tests in one file, as a serial run."""

from __future__ import annotations

import re

import pytest

pytest_plugins = ["pytester"]

CONFTEST = """
import os
import pytest

@pytest.fixture(autouse=True)
def _worker(request):
    worker = os.environ.get("PYTEST_XDIST_WORKER", "serial")
    with open(f"worker-{worker}.txt", "a") as record:
        record.write(request.node.nodeid + "\\n")
"""

SUITE = """
import boto3
import pytest

pytestmark = pytest.mark.sessim(verified=["shop.example.com"], now="2026-01-02T03:04:05Z")

@pytest.mark.parametrize("n", range(6))
def test_each(sessim, ses_outcome, n, request):
    boto3.client("sesv2", region_name="us-east-1").send_email(
        FromEmailAddress="orders@shop.example.com",
        Destination={"ToAddresses": [ses_outcome.address]},
        Content={
            "Simple": {
                "Subject": {"Data": f"subject of {request.node.name}"},
                "Body": {"Html": {"Data": f"<p>body of {request.node.name}</p>"}},
            }
        },
    )
"""
TESTS = 6 * 5


def test_workers_sections_merge_into_one_file(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_inner=SUITE)
    parallel = pytester.runpytest_subprocess("-n", "2", "--sessim-html=parallel.html")
    parallel.assert_outcomes(passed=TESTS)
    workers = sorted(path.name for path in pytester.path.glob("worker-gw*.txt"))
    assert workers == ["worker-gw0.txt", "worker-gw1.txt"]
    parallel.stdout.fnmatch_lines([f"sessim: HTML report of {TESTS} tests written to *"])
    assert not list(pytester.path.glob("*.html.*"))  # no per-worker leftovers

    page = (pytester.path / "parallel.html").read_text(encoding="utf-8")
    titles = re.findall(r'<div class="test-head">\s*<h2>([^<]+)</h2>', page)
    assert len(titles) == TESTS == len(set(titles))
    assert page.count('<article class="message"') == TESTS
    assert page.count("<iframe sandbox=") == TESTS
    for title in titles:
        name = title.split("::")[-1]
        assert f"<h3>subject of {name}</h3>" in page
        assert f"body of {name}" in page

    # the same tests serially give the same file, byte for byte (run order, seeds)
    serial = pytester.runpytest("-p", "no:xdist", "--sessim-html=serial.html")
    serial.assert_outcomes(passed=TESTS)
    assert (pytester.path / "serial.html").read_bytes() == page.encode("utf-8")
