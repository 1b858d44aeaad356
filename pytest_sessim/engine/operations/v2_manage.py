"""SESv2 template operations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..templates.template import TemplateContent
from .common import (
    V2_TEMPLATE_PARTS,
    delete_template,
    listing,
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
    """Stores the template after SES's syntax checks."""
    save_template(engine, _v2_template(params), create=True)
    return {}


@operation(API, "UpdateEmailTemplate")
def update_email_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Replaces the template after SES's syntax checks."""
    save_template(engine, _v2_template(params), create=False)
    return {}


@operation(API, "GetEmailTemplate")
def get_email_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns the stored template."""
    content = stored_template(engine, params.get("TemplateName", ""))
    body = template_parts(content, V2_TEMPLATE_PARTS)
    return {"TemplateName": content.name, "TemplateContent": body}


@operation(API, "ListEmailTemplates")
def list_email_templates(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Pages through the Region's templates, 10 a page by default (PageSize 1 to 100)."""
    return listing(
        "TemplatesMetadata",
        list(engine.account.templates.values()),
        params,
        "PageSize",
        lambda item: {"TemplateName": item.content.name, "CreatedTimestamp": item.created},
    )


@operation(API, "DeleteEmailTemplate")
def delete_email_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Deletes the template."""
    delete_template(engine, params.get("TemplateName", ""))
    return {}


@operation(API, "TestRenderEmailTemplate")
def test_render_email_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Renders the stored template with the data into the MIME SES would send."""
    rendered = test_render(
        engine, API, params.get("TemplateName", ""), params.get("TemplateData", "")
    )
    return {"RenderedTemplate": rendered}
