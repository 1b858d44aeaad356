"""Faker-drawn values in the payloads: realistic, the same for the same seed, other for another."""

from __future__ import annotations

import ipaddress
import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pytest_sessim import clicked, delivered, opened
from pytest_sessim.engine import realistic
from pytest_sessim.engine.outcomes.scripts import Outcome
from pytest_sessim.engine.service import Engine, Settings

NOW = datetime(2026, 3, 4, 5, 6, 7, tzinfo=timezone.utc)
TO = [
    Outcome.SUCCESS.address,
    Outcome.BOUNCE.address,
    Outcome.COMPLAINT.address,
    "reader@engaged.example",
]


def payloads(seed: int, region: str = "us-east-1") -> list[dict[str, Any]]:
    """Every record and notification of one send to each kind of recipient."""
    engine = Engine(Settings(seed=seed, now=NOW, region=region, verified=("example.com",)))
    engine.router.add("*@engaged.example", delivered() + opened() + clicked("https://x.example/"))
    engine.handle(
        "ses",
        "SendEmail",
        {
            "Source": "shop@example.com",
            "Destination": {"ToAddresses": TO},
            "Message": {"Subject": {"Data": "Hi"}, "Body": {"Html": {"Data": "<p>Hi</p>"}}},
        },
    )
    found: list[dict[str, Any]] = []
    for event in engine.events:
        found.append(event.record)
        if event.notification is not None:
            found.append(event.notification)
    return found


def of_type(found: list[dict[str, Any]], event_type: str) -> dict[str, Any]:
    return next(p for p in found if p.get("eventType") == event_type)


def test_the_same_seed_gives_identical_payloads() -> None:
    assert json.dumps(payloads(11)) == json.dumps(payloads(11))


def test_another_seed_gives_other_faker_drawn_values() -> None:
    first, other = payloads(11), payloads(12)
    assert (
        of_type(first, "Delivery")["delivery"]["remoteMtaIp"]
        != (of_type(other, "Delivery")["delivery"]["remoteMtaIp"])
    )
    drawn = [
        (of_type(found, "Bounce")["bounce"]["remoteMtaIp"], of_type(found, "Open")["open"])
        for found in (first, other)
    ]
    assert drawn[0] != drawn[1]


def test_ips_are_public_and_come_from_faker() -> None:
    found = payloads(3)
    notification = next(p for p in found if p.get("notificationType") == "Delivery")
    ips = [
        of_type(found, "Delivery")["delivery"]["remoteMtaIp"],
        of_type(found, "Bounce")["bounce"]["remoteMtaIp"],
        of_type(found, "Open")["open"]["ipAddress"],
        of_type(found, "Click")["click"]["ipAddress"],
        notification["mail"]["sourceIp"],
        of_type(found, "Send")["mail"]["tags"]["ses:source-ip"][0],
    ]
    for ip in ips:
        assert ipaddress.ip_address(ip).is_global, ip
        assert ip in realistic._public_ips()


def test_open_and_click_user_agents_are_browsers_from_faker() -> None:
    found = payloads(5)
    for event_type, key in (("Open", "open"), ("Click", "click")):
        agent = of_type(found, event_type)[key]["userAgent"]
        assert agent.startswith("Mozilla/5.0 (") and agent in realistic._user_agents()


def test_an_explicit_user_agent_or_ip_wins() -> None:
    engine = Engine(Settings(seed=1, now=NOW, verified=("example.com",)))
    engine.router.add("*", opened(user_agent="Mail/1.0", ip_address="198.51.100.7"))
    engine.handle(
        "ses",
        "SendEmail",
        {
            "Source": "shop@example.com",
            "Destination": {"ToAddresses": ["a@b.example"]},
            "Message": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
        },
    )
    detail = engine.events[-1].detail
    assert (detail["userAgent"], detail["ipAddress"]) == ("Mail/1.0", "198.51.100.7")


def test_the_outgoing_ip_is_the_reporting_mtas() -> None:
    for region, prefix in (("us-east-1", "54.240.48."), ("eu-west-1", "54.240.7.")):
        delivery = of_type(payloads(9, region), "Delivery")
        host = delivery["delivery"]["reportingMTA"]
        (outgoing,) = delivery["mail"]["tags"]["ses:outgoing-ip"]
        assert outgoing.startswith(prefix)
        assert host.split(".")[0].split("-")[1] == outgoing.rsplit(".", 1)[1]


PRINT_PAYLOADS = """
import json, sys
sys.path.insert(0, {tests!r})
from test_realistic_values import payloads
print(json.dumps(payloads(21)))
"""


def test_payloads_repeat_across_processes() -> None:
    """Every process (every xdist worker) fills the same Faker pools."""
    script = PRINT_PAYLOADS.format(tests=str(Path(__file__).parent))
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        ).stdout
        for hash_seed in ("1", "2")
    ]
    assert runs[0] == runs[1] == json.dumps(payloads(21)) + "\n"
