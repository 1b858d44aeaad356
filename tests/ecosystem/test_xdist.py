"""Under pytest-xdist: state, ports and files per worker, seeds per test, one dump tree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pytest_sessim.engine.ids import seed_for

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
import smtplib
import ssl

import boto3
import pytest

pytestmark = pytest.mark.sessim(verified=["shop.example.com"], now="2026-01-02T03:04:05Z")

def send(subject, to):
    client = boto3.client("sesv2", region_name="us-east-1")
    return client.send_email(
        FromEmailAddress="orders@shop.example.com",
        Destination={"ToAddresses": [to]},
        Content={"Simple": {"Subject": {"Data": subject}, "Body": {"Text": {"Data": "t"}}}},
    )["MessageId"]

@pytest.mark.parametrize("case", ["a", "b:c", "d/e", "Same", "same", "x" * 120])
def test_each(sessim, ses_outcome, case, request):
    message_id = send(request.node.nodeid, ses_outcome.address)
    assert [m.subject for m in sessim.outbox] == [request.node.nodeid]
    assert {e.message_id for e in sessim.events} == {message_id}

class TestClass:
    def test_method(self, sessim, request):
        send(request.node.nodeid, "success@simulator.amazonses.com")
        assert len(sessim.outbox) == 1

@pytest.mark.parametrize("n", range(3))
def test_smtp(sessim, sessim_smtp, n, request):
    context = ssl.create_default_context(cafile=sessim_smtp.ca_file)
    with smtplib.SMTP(sessim_smtp.host, sessim_smtp.port) as client:
        client.starttls(context=context)
        client.login(sessim_smtp.username, sessim_smtp.password)
        client.sendmail(
            "orders@shop.example.com",
            ["success@simulator.amazonses.com"],
            f"From: orders@shop.example.com\\r\\nTo: success@simulator.amazonses.com\\r\\n"
            f"Subject: {request.node.nodeid}\\r\\n\\r\\nover SMTP\\r\\n".encode(),
        )
    assert [m.subject for m in sessim.outbox] == [request.node.nodeid]
"""
TESTS = 6 * 5 + 1 + 3


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_inner=SUITE)
    return pytester


def test_parallel_runs_give_every_test_the_serial_seed_and_one_dump_tree(
    suite: pytest.Pytester,
) -> None:
    # a base seed other than the default, to see it reach every worker
    parallel = suite.runpytest_subprocess("-n", "2", "--sessim-seed=99", "--sessim-dump=parallel")
    parallel.assert_outcomes(passed=TESTS)
    workers = sorted(path.name for path in suite.path.glob("worker-gw*.txt"))
    assert workers == ["worker-gw0.txt", "worker-gw1.txt"]

    serial = suite.runpytest("-p", "no:xdist", "--sessim-seed=99", "--sessim-dump=serial")
    serial.assert_outcomes(passed=TESTS)

    # byte-identical dumps: the same seeds, ids, Faker-drawn values, whatever the worker
    parallel_tree, serial_tree = tree(suite.path / "parallel"), tree(suite.path / "serial")
    assert len({name.split("/")[0] for name in parallel_tree}) == TESTS
    assert parallel_tree.keys() == serial_tree.keys()
    assert parallel_tree == serial_tree

    # each test's seed derives from its node id (parametrized ids included) and the base
    for manifest in (suite.path / "parallel").glob("*/test.json"):
        about = json.loads(manifest.read_text())
        assert about["seed"] == seed_for(about["nodeid"], 99)
        assert about["outcome"] == "passed"
