"""Answer chosen ``urllib`` HTTPS requests in process, beside ``requests_interception``.

Each part of the simulator that serves URLs (the SNS certificate and SubscribeURL, SES's
verification links) registers an answerer: ``answerer(method, url)`` returns
``(status, headers, body)``, or None to let the request go on. One patch on
``urllib.request.HTTPSHandler.https_open`` asks them, the latest first; it is installed
with the first answerer and removed with the last.
"""

from __future__ import annotations

import email.message
import io
import urllib.request
import urllib.response
from collections.abc import Callable
from typing import Any

Answer = tuple[int, dict[str, str], bytes]
Answerer = Callable[[str, str], Answer | None]

_REASONS = {200: "OK", 302: "Found", 404: "Not Found"}
_answerers: list[Answerer] = []
_original: Any = None


def add(answerer: Answerer) -> None:
    if answerer not in _answerers:
        _answerers.append(answerer)
    _install()


def remove(answerer: Answerer) -> None:
    if answerer in _answerers:
        _answerers.remove(answerer)
    if not _answerers:
        _uninstall()


def _install() -> None:
    global _original
    if _original is None:
        _original = urllib.request.HTTPSHandler.https_open
        urllib.request.HTTPSHandler.https_open = _https_open  # type: ignore[method-assign,assignment]


def _uninstall() -> None:
    global _original
    if _original is not None:
        if urllib.request.HTTPSHandler.https_open is _https_open:
            urllib.request.HTTPSHandler.https_open = _original  # type: ignore[method-assign]
        _original = None


def _https_open(handler: urllib.request.HTTPSHandler, request: urllib.request.Request) -> Any:
    for answerer in reversed(list(_answerers)):
        found = answerer(request.get_method(), request.full_url)
        if found is not None:
            return _response(request.full_url, *found)
    return _original(handler, request)


def _response(url: str, status: int, headers: dict[str, str], body: bytes) -> Any:
    message = email.message.Message()
    for name, value in headers.items():
        message[name] = value
    message["Content-Length"] = str(len(body))
    response = urllib.response.addinfourl(io.BytesIO(body), message, url, status)
    response.msg = _REASONS.get(status, "")  # type: ignore[attr-defined]
    return response
