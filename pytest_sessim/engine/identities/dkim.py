"""DKIM of an identity: Easy DKIM (SES's keys, three CNAME tokens), BYODKIM (the
customer's key and selector) and Easy DKIM replicated from another Region (DEED), with
the views the v1 and v2 APIs give of it, which always agree."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..account.identities import (
    BYODKIM,
    DOMAIN,
    EASY_DKIM,
    NOT_STARTED,
    PENDING,
    RSA_2048,
    SUCCESS,
    Identity,
    dkim_source,
    v2_status,
)
from ..errors import ErrorKind, SesError
from .rsa_keys import InvalidKey, rsa_key_bits
from .tokens import dkim_tokens

if TYPE_CHECKING:
    from ..service import Engine

SIGNING_HOSTED_ZONE = "dkim.amazonses.com"
REPLICA_PREFIX = "AWS_SES_"
_SELECTOR = re.compile(r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])\Z")
_PRIVATE_KEY = re.compile(r"[a-zA-Z0-9+/]+={0,2}\Z")
MIN_KEY_BITS, MAX_KEY_BITS = 1024, 2048


def bad_request(message: str) -> SesError:
    return SesError(ErrorKind.INVALID_PARAMETER, message)


def start_easy_dkim(
    identity: Identity, now: datetime, key_length: str = RSA_2048, origin: str = EASY_DKIM
) -> None:
    """Generate Easy DKIM tokens; SES looks for their CNAME records (Pending)."""
    dkim = identity.dkim
    generation = identity.dkim_generations = identity.dkim_generations + 1
    dkim.tokens = dkim_tokens(identity.seed, generation)
    dkim.origin = origin
    dkim.status = PENDING
    dkim.current_key_length = dkim.next_key_length = key_length
    dkim.last_key_generation = now


def use_external_key(identity: Identity, attributes: Mapping[str, Any]) -> None:
    """BYODKIM: the customer's selector and private key (RSA, 1024 to 2048 bits)."""
    selector = attributes.get("DomainSigningSelector")
    key = attributes.get("DomainSigningPrivateKey")
    if not selector or not key:
        raise bad_request(
            "DomainSigningSelector and DomainSigningPrivateKey are required for EXTERNAL."
        )
    if len(selector) > 63 or not _SELECTOR.match(selector):
        raise bad_request(f"Invalid DKIM selector: {selector}.")
    if len(key) > 20480 or not _PRIVATE_KEY.match(key):
        raise bad_request("Invalid DKIM private key.")
    try:
        bits = rsa_key_bits(key)
    except InvalidKey:
        raise bad_request("Invalid DKIM private key.") from None
    if not MIN_KEY_BITS <= bits <= MAX_KEY_BITS:
        raise bad_request(
            f"The DKIM private key must be {MIN_KEY_BITS} to {MAX_KEY_BITS} bits long."
        )
    dkim = identity.dkim
    dkim.origin = BYODKIM
    dkim.tokens = [selector]
    dkim.status = PENDING
    dkim.current_key_length = dkim.next_key_length = None
    dkim.last_key_generation = None


def replica_region(origin: str) -> str | None:
    """``AWS_SES_EU_WEST_1`` -> ``eu-west-1``; None for AWS_SES and EXTERNAL."""
    if not origin.startswith(REPLICA_PREFIX):
        return None
    return origin.removeprefix(REPLICA_PREFIX).lower().replace("_", "-")


def replicate(engine: Engine, identity: Identity, origin: str) -> None:
    """Deterministic Easy DKIM: copy the parent identity's signing attributes from the
    Region ``origin`` names; the parent must exist there and use Easy DKIM."""
    region = replica_region(origin) or ""
    if region == engine.account.region:
        raise bad_request(f"Cannot replicate DKIM from the same Region: {region}.")
    parent = engine.account_in(region).identities.get(identity.name.lower())
    if parent is None or parent.dkim.origin != EASY_DKIM:
        raise bad_request(
            f"The parent identity {identity.name} does not exist in {region} "
            "or does not use Easy DKIM."
        )
    dkim, source = identity.dkim, parent.dkim
    dkim.origin = origin
    dkim.tokens = list(source.tokens)
    dkim.status = source.status
    dkim.current_key_length = source.current_key_length
    dkim.next_key_length = source.next_key_length
    dkim.last_key_generation = source.last_key_generation


def configure(
    engine: Engine, identity: Identity, origin: str, attributes: Mapping[str, Any]
) -> None:
    """Set DKIM up the way ``origin`` says, from a request's DkimSigningAttributes."""
    now = engine.clock.now()
    if origin == BYODKIM:
        use_external_key(identity, attributes)
    elif replica_region(origin) is not None:
        replicate(engine, identity, origin)
    elif identity.dkim.origin == EASY_DKIM:
        length = attributes.get("NextSigningKeyLength")
        if length and length != identity.dkim.next_key_length:
            identity.dkim.next_key_length = length
    else:
        start_easy_dkim(identity, now, attributes.get("NextSigningKeyLength") or RSA_2048)


# views -------------------------------------------------------------------------------
def _shown(identities: Mapping[str, Identity], identity: Identity) -> tuple[Identity, bool]:
    """Whose DKIM to show, and whether signing is on for this identity."""
    source = dkim_source(identities, identity)
    if not source.dkim.configured:
        return source, False
    return source, identity.dkim.signing_enabled


def v1_attributes(identities: Mapping[str, Identity], identity: Identity) -> dict[str, Any]:
    source, enabled = _shown(identities, identity)
    entry: dict[str, Any] = {"DkimEnabled": enabled, "DkimVerificationStatus": source.dkim.status}
    if source.dkim.tokens:
        entry["DkimTokens"] = list(source.dkim.tokens)
    return entry


def v2_attributes(
    identities: Mapping[str, Identity], identity: Identity, *, created: bool = False
) -> dict[str, Any]:
    source, enabled = _shown(identities, identity)
    dkim = source.dkim
    # CreateEmailIdentity answers before SES starts looking for the records
    status = NOT_STARTED if created and dkim.status == PENDING else dkim.status
    entry: dict[str, Any] = {"SigningEnabled": enabled, "Status": v2_status(status)}
    if dkim.tokens:
        entry["Tokens"] = list(dkim.tokens)
    if dkim.origin is not None:
        if dkim.origin != BYODKIM:
            entry["SigningHostedZone"] = SIGNING_HOSTED_ZONE
        entry["SigningAttributesOrigin"] = dkim.origin
    if dkim.next_key_length is not None:
        entry["NextSigningKeyLength"] = dkim.next_key_length
    if dkim.current_key_length is not None:
        entry["CurrentSigningKeyLength"] = dkim.current_key_length
    if dkim.last_key_generation is not None:
        entry["LastKeyGenerationTimestamp"] = dkim.last_key_generation
    return entry


def set_signing(identities: Mapping[str, Identity], identity: Identity, enabled: bool) -> None:
    """Turn DKIM signing on or off; on needs DKIM set up (for an address: on its domain)."""
    source = dkim_source(identities, identity)
    if enabled and not source.dkim.configured:
        raise bad_request(f"Domain {identity.domain} is not verified for DKIM signing.")
    identity.dkim.signing_enabled = enabled


def records_found(identity: Identity) -> None:
    """SES found the DKIM records: DKIM succeeds, and with it a domain's verification."""
    if identity.dkim.configured:
        identity.dkim.status = SUCCESS
        if identity.kind == DOMAIN:
            identity.verification_status = SUCCESS
