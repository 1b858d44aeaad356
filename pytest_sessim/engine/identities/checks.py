"""Request checks SES makes before looking at anything: enums, lengths, list sizes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import ErrorKind, SesError, invalid_parameter

MAX_IDENTITIES_PER_LOOKUP = 100


def enum(value: Any, allowed: Sequence[str], member: str) -> str:
    """``value`` if it is one of ``allowed``, else AWS's validation error."""
    if value not in allowed:
        choices = ", ".join(sorted(allowed))
        raise SesError(
            ErrorKind.VALIDATION,
            f"1 validation error detected: Value '{value}' at '{member}' failed to satisfy "
            f"constraint: Member must satisfy enum value set: [{choices}]",
        )
    return str(value)


def max_length(value: str, limit: int, member: str) -> str:
    if len(value) > limit:
        raise SesError(
            ErrorKind.VALIDATION,
            f"1 validation error detected: Value '{value}' at '{member}' failed to satisfy "
            f"constraint: Member must have length less than or equal to {limit}",
        )
    return value


def identity_list(names: Sequence[str]) -> Sequence[str]:
    """Identities asked about at once: at most 100."""
    if len(names) > MAX_IDENTITIES_PER_LOOKUP:
        raise invalid_parameter(
            f"Too many identities: {len(names)}. At most {MAX_IDENTITIES_PER_LOOKUP} can be "
            "requested at a time."
        )
    return names
