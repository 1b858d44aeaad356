"""The verdicts SES reaches on a received mail: spam and virus scanning, SPF, DKIM and
DMARC. Tests choose them (``sessim.receive(..., verdicts={"spf": "FAIL"})``); left
alone each is PASS, except the virus verdict, which SES computes (the EICAR test
string anywhere in the mail gives FAIL)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from email import message_from_bytes, policy

from ..mail.scanning import EICAR

STATUSES = ("PASS", "FAIL", "GRAY", "PROCESSING_FAILED")
KINDS = ("spam", "virus", "spf", "dkim", "dmarc")
DMARC_POLICIES = ("none", "quarantine", "reject")
DISABLED = "DISABLED"  # spam and virus, for a rule that does not scan


@dataclass(frozen=True)
class Verdicts:
    spam: str = "PASS"
    virus: str = "PASS"
    spf: str = "PASS"
    dkim: str = "PASS"
    dmarc: str = "PASS"
    dmarc_policy: str = "none"  # shown only when DMARC fails

    def as_dict(self) -> dict[str, str]:
        return {kind: getattr(self, kind) for kind in KINDS}


def choose(given: Mapping[str, str] | None, raw: bytes) -> Verdicts:
    """The verdicts for a mail: the test's choices over the defaults."""
    chosen = dict(given or {})
    unknown = sorted(set(chosen) - {*KINDS, "dmarc_policy"})
    if unknown:
        raise ValueError(f"unknown verdicts {unknown}; SES reports {', '.join(KINDS)}")
    for kind in KINDS:
        if kind in chosen and chosen[kind] not in STATUSES:
            raise ValueError(
                f"the {kind} verdict must be one of {', '.join(STATUSES)}, not {chosen[kind]!r}"
            )
    if chosen.get("dmarc_policy", "none") not in DMARC_POLICIES:
        raise ValueError(f"dmarc_policy must be one of {', '.join(DMARC_POLICIES)}")
    if "virus" not in chosen:
        chosen["virus"] = "FAIL" if carries_virus(raw) else "PASS"
    return Verdicts(**chosen)


def carries_virus(raw: bytes) -> bool:
    """The EICAR test string in the mail, in any part once its transfer encoding is undone."""
    if EICAR in raw:
        return True
    for part in message_from_bytes(raw, policy=policy.compat32).walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and EICAR in payload:
            return True
    return False
