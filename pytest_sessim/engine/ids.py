"""Seeded identifiers in SES's formats, so a test's payloads repeat byte for byte."""

from __future__ import annotations

import random
import uuid
import zlib
from datetime import datetime

from . import realistic

# The first group of an SES id names the sending Region (observed in real ids).
_REGION_PREFIX = {"us-east-1": "0100", "us-west-2": "0101", "eu-west-1": "0102"}
_OTHER_REGION_PREFIX = "0108"


def seed_for(node_id: str, base: int = 0) -> int:
    """The default per-test seed: stable across runs, machines and xdist workers."""
    return (zlib.crc32(node_id.encode()) ^ (base * 0x9E3779B1)) & 0xFFFFFFFF


class IdGenerator:
    """Message ids, feedback ids, request ids and other generated values."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def ses_id(self, at: datetime, region: str) -> str:
        """``PPPP`` + 12 hex digits of Unix milliseconds + ``-`` + UUID + ``-000000``,
        where ``PPPP`` names the sending Region."""
        millis = int(at.timestamp() * 1000)
        prefix = _REGION_PREFIX.get(region, _OTHER_REGION_PREFIX)
        return f"{prefix}{millis:012x}-{self.uuid()}-000000"

    def ipv4(self) -> str:
        """A public IPv4 address from Faker (remote MTAs, source IPs, Open/Click IPs)."""
        return realistic.public_ip(self.rng)

    def user_agent(self) -> str:
        """A browser's ``User-Agent`` from Faker (Open and Click events)."""
        return realistic.user_agent(self.rng)

    def between(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)
