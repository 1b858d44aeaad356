"""Answer a botocore request from the simulator, in the wire form botocore parses."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, cast

from botocore.awsrequest import AWSPreparedRequest, AWSResponse, HTTPHeaders

from ..engine.engine import NotModelled
from .botocore_install import HANDLED_URL
from .http import answer, unanswered
from .wire.types import WireRequest

if TYPE_CHECKING:
    from ..simulator import SesSim


class UnmodelledOperation(Exception):
    """An SES operation the simulator does not model, with no moto to fall back on."""


class _Headers(Mapping[str, str]):
    """botocore's request headers, read lazily (copying them all is slow) and as text."""

    def __init__(self, headers: Any) -> None:
        self._headers = headers

    def __getitem__(self, name: str) -> str:
        return _text(self._headers[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self._headers.keys())

    def __len__(self) -> int:
        return len(self._headers)


class _Body(io.BytesIO):
    def stream(self, **kwargs: Any) -> Any:
        yield self.getvalue()


def moto_active() -> bool:
    models = sys.modules.get("moto.core.models")
    stubber = getattr(models, "botocore_stubber", None)
    return bool(getattr(stubber, "enabled", False))


def _body_bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    data = body.read()
    if hasattr(body, "seek"):
        body.seek(0)
    return data if isinstance(data, bytes) else str(data).encode("utf-8")


def answer_botocore(sim: SesSim, service: str, request: AWSPreparedRequest) -> AWSResponse | None:
    wire = WireRequest(
        method=request.method or "POST",
        url=request.url or "",
        headers=_Headers(request.headers),
        body=_body_bytes(request.body),
    )
    try:
        reply = answer(sim.engine, service, wire)
    except NotModelled as missing:
        if moto_active():
            moto_reply, why = _ask_moto(service, missing.operation, request)
            if moto_reply is not None:
                return moto_reply
            reply = unanswered(sim.engine, service, missing.operation, why)
        else:
            raise UnmodelledOperation(
                f"pytest-sessim does not model the {service} operation {missing.operation}, "
                "and moto is not active to answer it. Run the test under moto's mock_aws "
                "(the sessim fixture starts one unless moto=False)."
            ) from None
    url = request.url or ""
    # botocore calls every before-send handler: pointing the answered request
    # elsewhere keeps moto's own stubber from acting on it too.
    request.url = HANDLED_URL
    # AWSResponse copies any mapping into its own headers dict
    headers = cast(HTTPHeaders, reply.headers)
    return AWSResponse(url, reply.status, headers, _Body(reply.body))


def _ask_moto(
    service: str, operation: str, request: AWSPreparedRequest
) -> tuple[AWSResponse | None, str]:
    """moto's answer to what the simulator does not model, even for clients made before
    moto was imported (whose sessions lack moto's own handler); or None and why not."""
    from moto.core.models import botocore_stubber

    try:
        response: AWSResponse | None = botocore_stubber(
            f"before-send.{service}.{operation}", request
        )
    except Exception as error:  # moto's own failures must not reach the client
        return None, f"{type(error).__name__}: {error}"
    if response is None:
        return None, "moto has no answer for it"
    request.url = HANDLED_URL
    return response, ""


def _text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)
