"""SES v1 template and account operations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..templates.template import TemplateContent
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
from .registry import operation
from .rendering import test_render

if TYPE_CHECKING:
    from ..service import Engine

API = "ses"


# templates ------------------------------------------------------------------
def _v1_template(params: Mapping[str, Any]) -> TemplateContent:
    template = params.get("Template", {})
    return template_from(template.get("TemplateName", ""), template, V1_TEMPLATE_PARTS)


@operation(API, "CreateTemplate")
def create_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Stores the template after SES's syntax checks."""
    save_template(engine, _v1_template(params), create=True)
    return {}


@operation(API, "UpdateTemplate")
def update_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Replaces the template after SES's syntax checks."""
    save_template(engine, _v1_template(params), create=False)
    return {}


@operation(API, "GetTemplate")
def get_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns the stored template."""
    content = stored_template(engine, params.get("TemplateName", ""))
    return {
        "Template": {"TemplateName": content.name, **template_parts(content, V1_TEMPLATE_PARTS)}
    }


@operation(API, "ListTemplates")
def list_templates(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Pages through the Region's templates (names and creation times), 10 a page by default,
    at most 100."""
    return listing(
        "TemplatesMetadata",
        list(engine.account.templates.values()),
        params,
        "MaxItems",
        lambda item: {"Name": item.content.name, "CreatedTimestamp": item.created},
    )


@operation(API, "DeleteTemplate")
def delete_template_v1(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Deletes the template."""
    name = params.get("TemplateName", "")
    if name in engine.account.templates:  # v1 DeleteTemplate is idempotent
        delete_template(engine, name)
    return {}


@operation(API, "TestRenderTemplate")
def test_render_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Renders the stored template with the data into the MIME SES would send."""
    rendered = test_render(
        engine, API, params.get("TemplateName", ""), params.get("TemplateData", "")
    )
    return {"RenderedTemplate": rendered}


# account ----------------------------------------------------------------------
@operation(API, "GetSendQuota")
def get_send_quota(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """The Region's quota, rate and what was sent in the last 24 hours, from the record."""
    return quota(engine)


@operation(API, "GetSendStatistics")
def get_send_statistics(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Counts the Region's last two weeks from the record, in 15-minute data points."""
    from ..insights.send_statistics import data_points

    points = data_points(engine.events, engine.account.region, engine.clock.now())
    return {"SendDataPoints": [point.shape() for point in points]}
