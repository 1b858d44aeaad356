"""SESv2 identity, template, configuration-set and account operations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account import ConfigurationSet, Identity
from ..addresses import parse_mailbox
from ..errors import ErrorKind, SesError
from ..names import check_configuration_set_name
from ..templates import TemplateContent
from . import operation
from .common import (
    V2_TEMPLATE_PARTS,
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

API = "sesv2"
_KINDS = {"EmailAddress": "EMAIL_ADDRESS", "Domain": "DOMAIN"}


def _identity(engine: Engine, name: str) -> Identity:
    identity = engine.account.identities.get(name.lower())
    if identity is None:
        raise SesError(ErrorKind.NOT_FOUND, f"Email identity {name} does not exist.")
    return identity


def _dkim(identity: Identity) -> dict[str, Any]:
    if identity.kind == "Domain":
        return {"SigningEnabled": True, "Status": "SUCCESS", "SigningAttributesOrigin": "AWS_SES"}
    return {"SigningEnabled": False, "Status": "NOT_STARTED"}


# identities -----------------------------------------------------------------
@operation(API, "CreateEmailIdentity")
def create_email_identity(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    name = params.get("EmailIdentity", "")
    if "@" in name:
        parse_mailbox(name)
    if name.lower() in engine.account.identities:
        raise SesError(ErrorKind.ALREADY_EXISTS, f"Email identity {name} already exist.")
    engine.verify(name)
    identity = engine.account.identities[name.lower()]
    identity.tags = [dict(tag) for tag in params.get("Tags", ())]
    return {
        "IdentityType": _KINDS[identity.kind],
        "VerifiedForSendingStatus": identity.verified,
        "DkimAttributes": _dkim(identity),
    }


@operation(API, "GetEmailIdentity")
def get_email_identity(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    identity = _identity(engine, params.get("EmailIdentity", ""))
    return {
        "IdentityType": _KINDS[identity.kind],
        "FeedbackForwardingStatus": identity.feedback_forwarding,
        "VerifiedForSendingStatus": identity.verified,
        "DkimAttributes": _dkim(identity),
        "MailFromAttributes": {"BehaviorOnMxFailure": "USE_DEFAULT_VALUE"},
        "Policies": {},
        "Tags": list(identity.tags),
        "VerificationStatus": "SUCCESS" if identity.verified else "PENDING",
    }


@operation(API, "ListEmailIdentities")
def list_email_identities(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    return listing(
        "EmailIdentities",
        list(engine.account.identities.values()),
        params,
        "PageSize",
        lambda item: {
            "IdentityType": _KINDS[item.kind],
            "IdentityName": item.name,
            "SendingEnabled": item.verified,
            "VerificationStatus": "SUCCESS" if item.verified else "PENDING",
        },
    )


@operation(API, "DeleteEmailIdentity")
def delete_email_identity(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    identity = _identity(engine, params.get("EmailIdentity", ""))
    del engine.account.identities[identity.name.lower()]
    return {}


# templates ------------------------------------------------------------------------
def _v2_template(params: Mapping[str, Any]) -> TemplateContent:
    parts = params.get("TemplateContent", {})
    return template_from(params.get("TemplateName", ""), parts, V2_TEMPLATE_PARTS)


@operation(API, "CreateEmailTemplate")
def create_email_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    save_template(engine, _v2_template(params), create=True)
    return {}


@operation(API, "UpdateEmailTemplate")
def update_email_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    save_template(engine, _v2_template(params), create=False)
    return {}


@operation(API, "GetEmailTemplate")
def get_email_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    content = stored_template(engine, params.get("TemplateName", ""))
    body = template_parts(content, V2_TEMPLATE_PARTS)
    return {"TemplateName": content.name, "TemplateContent": body}


@operation(API, "ListEmailTemplates")
def list_email_templates(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    return listing(
        "TemplatesMetadata",
        list(engine.account.templates.values()),
        params,
        "PageSize",
        lambda item: {"TemplateName": item.content.name, "CreatedTimestamp": item.created},
    )


@operation(API, "DeleteEmailTemplate")
def delete_email_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    delete_template(engine, params.get("TemplateName", ""))
    return {}


@operation(API, "TestRenderEmailTemplate")
def test_render_email_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    rendered = test_render(
        engine, API, params.get("TemplateName", ""), params.get("TemplateData", "")
    )
    return {"RenderedTemplate": rendered}


# configuration sets ------------------------------------------------------------------
@operation(API, "CreateConfigurationSet")
def create_configuration_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    name = params.get("ConfigurationSetName", "")
    check_configuration_set_name(name)
    sets = engine.account.configuration_sets
    if name in sets:
        raise SesError(ErrorKind.ALREADY_EXISTS, f"Configuration set <{name}> already exists.")
    sets[name] = ConfigurationSet(name, engine.clock.now())
    return {}


@operation(API, "GetConfigurationSet")
def get_configuration_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    name = params.get("ConfigurationSetName", "")
    check_configuration_set_name(name)
    found = engine.account.configuration_sets.get(name)
    if found is None:
        raise SesError(
            ErrorKind.CONFIGURATION_SET_NOT_FOUND, f"Configuration set <{name}> does not exist."
        )
    return {
        "ConfigurationSetName": found.name,
        "SendingOptions": {"SendingEnabled": found.sending_enabled},
    }


@operation(API, "ListConfigurationSets")
def list_configuration_sets(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    names = list(engine.account.configuration_sets)
    return listing("ConfigurationSets", names, params, "PageSize", str)


@operation(API, "DeleteConfigurationSet")
def delete_configuration_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    name = params.get("ConfigurationSetName", "")
    check_configuration_set_name(name)
    if engine.account.configuration_sets.pop(name, None) is None:
        raise SesError(
            ErrorKind.CONFIGURATION_SET_NOT_FOUND, f"Configuration set <{name}> does not exist."
        )
    return {}


# account -----------------------------------------------------------------------------
@operation(API, "GetAccount")
def get_account(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    account = engine.account
    return {
        "DedicatedIpAutoWarmupEnabled": False,
        "EnforcementStatus": "HEALTHY",
        "ProductionAccessEnabled": not account.sandbox,
        "SendQuota": quota(engine),
        "SendingEnabled": account.sending_enabled,
        "SuppressionAttributes": {"SuppressedReasons": list(account.suppression.reasons)},
    }
