"""Host names the test itself serves: loopback addresses and localhost."""

from __future__ import annotations

import ipaddress


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 (bracketed or not) and localhost."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
