"""Insights in the engine on its own: no fixtures (GetEmailAddressInsights is newer than
the botocore the tests may run with, so it is asked of the engine directly)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pytest_sessim import hard_bounce
from pytest_sessim.engine.errors import SesError
from pytest_sessim.engine.insights.exports import _like
from pytest_sessim.engine.insights.isp import isp_of
from pytest_sessim.engine.insights.vdm import days
from pytest_sessim.engine.service import Engine, Settings

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def verdicts(sim: Engine, address: str) -> dict[str, str]:
    found = sim.handle("sesv2", "GetEmailAddressInsights", {"EmailAddress": address})
    validation = found["MailboxValidation"]
    shown = {key: value["ConfidenceVerdict"] for key, value in validation["Evaluations"].items()}
    return {"IsValid": validation["IsValid"]["ConfidenceVerdict"], **shown}


def test_email_address_insights() -> None:
    sim = Engine(Settings(seed=1, now=NOW))
    sim.router.add("gone@example.org", hard_bounce("NoEmail"))
    assert verdicts(sim, "jo@example.org") == {
        "IsValid": "HIGH",
        "HasValidSyntax": "HIGH",
        "HasValidDnsRecords": "HIGH",
        "MailboxExists": "HIGH",
        "IsRoleAddress": "LOW",
        "IsDisposable": "LOW",
        "IsRandomInput": "LOW",
    }
    assert verdicts(sim, "gone@example.org")["MailboxExists"] == "LOW"
    assert verdicts(sim, "bounce@simulator.amazonses.com")["IsValid"] == "LOW"
    assert verdicts(sim, "support@example.org")["IsRoleAddress"] == "HIGH"
    assert verdicts(sim, "x@mailinator.com")["IsDisposable"] == "HIGH"
    assert verdicts(sim, "qwrtzpsdf@example.org")["IsRandomInput"] == "HIGH"
    assert verdicts(sim, "jo@shop.invalid")["HasValidDnsRecords"] == "LOW"
    assert set(verdicts(sim, "not an address").values()) == {"LOW"}
    try:
        sim.handle("sesv2", "GetEmailAddressInsights", {"EmailAddress": " "})
    except SesError as refused:
        assert refused.message == "EmailAddress can't be blank."
    else:
        raise AssertionError("a blank address is refused")


def test_isps_by_domain() -> None:
    assert [isp_of(a) for a in ("a@gmail.com", "a@yahoo.co.uk", "a@outlook.fr", "a@me.com")] == [
        "Gmail",
        "Yahoo",
        "Hotmail",
        "iCloud",
    ]
    assert isp_of("a@example.com") == "Other"


def test_partial_matches() -> None:
    assert _like("Sale today", "Sale*") and not _like("Big Sale", "Sale*")
    assert _like("Big Sale", "*Sale") and _like("a Sale b", "*Sale*")
    assert _like("5*", "5\\*") and not _like("55", "5\\*")
    assert _like("exact", "exact") and not _like("exactly", "exact")


def test_daily_points_cover_the_range() -> None:
    day = datetime(2026, 1, 2, tzinfo=timezone.utc)
    assert days(NOW, NOW + timedelta(hours=1)) == [day]
    assert days(day, day + timedelta(days=2)) == [day, day + timedelta(days=1)]
    assert days(day, day + timedelta(days=2, seconds=1))[-1] == day + timedelta(days=2)
