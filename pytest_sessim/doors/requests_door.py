"""Raw HTTPS to the SES endpoint through ``requests``, answered by the active engine.

Code that calls ``https://email.<region>.amazonaws.com/`` itself (a v1 Query POST,
signed or not, or a v2 REST path) gets the answer boto3 would get: the request goes
through :func:`.exchange.answer`. Signatures are not verified. Under moto, SES
operations the simulator does not model are left to moto.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .. import moto_adapter
from ..requests_interception import RequestsInterception
from . import active, unsubscribe_links
from .plumbing import SES_URL, api_of_url, body_bytes

if TYPE_CHECKING:
    from ..engine.service import Engine
    from .wire.types import WireRequest

METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH")


def _wire(request: Any) -> WireRequest:
    from .wire.types import WireRequest

    return WireRequest(
        method=(request.method or "GET").upper(),
        url=str(request.url),
        headers={key: str(value) for key, value in request.headers.items()},
        body=body_bytes(request.body),
    )


def _modelled(request: Any) -> bool:
    """Whether the simulator answers this request: unmodelled ones go to moto, through
    moto's own entry when in the form the installed botocore sends (the one moto routes),
    else through ours, which hands moto that form."""
    from ..engine.operations.registry import lookup
    from .wire.models import service_model
    from .wire.query import decode_query
    from .wire.restjson import decode_rest_json, in_installed_form
    from .wire.types import WireDecodeError

    api = api_of_url(str(request.url))
    decode = decode_query if api == "ses" else decode_rest_json
    wire = _wire(request)
    try:
        operation, _ = decode(wire, service_model(api))
    except WireDecodeError:
        return True  # malformed: the simulator answers with SES's error
    if lookup(api, operation) is not None:
        return True
    return api == "sesv2" and in_installed_form(wire, service_model(api)) is not wire


def _matcher(request: Any) -> tuple[bool, str]:
    if unsubscribe_links.handles(str(request.url)):
        return True, ""
    if not active.ACTIVE or not SES_URL.match(str(request.url)):
        return False, "not an SES request while a simulator is active"
    if moto_adapter.mock_active() and not _modelled(request):
        return False, "an SES operation the simulator does not model (moto answers it)"
    return True, ""


def _callback(request: Any) -> tuple[int, dict[str, str], bytes]:
    from ..engine.service import NotModelled
    from .botocore_door import UnmodelledOperation
    from .exchange import answer

    if unsubscribe_links.handles(str(request.url)):
        return unsubscribe_links.answer_requests(request)
    engine = active.current()
    assert engine is not None  # the matcher let it through
    api = api_of_url(str(request.url))
    wire = _wire(request)
    try:
        reply = answer(engine, api, wire)
    except NotModelled as missing:
        if moto_adapter.mock_active():
            from .moto_fallback import moto_answer

            reply = moto_answer(engine, wire, api, missing.operation)
            return reply.status, dict(reply.headers), reply.body
        raise UnmodelledOperation(
            f"pytest-sessim does not model the {api} operation {missing.operation}, "
            "and moto is not active to answer it."
        ) from None
    return reply.status, dict(reply.headers), reply.body


# SES's endpoint, and SES's unsubscribe links (one interception: it costs per test)
INTERCEPTED_URLS = re.compile(f"{SES_URL.pattern}|{unsubscribe_links.LINK_URL.pattern}")
_INTERCEPTION = RequestsInterception(INTERCEPTED_URLS, _callback, _matcher, METHODS)
_users: list[Engine] = []


def attach(engine: Engine) -> None:
    """Called when a simulator starts: SES requests through ``requests`` reach it."""
    _users.append(engine)
    _INTERCEPTION.install()
    unsubscribe_links.attach(engine)


def detach(engine: Engine) -> None:
    """Called when a simulator stops; the interception ends with the last one."""
    if engine in _users:
        _users.remove(engine)
    unsubscribe_links.detach(engine)
    if not _users:
        _INTERCEPTION.uninstall()
