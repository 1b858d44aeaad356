"""SES v1 identity, template, configuration-set and account operations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account import ConfigurationSet
from ..addresses import parse_mailbox
from ..errors import ErrorKind, SesError
from ..names import check_configuration_set_name
from ..templates import TemplateContent
from . import operation
from .common import (
    V1_TEMPLATE_PARTS,
    delete_template,
    listing,
    quota,
    save_template,
    stored_template,
    template_from,
    template_parts,
)
from .rendering import test_render

if TYPE_CHECKING:
    from ..engine import Engine

API = "ses"


# identities ---------------------------------------------------------------
@operation(API, "VerifyEmailIdentity")
@operation(API, "VerifyEmailAddress")
def verify_email_identity(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    address = params.get("EmailAddress", "")
    parse_mailbox(address)
    engine.verify(address)
    return {}


@operation(API, "VerifyDomainIdentity")
def verify_domain_identity(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    domain = params.get("Domain", "")
    engine.verify(domain)
    identity = engine.account.identities[domain.lower()]
    return {"VerificationToken": identity.verification_token or ""}


@operation(API, "ListIdentities")
def list_identities(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    kind = params.get("IdentityType")
    names = [
        identity.name
        for identity in engine.account.identities.values()
        if kind is None or identity.kind == kind
    ]
    return listing("Identities", names, params, "MaxItems", str)


@operation(API, "ListVerifiedEmailAddresses")
def list_verified_email_addresses(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "VerifiedEmailAddresses": [
            identity.name
            for identity in engine.account.identities.values()
            if identity.kind == "EmailAddress" and identity.verified
        ]
    }


@operation(API, "GetIdentityVerificationAttributes")
def get_identity_verification_attributes(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    for name in params.get("Identities", ()):
        identity = engine.account.identities.get(name.lower())
        if identity is None:
            continue
        entry: dict[str, Any] = {"VerificationStatus": identity.status}
        if identity.kind == "Domain":
            entry["VerificationToken"] = identity.verification_token or ""
        attributes[name] = entry
    return {"VerificationAttributes": attributes}


@operation(API, "DeleteIdentity")
@operation(API, "DeleteVerifiedEmailAddress")
def delete_identity(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    name = params.get("Identity") or params.get("EmailAddress") or ""
    engine.account.identities.pop(name.lower(), None)
    return {}


# templates ------------------------------------------------------------------
def _v1_template(params: Mapping[str, Any]) -> TemplateContent:
    template = params.get("Template", {})
    return template_from(template.get("TemplateName", ""), template, V1_TEMPLATE_PARTS)


@operation(API, "CreateTemplate")
def create_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    save_template(engine, _v1_template(params), create=True)
    return {}


@operation(API, "UpdateTemplate")
def update_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    save_template(engine, _v1_template(params), create=False)
    return {}


@operation(API, "GetTemplate")
def get_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    content = stored_template(engine, params.get("TemplateName", ""))
    return {
        "Template": {"TemplateName": content.name, **template_parts(content, V1_TEMPLATE_PARTS)}
    }


@operation(API, "ListTemplates")
def list_templates(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    return listing(
        "TemplatesMetadata",
        list(engine.account.templates.values()),
        params,
        "MaxItems",
        lambda item: {"Name": item.content.name, "CreatedTimestamp": item.created},
    )


@operation(API, "DeleteTemplate")
def delete_template_v1(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    name = params.get("TemplateName", "")
    if name in engine.account.templates:  # v1 DeleteTemplate is idempotent
        delete_template(engine, name)
    return {}


@operation(API, "TestRenderTemplate")
def test_render_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    rendered = test_render(
        engine, API, params.get("TemplateName", ""), params.get("TemplateData", "")
    )
    return {"RenderedTemplate": rendered}


# configuration sets -----------------------------------------------------------
@operation(API, "CreateConfigurationSet")
def create_configuration_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    name = params.get("ConfigurationSet", {}).get("Name", "")
    check_configuration_set_name(name, ErrorKind.INVALID_CONFIGURATION_SET)
    sets = engine.account.configuration_sets
    if name in sets:
        raise SesError(
            ErrorKind.CONFIGURATION_SET_ALREADY_EXISTS,
            f"Configuration set <{name}> already exists.",
        )
    sets[name] = ConfigurationSet(name, engine.clock.now())
    return {}


@operation(API, "DescribeConfigurationSet")
def describe_configuration_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    found = _configuration_set(engine, params.get("ConfigurationSetName", ""))
    from .v1_event_destinations import described_attributes

    attributes = params.get("ConfigurationSetAttributeNames", ())
    return {"ConfigurationSet": {"Name": found.name}, **described_attributes(found, attributes)}


@operation(API, "ListConfigurationSets")
def list_configuration_sets(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    names = list(engine.account.configuration_sets)
    return listing("ConfigurationSets", names, params, "MaxItems", lambda name: {"Name": name})


@operation(API, "DeleteConfigurationSet")
def delete_configuration_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    found = _configuration_set(engine, params.get("ConfigurationSetName", ""))
    del engine.account.configuration_sets[found.name]
    return {}


def _configuration_set(engine: Engine, name: str) -> ConfigurationSet:
    check_configuration_set_name(name)
    found = engine.account.configuration_sets.get(name)
    if found is None:
        raise SesError(
            ErrorKind.CONFIGURATION_SET_NOT_FOUND, f"Configuration set <{name}> does not exist."
        )
    return found


# account ----------------------------------------------------------------------
@operation(API, "GetSendQuota")
def get_send_quota(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    return quota(engine)


@operation(API, "GetSendStatistics")
def get_send_statistics(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "SendDataPoints": [
            {
                "Timestamp": bucket.start,
                "DeliveryAttempts": bucket.delivery_attempts,
                "Bounces": bucket.bounces,
                "Complaints": bucket.complaints,
                "Rejects": bucket.rejects,
            }
            for bucket in engine.account.stats
        ]
    }
