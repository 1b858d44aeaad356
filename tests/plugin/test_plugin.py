"""The pytest layer, tested as users meet it: through pytester runs."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest_plugins = ["pytester"]

CLIENTS = """
import boto3
import pytest
from pytest_sessim import Outcome, SesSim

ses = boto3.client("ses", region_name="us-east-1")  # made at import time, before any test

def send(to, source="orders@shop.example.com", subject="Your order"):
    return ses.send_email(
        Source=source,
        Destination={"ToAddresses": [to]},
        Message={"Subject": {"Data": subject}, "Body": {"Text": {"Data": "Thanks"}}},
    )["MessageId"]
"""


def test_import_time_and_new_session_clients_are_answered(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        CLIENTS
        + """
pytestmark = pytest.mark.sessim(verified=["shop.example.com"])

def test_module_client(sessim):
    message_id = send(Outcome.SUCCESS.address)
    assert sessim.outbox[0].message_id == message_id
    assert [e.type for e in sessim.events] == ["Send", "Delivery"]

def test_fresh_session_client(sessim):
    v2 = boto3.Session().client("sesv2", region_name="us-east-1")
    reply = v2.send_email(
        FromEmailAddress="orders@shop.example.com",
        Destination={"ToAddresses": [Outcome.BOUNCE.address]},
        Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}},
    )
    assert sessim.bounces[0].message_id == reply["MessageId"]

def test_state_does_not_leak(sessim):
    assert sessim.outbox == [] and sessim.events == []
"""
    )
    pytester.runpytest().assert_outcomes(passed=3)


def test_ses_outcome_runs_once_per_outcome_with_readable_ids(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
import pytest
from pytest_sessim import Outcome

def test_all(ses_outcome):
    assert isinstance(ses_outcome, Outcome)

@pytest.mark.ses_outcomes(Outcome.BOUNCE, Outcome.COMPLAINT)
def test_some(ses_outcome):
    assert ses_outcome in (Outcome.BOUNCE, Outcome.COMPLAINT)
"""
    )
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=7)
    result.stdout.fnmatch_lines(
        [
            "*test_all[[]success[]] PASSED*",
            "*test_all[[]bounce[]] PASSED*",
            "*test_all[[]ooto[]] PASSED*",
            "*test_all[[]complaint[]] PASSED*",
            "*test_all[[]suppressionlist[]] PASSED*",
            "*test_some[[]bounce[]] PASSED*",
            "*test_some[[]complaint[]] PASSED*",
        ]
    )


def test_marker_typo_is_an_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
import pytest

@pytest.mark.sessim(verfied=["example.com"])
def test_typo(sessim):
    pass
"""
    )
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*test_marker_typo_is_an_error.py::test_typo: @pytest.mark.sessim got unexpected "
            "keyword(s): verfied. Known keywords: seed, now, region, verified, sandbox, "
            "auto_verify, moto, account_id, routes, external_webhooks, max_24_hour_send, "
            "max_send_rate."
        ]
    )


def test_marker_values_are_validated(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
import pytest

@pytest.mark.sessim(seed="7")
def test_bad_seed(sessim):
    pass
"""
    )
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*seed= must be an int, not '7'"])


def test_markers_merge_nearest_first(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
import pytest

pytestmark = pytest.mark.sessim(region="eu-west-1", seed=1, verified=["a.example"])

@pytest.mark.sessim(seed=2, verified=["b.example"])
def test_merged(sessim):
    assert sessim.region == "eu-west-1"
    assert sessim.seed == 2
    assert sorted(sessim.engine.account.identities) == ["b.example"]

@pytest.mark.sessim(verified=[])
def test_cleared(sessim):
    assert sessim.engine.account.identities == {}
"""
    )
    pytester.runpytest().assert_outcomes(passed=2)


FAILING = (
    CLIENTS
    + """
@pytest.mark.sessim(verified=["shop.example.com"], seed=1, now="2026-01-02T03:04:05Z")
def test_expects_a_bounce(sessim):
    send("customer@example.com")
    sessim.assert_bounced("customer@example.com")
"""
)


def test_assert_failure_lists_what_was_captured(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(FAILING)
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E *AssertionError: No message was bounced for 'customer@example.com'.",
            "E *Sent messages (1):",
            "E *0100019b7ca98c88-a6cecc1b-78e5-4061-b311-d8a3c2ce6f44-000000  SendEmail  from "
            "orders@shop.example.com  to customer@example.com  subject 'Your order'",
            "E *Events (2):",
            "E *Send              0100019b7ca98c88-a6cecc1b-78e5-4061-b311-d8a3c2ce6f44-000000  "
            "customer@example.com",
            "E *Delivery          0100019b7ca98c88-a6cecc1b-78e5-4061-b311-d8a3c2ce6f44-000000  "
            "customer@example.com",
        ]
    )
    # plugin frames are hidden from the traceback
    assert "simulator.py" not in result.stdout.str()


def test_failure_report_section_lists_the_activity_once(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(FAILING)
    result = pytester.runpytest()
    result.stdout.fnmatch_lines(
        [
            "*- sessim: captured SES activity -*",
            "seed=1 region=us-east-1 clock=2026-01-02T03:04:05+00:00 "
            "(pin with @pytest.mark.sessim(seed=1))",
            "(the captured activity is listed in the assertion above)",
        ]
    )
    # the short summary repeats the assertion's text in full when not truncated (under CI=true)
    report = result.stdout.str().split("short test summary info")[0]
    assert report.count("Sent messages (1):") == 1


def test_failure_report_section_lists_the_activity_of_other_failures(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        FAILING.replace('sessim.assert_bounced("customer@example.com")', "assert False")
    )
    result = pytester.runpytest()
    result.stdout.fnmatch_lines(
        [
            "*- sessim: captured SES activity -*",
            "seed=1 region=us-east-1 clock=2026-01-02T03:04:05+00:00 "
            "(pin with @pytest.mark.sessim(seed=1))",
            "Sent messages (1):",
        ]
    )


def test_unverified_sender_gets_ses_text_and_the_report_says_how_to_verify(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        CLIENTS
        + """
def test_unverified(sessim):
    send(Outcome.SUCCESS.address, source="someone@unverified.example")
"""
    )
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E *botocore.errorfactory.MessageRejected: An error occurred (MessageRejected) when "
            "calling the SendEmail operation: Email address is not verified. The following "
            "identities failed the check in region US-EAST-1: someone@unverified.example",
            "Refused requests (1):",
            "  ses:SendEmail refused: MessageRejected: Email address is not verified.*",
            "To verify a sender: call sessim.verify('sender@example.com') or "
            "sessim.verify('example.com') in the test, mark it "
            "@pytest.mark.sessim(verified=[...]), or list identities under the ini option "
            "sessim_verified.",
            "Identities created through the API stay Pending until verified: follow "
            "sessim.verification_link(address), call sessim.verify_pending(), or set auto_verify.",
        ]
    )


def test_ini_verified_and_seed_header(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        """
[pytest]
sessim_verified =
    shop.example.com
sessim_seed = 42
"""
    )
    pytester.makepyfile(
        CLIENTS
        + """
def test_ok(sessim):
    send(Outcome.SUCCESS.address)
"""
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        ["sessim: --sessim-seed=42 (each test's seed derives from it and the test's node id)"]
    )


DETERMINISM = (
    CLIENTS
    + """
import json

@pytest.mark.sessim(verified=["shop.example.com"], now="2026-01-02T03:04:05Z")
def test_dump(sessim, ses_outcome):
    send(ses_outcome.address)
    print("PAYLOADS", json.dumps([[e.record, e.notification] for e in sessim.events]))
"""
)


def _payloads(result: pytest.RunResult) -> list[str]:
    return [line[line.index("PAYLOADS") :] for line in result.outlines if "PAYLOADS" in line]


def test_same_seed_same_payloads_other_seed_other_payloads(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(DETERMINISM)
    first = _payloads(pytester.runpytest("-s"))
    second = _payloads(pytester.runpytest("-s"))
    other = _payloads(pytester.runpytest("-s", "--sessim-seed=9"))
    assert len(first) == 5
    assert first == second
    assert all(a != b for a, b in zip(first, other, strict=True))


def test_plugin_entry_module_does_not_import_boto3_or_moto() -> None:
    code = (
        "import sys, pytest_sessim.plugin; "
        "bad = [m for m in ('boto3', 'botocore', 'moto') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_plugin_entry_module_imports_no_engine_until_used() -> None:
    """A run where no test uses the simulator loads only the hook installer."""
    code = (
        "import sys, pytest; before = set(sys.modules); import pytest_sessim.plugin; "
        "heavy = [m for m in set(sys.modules) - before if m.startswith(("
        "'pytest_sessim.engine', 'pytest_sessim.simulator', 'pytest_sessim.sinks', "
        "'email', 'asyncio', 'faker', 'cryptography'))]; "
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
