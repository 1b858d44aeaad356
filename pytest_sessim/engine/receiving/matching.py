"""Which mail the account takes: IP address filters, then the recipients the active rule
set accepts (SES's order, "Email-receiving process" in its developer guide).

- IP filters: an allow filter wins over block filters (the guide's recipe blocks
  0.0.0.0/0 and allows trusted addresses); a blocked address is refused at once.
- A recipient is accepted when its domain is (or is under) a verified domain identity
  and an enabled rule of the active rule set matches it: an address condition matches
  that address, a domain condition that domain, a condition with a leading dot every
  subdomain of it; a rule without conditions matches every recipient on the account's
  verified domains. Other recipients are refused at RCPT TO.
- A rule with ``TlsPolicy: Require`` refuses its recipients when the mail did not come
  over TLS.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from typing import Any

from ..account.receiving import ReceiptFilter, ReceivingState
from ..account.state import Account

BLOCKED = "554 5.7.1 Access denied"
NO_MAILBOX = "550 5.1.1 Requested action not taken: mailbox unavailable"
TLS_REQUIRED = "530 5.7.0 Must issue a STARTTLS command first"


def blocking_filter(state: ReceivingState, ip: str) -> ReceiptFilter | None:
    """The block filter that refuses ``ip``, unless an allow filter lets it through."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return None
    blocking: ReceiptFilter | None = None
    for item in state.filters.values():
        try:
            network = ipaddress.ip_network(item.cidr, strict=False)
        except ValueError:
            continue
        if address.version != network.version or address not in network:
            continue
        if item.policy == "Allow":
            return None
        blocking = blocking or item
    return blocking


def _domain(address: str) -> str:
    return address.rpartition("@")[2].lower().rstrip(".")


def on_verified_domain(account: Account, address: str) -> bool:
    domain = _domain(address)
    while domain:
        identity = account.identities.get(domain)
        if identity is not None and identity.kind == "Domain" and identity.verified:
            return True
        domain = domain.partition(".")[2]
    return False


def condition_matches(condition: str, address: str) -> bool:
    wanted = condition.strip().lower()
    if "@" in wanted:
        return wanted == address.strip().lower()
    domain = _domain(address)
    if wanted.startswith("."):
        return domain.endswith(wanted) and len(domain) > len(wanted)
    return domain == wanted


def rule_matches(rule: Mapping[str, Any], address: str) -> bool:
    conditions = rule.get("Recipients") or ()
    return not conditions or any(condition_matches(item, address) for item in conditions)


def enabled_rules(state: ReceivingState) -> list[dict[str, Any]]:
    active = state.active_set
    return [] if active is None else [rule for rule in active.rules if rule.get("Enabled")]


def decide_recipients(
    account: Account, recipients: Sequence[str], tls: bool
) -> tuple[list[str], dict[str, str]]:
    """(the recipients SES accepts, the refused ones with SES's reply to RCPT TO)."""
    rules = enabled_rules(account.receiving)
    accepted: list[str] = []
    refused: dict[str, str] = {}
    for address in recipients:
        matching = [rule for rule in rules if rule_matches(rule, address)]
        if not matching or not on_verified_domain(account, address):
            refused[address] = NO_MAILBOX
        elif not tls and any(rule.get("TlsPolicy") == "Require" for rule in matching):
            refused[address] = TLS_REQUIRED
        else:
            accepted.append(address)
    return accepted, refused
