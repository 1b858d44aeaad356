#!/usr/bin/env python
"""Benchmark pytest-sessim against a bare-botocore floor and against moto's own SES.

This is a report, not a test: a missed target never changes the exit status (0); it
shows as ``FAIL`` in the ``ok`` column. Only a crash of the script itself exits non-zero.

Every comparison is measured side by side in one run: each round times every side once
(the order alternates from round to round) and the reported figure is the median of the
per-round per-call times, so that machine noise weighs on both sides alike. Every path is
warmed up first (the first call loads the service models) and boto3 clients are made
once, outside the timings.

The floor of a send is the same boto3 call answered by a bare ``before-send`` hook with a
canned reply (what any answer at the wire costs at least); a second row sets the
simulator against a canned answer at ``before-call``, where botocore's Stubber answers
and where the simulator answers too when the application would see no difference.

The rows of whole test suites (per-test cost, scaling, ``-n 2``, the plugin's import
time, the first simulated call's one-time cost) come from ``benchmarks/bench_suite.py``,
which runs generated suites in fresh pytest processes; the door rows from
``benchmarks/bench_doors.py``.

Usage::

    python benchmarks/bench.py              # full run (about 10 minutes on 2 cores)
    python benchmarks/bench.py --quick      # smoke mode, well under a minute
    python benchmarks/bench.py --json out.json --profile
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

# Import order matters: pytest_sessim and moto both put their before-send handlers into
# botocore's built-in handler list, which only reaches clients created afterwards.
import boto3
import botocore
import moto
from botocore.awsrequest import AWSResponse
from botocore.handlers import BUILTIN_HANDLERS
from moto import mock_aws
from moto.core.models import DEFAULT_ACCOUNT_ID, botocore_stubber
from moto.ses.models import ses_backends

import pytest_sessim
from pytest_sessim import SesSim
from pytest_sessim.doors.active import ACTIVE

REGION = "us-east-1"
SENDER = "sender@example.com"
RECIPIENT = "success@simulator.amazonses.com"
SEED = 1234
MEMORY_TARGET_BYTES = 10 * 1024

V1_MESSAGE: dict[str, Any] = {
    "Source": SENDER,
    "Destination": {"ToAddresses": [RECIPIENT]},
    "Message": {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "A small message."}}},
}
V2_MESSAGE: dict[str, Any] = {
    "FromEmailAddress": SENDER,
    "Destination": {"ToAddresses": [RECIPIENT]},
    "Content": {
        "Simple": {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "A small message."}}}
    },
}

CANNED_MESSAGE_ID = "010001a22063dd89-e4b06ce6-0741-47a8-bce4-2c8218072e8c-000000"
CANNED_REQUEST_ID = "5f1c9c2e-7e0e-4f55-9d8a-2f0f6c3a1b7d"
V1_BODY = (
    '<SendEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">'
    f"<SendEmailResult><MessageId>{CANNED_MESSAGE_ID}</MessageId></SendEmailResult>"
    f"<ResponseMetadata><RequestId>{CANNED_REQUEST_ID}</RequestId></ResponseMetadata>"
    "</SendEmailResponse>"
).encode()
V2_BODY = json.dumps({"MessageId": CANNED_MESSAGE_ID}).encode()


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Config:
    rounds: int
    calls: int
    fixture_rounds: int
    fixture_calls: int
    scale_small: int
    scale_large: int
    scale_rounds: int
    memory_sends: int
    profile_sends: int

    @classmethod
    def full(cls) -> Config:
        return cls(
            rounds=7,
            calls=250,
            fixture_rounds=7,
            fixture_calls=30,
            scale_small=1_000,
            scale_large=100_000,
            scale_rounds=3,
            memory_sends=10_000,
            profile_sends=2_000,
        )

    @classmethod
    def quick(cls) -> Config:
        return cls(
            rounds=3,
            calls=20,
            fixture_rounds=3,
            fixture_calls=5,
            scale_small=50,
            scale_large=500,
            scale_rounds=1,
            memory_sends=200,
            profile_sends=100,
        )


# --------------------------------------------------------------------------- clients


Service = Literal["ses", "sesv2"]


def make_client(service: Service) -> Any:
    return boto3.client(
        service,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


class _Body(io.BytesIO):
    """A response body botocore can read: it calls ``.stream()`` on the raw body."""

    def stream(self, **kwargs: Any) -> Iterator[bytes]:
        yield self.getvalue()


class FloorHandler:
    """A bare ``before-send`` handler answering with a canned response: the cost of a
    boto3 call when answering it costs nothing (parameter validation, serialization,
    signing, event hooks and response parsing are all still paid)."""

    def __init__(self, body: bytes, content_type: str) -> None:
        self.body = body
        self.headers = {
            "Content-Type": content_type,
            "Content-Length": str(len(body)),
            "x-amzn-RequestId": CANNED_REQUEST_ID,
        }
        self.calls = 0

    def __call__(self, request: Any, **kwargs: Any) -> AWSResponse:
        self.calls += 1
        # AWSResponse copies any mapping of headers into its own HeadersDict
        return AWSResponse(request.url, 200, cast(Any, self.headers), _Body(self.body))


class CallFloorHandler:
    """A bare ``before-call`` handler returning a canned parsed reply, as botocore's
    ``Stubber`` does: the least any answer before the wire can cost (parameter
    validation and serialization are still paid; signing, sending and parsing are not)."""

    def __init__(self, message_id: str) -> None:
        self.parsed = {"MessageId": message_id}
        self.calls = 0

    def __call__(self, **kwargs: Any) -> tuple[AWSResponse, dict[str, Any]]:
        self.calls += 1
        metadata = {"RequestId": CANNED_REQUEST_ID, "HTTPStatusCode": 200, "RetryAttempts": 0}
        return AWSResponse(None, 200, {}, None), {**self.parsed, "ResponseMetadata": metadata}


def added_builtin_handlers() -> list[tuple[str, Any]]:
    """The handlers pytest_sessim and moto put into botocore's built-in list."""
    return [
        (entry[0], entry[1])
        for entry in BUILTIN_HANDLERS
        if getattr(entry[1], "__module__", "").split(".")[0] in ("pytest_sessim", "moto")
    ]


def make_floor_client(
    service: Service, operation: str, handler: Any, event: str = "before-send"
) -> Any:
    """A client of its own whose calls the floor handler alone answers: every handler
    pytest_sessim and moto add is taken off it, so the floor is botocore alone."""
    client = make_client(service)
    events = client.meta.events
    for event_name, added in added_builtin_handlers():
        events.unregister(event_name, added)
    events.register_first(f"{event}.{service}.{operation}", handler)
    return client


@dataclass
class Clients:
    ses: Any
    sesv2: Any
    floor_ses: Any
    floor_sesv2: Any
    floor_v1: FloorHandler
    floor_v2: FloorHandler
    call_floor_ses: Any
    call_floor_sesv2: Any
    call_floor: CallFloorHandler

    @classmethod
    def make(cls) -> Clients:
        floor_v1 = FloorHandler(V1_BODY, "text/xml")
        floor_v2 = FloorHandler(V2_BODY, "application/json")
        call_floor = CallFloorHandler(CANNED_MESSAGE_ID)
        return cls(
            ses=make_client("ses"),
            sesv2=make_client("sesv2"),
            floor_ses=make_floor_client("ses", "SendEmail", floor_v1),
            floor_sesv2=make_floor_client("sesv2", "SendEmail", floor_v2),
            floor_v1=floor_v1,
            floor_v2=floor_v2,
            call_floor_ses=make_floor_client("ses", "SendEmail", call_floor, "before-call"),
            call_floor_sesv2=make_floor_client("sesv2", "SendEmail", call_floor, "before-call"),
            call_floor=call_floor,
        )


# --------------------------------------------------------------------------- timing


@dataclass
class Side:
    """One thing being timed: ``setup`` is entered (untimed) around each round's calls."""

    name: str
    setup: Callable[[], AbstractContextManager[Any]]
    call: Callable[[], Any]
    warm_in_round: bool = True


@dataclass
class Timing:
    per_round: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.per_round)


def time_calls(call: Callable[[], Any], n: int) -> float:
    """Seconds per call over ``n`` back-to-back calls."""
    gc.collect()
    start = time.perf_counter()
    for _ in range(n):
        call()
    return (time.perf_counter() - start) / n


def interleave(sides: Sequence[Side], rounds: int, calls: int) -> dict[str, Timing]:
    timings = {side.name: Timing() for side in sides}
    for number in range(rounds):
        order = list(sides) if number % 2 == 0 else list(reversed(sides))
        for side in order:
            with side.setup():
                if side.warm_in_round:
                    side.call()
                timings[side.name].per_round.append(time_calls(side.call, calls))
    return timings


@contextmanager
def nothing_active() -> Iterator[None]:
    if ACTIVE or botocore_stubber.enabled:
        raise RuntimeError("the floor must run with no simulator and no moto active")
    yield


@contextmanager
def simulator() -> Iterator[SesSim]:
    """The simulator alone (``moto=False``), recording events."""
    with nothing_active(), SesSim(verified=[SENDER], moto=False, seed=SEED) as sim:
        yield sim
        if not sim.outbox or not sim.events:
            raise RuntimeError("the simulator did not record the sends")


@contextmanager
def moto_ses(client: Any) -> Iterator[None]:
    """moto's own SES, with no simulator active."""
    with nothing_active(), mock_aws():
        client.verify_email_identity(EmailAddress=SENDER)
        backend = ses_backends[DEFAULT_ACCOUNT_ID][REGION]
        yield
        if ACTIVE or backend.sent_message_count == 0:
            raise RuntimeError("moto did not answer the sends")


@contextmanager
def floor(handler: FloorHandler | CallFloorHandler) -> Iterator[None]:
    before = handler.calls
    with nothing_active():
        yield
    if handler.calls == before:
        raise RuntimeError("the floor handler did not answer the sends")


# --------------------------------------------------------------------------- results


@dataclass
class Row:
    measurement: str
    ours: float
    baseline: float | None
    ratio: float | None
    target: str
    ok: bool
    unit: str
    raw: dict[str, Any] = field(default_factory=dict)


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value * 1e6:,.1f} us"
    if unit == "B":
        return f"{value:,.0f} B"
    return f"{value:.3g}"


def table(rows: Sequence[Row]) -> str:
    lines = [
        "| measurement | ours | baseline | ratio | target | ok |",
        "|---|---:|---:|---:|---|---|",
    ]
    for row in rows:
        ratio = "-" if row.ratio is None else f"{row.ratio:.2f}x"
        lines.append(
            f"| {row.measurement} | {fmt_value(row.ours, row.unit)} | "
            f"{fmt_value(row.baseline, row.unit)} | {ratio} | {row.target} | "
            f"{'ok' if row.ok else 'FAIL'} |"
        )
    return "\n".join(lines)


def machine_summary() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(terse=True),
        "cpus": str(os.cpu_count()),
        "boto3": boto3.__version__,
        "botocore": botocore.__version__,
        "moto": moto.__version__,
        "pytest_sessim": getattr(pytest_sessim, "__version__", "dev"),
    }


# --------------------------------------------------------------------------- measurements


def bench_send(
    label: str,
    client: Any,
    floor_client: Any,
    floor_handler: FloorHandler,
    send: Callable[[Any], Any],
    moto_client: Any,
    config: Config,
    call_floor: tuple[Any, CallFloorHandler],
) -> list[Row]:
    call_client, call_handler = call_floor
    sides = [
        Side("floor", lambda: floor(floor_handler), lambda: send(floor_client)),
        Side("simulator", simulator, lambda: send(client)),
        Side("moto", lambda: moto_ses(moto_client), lambda: send(client)),
        Side("before-call floor", lambda: floor(call_handler), lambda: send(call_client)),
    ]
    timings = interleave(sides, config.rounds, config.calls)
    sim, base, mot, stub = (
        timings[name].median for name in ("simulator", "floor", "moto", "before-call floor")
    )
    raw = {name: asdict(timing) for name, timing in timings.items()}
    return [
        Row(
            f"{label} send: simulator vs floor (ours / floor)",
            sim,
            base,
            sim / base,
            "<= 1.25x",
            sim / base <= 1.25,
            "s",
            raw,
        ),
        Row(
            f"{label} send: simulator vs moto (speed-up = moto / ours)",
            sim,
            mot,
            mot / sim,
            ">= 3.00x",
            mot / sim >= 3.0,
            "s",
            {},
        ),
        Row(
            f"{label} send: simulator vs a canned before-call answer (ours / Stubber's point)",
            sim,
            stub,
            sim / stub,
            "(reported)",
            True,
            "s",
            {},
        ),
    ]


def bench_fixture(config: Config) -> Row:
    def sessim_cycle() -> None:
        with SesSim(verified=[SENDER], seed=SEED):
            pass

    def moto_cycle() -> None:
        mock = mock_aws()
        mock.start()
        mock.stop()

    sides = [
        Side("SesSim(moto=True)", nothing_active, sessim_cycle, warm_in_round=False),
        Side("mock_aws", nothing_active, moto_cycle, warm_in_round=False),
    ]
    sessim_cycle()
    moto_cycle()
    timings = interleave(sides, config.fixture_rounds, config.fixture_calls)
    ours, base = timings["SesSim(moto=True)"].median, timings["mock_aws"].median
    return Row(
        "fixture: SesSim enter+exit vs mock_aws start+stop",
        ours,
        base,
        ours / base,
        "<= 0.50x",
        ours / base <= 0.5,
        "s",
        {name: asdict(timing) for name, timing in timings.items()},
    )


def bench_notification(client: Any, config: Config) -> Row:
    """Send to bounce@ with a Bounce topic feeding SQS: simulator vs moto's feedback path."""
    from bench_delivery import moto_to_sqs, send_bounce, simulator_to_sqs

    sides = [
        Side("simulator", lambda: simulator_to_sqs(client), lambda: send_bounce(client)),
        Side("moto", lambda: moto_to_sqs(client), lambda: send_bounce(client)),
    ]
    calls = max(5, config.calls // 4)
    timings = interleave(sides, config.rounds, calls)
    ours, base = timings["simulator"].median, timings["moto"].median
    return Row(
        "send to SQS notification: simulator vs moto feedback (speed-up = moto / ours)",
        ours,
        base,
        base / ours,
        ">= 3.00x",
        base / ours >= 3.0,
        "s",
        {name: asdict(timing) for name, timing in timings.items()},
    )


def bench_scaling(client: Any, config: Config) -> Row:
    small, large = config.scale_small, config.scale_large
    per_send: dict[int, list[float]] = {small: [], large: []}
    full_collections: dict[int, list[int]] = {small: [], large: []}
    for number in range(config.scale_rounds):
        order = (small, large) if number % 2 == 0 else (large, small)
        for count in order:
            with simulator() as sim:
                client.send_email(**V1_MESSAGE)  # the simulator's first send, untimed
                collections = gc.get_stats()[2]["collections"]
                per_send[count].append(time_calls(lambda: client.send_email(**V1_MESSAGE), count))
                full_collections[count].append(gc.get_stats()[2]["collections"] - collections)
                if len(sim.outbox) != count + 1:
                    raise RuntimeError("the simulator lost messages")
    ours, base = statistics.median(per_send[large]), statistics.median(per_send[small])
    return Row(
        f"scaling: per send at {large:,} vs at {small:,} sends in one simulator",
        ours,
        base,
        ours / base,
        "<= 1.25x",
        ours / base <= 1.25,
        "s",
        {
            "per_send_s": {str(count): values for count, values in per_send.items()},
            # the cyclic GC's full collections walk every object the simulator keeps
            "gen2_collections": {str(count): n for count, n in full_collections.items()},
        },
    )


def bench_memory(client: Any, config: Config) -> Row:
    sends = config.memory_sends
    ignore = [
        tracemalloc.Filter(False, tracemalloc.__file__),
        tracemalloc.Filter(False, "<frozen importlib._bootstrap>"),
        tracemalloc.Filter(False, "<unknown>"),
    ]
    with simulator() as sim:
        client.send_email(**V1_MESSAGE)  # the first send's one-off allocations
        gc.collect()
        tracemalloc.start()  # tracing slows each send about sixfold: the longest section
        try:
            before = tracemalloc.take_snapshot().filter_traces(ignore)
            for _ in range(sends):
                client.send_email(**V1_MESSAGE)
            gc.collect()
            after = tracemalloc.take_snapshot().filter_traces(ignore)
        finally:
            tracemalloc.stop()
        if len(sim.outbox) != sends + 1:  # ``sim`` and everything it records stay alive
            raise RuntimeError("the simulator lost messages")
        retained = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
        sites = [
            {"site": str(stat.traceback), "bytes": stat.size_diff, "count": stat.count_diff}
            for stat in after.compare_to(before, "lineno")[:10]
        ]
    per_message = retained / sends
    return Row(
        f"memory retained per small message after {sends:,} sends",
        per_message,
        None,
        None,
        f"<= {MEMORY_TARGET_BYTES:,} B",
        per_message <= MEMORY_TARGET_BYTES,
        "B",
        {"retained_bytes": retained, "sends": sends, "top_sites": sites},
    )


def _area(filename: str) -> str:
    for area in ("pytest_sessim", "botocore", "moto"):
        if f"/{area}/" in filename:
            return area
    if filename == "~":
        return "builtins"
    if "/email/" in filename or "/urllib/" in filename:
        return "stdlib email/urllib"
    return "other"


def profile_send(client: Any, sends: int, top: int = 15) -> str:
    """cProfile of the simulator's v1 send path: own time by area, the simulator's share
    (its ``before-send`` handler, cumulative) and the top functions by own time."""
    with simulator():
        client.send_email(**V1_MESSAGE)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(sends):
            client.send_email(**V1_MESSAGE)
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    entries: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total: float = stats.total_tt  # type: ignore[attr-defined]
    areas: dict[str, float] = {}
    handler = 0.0
    for (filename, _, name), (_, _, own, cumulative, _) in entries.items():
        areas[_area(filename)] = areas.get(_area(filename), 0.0) + own
        if name == "before_send" and filename.endswith("botocore_door.py"):
            handler = cumulative
    out.write("own time by area: ")
    out.write(
        ", ".join(
            f"{area} {own / total:.0%}"
            for area, own in sorted(areas.items(), key=lambda item: -item[1])
        )
    )
    out.write(f"\nsimulator's before-send handler, cumulative: {handler / total:.0%} of the call\n")
    stats.sort_stats("tottime").print_stats(top)
    text = out.getvalue()
    roots = {os.path.dirname(os.__file__), str(Path(__file__).resolve().parents[1]), *sys.path}
    for prefix in sorted(roots, key=len, reverse=True):
        if prefix and len(prefix) > 1:
            text = text.replace(prefix.rstrip("/") + "/", "")
    return text


# --------------------------------------------------------------------------- main


def warm_up(clients: Clients) -> None:
    """Load every service model and code path once, outside the timings."""
    for _ in range(3):
        clients.floor_ses.send_email(**V1_MESSAGE)
        clients.floor_sesv2.send_email(**V2_MESSAGE)
        clients.call_floor_ses.send_email(**V1_MESSAGE)
        clients.call_floor_sesv2.send_email(**V2_MESSAGE)
    with simulator():
        for _ in range(3):
            clients.ses.send_email(**V1_MESSAGE)
            clients.sesv2.send_email(**V2_MESSAGE)
    with moto_ses(clients.ses):
        for _ in range(3):
            clients.ses.send_email(**V1_MESSAGE)
            clients.sesv2.send_email(**V2_MESSAGE)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="smoke mode: few iterations")
    parser.add_argument("--json", metavar="PATH", type=Path, help="write the raw numbers here")
    parser.add_argument("--rounds", type=int, help="rounds per send comparison")
    parser.add_argument("--calls", type=int, help="calls per side per round")
    parser.add_argument("--scale", type=int, nargs=2, metavar=("SMALL", "LARGE"))
    parser.add_argument("--memory-sends", type=int, help="sends for the memory measurement")
    parser.add_argument(
        "--profile", action="store_true", help="also profile the simulator's send path"
    )
    return parser.parse_args(argv)


def configure(args: argparse.Namespace) -> Config:
    config = Config.quick() if args.quick else Config.full()
    overrides: dict[str, int] = {}
    if args.rounds:
        overrides["rounds"] = args.rounds
    if args.calls:
        overrides["calls"] = args.calls
    if args.scale:
        overrides["scale_small"], overrides["scale_large"] = args.scale
    if args.memory_sends:
        overrides["memory_sends"] = args.memory_sends
    return Config(**{**asdict(config), **overrides})


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    config = configure(args)
    started = time.perf_counter()
    clients = Clients.make()
    warm_up(clients)

    sections: dict[str, float] = {}
    mark = started

    def lap(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        sections[name] = now - mark
        mark = now

    lap("setup")
    rows: list[Row] = []
    rows += bench_send(
        "v1",
        clients.ses,
        clients.floor_ses,
        clients.floor_v1,
        lambda client: client.send_email(**V1_MESSAGE),
        clients.ses,
        config,
        (clients.call_floor_ses, clients.call_floor),
    )
    lap("v1")
    rows += bench_send(
        "v2",
        clients.sesv2,
        clients.floor_sesv2,
        clients.floor_v2,
        lambda client: client.send_email(**V2_MESSAGE),
        clients.ses,
        config,
        (clients.call_floor_sesv2, clients.call_floor),
    )
    lap("v2")
    rows.append(bench_notification(clients.ses, config))
    lap("notification")
    rows.append(bench_fixture(config))
    lap("fixture")
    rows.append(bench_scaling(clients.ses, config))
    lap("scaling")
    rows.append(bench_memory(clients.ses, config))
    lap("memory")
    from bench_doors import rows as door_rows

    rows += door_rows(quick=args.quick)
    lap("doors")
    from bench_suite import rows as suite_rows

    rows += suite_rows(quick=args.quick)
    lap("suites")
    elapsed = time.perf_counter() - started

    machine = machine_summary()
    print(
        "machine: "
        + ", ".join(f"{name} {value}" for name, value in machine.items())
        + f"; mode {'quick' if args.quick else 'full'}, {elapsed:.1f} s"
    )
    print()
    print(table(rows))

    profile = profile_send(clients.ses, config.profile_sends) if args.profile else None
    if profile is not None:
        print()
        print(f"cProfile, simulator v1 send x {config.profile_sends}, by tottime:")
        print(profile)

    if args.json is not None:
        report = {
            "machine": machine,
            "config": asdict(config),
            "elapsed_s": elapsed,
            "sections_s": sections,
            "rows": [asdict(row) for row in rows],
            "profile": profile,
        }
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    # Missed targets never change the exit code (this is a report); a crash still does.
    sys.exit(main())
