"""SESv2 template, configuration-set and account operations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.state import ConfigurationSet
from ..errors import ErrorKind, SesError
from ..templates.template import TemplateContent
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
from .registry import operation
from .rendering import test_render

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"


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
    sets = engine.account.configuration_sets
    if name in sets:
        raise SesError(ErrorKind.ALREADY_EXISTS, f"Configuration set <{name}> already exists.")
    sets[name] = ConfigurationSet(name, engine.clock.now())
    return {}


@operation(API, "GetConfigurationSet")
def get_configuration_set(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    name = params.get("ConfigurationSetName", "")
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
