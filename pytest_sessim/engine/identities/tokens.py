"""Values SES generates for an identity, all derived from one seeded draw per identity
(so verifying identities costs the same draws as ever, and seeded runs repeat)."""

from __future__ import annotations

import base64
import hashlib


def _digest(seed: str, purpose: str) -> bytes:
    return hashlib.sha256(f"{purpose}:{seed}".encode()).digest()


def verification_token(seed: str) -> str:
    """A domain's TXT-record token: 32 bytes in base64 (44 characters), as SES's."""
    return base64.b64encode(_digest(seed, "verification")).decode()


def dkim_tokens(seed: str, generation: int = 0) -> list[str]:
    """Three Easy DKIM tokens: 32 characters of lower-case base32 each, as SES's."""
    return [
        base64.b32encode(_digest(seed, f"dkim:{generation}:{n}")[:20]).decode().lower()
        for n in range(3)
    ]


def link_signature(seed: str, number: int) -> str:
    """The ``X-Amz-Signature`` of a verification link: 64 hex digits."""
    return _digest(seed, f"link:{number}").hex()


def access_key_id(seed: str) -> str:
    """An ``AKIA...`` key id for a link's ``X-Amz-Credential``."""
    return "AKIA" + base64.b32encode(_digest(seed, "key")[:10]).decode()
