"""Realistic variable values drawn from Faker: public IPv4 addresses and browser user agents.

They fill the payload fields whose exact values no test can predict but every reader
sees: remote MTA IPs, the caller's source IP, the IPs and user agents of Open and
Click events. Faker takes 20 to 30 microseconds per value and a send needs several,
so Faker fills one pool per kind, once per process, on first use, from a fixed seed
(so every process, xdist worker included, holds the same pools); each simulator then
picks from the pools with its own seeded generator, about a third of a microsecond a
pick. Same seed, same picks; another seed, other picks.

Faker is pure computation (no I/O); it is imported on the first pick, never when the
engine is imported.
"""

from __future__ import annotations

import random
from functools import cache

POOL_SEED = 0x5E5
PUBLIC_IPS = 256
USER_AGENTS = 64


@cache
def _public_ips() -> tuple[str, ...]:
    from faker import Generator
    from faker.providers.internet import Provider as Internet

    internet = Internet(Generator().seed_instance(POOL_SEED))
    found: dict[str, None] = {}
    while len(found) < PUBLIC_IPS:
        found[internet.ipv4_public()] = None
    return tuple(found)


@cache
def _user_agents() -> tuple[str, ...]:
    from faker import Generator
    from faker.providers.user_agent import Provider as UserAgent

    generator = Generator().seed_instance(POOL_SEED)
    agents = UserAgent(generator)
    generator.add_provider(agents)  # Safari asks the generator for a locale
    found: dict[str, None] = {}
    while len(found) < USER_AGENTS:
        # Chrome of recent major versions (desktop, iOS) and Safari (Mac, iPhone, iPod)
        agent = agents.safari() if len(found) % 2 else agents.chrome(100, 131, 4000, 6999)
        found[agent] = None
    return tuple(found)


def public_ip(rng: random.Random) -> str:
    """A public IPv4 address (never private, loopback, multicast or reserved)."""
    pool = _public_ips()
    return pool[rng.randrange(len(pool))]


def user_agent(rng: random.Random) -> str:
    """A browser's ``User-Agent``, as an Open or Click event records it."""
    pool = _user_agents()
    return pool[rng.randrange(len(pool))]
