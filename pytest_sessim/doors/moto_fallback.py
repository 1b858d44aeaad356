"""SES operations the simulator does not model, answered by moto's backend (the server and
the raw-HTTPS door; botocore clients reach moto through its own handler)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .wire.models import service_model
from .wire.restjson import in_installed_form
from .wire.types import WireRequest, WireResponse

if TYPE_CHECKING:
    from ..engine.service import Engine

__all__ = ["moto_answer"]


def moto_answer(engine: Engine, wire: WireRequest, api: str, operation: str) -> WireResponse:
    """An SES operation the simulator does not model, answered by moto's backend (in the
    form the installed botocore sends, the only one moto routes); when moto cannot answer,
    an error in SES's form, recorded as a refusal (never moto's exception)."""
    from .. import moto_adapter
    from .exchange import unanswered

    if api == "sesv2":
        wire = in_installed_form(wire, service_model(api))
    try:
        response = moto_adapter.answer_http(
            f"before-send.{api}.{operation}", wire.method, wire.url, dict(wire.headers), wire.body
        )
    except Exception as error:  # moto's own failures must not reach the client
        return unanswered(engine, api, operation, f"{type(error).__name__}: {error}")
    if response is None:
        message = f"The action {operation} is not valid for this endpoint."
        with engine.lock:
            engine.record_refusal(api, operation, "InvalidAction", message, 400, {})
        body = (
            f'<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error>'
            f"<Type>Sender</Type><Code>InvalidAction</Code><Message>{message}</Message>"
            "</Error></ErrorResponse>"
        ).encode()
        return WireResponse(400, {"Content-Type": "text/xml"}, body)
    status, headers, body = response
    return WireResponse(status, headers, body)
