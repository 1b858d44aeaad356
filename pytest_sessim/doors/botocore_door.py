"""botocore's door: SES requests of boto3 clients answered by the active engine, in the
wire form botocore parses, so clients see exactly what SES would send back.

Loaded as botocore loads (its handlers are botocore's built-ins): the engine and the
wire codecs are imported only when a simulator first answers.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, cast

from botocore.awsrequest import AWSPreparedRequest, AWSResponse, HTTPHeaders
from botocore.exceptions import EndpointConnectionError

from .. import moto_adapter
from . import active
from .plumbing import (
    HANDLED_URL,
    OUTSIDE,
    SES_SERVICES,
    RealSesRequestRefused,
    body_bytes,
    is_aws_ses_endpoint,
    is_loopback,
    service_of_event,
)
from .wire.types import WireRequest

if TYPE_CHECKING:
    from ..engine.service import Engine


class UnmodelledOperation(Exception):
    """An SES operation the simulator does not model, with no moto to fall back on."""


class _Headers(Mapping[str, str]):
    """botocore's request headers, read lazily (copying them all is slow) and as text."""

    def __init__(self, headers: Any) -> None:
        self._headers = headers

    def __getitem__(self, name: str) -> str:
        value = self._headers[name]
        return value.decode("utf-8") if isinstance(value, bytes) else str(value)

    def __iter__(self) -> Iterator[str]:
        return iter(self._headers.keys())

    def __len__(self) -> int:
        return len(self._headers)


class _Body(io.BytesIO):
    def stream(self, **kwargs: Any) -> Any:
        yield self.getvalue()


class NotAnSesEndpoint(EndpointConnectionError):
    fmt = (
        'Could not connect to the endpoint URL: "{endpoint_url}" (pytest-sessim: the client\'s '
        "endpoint is not an SES endpoint of AWS nor on this machine, so the simulator did not "
        "answer and nothing was sent)"
    )


def before_send(request: Any, event_name: str = "", **kwargs: Any) -> Any:
    """botocore ``before-send`` handler: SES requests go to the active engine when they
    are for an SES endpoint of AWS; a server on loopback answers for itself; any other
    endpoint gets the connection error botocore would raise, without a connection."""
    url = getattr(request, "url", None) or ""
    service = service_of_event(event_name)
    if url == HANDLED_URL or service not in SES_SERVICES:
        return None
    engine = active.current()
    if engine is None:
        _refuse_outside(service, url)
        return None
    if is_aws_ses_endpoint(url):
        return answer_botocore(engine, service, request)
    if is_loopback(url):
        return None
    raise NotAnSesEndpoint(endpoint_url=url)


def _refuse_outside(service: str, url: str) -> None:
    guard = OUTSIDE
    if not guard.on or guard.allowed or is_loopback(url):
        return
    from .. import moto_adapter

    if not moto_adapter.mock_active():  # moto's own SES answers it: nothing leaves
        raise RealSesRequestRefused(guard.message(service, url))


def answer_botocore(engine: Engine, service: str, request: AWSPreparedRequest) -> AWSResponse:
    # imported here: this module loads with botocore, the engine only when first asked
    from ..engine.service import NotModelled
    from .exchange import answer, unanswered

    wire = WireRequest(
        method=request.method or "POST",
        url=request.url or "",
        headers=_Headers(request.headers),
        body=body_bytes(request.body),
    )
    try:
        reply = answer(engine, service, wire)
    except NotModelled as missing:
        if moto_adapter.mock_active():
            moto_reply, why = _ask_moto(service, missing.operation, request)
            if moto_reply is not None:
                return moto_reply
            reply = unanswered(engine, service, missing.operation, why)
        else:
            raise UnmodelledOperation(
                f"pytest-sessim does not model the {service} operation {missing.operation}, "
                "and moto is not active to answer it. Run the test under moto's mock_aws "
                "(the sessim fixture starts one unless moto=False)."
            ) from None
    url = request.url or ""
    request.url = HANDLED_URL
    # AWSResponse copies any mapping into its own headers dict
    headers = cast(HTTPHeaders, reply.headers)
    return AWSResponse(url, reply.status, headers, _Body(reply.body))


def _ask_moto(
    service: str, operation: str, request: AWSPreparedRequest
) -> tuple[AWSResponse | None, str]:
    """moto's answer to what the simulator does not model, even for clients made before
    moto was imported (whose sessions lack moto's own handler); or None and why not."""
    try:
        response: AWSResponse | None = moto_adapter.stubber_answer(
            f"before-send.{service}.{operation}", request
        )
    except Exception as error:  # moto's own failures must not reach the client
        return None, f"{type(error).__name__}: {error}"
    if response is None:
        return None, "moto has no answer for it"
    request.url = HANDLED_URL
    return response, ""


def before_sign(request_signer: Any = None, event_name: str = "", **kwargs: Any) -> None:
    """A client made before any credentials existed (say at import time, before moto
    set its fake ones) would fail to sign: give it fake credentials while a simulator
    answers, since nothing it signs leaves the process."""
    if not active.ACTIVE or service_of_event(event_name) not in SES_SERVICES:
        return
    if request_signer is not None and getattr(request_signer, "_credentials", True) is None:
        from botocore.credentials import Credentials

        request_signer._credentials = Credentials("testing", "testing")
