"""botocore's requests and responses as the simulator reads and writes them: headers read
lazily, a body botocore can stream, and whether a request's endpoint is answered here."""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from typing import Any, cast

from botocore.awsrequest import AWSPreparedRequest, AWSResponse, HTTPHeaders
from botocore.exceptions import EndpointConnectionError

from .plumbing import HANDLED_URL, is_aws_ses_endpoint, is_loopback
from .wire.types import WireResponse


class RequestHeaders(Mapping[str, str]):
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


class ResponseBody(io.BytesIO):
    """A body botocore can read: it calls ``.stream()`` on the raw response."""

    def stream(self, **kwargs: Any) -> Any:
        yield self.getvalue()


class NotAnSesEndpoint(EndpointConnectionError):
    fmt = (
        'Could not connect to the endpoint URL: "{endpoint_url}" (pytest-sessim: the client\'s '
        "endpoint is not an SES endpoint of AWS nor on this machine, so the simulator did not "
        "answer and nothing was sent)"
    )


def answers_here(url: str) -> bool:
    """Whether the simulator answers a request for ``url`` in process: an SES endpoint of
    AWS. A server on loopback answers for itself; any other endpoint is refused."""
    if is_aws_ses_endpoint(url):
        return True
    if is_loopback(url):
        return False
    raise NotAnSesEndpoint(endpoint_url=url)


def answered(request: AWSPreparedRequest, reply: WireResponse) -> AWSResponse:
    """The simulator's reply to ``request``, as the HTTP response botocore reads."""
    url = request.url or ""
    # botocore calls every before-send handler: pointing the answered request
    # elsewhere keeps moto's own stubber from acting on it too.
    request.url = HANDLED_URL
    # AWSResponse copies any mapping into its own headers dict
    headers = cast(HTTPHeaders, reply.headers)
    return AWSResponse(url, reply.status, headers, ResponseBody(reply.body))
