"""SESv2 S/MIME certificates of email identities (newest models): stored and returned."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from ..account.identities import DOMAIN, Identity, IdentityCertificate
from ..errors import ErrorKind, SesError, invalid_parameter
from .common import listing
from .registry import operation
from .v2_identities import email_identity

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"
PROVISIONING, ACTIVE = "PROVISIONING", "ACTIVE"
# how long a new association provisions, on the simulator clock
PROVISIONING_TIME = timedelta(minutes=1)
_CERTIFICATE_ARN = re.compile(
    r"arn:[\w+=/,.@-]+:[\w+=/,.@-]+:[\w+=/,.@-]*:[0-9]+:certificate/[\w+=,.@-]+\Z"
)


def _from_address(identity: Identity, given: str | None) -> str:
    """The address a certificate is for: required for a domain (an address of it or of a
    subdomain), optional for an address (which it must be)."""
    if identity.kind == DOMAIN:
        if not given:
            raise invalid_parameter("FromAddress is required when the email identity is a domain.")
        domain = given.rpartition("@")[2].lower()
        if "@" not in given or not (
            domain == identity.domain or domain.endswith("." + identity.domain)
        ):
            raise invalid_parameter(
                f"FromAddress {given} does not belong to the domain {identity.name}."
            )
        return given
    if given and given.lower() != identity.name.lower():
        raise invalid_parameter(
            f"FromAddress {given} must match the email identity {identity.name}."
        )
    return given or identity.name


def _activate(certificate: IdentityCertificate) -> None:
    if certificate.status == PROVISIONING:
        certificate.status = ACTIVE


@operation(API, "AssociateEmailIdentityCertificate")
def associate_email_identity_certificate(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Stores the certificate for the From address: PROVISIONING, ACTIVE a minute later."""
    identity = email_identity(engine, params.get("EmailIdentity", ""))
    arn = params.get("CertificateArn", "")
    if not 20 <= len(arn) <= 2048 or not _CERTIFICATE_ARN.match(arn):
        raise invalid_parameter(f"Invalid certificate ARN: {arn}.")
    address = _from_address(identity, params.get("FromAddress"))
    if address.lower() in identity.certificates:
        raise SesError(
            ErrorKind.ALREADY_EXISTS, f"A certificate is already associated with {address}."
        )
    now = engine.clock.now()
    certificate = IdentityCertificate(address, arn, PROVISIONING, now)
    identity.certificates[address.lower()] = certificate
    engine.clock.schedule(now + PROVISIONING_TIME, partial(_activate, certificate))
    return {}


@operation(API, "DisassociateEmailIdentityCertificate")
def disassociate_email_identity_certificate(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Removes the From address's certificate (none: no error)."""
    identity = email_identity(engine, params.get("EmailIdentity", ""))
    address = _from_address(identity, params.get("FromAddress"))
    identity.certificates.pop(address.lower(), None)
    return {}


@operation(API, "ListEmailIdentityCertificates")
def list_email_identity_certificates(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """The identity's certificates, in every status."""
    identity = email_identity(engine, params.get("EmailIdentity", ""))
    return listing(
        "Certificates",
        list(identity.certificates.values()),
        params,
        "PageSize",
        lambda item: {
            "FromAddress": item.from_address,
            "Status": item.status,
            "CertificateArn": item.certificate_arn,
        },
    )
