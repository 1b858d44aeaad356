"""SES v1 identities: verification, listing, DKIM and custom MAIL FROM."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.identities import (
    DOMAIN,
    EMAIL_ADDRESS,
    REJECT_MESSAGE,
    USE_DEFAULT_VALUE,
    Identity,
    MailFrom,
)
from ..errors import SesError, invalid_parameter
from ..identities import dkim, lifecycle
from ..identities.checks import enum, identity_list
from ..identities.names import (
    check_domain_identity,
    check_email_identity,
    check_identity_name,
    find,
    is_domain,
)
from .common import listing
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "ses"


def unknown_identity(given: str) -> SesError:
    """SES's answer to a v1 operation on an identity it does not have (or not verified)."""
    return invalid_parameter(
        f"Identity {given} is invalid. Must be a verified email address or domain."
    )


def known_identity(engine: Engine, given: str) -> Identity:
    identity = find(engine.account, given)
    if identity is None:
        raise unknown_identity(given)
    return identity


def _looked_up(engine: Engine, params: Mapping[str, Any]) -> list[tuple[str, Identity]]:
    """The identities a Get*Attributes request names: bad names are refused, unknown ones
    left out of the answer."""
    found: list[tuple[str, Identity]] = []
    for given in identity_list(params.get("Identities", ())):
        try:
            check_identity_name(given)
        except SesError:
            raise unknown_identity(given) from None
        identity = find(engine.account, given)
        if identity is not None:
            found.append((given, identity))
    return found


# verification ------------------------------------------------------------------------
@operation(API, "VerifyEmailIdentity")
def verify_email_identity(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Adds the address, Pending, and mails SES's verification link to it (its GET verifies)."""
    address = check_email_identity(params.get("EmailAddress", ""))
    identity, _ = lifecycle.create(engine, address)
    lifecycle.request_email_verification(engine, identity, "VerifyEmailIdentity", API)
    return {}


@operation(API, "VerifyEmailAddress")
def verify_email_address(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """As VerifyEmailIdentity (the deprecated name)."""
    address = check_email_identity(params.get("EmailAddress", ""))
    identity, _ = lifecycle.create(engine, address)
    lifecycle.request_email_verification(engine, identity, "VerifyEmailAddress", API)
    return {}


@operation(API, "VerifyDomainIdentity")
def verify_domain_identity(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Adds the domain, Pending until the test says its TXT record is found; returns the token."""
    domain = check_domain_identity(params.get("Domain", ""))
    identity, _ = lifecycle.create(engine, domain)
    lifecycle.request_domain_verification(engine, identity)
    return {"VerificationToken": identity.verification_token or ""}


@operation(API, "VerifyDomainDkim")
def verify_domain_dkim(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Starts Easy DKIM (adding the domain if new) and returns its three tokens."""
    domain = check_domain_identity(params.get("Domain", ""))
    identity, created = lifecycle.create(engine, domain)
    if created:
        lifecycle.request_domain_verification(engine, identity)
    if not identity.dkim.configured:
        dkim.start_easy_dkim(identity, engine.clock.now())
        lifecycle.dkim_started(engine, identity)
    return {"DkimTokens": list(identity.dkim.tokens)}


@operation(API, "GetIdentityVerificationAttributes")
def get_identity_verification_attributes(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Each known identity's verification status (and a domain's TXT token)."""
    attributes: dict[str, Any] = {}
    for given, identity in _looked_up(engine, params):
        entry: dict[str, Any] = {"VerificationStatus": identity.verification_status}
        if identity.kind == DOMAIN:
            entry["VerificationToken"] = identity.verification_token or ""
        attributes[given] = entry
    return {"VerificationAttributes": attributes}


@operation(API, "ListIdentities")
def list_identities(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Every identity of the Region, whatever its status, optionally of one type (MaxItems 1
    to 1000, 1000 by default)."""
    kind = params.get("IdentityType")
    if kind is not None:
        enum(kind, (EMAIL_ADDRESS, DOMAIN), "identityType")
    names = [
        identity.name
        for identity in engine.account.identities.values()
        if kind is None or identity.kind == kind
    ]
    return listing("Identities", names, params, "MaxItems", str)


@operation(API, "ListVerifiedEmailAddresses")
def list_verified_email_addresses(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """The verified email address identities (the deprecated listing)."""
    return {
        "VerifiedEmailAddresses": [
            identity.name
            for identity in engine.account.identities.values()
            if identity.kind == EMAIL_ADDRESS and identity.verified
        ]
    }


@operation(API, "DeleteIdentity")
def delete_identity(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Deletes the identity with its settings, policies and tags (none: no error)."""
    identity = find(engine.account, params.get("Identity", ""))
    if identity is not None:
        lifecycle.delete(engine, identity)
    return {}


@operation(API, "DeleteVerifiedEmailAddress")
def delete_verified_email_address(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """As DeleteIdentity, for an address (the deprecated name)."""
    identity = find(engine.account, params.get("EmailAddress", ""))
    if identity is not None:
        lifecycle.delete(engine, identity)
    return {}


# DKIM ------------------------------------------------------------------------------
@operation(API, "GetIdentityDkimAttributes")
def get_identity_dkim_attributes(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """DKIM status, tokens and signing switch, as v2's GetEmailIdentity shows them."""
    identities = engine.account.identities
    return {
        "DkimAttributes": {
            given: dkim.v1_attributes(identities, identity)
            for given, identity in _looked_up(engine, params)
        }
    }


@operation(API, "SetIdentityDkimEnabled")
def set_identity_dkim_enabled(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Turns DKIM signing on or off (on needs DKIM set up, on the address's domain for one)."""
    given = params.get("Identity", "")
    identity = find(engine.account, given)
    if identity is None:
        raise invalid_parameter(f"Domain {given} is not verified for DKIM signing.")
    dkim.set_signing(engine.account.identities, identity, bool(params.get("DkimEnabled")))
    return {}


# custom MAIL FROM ------------------------------------------------------------------------
def set_mail_from(identity: Identity, domain: str | None, behavior: str) -> None:
    """Set (or, without a domain, remove) an identity's custom MAIL FROM domain."""
    if not domain:
        identity.mail_from = None
        return
    if not is_domain(domain) or not domain.lower().endswith("." + identity.domain):
        raise invalid_parameter(
            f"Provided MAIL-FROM domain <{domain}> is not subdomain of the domain of the "
            f"identity <{identity.name}>."
        )
    current = identity.mail_from
    same = current is not None and current.domain.lower() == domain.lower()
    status = current.status if current is not None and same else "Pending"
    identity.mail_from = MailFrom(domain=domain, behavior=behavior, status=status)


def mail_from_status_found(engine: Engine, identity: Identity) -> None:
    """With auto_verify, SES finds the MX record at once."""
    if engine.settings.auto_verify and identity.mail_from is not None:
        identity.mail_from.status = "Success"


@operation(API, "SetIdentityMailFromDomain")
def set_identity_mail_from_domain(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Sets the custom MAIL FROM domain (Pending until its MX record is found) and what to do
    on MX failure."""
    behavior = enum(
        params.get("BehaviorOnMXFailure") or USE_DEFAULT_VALUE,
        (USE_DEFAULT_VALUE, REJECT_MESSAGE),
        "behaviorOnMXFailure",
    )
    identity = known_identity(engine, params.get("Identity", ""))
    set_mail_from(identity, params.get("MailFromDomain"), behavior)
    mail_from_status_found(engine, identity)
    return {}


@operation(API, "GetIdentityMailFromDomainAttributes")
def get_identity_mail_from_domain_attributes(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Each known identity's custom MAIL FROM domain, its status and MX-failure behaviour."""
    attributes: dict[str, Any] = {}
    for given, identity in _looked_up(engine, params):
        mail_from = identity.mail_from
        if mail_from is None:
            attributes[given] = {"BehaviorOnMXFailure": USE_DEFAULT_VALUE}
        else:
            attributes[given] = {
                "MailFromDomain": mail_from.domain,
                "MailFromDomainStatus": mail_from.status,
                "BehaviorOnMXFailure": mail_from.behavior,
            }
    return {"MailFromDomainAttributes": attributes}
