"""SESv2 email identities: creation (Easy DKIM, BYODKIM, DEED), their attributes, DKIM,
custom MAIL FROM and default configuration set."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.identities import (
    BYODKIM,
    DOMAIN,
    EASY_DKIM,
    PENDING,
    REJECT_MESSAGE,
    USE_DEFAULT_VALUE,
    Identity,
    v2_status,
)
from ..errors import ErrorKind, SesError, invalid_parameter
from ..identities import dkim, lifecycle
from ..identities.checks import enum
from ..identities.names import check_identity_name
from .common import find_configuration_set, listing
from .registry import operation
from .tagging import check_tags, put_tags
from .v1_identities import mail_from_status_found, set_mail_from

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"
KINDS = {"EmailAddress": "EMAIL_ADDRESS", "Domain": "DOMAIN"}
_BEHAVIORS = {"USE_DEFAULT_VALUE": USE_DEFAULT_VALUE, "REJECT_MESSAGE": REJECT_MESSAGE}
_REPLICA_REGIONS = [
    "af-south-1", "eu-north-1", "ap-south-1", "eu-west-3", "eu-west-2", "eu-south-1",
    "eu-west-1", "ap-northeast-3", "ap-northeast-2", "me-south-1", "ap-northeast-1",
    "il-central-1", "sa-east-1", "ca-central-1", "ap-southeast-1", "ap-southeast-2",
    "ap-southeast-3", "eu-central-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    "me-central-1", "ap-south-2", "eu-central-2", "ap-southeast-5", "ca-west-1",
    "us-gov-east-1", "us-gov-west-1",
]  # fmt: skip
_ORIGINS = (
    EASY_DKIM,
    BYODKIM,
    *(f"AWS_SES_{region.upper().replace('-', '_')}" for region in _REPLICA_REGIONS),
)


def email_identity(engine: Engine, name: str) -> Identity:
    """The identity a v2 request names; NotFoundException if there is none."""
    identity = engine.account.identities.get(name.lower())
    if identity is None:
        raise SesError(ErrorKind.NOT_FOUND, f"Email identity {name} does not exist.")
    return identity


def _identity_arn(engine: Engine, identity: Identity) -> str:
    return engine.account.arn(f"identity/{identity.name}")


def _mail_from(identity: Identity) -> dict[str, Any]:
    mail_from = identity.mail_from
    if mail_from is None:
        return {"BehaviorOnMxFailure": "USE_DEFAULT_VALUE"}
    behavior = "REJECT_MESSAGE" if mail_from.behavior == REJECT_MESSAGE else "USE_DEFAULT_VALUE"
    return {
        "MailFromDomain": mail_from.domain,
        "MailFromDomainStatus": v2_status(mail_from.status),
        "BehaviorOnMxFailure": behavior,
    }


def _verification_info(identity: Identity) -> dict[str, Any]:
    info: dict[str, Any] = {
        "LastCheckedTimestamp": identity.last_success
        or identity.verification_started
        or identity.created
    }
    if identity.last_success is not None:
        info["LastSuccessTimestamp"] = identity.last_success
    return info


# identities --------------------------------------------------------------------------
def _signing_origin(attributes: Mapping[str, Any]) -> str:
    origin = attributes.get("DomainSigningAttributesOrigin")
    if origin is not None:
        enum(origin, _ORIGINS, "dkimSigningAttributes.domainSigningAttributesOrigin")
        if origin in (EASY_DKIM, BYODKIM):
            raise invalid_parameter(
                f"DomainSigningAttributesOrigin {origin} is not allowed here: use "
                "DomainSigningSelector and DomainSigningPrivateKey for BYODKIM."
            )
        return str(origin)
    if attributes.get("DomainSigningSelector") or attributes.get("DomainSigningPrivateKey"):
        return BYODKIM
    return EASY_DKIM


@operation(API, "CreateEmailIdentity")
def create_email_identity(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Adds an address (Pending; SES mails it a verification link) or a domain (Pending,
    with Easy DKIM tokens, BYODKIM or DEED), with tags and a default configuration set."""
    name = check_identity_name(params.get("EmailIdentity", ""))
    if name.lower() in engine.account.identities:
        raise SesError(ErrorKind.ALREADY_EXISTS, f"Email identity {name} already exist.")
    tags = check_tags(params.get("Tags"))
    set_name = params.get("ConfigurationSetName")
    if set_name is not None:
        find_configuration_set(engine, set_name)
    signing = params.get("DkimSigningAttributes")
    if signing is not None and "@" in name:
        raise invalid_parameter("DkimSigningAttributes can only be specified for a domain.")
    identity, _ = lifecycle.create(engine, name)
    try:
        if identity.kind == DOMAIN:
            dkim.configure(engine, identity, _signing_origin(signing or {}), signing or {})
    except SesError:
        del engine.account.identities[name.lower()]  # a refused request leaves nothing behind
        raise
    identity.configuration_set = set_name
    put_tags(engine, _identity_arn(engine, identity), tags)
    if identity.kind == DOMAIN:
        lifecycle.request_domain_verification(engine, identity)
        lifecycle.dkim_started(engine, identity)
    else:
        lifecycle.request_email_verification(engine, identity, "CreateEmailIdentity", API)
    result: dict[str, Any] = {
        "IdentityType": KINDS[identity.kind],
        "VerifiedForSendingStatus": identity.verified,
    }
    if identity.kind == DOMAIN:
        identities = engine.account.identities
        result["DkimAttributes"] = dkim.v2_attributes(identities, identity, created=True)
    return result


@operation(API, "GetEmailIdentity")
def get_email_identity(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Everything SES keeps on it: status, DKIM, MAIL FROM, policies, tags, default set."""
    identity = email_identity(engine, params.get("EmailIdentity", ""))
    result: dict[str, Any] = {
        "IdentityType": KINDS[identity.kind],
        "FeedbackForwardingStatus": identity.feedback_forwarding,
        "VerifiedForSendingStatus": identity.verified,
        "DkimAttributes": dkim.v2_attributes(engine.account.identities, identity),
        "MailFromAttributes": _mail_from(identity),
        "Policies": dict(identity.policies),
        "Tags": engine.account.tags.of(_identity_arn(engine, identity)),
        "VerificationStatus": v2_status(identity.verification_status),
        "VerificationInfo": _verification_info(identity),
    }
    if identity.configuration_set is not None:
        result["ConfigurationSetName"] = identity.configuration_set
    return result


def _filtered(engine: Engine, filters: Mapping[str, str]) -> list[Identity]:
    for key in filters:
        enum(key, ("IDENTITY_NAME_CONTAINS", "IDENTITY_TYPE", "VERIFICATION_STATUS"), "filter")
    contains = filters.get("IDENTITY_NAME_CONTAINS", "").lower()
    kind, status = filters.get("IDENTITY_TYPE"), filters.get("VERIFICATION_STATUS")
    return [
        identity
        for identity in engine.account.identities.values()
        if contains in identity.name.lower()
        and kind in (None, KINDS[identity.kind])
        and status in (None, v2_status(identity.verification_status))
    ]


@operation(API, "ListEmailIdentities")
def list_email_identities(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Every identity of the Region, whatever its status; filters by name, type or status
    (PageSize 0 to 1000)."""
    return listing(
        "EmailIdentities",
        _filtered(engine, params.get("Filter") or {}),
        params,
        "PageSize",
        lambda item: {
            "IdentityType": KINDS[item.kind],
            "IdentityName": item.name,
            "SendingEnabled": item.verified,
            "VerificationStatus": v2_status(item.verification_status),
        },
    )


@operation(API, "DeleteEmailIdentity")
def delete_email_identity(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Deletes the identity with its settings, policies, certificates and tags."""
    lifecycle.delete(engine, email_identity(engine, params.get("EmailIdentity", "")))
    return {}


# DKIM --------------------------------------------------------------------------------
@operation(API, "PutEmailIdentityDkimAttributes")
def put_email_identity_dkim_attributes(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Turns DKIM signing on or off, as v1's SetIdentityDkimEnabled."""
    identity = email_identity(engine, params.get("EmailIdentity", ""))
    enabled = bool(params.get("SigningEnabled", False))
    dkim.set_signing(engine.account.identities, identity, enabled)
    return {}


@operation(API, "PutEmailIdentityDkimSigningAttributes")
def put_email_identity_dkim_signing_attributes(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Switches a domain to Easy DKIM (with its next key length), BYODKIM or DEED."""
    name = params.get("EmailIdentity", "")
    if "@" in name:
        raise invalid_parameter("The EmailIdentity value must be a valid domain.")
    identity = email_identity(engine, name)
    origin = enum(params.get("SigningAttributesOrigin"), _ORIGINS, "signingAttributesOrigin")
    attributes = params.get("SigningAttributes") or {}
    if attributes.get("DomainSigningAttributesOrigin") is not None:
        raise invalid_parameter(
            "DomainSigningAttributesOrigin is not allowed here: use SigningAttributesOrigin."
        )
    before = (identity.dkim.origin, identity.dkim_generations)
    dkim.configure(engine, identity, origin, attributes)
    if identity.dkim.status == PENDING and before != (
        identity.dkim.origin,
        identity.dkim_generations,
    ):
        lifecycle.dkim_started(engine, identity)
    shown = dkim.v2_attributes(engine.account.identities, identity)
    result: dict[str, Any] = {"DkimStatus": shown["Status"], "DkimTokens": shown.get("Tokens", [])}
    if "SigningHostedZone" in shown:
        result["SigningHostedZone"] = shown["SigningHostedZone"]
    return result


# MAIL FROM and the default configuration set ---------------------------------------------
@operation(API, "PutEmailIdentityMailFromAttributes")
def put_email_identity_mail_from_attributes(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Sets or removes the custom MAIL FROM domain (Pending until its MX record is found)."""
    identity = email_identity(engine, params.get("EmailIdentity", ""))
    behavior = enum(
        params.get("BehaviorOnMxFailure") or "USE_DEFAULT_VALUE",
        tuple(_BEHAVIORS),
        "behaviorOnMxFailure",
    )
    set_mail_from(identity, params.get("MailFromDomain"), _BEHAVIORS[behavior])
    mail_from_status_found(engine, identity)
    return {}


@operation(API, "PutEmailIdentityConfigurationSetAttributes")
def put_email_identity_configuration_set_attributes(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Sets (or removes) the identity's default configuration set, used by sends naming none."""
    identity = email_identity(engine, params.get("EmailIdentity", ""))
    name = params.get("ConfigurationSetName")
    if name:
        find_configuration_set(engine, name)
    identity.configuration_set = name or None
    return {}
