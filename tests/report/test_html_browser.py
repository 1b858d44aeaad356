"""The ``--sessim-html`` report opened in headless Chromium: its DOM and a screenshot."""

from __future__ import annotations

import itertools
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
MAGENTA = (255, 0, 255)
BACKGROUND = (0xF5, 0xF7, 0xFA)  # the report's page colour

HTML = (
    '<div style="background:#ff00ff;color:#fff;height:160px;padding:24px;font:32px sans-serif">'
    'Order 1042</div><p style="font:16px sans-serif">Thanks &amp; see you soon.</p>'
)
SUITE = f"""
import boto3
import pytest

pytestmark = pytest.mark.sessim(verified=["shop.example.com"], now="2026-01-02T03:04:05Z")

HTML = {HTML!r}

def test_order(sessim):
    boto3.client("ses", region_name="us-east-1").send_email(
        Source="orders@shop.example.com",
        Destination={{"ToAddresses": ["success@simulator.amazonses.com"],
                     "CcAddresses": ["bounce@simulator.amazonses.com"]}},
        Message={{"Subject": {{"Data": "Your order 1042"}},
                 "Body": {{"Html": {{"Data": HTML}}, "Text": {{"Data": "Order 1042"}}}}}},
    )
"""


class Frames(HTMLParser):
    """The ``srcdoc`` of every sandboxed iframe in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.srcdocs: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "iframe" and found.get("sandbox") == "allow-same-origin":
            self.srcdocs.append(found.get("srcdoc"))


def decode_png(data: bytes) -> tuple[int, int, list[bytes], int]:
    """The width, height, unfiltered rows and bytes per pixel of an 8-bit RGB(A) PNG."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    position, header, compressed = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            compressed += body
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, "an 8-bit RGB(A) PNG"
    size = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(compressed), width * size
    rows: list[bytes] = []
    previous = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], raw[start + 1 : start + 1 + stride]
        out = bytearray(line)
        if kind == 1:  # Sub
            for channel in range(size):
                sums = itertools.accumulate(line[channel::size], lambda a, b: (a + b) & 255)
                out[channel::size] = bytes(sums)
        elif kind == 2:  # Up
            out = bytearray(map(lambda a, b: (a + b) & 255, line, previous))
        elif kind in (3, 4):  # Average, Paeth
            for i in range(stride):
                left = out[i - size] if i >= size else 0
                up = previous[i]
                if kind == 3:
                    out[i] = (line[i] + ((left + up) >> 1)) & 255
                    continue
                corner = previous[i - size] if i >= size else 0
                guess = left + up - corner
                near_left, near_up = abs(guess - left), abs(guess - up)
                near_corner = abs(guess - corner)
                if near_left <= near_up and near_left <= near_corner:
                    out[i] = (line[i] + left) & 255
                else:
                    out[i] = (line[i] + (up if near_up <= near_corner else corner)) & 255
        rows.append(bytes(out))
        previous = rows[-1]
    return width, height, rows, size


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (apt-get install chromium); "
    "the report is not checked in a browser",
)
def test_the_report_renders_in_a_headless_browser(
    pytester: pytest.Pytester, tmp_path: Path
) -> None:
    pytester.makepyfile(test_shop=SUITE)
    pytester.runpytest("--sessim-html=report.html").assert_outcomes(passed=1)
    url = (pytester.path / "report.html").as_uri()
    assert CHROMIUM is not None
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]

    dom = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    assert "<h1>pytest-sessim report</h1>" in dom
    assert "test_shop.py::test_order" in dom and "<h3>Your order 1042</h3>" in dom
    frames = Frames()
    frames.feed(dom)
    assert frames.srcdocs == [HTML]  # the mail's HTML, unescaped once by the browser
    assert '<span class="chip t-delivery">Delivery</span>' in dom
    assert '<span class="chip t-bounce-permanent">Bounce · Permanent</span>' in dom

    shot = tmp_path / "report.png"
    subprocess.run(
        [CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1280,2000", url],
        capture_output=True,
        timeout=30,
        check=True,
    )
    width, height, rows, size = decode_png(shot.read_bytes())
    assert (width, height) == (1280, 2000)
    pixels = [tuple(row[x * size : x * size + 3]) for row in rows[::8] for x in range(0, width, 4)]
    assert pixels[0] == BACKGROUND  # the style sheet applied
    assert len(set(pixels)) > 30  # text, chips and borders, not a blank page
    # the mail's HTML part, drawn inside its sandboxed iframe
    assert pixels.count(MAGENTA) > 500
