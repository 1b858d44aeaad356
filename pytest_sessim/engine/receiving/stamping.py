"""The headers SES puts on top of a mail it receives, in SES's order and wording (as in
received notifications and stored mail): Return-Path, Received, the scanning verdicts
(when the rule scans), Received-SPF, Authentication-Results, X-SES-RECEIPT and
X-SES-DKIM-SIGNATURE. The last two carry opaque values; the simulator's are random
(seeded), with a real body hash."""

from __future__ import annotations

import base64
import hashlib
from email.utils import format_datetime
from typing import TYPE_CHECKING

from .message import Arrival, Header, addresses
from .regions import inbound_host

if TYPE_CHECKING:
    from ..ids import IdGenerator

SPF_RESULTS = {"PASS": "pass", "FAIL": "fail", "GRAY": "none", "PROCESSING_FAILED": "permerror"}
DKIM_RESULTS = {"PASS": "pass", "FAIL": "fail", "PROCESSING_FAILED": "temperror"}  # GRAY: none
DMARC_RESULTS = {"PASS": "pass", "FAIL": "fail", "GRAY": "none", "PROCESSING_FAILED": "temperror"}
SIGNED_HEADERS = "From:To:Cc:Bcc:Subject:Date:Message-ID:MIME-Version:Content-Type:X-SES-RECEIPT"
# SES's signing selectors seen in received mail; other Regions get one of their own
SELECTORS = {
    "us-east-1": "ug7nbtf4gccmlpwj322ax3p6ow6yfsug",
    "eu-west-1": "ihchhvubuqgjsxyuhssfvqohv7z3u4hn",
}


def _domain(address: str) -> str:
    return address.rpartition("@")[2].lower()


def selector(region: str) -> str:
    if region in SELECTORS:
        return SELECTORS[region]
    digest = hashlib.sha256(region.encode()).digest()
    return base64.b32encode(digest).decode("ascii").lower()[:32]


def _spf_reason(result: str, domain: str, ip: str) -> str:
    if result == "pass":
        return f"spfCheck: domain of {domain} designates {ip} as permitted sender"
    if result == "fail":
        return f"spfCheck: domain of {domain} does not designate {ip} as permitted sender"
    if result == "none":
        return f"spfCheck: {ip} is neither permitted nor denied by domain of {domain}"
    return "spfCheck: Error in processing SPF Record"


def stamp(arrival: Arrival, ids: IdGenerator, scanned: bool) -> list[Header]:
    """SES's headers for ``arrival``: (name, value on one line, the header as written)."""
    verdicts = arrival.verdicts
    ip, helo, sender = arrival.source_ip, arrival.helo, arrival.sender
    stamped: list[Header] = []

    def add(name: str, *lines: str) -> None:
        stamped.append((name, " ".join(lines), f"{name}: " + "\r\n ".join(lines)))

    add("Return-Path", f"<{sender}>")
    date = format_datetime(arrival.timestamp.replace(microsecond=0))
    add(
        "Received",
        f"from {helo} ({helo} [{ip}])",
        f"by {inbound_host(arrival.region)} with SMTP id {arrival.message_id}",
        f"for {arrival.recipients[0] if arrival.recipients else ''};",
        f"{date} (UTC)",
    )
    if scanned:
        add("X-SES-Spam-Verdict", verdicts.spam)
        add("X-SES-Virus-Verdict", verdicts.virus)
    spf = SPF_RESULTS[verdicts.spf]
    spf_domain = _domain(sender) if sender else helo
    spf_text = (
        f"{spf} ({_spf_reason(spf, spf_domain, ip)}) client-ip={ip}; "
        f"envelope-from={sender}; helo={helo};"
    )
    add("Received-SPF", spf_text)
    from_domain = next(iter(addresses(arrival.headers(), "From")), "").rpartition("@")[2]
    results = ["amazonses.com;", f"spf={spf_text}"]
    if verdicts.dkim in DKIM_RESULTS:
        results.append(f"dkim={DKIM_RESULTS[verdicts.dkim]} header.i=@{from_domain};")
    results.append(f"dmarc={DMARC_RESULTS[verdicts.dmarc]} header.from={from_domain};")
    add("Authentication-Results", *results)
    receipt = base64.b64encode(ids.rng.randbytes(216)).decode("ascii")
    add("X-SES-RECEIPT", "AEFBQUFBQUFBQUF" + receipt)
    body_hash = base64.b64encode(hashlib.sha256(arrival.body).digest()).decode("ascii")
    signature = base64.b64encode(ids.rng.randbytes(128)).decode("ascii")
    add(
        "X-SES-DKIM-SIGNATURE",
        f"a=rsa-sha256; q=dns/txt; b={signature}; c=relaxed/simple;"
        f" s={selector(arrival.region)}; d=amazonses.com;"
        f" t={int(arrival.timestamp.timestamp())}; v=1; bh={body_hash}; h={SIGNED_HEADERS};",
    )
    return stamped
