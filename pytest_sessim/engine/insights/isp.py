"""Which mailbox provider (ISP) hosts an address, as SES's metrics name them.

SES knows providers from their mail servers; the simulator knows them from the
address's domain: the big consumer providers by name, everything else ``Other``.
"""

from __future__ import annotations

OTHER = "Other"
_EXACT = {
    "gmail.com": "Gmail",
    "googlemail.com": "Gmail",
    "ymail.com": "Yahoo",
    "rocketmail.com": "Yahoo",
    "msn.com": "Hotmail",
    "aol.com": "AOL",
    "icloud.com": "iCloud",
    "me.com": "iCloud",
    "mac.com": "iCloud",
    "comcast.net": "Comcast",
}
# a domain whose first label is one of these, in any country (yahoo.co.uk, hotmail.fr...)
_FIRST_LABEL = {"yahoo": "Yahoo", "hotmail": "Hotmail", "outlook": "Hotmail", "live": "Hotmail"}
# providers that send SES complaints through a feedback loop (Gmail does not)
FEEDBACK_LOOP = frozenset({"Yahoo", "Hotmail", "AOL", "Comcast"})


def isp_of(address: str) -> str:
    domain = address.rpartition("@")[2].strip().strip(">").lower()
    found = _EXACT.get(domain)
    if found is not None:
        return found
    return _FIRST_LABEL.get(domain.partition(".")[0], OTHER) if "." in domain else OTHER
