"""Email address insights (GetEmailAddressInsights): SES's validation verdicts.

SES checks syntax, DNS, the mailbox, and whether the address is a role, disposable
or random. The simulator cannot look anything up, so it decides from the address:
syntax by SES's own address rules; DNS is LOW for domains that cannot receive mail
(``.invalid``, ``.test``, ``.example``, ``localhost``) and HIGH otherwise; the mailbox
is LOW where the test routed the address to a hard bounce (the mailbox simulator's
``bounce@`` included); role and disposable addresses come from short built-in lists.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import SesError
from ..mail.addresses import parse_mailbox
from ..outcomes.scripts import Bounce, Script

ROLES = frozenset(
    [
        "abuse",
        "admin",
        "administrator",
        "billing",
        "contact",
        "help",
        "hostmaster",
        "info",
        "mailer-daemon",
        "marketing",
        "no-reply",
        "noc",
        "noreply",
        "office",
        "postmaster",
        "sales",
        "security",
        "support",
        "team",
        "webmaster",
    ]
)
DISPOSABLE = frozenset(
    [
        "10minutemail.com",
        "discard.email",
        "dispostable.com",
        "getnada.com",
        "guerrillamail.com",
        "mailinator.com",
        "maildrop.cc",
        "sharklasers.com",
        "temp-mail.org",
        "tempmail.com",
        "throwawaymail.com",
        "trashmail.com",
        "yopmail.com",
    ]
)
_UNDELIVERABLE_TLDS = ("invalid", "test", "example", "localhost")
_RANDOM = re.compile(r"[bcdfghjklmnpqrstvwxz]{6,}|\d{8,}")


def _verdict(high: bool) -> dict[str, str]:
    return {"ConfidenceVerdict": "HIGH" if high else "LOW"}


def _bounces_hard(script: Script) -> bool:
    return any(
        isinstance(step, Bounce) and step.bounce_type == "Permanent" for step in script.steps
    )


def mailbox_validation(address: str, script: Script) -> dict[str, Any]:
    try:
        box = parse_mailbox(address)
    except SesError:
        box = None
    if box is None:
        evaluations = {
            key: _verdict(False)
            for key in ("HasValidSyntax", "HasValidDnsRecords", "MailboxExists")
        }
        evaluations.update(
            IsRoleAddress=_verdict(False),
            IsDisposable=_verdict(False),
            IsRandomInput=_verdict(False),
        )
        return {"IsValid": _verdict(False), "Evaluations": evaluations}
    local, domain = box.local.lower().partition("+")[0], box.domain.lower()
    dns = domain.rpartition(".")[2] not in _UNDELIVERABLE_TLDS and "." in domain
    exists = dns and not _bounces_hard(script)
    disposable = domain in DISPOSABLE
    evaluations = {
        "HasValidSyntax": _verdict(True),
        "HasValidDnsRecords": _verdict(dns),
        "MailboxExists": _verdict(exists),
        "IsRoleAddress": _verdict(local in ROLES),
        "IsDisposable": _verdict(disposable),
        "IsRandomInput": _verdict(_RANDOM.search(local) is not None),
    }
    return {"IsValid": _verdict(exists and not disposable), "Evaluations": evaluations}
