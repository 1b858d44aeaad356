"""Raw HTTPS to the SES endpoint through ``requests``, answered by the active engine.

Code that calls ``https://email.<region>.amazonaws.com/`` itself (a v1 Query POST,
signed or not, or a v2 REST path) gets the answer boto3 would get: the request goes
through :func:`.exchange.answer`. Signatures are not verified. Nothing is patched, or
imported, until ``requests`` is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..requests_interception import RequestsInterception
from . import active, unsubscribe_links
from .plumbing import SES_URL, api_of_url, body_bytes

if TYPE_CHECKING:
    from ..engine.service import Engine

METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH")


def _matcher(request: Any) -> tuple[bool, str]:
    if unsubscribe_links.handles(str(request.url)):
        return True, ""
    if not active.ACTIVE or not SES_URL.match(str(request.url)):
        return False, "not an SES request while a simulator is active"
    return True, ""


def _callback(request: Any) -> tuple[int, dict[str, str], bytes]:
    from .exchange import answer
    from .wire.types import WireRequest

    if unsubscribe_links.handles(str(request.url)):
        return unsubscribe_links.answer_requests(request)
    engine = active.current()
    assert engine is not None  # the matcher let it through
    wire = WireRequest(
        method=(request.method or "GET").upper(),
        url=str(request.url),
        headers={key: str(value) for key, value in request.headers.items()},
        body=body_bytes(request.body),
    )
    reply = answer(engine, api_of_url(wire.url), wire)
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


def refresh() -> None:
    """Called when moto starts under a running simulator: our entries join its mock."""
    if _users:
        _INTERCEPTION.install()


def detach(engine: Engine) -> None:
    """Called when a simulator stops; the interception ends with the last one."""
    if engine in _users:
        _users.remove(engine)
    unsubscribe_links.detach(engine)
    if not _users:
        _INTERCEPTION.uninstall()
