#!/usr/bin/env python
"""Benchmark rows for the doors outside boto3: the SMTP interface and the standalone server.

* SMTP: messages per second over one authenticated smtplib connection, the simulator's
  SMTP door (every message through the engine: Send and Delivery events recorded)
  against aiosmtpd with a bare handler that accepts and drops each message (the floor:
  the same protocol library with no work behind it).
* Server: a boto3 ``send_email`` per call to ``python -m pytest_sessim serve`` against
  moto's server mode (``moto.server.ThreadedMotoServer``), both in child processes so
  that neither shares the client's interpreter, both reached with ``endpoint_url``
  over loopback HTTP. moto's server mode needs ``moto[server]`` (Flask); without it the
  row shows our figure alone.

Sides are timed round by round in alternating order and the median per-round figure
is reported, as in ``bench.py``, whose ``Row``/``table`` format this module reuses.

Usage::

    python benchmarks/bench_doors.py            # full
    python benchmarks/bench_doors.py --quick    # a few seconds
"""

from __future__ import annotations

import argparse
import smtplib
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

import boto3
from aiosmtpd.controller import Controller
from bench import Row, Side, interleave, table

from pytest_sessim import SesSim
from pytest_sessim.doors.smtp import SmtpServer
from pytest_sessim.server.process import ServerProcess

SENDER = "sender@example.com"
RECIPIENT = "success@simulator.amazonses.com"
MESSAGE = (
    f"From: {SENDER}\r\nTo: {RECIPIENT}\r\nSubject: Hello\r\n"
    "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nA small message.\r\n"
).encode()
KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
SEND = {
    "Source": SENDER,
    "Destination": {"ToAddresses": [RECIPIENT]},
    "Message": {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "A small message."}}},
}


# --------------------------------------------------------------------------- SMTP


class _Drop:
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        return "250 OK"


@contextmanager
def _connection(host: str, port: int, login: tuple[str, str] | None) -> Iterator[smtplib.SMTP]:
    with smtplib.SMTP(host, port) as smtp:
        smtp.ehlo("bench.test")
        if login is not None:
            smtp.login(*login)
        yield smtp


def bench_smtp(rounds: int, calls: int) -> Row:
    """Messages per second: the simulator's SMTP door vs aiosmtpd's bare handler."""
    floor_server = Controller(_Drop(), hostname="127.0.0.1", port=0)
    floor_server.port = _free_port()
    floor_server.start()
    sim = SesSim(verified=[SENDER], moto=False, seed=1234).start()
    door = SmtpServer(sim, plaintext_auth=True).start()  # the floor speaks no TLS either
    try:
        with (
            _connection("127.0.0.1", floor_server.port, None) as floor_client,
            _connection(door.host, door.port, (door.username, door.password)) as our_client,
        ):
            sides = [
                Side("door", _nothing, lambda: our_client.sendmail(SENDER, [RECIPIENT], MESSAGE)),
                Side(
                    "floor",
                    _nothing,
                    lambda: floor_client.sendmail(SENDER, [RECIPIENT], MESSAGE),
                ),
            ]
            timings = interleave(sides, rounds, calls)
        if len(sim.outbox) < rounds * calls or not sim.events:
            raise RuntimeError("the SMTP door did not record the messages")
    finally:
        door.stop()
        sim.stop()
        floor_server.stop()
    ours, floor = 1 / timings["door"].median, 1 / timings["floor"].median
    return Row(
        "SMTP door: messages/s (ratio = ours / aiosmtpd bare-handler floor)",
        ours,
        floor,
        ours / floor,
        ">= 0.30x",
        ours / floor >= 0.30,
        "msg/s",
        {name: asdict(timing) for name, timing in timings.items()},
    )


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --------------------------------------------------------------------------- server

_MOTO_SERVER = textwrap.dedent(
    """
    import signal, sys, threading
    from moto.server import ThreadedMotoServer
    server = ThreadedMotoServer(ip_address="127.0.0.1", port={port}, verbose=False)
    server.start()
    print("listening on http://127.0.0.1:{port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    while not stop.wait(0.2):
        pass
    server.stop()
    """
)


@contextmanager
def moto_server() -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", _MOTO_SERVER.replace("{port}", str(port))],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        if not line.startswith("listening on "):
            raise RuntimeError("moto's server did not start (is moto[server] installed?)")
        yield line.removeprefix("listening on ")
    finally:
        process.terminate()
        process.wait(timeout=10)


def _moto_server_available() -> bool:
    try:
        import flask  # noqa: F401
        import flask_cors  # noqa: F401
    except ImportError:
        return False
    return True


def bench_server(rounds: int, calls: int) -> Row:
    """Per send over loopback: ``pytest_sessim serve`` vs moto's server mode."""
    with ServerProcess(verified=[SENDER], extra_args=["--no-smtp"]) as ours_process:
        ours = boto3.client("ses", region_name="us-east-1", endpoint_url=ours_process.url, **KEYS)
        sides = [Side("server", _nothing, lambda: ours.send_email(**SEND))]
        if _moto_server_available():
            with moto_server() as url:
                theirs = boto3.client("ses", region_name="us-east-1", endpoint_url=url, **KEYS)
                theirs.verify_email_identity(EmailAddress=SENDER)
                sides.append(Side("moto server", _nothing, lambda: theirs.send_email(**SEND)))
                timings = interleave(sides, rounds, calls)
        else:
            timings = interleave(sides, rounds, calls)
        if not ours_process.outbox():
            raise RuntimeError("the server did not record the sends")
    mine = timings["server"].median
    base = timings["moto server"].median if "moto server" in timings else None
    ratio = None if base is None else base / mine
    return Row(
        "standalone server: send over loopback HTTP (speed-up = moto server / ours)",
        mine,
        base,
        ratio,
        ">= 1.00x" if base is not None else "moto[server] not installed",
        ratio is not None and ratio >= 1.0,
        "s",
        {name: asdict(timing) for name, timing in timings.items()},
    )


def rows(quick: bool = False) -> list[Row]:
    """Both rows; ``quick`` for a smoke run."""
    rounds, calls = (3, 20) if quick else (7, 200)
    return [bench_smtp(rounds, calls), bench_server(rounds, max(10, calls // 2))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="smoke mode, a few seconds")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    found = rows(args.quick)
    print(
        f"doors benchmark, {'quick' if args.quick else 'full'}: "
        f"{time.perf_counter() - started:.1f} s"
    )
    print()
    print(table(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
