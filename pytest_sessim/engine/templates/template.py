"""SES email templates: their content, template data, syntax checks, and rendering.

How one part renders (Handlebars as SES runs it: helpers, escaping, missing attributes)
is in ``rendering.py``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from pytest_sessim.engine.templates import parser as hb

from ..errors import ErrorKind, SesError
from .rendering import MISSING_ATTRIBUTE, RenderError, render_part

__all__ = [
    "INLINE_UNSUPPORTED",
    "INVALID_DATA_V1",
    "INVALID_DATA_V2",
    "MISSING_ATTRIBUTE",
    "RenderError",
    "RenderedContent",
    "TemplateContent",
    "check_inline_template",
    "check_template_syntax",
    "parse_template_data",
    "render",
    "render_part",
]

INVALID_DATA_V1: Final = "The template data is invalid"
INVALID_DATA_V2: Final = "Unable to parse template data (invalid JSON)."
INLINE_UNSUPPORTED: Final = "Template contains unsupported operations."


@dataclass(frozen=True)
class TemplateContent:
    name: str
    subject: str | None
    text: str | None
    html: str | None


@dataclass(frozen=True)
class RenderedContent:
    subject: str
    text: str | None
    html: str | None


def parse_template_data(data: str, *, api: Literal["v1", "v2"] = "v1") -> dict[str, Any]:
    """Parse TemplateData: a JSON object, or SesError(INVALID_PARAMETER) with SES's text.

    The v1 text was reported by users of SendTemplatedEmail/SendBulkTemplatedEmail, the v2
    one by a SESv2 SendEmail user. TestRenderTemplate documents InvalidRenderingParameter
    for the same condition; callers re-raise with that kind there.
    """
    try:
        value = json.loads(data, parse_constant=_reject_constant)
    except (ValueError, TypeError):
        value = None
    if not isinstance(value, dict):
        raise SesError(
            ErrorKind.INVALID_PARAMETER, INVALID_DATA_V1 if api == "v1" else INVALID_DATA_V2
        )
    return value


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def check_template_syntax(template: TemplateContent) -> None:
    """Raise SesError(INVALID_TEMPLATE) for a part that does not parse or that uses a
    partial it never defines (the case CreateTemplate's InvalidTemplate documents)."""
    for part in (template.subject, template.text, template.html):
        if part is None:
            continue
        try:
            defined, used = hb.partial_names(hb.parse(part))
        except hb.TemplateSyntaxError as exc:
            raise SesError(
                ErrorKind.INVALID_TEMPLATE, _invalid(template.name, exc.message)
            ) from None
        for name in sorted(used - defined):
            detail = f"The partial {name} could not be found"
            raise SesError(ErrorKind.INVALID_TEMPLATE, _invalid(template.name, detail))


def _invalid(name: str, detail: str) -> str:
    return f"Template {name} is invalid: {detail}."


def check_inline_template(template: TemplateContent) -> None:
    """SESv2 inline TemplateContent allows simple ``{{name}}`` substitution only; SES
    answers BadRequestException "Template contains unsupported operations." for
    ``{{#if}}``, snake_case names and nested paths (reported by users)."""
    for part in (template.subject, template.text, template.html):
        if part is None:
            continue
        pos = part.find("{{")
        while pos >= 0:
            end = part.find("}}", pos)
            if end < 0 or not part[pos + 2 : end].strip().isalnum():
                raise SesError(ErrorKind.INVALID_PARAMETER, INLINE_UNSUPPORTED)
            pos = part.find("{{", end + 2)


def render(
    template: TemplateContent, data: Mapping[str, Any], *, escape_html: bool = False
) -> RenderedContent:
    """Render every part; raises RenderError (subject, then text, then HTML)."""
    subject = "" if template.subject is None else render_part(template.subject, data)
    text = None if template.text is None else render_part(template.text, data)
    html = None if template.html is None else render_part(template.html, data, escape_html)
    return RenderedContent(subject, text, html)
