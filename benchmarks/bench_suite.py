#!/usr/bin/env python
"""Benchmark rows for whole test suites: what a test costs, not just a call.

Generates realistic pytest suites into a temporary directory and runs each in a fresh
``python -m pytest -q -p no:cacheprovider`` process, the suites interleaved round by
round (the order alternating), and reports the median per-test time of each.

The suites (every test makes its own boto3 clients, as application code does):

* ``stubber``, the floor: each test makes an ``ses`` client, stubs ``send_email`` with
  botocore's ``Stubber`` and sends one mail. No simulator, no moto (``-p no:sessim``).
* ``moto``: a ``mock_aws`` fixture with moto's default settings; each test makes an
  ``ses`` client, verifies the sender (moto refuses unverified senders) and sends.
* ``sessim``: the ``sessim`` fixture (the sender's domain verified through the ini
  option ``sessim_verified``); each test makes an ``ses`` client and sends.
* ``moto-sqs``: each test subscribes an SQS queue to an SNS topic, sets the topic as the
  sender domain's Bounce topic, sends to bounce@simulator.amazonses.com and reads the
  notification from the queue: moto's own SES-feedback path, under a ``mock_aws`` fixture.
* ``sessim-sqs``: the same test on the ``sessim`` fixture (moto serves SNS and SQS).

Per-test time leaves out start-up and collection: a plugin in each suite's conftest
records, in every process that runs tests (each xdist worker), the wall-clock time at
which each test's teardown ended. Each process's first test is its warm-up (it pays the
one-time loading of service models, the first client); the per-test time is the span
from the earliest end of a first test to the latest end of a last test, over all
workers, divided by the number of tests finished in that span. Interpreter start-up,
plugin loading, collection and xdist's worker start-up fall outside it; pytest's own
per-test work (fixtures, reports) is inside, for every suite alike. The first test's
duration and the process's wall time are kept in the raw numbers.

Two rows come from fresh interpreters: what loading the plugin adds once pytest is
imported (its modules, what they import that pytest has not, and its installation, as
pytest loads it) and the one-time cost of the first simulated call (first client and
``send_email`` in a simulator, against the second), next to botocore's own one-time cost
under ``Stubber``.

Usage::

    python benchmarks/bench_suite.py            # full: several minutes on 2 cores
    python benchmarks/bench_suite.py --quick    # smoke mode: tiny suites
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench import Row, table

REGION = "us-east-1"
TESTS_PER_FILE = 50

# ----------------------------------------------------------------------------- the suites

CONFTEST = """
import json
import os
import time

import pytest

# fake credentials, as the conftest of a suite on moto or Stubber sets them
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

_starts = []
_ends = []


def pytest_runtest_logstart(nodeid, location):
    _starts.append(time.time())


def pytest_runtest_logfinish(nodeid, location):
    _ends.append(time.time())


def pytest_sessionfinish(session, exitstatus):
    out = os.environ.get("BENCH_SUITE_OUT")
    if out and _ends:
        name = os.environ.get("PYTEST_XDIST_WORKER", "main")
        with open(os.path.join(out, name + ".json"), "w") as handle:
            json.dump({"starts": _starts, "ends": _ends}, handle)
"""

MOTO_FIXTURE = """

@pytest.fixture
def aws():
    from moto import mock_aws

    with mock_aws():
        yield
"""

HEADER = f'''
import json

import boto3

REGION = "{REGION}"
MESSAGE = {{
    "Source": "sender@example.com",
    "Destination": {{"ToAddresses": ["success@simulator.amazonses.com"]}},
    "Message": {{
        "Subject": {{"Data": "Hello"}},
        "Body": {{"Text": {{"Data": "A small message."}}}},
    }},
}}
BOUNCE = dict(MESSAGE, Destination={{"ToAddresses": ["bounce@simulator.amazonses.com"]}})


def bounce_queue(ses):
    """An SQS queue subscribed to the sender domain's Bounce topic."""
    sns = boto3.client("sns", region_name=REGION)
    sqs = boto3.client("sqs", region_name=REGION)
    topic = sns.create_topic(Name="ses-bounces")["TopicArn"]
    queue = sqs.create_queue(QueueName="bounces")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn["Attributes"]["QueueArn"])
    ses.set_identity_notification_topic(
        Identity="example.com", NotificationType="Bounce", SnsTopic=topic
    )
    return sqs, queue


def read_bounce(sqs, queue):
    """The first bounce in the queue (SES also publishes a subscription test message)."""
    reply = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)
    for message in reply["Messages"]:
        notification = json.loads(message["Body"])["Message"]
        # SNS sends the SES JSON as a string; moto's feedback path puts an object there
        if isinstance(notification, str):
            notification = json.loads(notification)
        if "bounce" in notification:
            return notification
    raise AssertionError("no bounce in the queue")
'''

TESTS = {
    "stubber": """
def test_send_{i}():
    from botocore.stub import Stubber

    client = boto3.client("ses", region_name=REGION)
    with Stubber(client) as stubber:
        stubber.add_response("send_email", {{"MessageId": "m-{i}"}})
        reply = client.send_email(**MESSAGE)
    assert reply["MessageId"] == "m-{i}"
""",
    "moto": """
def test_send_{i}(aws):
    client = boto3.client("ses", region_name=REGION)
    client.verify_email_identity(EmailAddress="sender@example.com")
    reply = client.send_email(**MESSAGE)
    assert reply["MessageId"]
""",
    "sessim": """
def test_send_{i}(sessim):
    client = boto3.client("ses", region_name=REGION)
    reply = client.send_email(**MESSAGE)
    assert reply["MessageId"]
""",
    "moto-sqs": """
def test_bounce_{i}(aws):
    ses = boto3.client("ses", region_name=REGION)
    ses.verify_domain_identity(Domain="example.com")
    sqs, queue = bounce_queue(ses)
    reply = ses.send_email(**BOUNCE)
    # moto's canned feedback: its notificationType is a placeholder text
    assert read_bounce(sqs, queue)["bounce"]["bounceType"] == "Permanent"
    assert reply["MessageId"]
""",
    "sessim-sqs": """
def test_bounce_{i}(sessim):
    ses = boto3.client("ses", region_name=REGION)
    sqs, queue = bounce_queue(ses)
    reply = ses.send_email(**BOUNCE)
    notification = read_bounce(sqs, queue)
    assert notification["notificationType"] == "Bounce"
    assert notification["mail"]["messageId"] == reply["MessageId"]
""",
}
KINDS = tuple(TESTS)


def generate(kind: str, tests: int, directory: Path) -> Path:
    """Write a suite of ``tests`` tests of one kind, ``TESTS_PER_FILE`` to a module."""
    directory.mkdir(parents=True)
    ini = "[pytest]\nasyncio_default_fixture_loop_scope = function\n"
    if kind.startswith("sessim"):
        ini += "sessim_verified =\n    example.com\n"
    (directory / "pytest.ini").write_text(ini)
    (directory / "conftest.py").write_text(
        CONFTEST + (MOTO_FIXTURE if kind.startswith("moto") else "")
    )
    for first in range(0, tests, TESTS_PER_FILE):
        last = min(first + TESTS_PER_FILE, tests)
        body = [HEADER, *(TESTS[kind].format(i=f"{i:05d}") for i in range(first, last))]
        (directory / f"test_{kind.replace('-', '_')}_{first:05d}.py").write_text("\n".join(body))
    return directory


# ----------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Suite:
    kind: str
    tests: int
    workers: int = 0  # 0: serial

    @property
    def name(self) -> str:
        return f"{self.kind} x{self.tests} " + (f"-n {self.workers}" if self.workers else "serial")


@dataclass
class Run:
    per_test_s: float
    first_test_s: float
    wall_s: float


@dataclass
class Result:
    runs: list[Run] = field(default_factory=list)

    @property
    def per_test(self) -> float:
        return statistics.median(run.per_test_s for run in self.runs)


def _environment(out: str) -> dict[str, str]:
    """The caller's environment without its AWS settings (the suites set their own) and
    without pytest's (run from a test, an xdist worker's name would be inherited)."""
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "PYTEST_"))
    }
    env["BENCH_SUITE_OUT"] = out
    return env


def run_suite(suite: Suite, directory: Path) -> Run:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    if not suite.kind.startswith("sessim"):
        command += ["-p", "no:sessim"]
    if suite.workers:
        command += ["-n", str(suite.workers)]
    with tempfile.TemporaryDirectory(prefix="bench-suite-times-") as out:
        started = time.perf_counter()
        done = subprocess.run(
            [*command, str(directory)],
            capture_output=True,
            text=True,
            env=_environment(out),
            cwd=directory,
            check=False,
        )
        wall = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"{suite.name} failed:\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
        # under xdist the controller replays its workers' reports: the workers' own
        # records are the ones that time the tests
        paths = [
            path for path in Path(out).glob("*.json") if suite.workers == 0 or path.stem != "main"
        ]
        records = [json.loads(path.read_text()) for path in paths]
    finished = sum(len(record["ends"]) for record in records)
    if finished != suite.tests or len(records) != max(suite.workers, 1):
        raise RuntimeError(f"{suite.name}: {finished} tests timed in {len(records)} processes")
    span = max(record["ends"][-1] for record in records) - min(
        record["ends"][0] for record in records
    )
    return Run(
        per_test_s=span / max(finished - len(records), 1),
        first_test_s=max(record["ends"][0] - record["starts"][0] for record in records),
        wall_s=wall,
    )


def run_rounds(suites: Sequence[Suite], root: Path, rounds: int) -> dict[Suite, Result]:
    for suite in suites:
        directory = root / f"{suite.kind}-{suite.tests}"
        if not directory.exists():
            generate(suite.kind, suite.tests, directory)
    results = {suite: Result() for suite in suites}
    for number in range(rounds):
        for suite in suites if number % 2 == 0 else list(reversed(suites)):
            run = run_suite(suite, root / f"{suite.kind}-{suite.tests}")
            results[suite].runs.append(run)
    return results


# ----------------------------------------------------------------------------- fresh interpreters

IMPORT_SCRIPT = """
import importlib
import time

import pytest

started = time.perf_counter()
import pytest_sessim.plugin as plugin

for name in plugin.pytest_plugins:
    importlib.import_module(name)
plugin.install()  # what its pytest_configure does
print(time.perf_counter() - started)
"""


def plugin_import_s(repeat: int) -> float:
    """What loading the plugin adds once pytest is imported, as pytest loads it: its
    modules, what they import that pytest has not, and its installation (median)."""
    times = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", IMPORT_SCRIPT], capture_output=True, text=True, check=True
        )
        times.append(float(done.stdout))
    return statistics.median(times)


FIRST_CALL_SCRIPT = f"""
import json, os, sys, time
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
import boto3
MESSAGE = {{
    "Source": "sender@example.com",
    "Destination": {{"ToAddresses": ["success@simulator.amazonses.com"]}},
    "Message": {{"Subject": {{"Data": "Hi"}}, "Body": {{"Text": {{"Data": "A small message."}}}}}},
}}

def timed():
    # a new client and one send, as a test makes them
    started = time.perf_counter()
    client = boto3.client("ses", region_name="{REGION}")
    if sys.argv[1] == "stubber":
        from botocore.stub import Stubber
        with Stubber(client) as stubber:
            stubber.add_response("send_email", {{"MessageId": "m"}})
            client.send_email(**MESSAGE)
    else:
        client.send_email(**MESSAGE)
    return time.perf_counter() - started

if sys.argv[1] == "stubber":
    first, second = timed(), timed()
else:
    from pytest_sessim import SesSim
    with SesSim(verified=["example.com"]):
        first = timed()
    with SesSim(verified=["example.com"]):
        second = timed()
print(json.dumps([first, second]))
"""


def first_call_s(kind: str, repeat: int) -> tuple[float, float]:
    """(first, second) client + send in a fresh interpreter, medians over ``repeat``."""
    pairs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", FIRST_CALL_SCRIPT, kind],
            capture_output=True,
            text=True,
            env=_environment(""),
            check=True,
        )
        pairs.append(json.loads(done.stdout))
    return (
        statistics.median(first for first, _ in pairs),
        statistics.median(second for _, second in pairs),
    )


# ----------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class Config:
    small: int
    large: int
    rounds: int
    large_rounds: int
    repeat: int

    @classmethod
    def full(cls) -> Config:
        return cls(small=100, large=2_000, rounds=5, large_rounds=3, repeat=5)

    @classmethod
    def quick(cls) -> Config:
        return cls(small=2, large=4, rounds=1, large_rounds=1, repeat=1)


def _row(
    measurement: str, ours: float, base: float, ratio: float, target: str, ok: bool, raw: Any
) -> Row:
    return Row(measurement, ours, base, ratio, target, ok, "s", raw)


def suite_rows(config: Config, root: Path) -> list[Row]:
    small = [Suite(kind, config.small) for kind in KINDS]
    large = [
        Suite("sessim", config.large),
        Suite("sessim", config.large, workers=2),
        Suite("stubber", config.large),
    ]
    if config.large >= 100:  # the floor's own, for reference: what -n 2 can gain here
        large.append(Suite("stubber", config.large, workers=2))
    results = run_rounds(small, root, config.rounds)
    results.update(run_rounds(large, root, config.large_rounds))
    per = {suite: result.per_test for suite, result in results.items()}
    raw = {suite.name: [asdict(run) for run in result.runs] for suite, result in results.items()}
    floor, moto, ours = (per[Suite(kind, config.small)] for kind in ("stubber", "moto", "sessim"))
    moto_sqs, ours_sqs = (
        per[Suite("moto-sqs", config.small)],
        per[Suite("sessim-sqs", config.small)],
    )
    ours_large = per[Suite("sessim", config.large)]
    ours_parallel = per[Suite("sessim", config.large, workers=2)]
    n, big = config.small, config.large
    return [
        _row(
            f"suite of {n}, client + send per test: sessim vs Stubber floor (ours / floor)",
            ours,
            floor,
            ours / floor,
            "<= 1.50x",
            ours / floor <= 1.5,
            raw,
        ),
        _row(
            f"suite of {n}, client + send per test: sessim vs moto mock_aws (speed-up)",
            ours,
            moto,
            moto / ours,
            ">= 8.00x",
            moto / ours >= 8.0,
            {},
        ),
        _row(
            f"suite of {n}, bounce read from SQS per test: sessim vs moto feedback (speed-up)",
            ours_sqs,
            moto_sqs,
            moto_sqs / ours_sqs,
            ">= 8.00x",
            moto_sqs / ours_sqs >= 8.0,
            {},
        ),
        _row(
            f"suite scaling: sessim per test at {big:,} vs {n} tests",
            ours_large,
            ours,
            ours_large / ours,
            "<= 1.25x",
            ours_large / ours <= 1.25,
            {},
        ),
        _row(
            f"suite of {big:,}, client + send per test: sessim vs Stubber floor (ours / floor)",
            ours_large,
            per[Suite("stubber", big)],
            ours_large / per[Suite("stubber", big)],
            "<= 1.50x",
            ours_large / per[Suite("stubber", big)] <= 1.5,
            {},
        ),
        _row(
            f"suite of {big:,}: sessim -n 2 vs serial (speed-up = serial / -n 2)",
            ours_parallel,
            ours_large,
            ours_large / ours_parallel,
            ">= 1.60x",
            ours_large / ours_parallel >= 1.6,
            {"stubber per test": {s.name: per[s] for s in per if s.kind == "stubber"}},
        ),
        *_floor_parallel_row(per, config.large),
    ]


def _floor_parallel_row(per: dict[Suite, float], tests: int) -> list[Row]:
    """The Stubber floor's own -n 2 speed-up: what two workers can gain on this machine."""
    serial, parallel = Suite("stubber", tests), Suite("stubber", tests, workers=2)
    if serial not in per or parallel not in per:
        return []
    return [
        _row(
            f"suite of {tests:,}: Stubber floor -n 2 vs serial, for reference (speed-up)",
            per[parallel],
            per[serial],
            per[serial] / per[parallel],
            "(reported)",
            True,
            {},
        )
    ]


def startup_rows(config: Config) -> list[Row]:
    own = plugin_import_s(config.repeat)
    ours_first, ours_second = first_call_s("sessim", config.repeat)
    floor_first, floor_second = first_call_s("stubber", config.repeat)
    ours_once, floor_once = ours_first - ours_second, floor_first - floor_second
    return [
        Row(
            "plugin load once pytest is imported: its imports and install (fresh interpreter)",
            own,
            None,
            None,
            "< 15,000.0 us",
            own < 0.015,
            "s",
        ),
        _row(
            "first simulated client + send, one-time cost (baseline: botocore's under Stubber)",
            ours_once,
            floor_once,
            ours_once / floor_once,
            "(reported)",
            True,
            {
                "sessim": {"first_s": ours_first, "second_s": ours_second},
                "stubber": {"first_s": floor_first, "second_s": floor_second},
            },
        ),
    ]


def rows(quick: bool = False) -> list[Row]:
    config = Config.quick() if quick else Config.full()
    with tempfile.TemporaryDirectory(prefix="bench-suites-") as root:
        return suite_rows(config, Path(root)) + startup_rows(config)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="smoke mode: tiny suites")
    parser.add_argument("--json", metavar="PATH", type=Path, help="write the raw numbers here")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    found = rows(quick=args.quick)
    print(table(found))
    print(f"\n{time.perf_counter() - started:.1f} s")
    if args.json is not None:
        args.json.write_text(json.dumps([asdict(row) for row in found], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
