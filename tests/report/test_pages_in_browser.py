"""The pages in headless Chromium, driven over the DevTools protocol: each message frame
fits its mail (and the mail runs no script), in the ``--sessim-html`` report and on the
server page, and the server page redraws itself as mail arrives."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests
from chromium_cdp import CHROMIUM, Browser

from pytest_sessim.server.process import ServerProcess

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (apt-get install chromium); "
    "the pages are not checked in a browser",
)

SHORT = "<p>Thanks for your order.</p>"
TALL = '<div style="height:900px;background:#ff00ff">Order 1042</div>'
# if the mail could run anything, its title would change or the flag would be set
HOSTILE = (
    "<p>Hi</p><script>document.title = 'ran'; parent.ran = 1;</script>"
    '<img src="data:," onerror="parent.ran = 1">'
)
FRAMES = """[...document.querySelectorAll("iframe.html-part")].map(frame => ({
    title: frame.title,
    height: frame.getBoundingClientRect().height,
    content: frame.contentDocument.documentElement.getBoundingClientRect().height,
    mailTitle: frame.contentDocument.title,
}))"""
SUITE = f"""
import boto3

def send(html):
    boto3.client("ses", region_name="us-east-1").send_email(
        Source="orders@shop.example.com",
        Destination={{"ToAddresses": ["success@simulator.amazonses.com"]}},
        Message={{"Subject": {{"Data": "Order"}}, "Body": {{"Html": {{"Data": html}}}}}},
    )

def test_mails(sessim):
    sessim.verify("shop.example.com")
    for html in ({SHORT!r}, {TALL!r}, {HOSTILE!r}):
        send(html)
"""


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    with Browser(tmp_path / "profile") as opened:
        yield opened


def assert_frames_fit(frames: list[dict[str, Any]]) -> None:
    short, tall, hostile = frames
    for frame in frames:  # the frame is its document's height, plus its 1px borders
        assert abs(frame["height"] - (frame["content"] + 2)) <= 1, frame
    assert short["height"] < 100  # the style sheet's fixed height was 340px
    assert 900 < tall["height"] < 960
    assert hostile["mailTitle"] == ""  # the mail's script never ran


def test_report_frames_fit_their_mail(pytester: pytest.Pytester, browser: Browser) -> None:
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(test_shop=SUITE)
    pytester.runpytest("--sessim-html=report.html").assert_outcomes(passed=1)
    browser.open((pytester.path / "report.html").as_uri())
    assert_frames_fit(browser.evaluate(FRAMES))
    assert browser.evaluate("window.ran === undefined")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with ServerProcess(
        verified=["shop.example.com"], log_dir=tmp_path_factory.mktemp("server")
    ) as process:
        yield process


def send(server: ServerProcess, html: str, to: str = "success@simulator.amazonses.com") -> str:
    ses = boto3.client(
        "ses",
        region_name="us-east-1",
        endpoint_url=server.url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    reply = ses.send_email(
        Source="orders@shop.example.com",
        Destination={"ToAddresses": [to]},
        Message={"Subject": {"Data": "Order"}, "Body": {"Html": {"Data": html}}},
    )
    message_id: str = reply["MessageId"]
    return message_id


HEADING = "document.querySelector('h1').textContent"
ARTICLES = "document.querySelectorAll('article.message').length"
LOADED = """[...document.querySelectorAll("iframe.html-part")].every(frame => {
    const doc = frame.contentDocument;
    return doc && doc.URL === "about:srcdoc" && doc.readyState === "complete"
        && frame.style.height;
})"""


def shows_current_version(server: ServerProcess) -> str:
    """True in the page once it shows what the server holds now, its frames loaded and
    sized (a redraw swaps the frames, so they are read only after the last one)."""
    version = requests.get(server.url + "/_sessim/version", timeout=10).json()["version"]
    return f"document.querySelector('main').dataset.version === {json.dumps(version)} && {LOADED}"


def test_server_page_redraws_as_mail_arrives(server: ServerProcess, browser: Browser) -> None:
    server.reset()
    browser.open(server.url + "/_sessim/")
    assert browser.evaluate(HEADING) == "Captured SES messages (0) · us-east-1"
    browser.evaluate("document.body.dataset.marker = 'same page'")  # no reload may happen

    first = send(server, SHORT)
    browser.wait_for(shows_current_version(server))
    assert browser.evaluate(HEADING) == "Captured SES messages (1) · us-east-1"
    assert browser.evaluate("document.querySelector('article.message').id") == first
    for html in (TALL, HOSTILE):
        send(server, html)
    browser.wait_for(shows_current_version(server))
    assert browser.evaluate(ARTICLES) == 3
    assert_frames_fit(browser.evaluate(FRAMES))
    assert browser.evaluate("window.ran === undefined")

    server.reset()
    browser.wait_for(shows_current_version(server))
    assert browser.evaluate(ARTICLES) == 0
    assert browser.evaluate("document.body.dataset.marker") == "same page"
    assert "Nothing sent yet." in browser.evaluate("document.querySelector('main').textContent")
