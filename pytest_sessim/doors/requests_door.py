"""Raw HTTPS to the SES endpoint through ``requests``, answered by the active engine.

Code that calls ``https://email.<region>.amazonaws.com/`` itself (a v1 Query POST,
signed or not, or a v2 REST path) gets the answer boto3 would get: the request goes
through :func:`.exchange.answer`. Signatures are not verified. While a simulator runs,
``requests`` to any other AWS endpoint (an S3 presigned URL, an SQS query) go to moto,
started if need be, and never to AWS. Nothing is patched, or imported, until ``requests``
is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..requests_interception import RequestsInterception, claimed_elsewhere
from . import active, unsubscribe_links
from .plumbing import api_of_url, body_bytes, is_aws_ses_endpoint

if TYPE_CHECKING:
    from ..engine.service import Engine

METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH")


# any AWS endpoint: SES's go to the engine, the others to moto
AWS_URL = re.compile(r"https?://([a-z0-9.-]+\.)?amazonaws\.com(\.cn)?(:\d+)?(/.*)?$")
NOT_SENT = (
    "pytest-sessim: this request to AWS was not sent. While a simulator runs, AWS "
    "services other than SES are moto's, and this simulator runs with moto=False."
)


def _matcher(request: Any) -> tuple[bool, str]:
    if unsubscribe_links.handles(str(request.url)):
        return True, ""
    url = str(request.url)
    if not active.ACTIVE or not AWS_URL.match(url):
        return False, "not an AWS request while a simulator is active"
    if not is_aws_ses_endpoint(url) and claimed_elsewhere(request, _INTERCEPTION):
        return False, "answered by another interception (SNS confirmation links, say)"
    return True, ""


def _callback(request: Any) -> tuple[int, dict[str, str], bytes]:
    from .exchange import answer
    from .wire.types import WireRequest

    url = str(request.url)
    if unsubscribe_links.handles(url):
        return unsubscribe_links.answer_requests(request)
    simulator = active.current_simulator()
    assert simulator is not None  # the matcher let it through
    if not is_aws_ses_endpoint(url):
        return _to_moto(simulator, request)
    engine = simulator.engine
    wire = WireRequest(
        method=(request.method or "GET").upper(),
        url=str(request.url),
        headers={key: str(value) for key, value in request.headers.items()},
        body=body_bytes(request.body),
    )
    reply = answer(engine, api_of_url(wire.url), wire)
    return reply.status, dict(reply.headers), reply.body


def _to_moto(simulator: active.Simulated, request: Any) -> tuple[int, dict[str, str], bytes]:
    from .. import moto_adapter

    if simulator.ensure_moto():
        headers = {key: str(value) for key, value in request.headers.items()}
        method = (request.method or "GET").upper()
        found = moto_adapter.answer_http(
            "before-send", method, str(request.url), headers, body_bytes(request.body)
        )
        if found is not None:
            return found
    return 403, {"Content-Type": "text/plain"}, NOT_SENT.encode()


# AWS's endpoints, and SES's unsubscribe links (one interception: it costs per test)
INTERCEPTED_URLS = re.compile(f"{AWS_URL.pattern}|{unsubscribe_links.LINK_URL.pattern}")
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
