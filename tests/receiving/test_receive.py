"""sessim.receive: which mail the account takes, and what SES finds and writes on it."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from receiving_helpers import DOMAIN, active_rule_set, mail, rule

from pytest_sessim import ReceivedMail, SesSim

pytestmark = pytest.mark.sessim(verified=[DOMAIN], seed=11)
HEADER = {"AddHeaderAction": {"HeaderName": "X-Rule", "HeaderValue": "seen"}}
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)
NO_MAILBOX = "550 5.1.1 Requested action not taken: mailbox unavailable"


def taken(sessim: SesSim, to: str, **options: Any) -> ReceivedMail:
    return sessim.receive(mail(to), **options)


@pytest.mark.parametrize(
    ("conditions", "recipient", "accepted"),
    [
        (["support@example.com"], "support@example.com", True),
        (["support@example.com"], "Support@Example.com", True),
        (["support@example.com"], "sales@example.com", False),
        (["example.com"], "anyone@example.com", True),
        (["example.com"], "anyone@eu.example.com", False),
        ([".example.com"], "anyone@eu.example.com", True),
        ([".example.com"], "anyone@mail.eu.example.com", True),
        ([".example.com"], "anyone@example.com", False),
        ([], "anyone@example.com", True),
        ([], "anyone@eu.example.com", True),
        ([], "someone@elsewhere.example", False),
        (["elsewhere.example"], "someone@elsewhere.example", False),  # not verified
    ],
)
def test_recipient_conditions(
    sessim: SesSim, ses: Any, conditions: list[str], recipient: str, accepted: bool
) -> None:
    active_rule_set(ses, rule("take", HEADER, Recipients=conditions))

    received = taken(sessim, recipient)

    assert received.accepted is accepted
    if accepted:
        assert (received.recipients, received.rules) == ([recipient], ["take"])
        assert received.smtp_response == "250 Ok" and received.message_id is not None
    else:
        assert received.rejected == {recipient: NO_MAILBOX}
        assert (received.message_id, received.smtp_response) == (None, NO_MAILBOX)
        assert received.reason == "no recipient is taken by an enabled rule of the active rule set"


def test_only_the_active_set_runs_rules_in_order_and_disabled_rules_are_skipped(
    sessim: SesSim, ses: Any
) -> None:
    ses.create_receipt_rule_set(RuleSetName="spare")
    ses.create_receipt_rule(RuleSetName="spare", Rule=rule("spare-rule", HEADER))
    active_rule_set(
        ses,
        rule("first", HEADER),
        rule("off", HEADER, Enabled=False),
        rule("sales-only", HEADER, Recipients=["sales@example.com"]),
        rule("last", HEADER),
    )

    received = taken(sessim, "support@example.com")

    assert received.rule_set == "inbound"
    assert received.rules == ["first", "last"]
    assert [action.rule for action in received.actions] == ["first", "last"]


def test_a_rule_gets_only_the_recipients_it_matches(sessim: SesSim, ses: Any) -> None:
    active_rule_set(
        ses, rule("support", HEADER, Recipients=["support@example.com"]), rule("all", HEADER)
    )

    received = sessim.receive(
        mail("support@example.com, sales@example.com"),
        recipients=["support@example.com", "sales@example.com", "x@other.example"],
    )

    assert received.recipients == ["support@example.com", "sales@example.com"]
    assert received.rejected == {"x@other.example": NO_MAILBOX}
    by_rule = {action.rule: action for action in received.actions}
    assert set(by_rule) == {"support", "all"}
    assert received.notification is not None
    assert received.notification["receipt"]["recipients"] == received.recipients


def test_without_an_active_rule_set_nothing_is_received(sessim: SesSim, ses: Any) -> None:
    ses.create_receipt_rule_set(RuleSetName="inactive")
    ses.create_receipt_rule(RuleSetName="inactive", Rule=rule("take", HEADER))

    received = taken(sessim, "support@example.com")

    assert not received.accepted and received.reason == "no receipt rule set is active"
    assert sessim.received == [received]


def test_tls_required_refuses_mail_without_tls(sessim: SesSim, ses: Any) -> None:
    active_rule_set(ses, rule("secure", HEADER, TlsPolicy="Require"))

    plain = taken(sessim, "support@example.com", tls=False)
    secure = taken(sessim, "support@example.com", tls=True)

    assert not plain.accepted
    assert plain.rejected == {
        "support@example.com": "530 5.7.0 Must issue a STARTTLS command first"
    }
    assert secure.accepted and secure.tls


def test_ip_filters_block_and_allow_wins(sessim: SesSim, ses: Any) -> None:
    active_rule_set(ses, rule("take", HEADER))
    for name, policy, cidr in (
        ("everyone", "Block", "0.0.0.0/0"),
        ("partner", "Allow", "198.51.100.0/24"),
        ("v6-block", "Block", "2001:db8::/32"),
    ):
        ses.create_receipt_filter(
            Filter={"Name": name, "IpFilter": {"Policy": policy, "Cidr": cidr}}
        )

    blocked = taken(sessim, "support@example.com", source_ip="203.0.113.9")
    partner = taken(sessim, "support@example.com", source_ip="198.51.100.20")
    v6 = taken(sessim, "support@example.com", source_ip="2001:db8::25")

    assert not blocked.accepted
    assert blocked.smtp_response == "554 5.7.1 Access denied"
    assert blocked.reason == "203.0.113.9 is blocked by IP address filter everyone"
    assert partner.accepted and partner.source_ip == "198.51.100.20"
    assert not v6.accepted and v6.reason and "v6-block" in v6.reason


def test_regions_without_email_receiving_have_no_endpoint(sessim: SesSim) -> None:
    received = sessim.receive(mail("support@example.com"), region="eu-south-1")

    assert not received.accepted and received.smtp_response is None
    assert received.reason == (
        "eu-south-1 has no email receiving endpoint (inbound-smtp.eu-south-1.amazonaws.com)"
    )


def test_defaults_come_from_the_headers(sessim: SesSim, ses: Any) -> None:
    active_rule_set(ses, rule("take", HEADER))
    message = mail("Support <support@example.com>", Cc="sales@example.com")

    from_header = sessim.receive(message)
    del message["Cc"]
    message["Return-Path"] = "<bounces@customer.example>"
    return_path = sessim.receive(message.as_bytes())

    assert from_header.recipients == ["support@example.com", "sales@example.com"]
    assert from_header.sender == "jane@customer.example"
    assert return_path.sender == "bounces@customer.example"
    assert sessim.receive(message.as_string(), recipients="sales@example.com").recipients == [
        "sales@example.com"
    ]


def test_verdicts_default_to_pass_and_eicar_fails_the_virus_scan(sessim: SesSim, ses: Any) -> None:
    active_rule_set(ses, rule("scan", HEADER, ScanEnabled=True))
    eicar = r"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    infected = mail("support@example.com")
    infected.add_attachment(
        eicar.encode(), maintype="application", subtype="octet-stream", filename="eicar.com"
    )

    clean = taken(sessim, "support@example.com")
    virus = sessim.receive(infected)
    chosen = taken(
        sessim,
        "support@example.com",
        verdicts={"spam": "FAIL", "spf": "GRAY"},
        source_ip="198.51.100.7",
    )

    everything = dict.fromkeys(("spam", "virus", "spf", "dkim", "dmarc"), "PASS")
    assert clean.verdicts == everything
    assert virus.verdicts == {**everything, "virus": "FAIL"}
    assert virus.header("X-SES-Virus-Verdict") == "FAIL"
    assert chosen.verdicts == {**everything, "spam": "FAIL", "spf": "GRAY"}
    assert chosen.header("X-SES-Spam-Verdict") == "FAIL"
    assert (chosen.header("Received-SPF") or "").startswith("none (spfCheck: 198.51.100.")


def test_bad_verdicts_are_a_clear_error(sessim: SesSim) -> None:
    with pytest.raises(ValueError, match="the spam verdict must be one of PASS, FAIL, GRAY, "):
        sessim.receive(mail(), verdicts={"spam": "yes"})
    with pytest.raises(ValueError, match=r"unknown verdicts \['dns'\]"):
        sessim.receive(mail(), verdicts={"dns": "PASS"})


def test_a_rule_without_scanning_reports_disabled_and_writes_no_verdict_headers(
    sessim: SesSim, ses: Any
) -> None:
    active_rule_set(ses, rule("plain", HEADER))

    received = taken(
        sessim, "support@example.com", verdicts={"dmarc": "FAIL", "dmarc_policy": "reject"}
    )

    assert received.header("X-SES-Spam-Verdict") is None
    assert received.header("Authentication-Results") is not None
    assert "dmarc=fail header.from=customer.example;" in (
        received.header("Authentication-Results") or ""
    )
    assert received.notification is not None
    receipt = received.notification["receipt"]
    assert receipt["dmarcVerdict"] == {"status": "FAIL"} and receipt["dmarcPolicy"] == "reject"


def test_ses_headers_come_first_and_added_headers_last(sessim: SesSim, ses: Any) -> None:
    active_rule_set(ses, rule("scan", HEADER, ScanEnabled=True))

    received = taken(sessim, "support@example.com", source_ip="198.51.100.7")

    assert received.notification is not None
    names = [item["name"] for item in received.notification["mail"]["headers"]]
    assert names[:8] == [
        "Return-Path",
        "Received",
        "X-SES-Spam-Verdict",
        "X-SES-Virus-Verdict",
        "Received-SPF",
        "Authentication-Results",
        "X-SES-RECEIPT",
        "X-SES-DKIM-SIGNATURE",
    ]
    assert names[-1] == "X-Rule"
    text = received.raw.decode()
    assert text.startswith(
        "Return-Path: <jane@customer.example>\r\nReceived: from mail.customer.example"
    )
    assert f"with SMTP id {received.message_id}\r\n for support@example.com;\r\n" in text
    assert "X-Rule: seen\r\n\r\nHello, my order has not arrived." in text
    assert received.header("X-Rule") == "seen"


def test_the_same_seed_gives_the_same_mail(ses: Any) -> None:
    def run() -> ReceivedMail:
        with SesSim(verified=[DOMAIN], seed=4, now=NOW) as sim:
            active_rule_set(ses, rule("take", HEADER))
            return sim.receive(mail())

    first, second = run(), run()
    assert len(first.message_id or "") == 40
    assert (first.message_id, first.raw, first.notification) == (
        second.message_id,
        second.raw,
        second.notification,
    )
