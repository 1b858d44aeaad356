"""Dedicated IP addresses and their pools.

SES provisions dedicated IPs; a test gives the account some with
``SesSim.add_dedicated_ip``. An IP that belongs to no pool of the account's own is in
SES's default pool (``ses-default-dedicated-pool``). A message leaves from one of the
IPs of its configuration set's pool, or, without one, from the default pool's IPs; an
account without dedicated IPs sends from SES's shared IPs.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import datetime

DEFAULT_POOL = "ses-default-dedicated-pool"
SCALING_MODES = ("STANDARD", "MANAGED")


@dataclass
class DedicatedIp:
    ip: str
    pool: str | None = None  # None: the default pool
    warmup_percentage: int = 100
    warmup_status: str = "DONE"

    def set_warmup(self, percentage: int) -> None:
        self.warmup_percentage = percentage
        self.warmup_status = "DONE" if percentage >= 100 else "IN_PROGRESS"


@dataclass
class DedicatedIpPool:
    name: str
    scaling_mode: str
    created: datetime


class DedicatedIps:
    def __init__(self) -> None:
        self.pools: dict[str, DedicatedIpPool] = {}
        self.ips: dict[str, DedicatedIp] = {}
        self.auto_warmup_enabled = True

    def add(self, ip: str, pool: str | None = None, warmup_percentage: int = 100) -> DedicatedIp:
        """Give the account ``ip`` (SES provisions it), in ``pool`` or the default pool."""
        if pool is not None and pool not in self.pools:
            raise ValueError(f"no dedicated IP pool {pool!r}: create it with CreateDedicatedIpPool")
        found = DedicatedIp(ip, pool)
        found.set_warmup(warmup_percentage)
        self.ips[ip] = found
        return found

    def in_pool(self, pool: str | None) -> list[DedicatedIp]:
        """The IPs of ``pool`` (None or the default pool's name: the default pool)."""
        wanted = None if pool in (None, DEFAULT_POOL) else pool
        return [ip for ip in self.ips.values() if ip.pool == wanted]

    def outgoing_ip(self, pool: str | None, message_id: str) -> str | None:
        """The dedicated IP a message leaves from, or None for SES's shared IPs; the same
        message always leaves from the same IP."""
        candidates = self.in_pool(pool)
        if not candidates:  # no dedicated IPs there (a managed pool's are SES's own)
            return None
        return candidates[zlib.crc32(message_id.encode()) % len(candidates)].ip
