"""The simulator clock: frozen time, now=, advance, and the timestamps it stamps."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import time_machine
from freezegun import freeze_time

from pytest_sessim import Outcome, SesSim

FROZEN = datetime(2025, 3, 4, 5, 6, 7, 890000, tzinfo=timezone.utc)
MAIL = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}


def send(ses: Any) -> str:
    reply = ses.send_email(
        Source="a@example.com",
        Destination={"ToAddresses": [Outcome.SUCCESS.address]},
        Message=MAIL,
    )
    message_id: str = reply["MessageId"]
    return message_id


@pytest.mark.parametrize(
    "freezer", [time_machine.travel, freeze_time], ids=["time-machine", "freezegun"]
)
def test_frozen_time_starts_the_simulator_clock(freezer: Any, ses: Any) -> None:
    with freezer(FROZEN), SesSim(verified=["example.com"], moto=False) as sim:
        message_id = send(ses)
    assert sim.clock.now() == FROZEN
    assert sim.events[0].record["mail"]["timestamp"] == "2025-03-04T05:06:07.890Z"
    assert message_id.startswith(f"0100{int(FROZEN.timestamp() * 1000):012x}-")


def test_now_and_advance(ses: Any) -> None:
    with SesSim(verified=["example.com"], moto=False, now=FROZEN) as sim:
        sim.clock.advance(timedelta(hours=1))
        sim.clock.advance(30)
        send(ses)
    assert sim.outbox[0].timestamp == FROZEN + timedelta(hours=1, seconds=30)
    with pytest.raises(ValueError, match="only moves forward"):
        sim.clock.advance(-1)
