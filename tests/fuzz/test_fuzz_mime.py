"""Random MIME through every raw door: v1 SendRawEmail, v2 SendEmail Raw and SMTP.

Messages are well and badly formed (8-bit header bytes, bare CR or LF, broken parts,
unknown charsets, duplicate headers, the configuration-set and tags headers). Each is
accepted or refused with SES's answer, its refusal recorded; what is accepted goes
through every delivery the account has set up (SNS topics, event destinations,
identity notifications with headers) and every view of the record can be written.
"""

from __future__ import annotations

import json
import logging
import smtplib
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fuzz_budget import FuzzBudget
from hypothesis import strategies as st
from ses_strategies import (
    CONFIGURATION_SET,
    SENDER,
    VERIFIED_DOMAIN,
    addresses,
    mime_messages,
)
from wire_checks import Wire, prepare_account

from pytest_sessim import SesSim
from pytest_sessim.doors.smtp import SmtpServer
from pytest_sessim.dumps import write_dump
from pytest_sessim.plugin import failure_report
from pytest_sessim.report import message_views, render_messages

CI_EXAMPLES = 150  # per door

destinations = st.lists(addresses(), max_size=3)


@pytest.fixture(scope="module")
def wire() -> Iterator[Wire]:
    with SesSim(verified=[VERIFIED_DOMAIN], now="2026-01-02T03:04:05Z", seed=12) as sim:
        wire = Wire(sim)
        prepare_account(wire)
        yield wire
        check_views(sim)


def check_views(sim: SesSim) -> None:
    """Every view of what was recorded can be written (each encodes its text)."""
    with tempfile.TemporaryDirectory() as folder:
        write_dump(sim, Path(folder) / "dump")
    views = message_views(sim.outbox, sim.events, sim.notifications, sim.feedback_emails)
    render_messages(views, region=sim.region).encode("utf-8")
    failure_report(sim).encode("utf-8")
    json.dumps([event.record for event in sim.events]).encode("utf-8")


@st.composite
def v1_raw(draw: st.DrawFn) -> dict[str, Any]:
    params: dict[str, Any] = {"RawMessage": {"Data": draw(mime_messages())}}
    if draw(st.booleans()):
        params["Destinations"] = draw(destinations)
    if draw(st.integers(0, 3)) == 3:
        params["ConfigurationSetName"] = CONFIGURATION_SET
    return params


@st.composite
def v2_raw(draw: st.DrawFn) -> dict[str, Any]:
    params: dict[str, Any] = {"Content": {"Raw": {"Data": draw(mime_messages())}}}
    if draw(st.booleans()):
        params["Destination"] = {"ToAddresses": draw(destinations)}
    if draw(st.booleans()):
        params["FromEmailAddress"] = SENDER
    return params


def test_v1_send_raw_email(wire: Wire, fuzz_budget: FuzzBudget) -> None:
    @fuzz_budget.given(v1_raw(), examples=CI_EXAMPLES)
    def check(params: dict[str, Any]) -> None:
        wire.call("ses", "SendRawEmail", params)

    check()
    check_views(wire.sim)


def test_v2_send_email_raw(wire: Wire, fuzz_budget: FuzzBudget) -> None:
    @fuzz_budget.given(v2_raw(), examples=CI_EXAMPLES)
    def check(params: dict[str, Any]) -> None:
        wire.call("sesv2", "SendEmail", params)

    check()
    check_views(wire.sim)


class _Failures(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


# what the SMTP door may answer (451 is its own failure, "500 Error: (...)" aiosmtpd's)
# (503 when smtplib sends DATA after every recipient was refused: it counts a refused
# address given twice once)
SES_SMTP_CODES = {250, 454, 500, 501, 503, 552, 553, 554}
envelope_addresses = st.one_of(
    st.sampled_from([SENDER, "success@simulator.amazonses.com", "bounce@simulator.amazonses.com"]),
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=20),
)


@pytest.fixture(scope="module")
def smtp(wire: Wire) -> Iterator[tuple[SmtpServer, smtplib.SMTP]]:
    failures = _Failures()
    logger = logging.getLogger("pytest_sessim.doors.smtp")
    logger.addHandler(failures)
    try:
        with SmtpServer(wire.sim, plaintext_auth=True) as server:
            client = smtplib.SMTP(server.host, server.port, timeout=30)
            client.login(server.username, server.password)
            yield server, client
            client.quit()
    finally:
        logger.removeHandler(failures)
    assert not failures.records, [record.getMessage() for record in failures.records]


def test_smtp_data(
    wire: Wire, smtp: tuple[SmtpServer, smtplib.SMTP], fuzz_budget: FuzzBudget
) -> None:
    _, client = smtp
    sim = wire.sim

    @fuzz_budget.given(
        st.tuples(
            envelope_addresses,
            st.lists(envelope_addresses, min_size=1, max_size=3),
            mime_messages(),
        ),
        examples=CI_EXAMPLES,
    )
    def check(message: tuple[str, list[str], bytes]) -> None:
        mail_from, rcpt_to, data = message
        client.rset()  # each example starts a transaction of its own
        before = len(sim.refused)
        try:
            client.sendmail(mail_from, rcpt_to, data)
            code, text = 250, b""
        except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
            code, text = error.smtp_code, error.smtp_error
        except smtplib.SMTPRecipientsRefused as error:
            code, text = next(iter(error.recipients.values()))
            client.rset()
        assert not text.startswith(b"Error: ("), text
        if code != 250:
            assert sim.refused[before:], f"answered {code} {text!r}, nothing in refused"
        assert code in SES_SMTP_CODES, (code, message)

    check()
    check_views(sim)
