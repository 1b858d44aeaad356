"""Answer chosen ``urllib`` HTTPS requests in process: one patch of
``HTTPSHandler.https_open`` for every answerer (SNS's certificate and confirmation
URLs, SES's unsubscribe links...), so that answerers come and go in any order.

An answerer takes (method, url, body) and returns (status, headers, body), or None
to let the request through. The patch is on while any answerer is registered.
"""

from __future__ import annotations

import email.message
import io
import urllib.request
import urllib.response
from collections.abc import Callable
from http.client import responses
from typing import Any

Answer = tuple[int, dict[str, str], bytes]
Answerer = Callable[[str, str, bytes], "Answer | None"]

_ANSWERERS: list[Answerer] = []
_original: Any = None


def add(answerer: Answerer) -> None:
    if answerer not in _ANSWERERS:
        _ANSWERERS.append(answerer)
    _install()


def remove(answerer: Answerer) -> None:
    if answerer in _ANSWERERS:
        _ANSWERERS.remove(answerer)
    if not _ANSWERERS:
        _uninstall()


def _install() -> None:
    global _original
    if _original is None:
        _original = urllib.request.HTTPSHandler.https_open
        urllib.request.HTTPSHandler.https_open = _https_open  # type: ignore[method-assign,assignment]


def _uninstall() -> None:
    global _original
    if _original is not None and urllib.request.HTTPSHandler.https_open is _https_open:
        urllib.request.HTTPSHandler.https_open = _original  # type: ignore[method-assign]
        _original = None


def _body(request: urllib.request.Request) -> bytes:
    data = request.data
    if data is None:
        return b""
    if isinstance(data, bytes | bytearray):
        return bytes(data)
    if isinstance(data, str):
        return data.encode()
    return b"".join(bytes(chunk) for chunk in data)  # type: ignore[union-attr]


def _https_open(handler: urllib.request.HTTPSHandler, request: urllib.request.Request) -> Any:
    for answerer in reversed(list(_ANSWERERS)):
        found = answerer(request.get_method(), request.full_url, _body(request))
        if found is not None:
            return _response(request.full_url, *found)
    return _original(handler, request)


def _response(url: str, status: int, headers: dict[str, str], body: bytes) -> Any:
    message = email.message.Message()
    for name, value in headers.items():
        message[name] = value
    message["Content-Length"] = str(len(body))
    response = urllib.response.addinfourl(io.BytesIO(body), message, url, status)
    response.msg = responses.get(status, "")  # type: ignore[attr-defined]
    return response
