"""TestRenderTemplate / TestRenderEmailTemplate: render a stored template to MIME."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ErrorKind, SesError
from ..mail.mime import Body, build_simple
from ..templates.template import RenderError, parse_template_data, render
from .common import stored_template

if TYPE_CHECKING:
    from ..service import Engine


def test_render(engine: Engine, api: str, name: str, data: str) -> str:
    template = stored_template(engine, name)
    try:
        values = parse_template_data(data, api="v1" if api == "ses" else "v2")
    except SesError as error:
        raise SesError(ErrorKind.INVALID_RENDERING_PARAMETER, error.message) from error
    try:
        rendered = render(template, values)
    except RenderError as error:
        kind = (
            ErrorKind.MISSING_RENDERING_ATTRIBUTE
            if error.attribute is not None
            else ErrorKind.INVALID_RENDERING_PARAMETER
        )
        raise SesError(kind, error.message) from error
    content = build_simple(
        from_=None,
        to=[],
        cc=[],
        reply_to=[],
        subject=Body(rendered.subject),
        text=Body(rendered.text) if rendered.text is not None else None,
        html=Body(rendered.html) if rendered.html is not None else None,
        extra_headers=[],
        attachments=[],
        boundary=engine.boundary,
    )
    return content.raw().decode("utf-8", errors="replace")
