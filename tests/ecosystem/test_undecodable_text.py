"""Raw header bytes that are not UTF-8 are kept as SES saw them and never break a view:
the dump, the HTML report, the failure report, xdist's transport and the server page."""

from __future__ import annotations

import json
import threading
import urllib.request
from pathlib import Path

import boto3
import pytest

from pytest_sessim.engine.mail.mime import parse_raw
from pytest_sessim.engine.text import escaped, replaced
from pytest_sessim.server.app import SesHttpServer
from pytest_sessim.server.state import ServerSettings, ServerState

pytest_plugins = ["pytester"]

# "café" once in Latin-1 (not UTF-8: kept as a surrogate escape) and once in UTF-8
RAW = (
    b"From: a@example.com\r\nTo: success@simulator.amazonses.com\r\n"
    b"Subject: caf\xe9 and caf\xc3\xa9\r\n\r\nbody\r\n"
)
KEPT = "caf\udce9 and café"

SUITE = f"""
import boto3
import pytest

RAW = {RAW!r}
pytestmark = pytest.mark.sessim(verified=["example.com"], seed=1, now="2026-01-02T03:04:05Z")

def send():
    boto3.client("ses", region_name="us-east-1").send_raw_email(RawMessage={{"Data": RAW}})

def test_fails(sessim):
    send()
    assert sessim.outbox[0].subject == "x"

def test_passes(sessim):
    send()
    assert sessim.outbox[0].subject == {KEPT!r}

def test_next():
    pass
"""


def test_records_keep_the_bytes_ses_saw() -> None:
    content = parse_raw(RAW)
    assert content.subject == KEPT
    assert ("Subject", KEPT) in content.headers
    assert content.raw() == RAW
    assert KEPT.encode("utf-8", "surrogateescape") == b"caf\xe9 and caf\xc3\xa9"


def test_views_escape_and_wires_replace() -> None:
    assert escaped(KEPT) == "caf\\xe9 and café"
    assert escaped("lone \ud800") == "lone \\ud800"
    assert replaced(KEPT) == "caf\ufffd and café"


def test_dump_html_report_and_failure_report(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(SUITE)
    result = pytester.runpytest("--sessim-dump=dump", "--sessim-html=report.html")
    result.assert_outcomes(failed=1, passed=2)
    output = result.stdout.str()
    assert "INTERNALERROR" not in output
    result.stdout.fnmatch_lines(["*SendRawEmail  from a@example.com*subject 'caf\\udce9 and café'"])
    html = (pytester.path / "report.html").read_text(encoding="utf-8")
    assert "caf\\xe9 and café" in html
    (folder,) = [path for path in (pytester.path / "dump").iterdir() if "test_passes" in path.name]
    manifest = json.loads((folder / "test.json").read_text(encoding="utf-8"))
    assert manifest["messages"][0]["subject"] == KEPT
    (eml,) = folder.glob("*.eml")
    assert b"Subject: caf\xe9 and caf\xc3\xa9\r\n" in eml.read_bytes()


def test_xdist_carries_the_reports(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(SUITE)
    result = pytester.runpytest("-n", "2", "--sessim-html=report.html")
    result.assert_outcomes(failed=1, passed=2)
    assert "INTERNALERROR" not in result.stdout.str()
    assert "caf\\xe9 and café" in (pytester.path / "report.html").read_text(encoding="utf-8")


def test_the_server_page(tmp_path: Path) -> None:
    state = ServerState(ServerSettings(verified=["example.com"]))
    server = SesHttpServer(("127.0.0.1", 0), state, verbose=False)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        client = boto3.client(
            "ses",
            region_name="us-east-1",
            endpoint_url=url,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        client.send_raw_email(RawMessage={"Data": RAW})
        with urllib.request.urlopen(f"{url}/_sessim/", timeout=10) as page:
            assert page.status == 200
            assert "caf\\xe9 and café" in page.read().decode("utf-8")
        with urllib.request.urlopen(f"{url}/_sessim/outbox", timeout=10) as outbox:
            assert json.loads(outbox.read())[0]["subject"] == KEPT
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
        state.close()


def test_forwarded_feedback_email_carries_replacement_characters() -> None:
    from pytest_sessim import SesSim

    bounce = RAW.replace(b"success@", b"bounce@")
    with SesSim(verified=["example.com"], moto=False) as sim:
        client = boto3.client(
            "ses", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
        )
        client.send_raw_email(RawMessage={"Data": bounce})
        (feedback,) = sim.feedback_emails
        assert "caf\ufffd and café".encode() in feedback.raw
