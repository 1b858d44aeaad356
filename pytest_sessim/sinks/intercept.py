"""Answer SNS's own URLs in process while a simulator publishes: the signing
certificate (``SigningCertURL``) and subscription confirmation (``SubscribeURL``),
for ``requests`` (through ``responses``, inside moto's mock when moto is active)
and for ``urllib``; and SNS ``ConfirmSubscription`` calls that moto answers.

Nothing is patched until a sink publishes; everything is undone when the last
registered sink leaves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from .. import moto_adapter, urllib_interception
from ..requests_interception import RequestsInterception
from . import signing


class TokenHolder(Protocol):
    def knows_token(self, token: str) -> bool: ...

    def confirm_token(self, topic_arn: str | None, token: str, authenticated: bool) -> str | None:
        """Confirm the subscription the token was sent to; its ARN, or None."""
        ...

    def request_id(self) -> str: ...


_SINKS: list[TokenHolder] = []
_SNS_URL = re.compile(r"https://sns\.[a-zA-Z0-9-]+\.amazonaws\.com(\.cn)?(:443)?/")
_XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/"

Answer = tuple[int, dict[str, str], bytes]


def register(sink: TokenHolder) -> None:
    if sink not in _SINKS:
        _SINKS.append(sink)


def unregister(sink: TokenHolder) -> None:
    if sink in _SINKS:
        _SINKS.remove(sink)
    if not _SINKS:
        _PATCHES.uninstall()


def ensure() -> None:
    """Install (or re-install, after moto reset its mock) every interceptor."""
    _PATCHES.install()


# what is answered ---------------------------------------------------------------------
def _confirmation(url: str) -> tuple[str | None, str] | None:
    parts = urlsplit(url)
    if parts.path not in ("", "/"):
        return None
    params = parse_qs(parts.query)
    if params.get("Action") != ["ConfirmSubscription"] or not params.get("Token"):
        return None
    return params.get("TopicArn", [None])[0], params["Token"][0]


def handles(method: str, url: str) -> bool:
    if method.upper() != "GET" or not _SNS_URL.match(url) or not _SINKS:
        return False
    parts = urlsplit(url)
    if signing.pem_for(parts.hostname or "", parts.path) is not None:
        return True
    found = _confirmation(url)
    return found is not None and any(sink.knows_token(found[1]) for sink in _SINKS)


def answer(method: str, url: str) -> Answer | None:
    if not handles(method, url):
        return None
    parts = urlsplit(url)
    pem = signing.pem_for(parts.hostname or "", parts.path)
    if pem is not None:
        return 200, {"Content-Type": "application/x-x509-ca-cert"}, pem
    found = _confirmation(url)
    if found is None:
        return None
    topic_arn, token = found
    for sink in reversed(_SINKS):
        arn = sink.confirm_token(topic_arn, token, authenticated=False)
        if arn is not None:
            return 200, {"Content-Type": "text/xml"}, _confirmed_xml(arn, sink.request_id())
    return None


def _confirmed_xml(subscription_arn: str, request_id: str) -> bytes:
    return (
        f'<ConfirmSubscriptionResponse xmlns="{_XMLNS}">\n'
        "  <ConfirmSubscriptionResult>\n"
        f"    <SubscriptionArn>{subscription_arn}</SubscriptionArn>\n"
        "  </ConfirmSubscriptionResult>\n"
        "  <ResponseMetadata>\n"
        f"    <RequestId>{request_id}</RequestId>\n"
        "  </ResponseMetadata>\n"
        "</ConfirmSubscriptionResponse>\n"
    ).encode()


# the patches -------------------------------------------------------------------------
def _requests_callback(request: Any) -> tuple[int, dict[str, str], bytes]:
    found = answer(request.method or "GET", str(request.url))
    return found if found is not None else (404, {}, b"")


def _requests_matcher(request: Any) -> tuple[bool, str]:
    matched = handles(request.method or "", str(request.url))
    return matched, "" if matched else "not a URL the simulator serves"


def _urllib_answer(method: str, url: str, body: bytes) -> Answer | None:
    return answer(method, url)


class _Patches:
    def __init__(self) -> None:
        self._requests = RequestsInterception(
            _SNS_URL, _requests_callback, _requests_matcher, ("GET",)
        )
        self._undo_moto_confirm: Callable[[], None] | None = None

    def install(self) -> None:
        urllib_interception.add(_urllib_answer)
        self._requests.install()
        if self._undo_moto_confirm is None:
            self._undo_moto_confirm = moto_adapter.patch_confirm_subscription(_confirm)

    def uninstall(self) -> None:
        self._requests.uninstall()
        urllib_interception.remove(_urllib_answer)
        if self._undo_moto_confirm is not None:
            self._undo_moto_confirm()
            self._undo_moto_confirm = None


_PATCHES = _Patches()


def _confirm(topic_arn: str | None, token: str) -> str | None:
    """SNS ConfirmSubscription for a token the simulator sent: the subscription's ARN."""
    for sink in reversed(_SINKS):
        if token and sink.knows_token(token):
            arn = sink.confirm_token(topic_arn, token, authenticated=True)
            if arn is not None:
                return arn
    return None
