"""Answer SNS's own URLs in process while a simulator publishes: the signing
certificate (``SigningCertURL``) and subscription confirmation (``SubscribeURL``),
for ``requests`` (through ``responses``, inside moto's mock when moto is active)
and for ``urllib``; and SNS ``ConfirmSubscription`` calls that moto answers.

Nothing is patched until a sink publishes; everything is undone when the last
registered sink leaves.
"""

from __future__ import annotations

import email.message
import io
import re
import sys
import urllib.request
import urllib.response
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

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


def _moto_models() -> Any:
    models = sys.modules.get("moto.core.models")
    stubber = getattr(models, "botocore_stubber", None)
    return models if getattr(stubber, "enabled", False) else None


class _Patches:
    def __init__(self) -> None:
        self._entry: Any = None  # our responses.CallbackResponse
        self._moto_mock: Any = None  # moto's RequestsMock we added the entry to
        self._own_mock: Any = None  # our RequestsMock, when moto is not active
        self._own_send: Any = None
        self._urllib: Any = None
        self._moto_confirm: Any = None

    def install(self) -> None:
        self._install_urllib()
        self._install_requests()
        self._install_moto_confirm()

    def uninstall(self) -> None:
        if self._moto_mock is not None:
            if any(entry is self._entry for entry in self._moto_mock.registered()):
                self._moto_mock.remove(self._entry)
            self._moto_mock = None
        if self._own_mock is not None:
            import requests.adapters

            # stop only if nothing was patched over ours; otherwise ours stays, inert
            if requests.adapters.HTTPAdapter.send is self._own_send:
                self._own_mock.stop(allow_assert=False)
            self._own_mock = self._own_send = None
        if self._urllib is not None:
            if urllib.request.HTTPSHandler.https_open is _https_open:
                urllib.request.HTTPSHandler.https_open = self._urllib  # type: ignore[method-assign]
            self._urllib = None
        if self._moto_confirm is not None:
            from moto.sns.responses import SNSResponse

            SNSResponse.confirm_subscription = self._moto_confirm  # type: ignore[method-assign]
            self._moto_confirm = None

    # requests ------------------------------------------------------------------
    def _install_requests(self) -> None:
        import requests.adapters
        import responses

        if self._entry is None:
            self._entry = responses.CallbackResponse(
                method="GET",
                url=_SNS_URL,
                callback=_requests_callback,
                match=[_requests_matcher],
            )
        models = _moto_models()
        if models is not None:
            mock = models.responses_mock
            if not any(entry is self._entry for entry in mock.registered()):
                mock.add(self._entry)
            self._moto_mock = mock
        elif self._own_mock is None:
            mock = responses.RequestsMock(
                assert_all_requests_are_fired=False,
                real_adapter_send=requests.adapters.HTTPAdapter.send,  # type: ignore[arg-type]
            )
            mock.add_passthru(re.compile(r".*"))
            mock.add(self._entry)
            mock.start()
            self._own_mock = mock
            self._own_send = requests.adapters.HTTPAdapter.send

    # urllib --------------------------------------------------------------------
    def _install_urllib(self) -> None:
        if self._urllib is None:
            self._urllib = urllib.request.HTTPSHandler.https_open
            urllib.request.HTTPSHandler.https_open = _https_open  # type: ignore[method-assign,assignment]

    # moto's ConfirmSubscription ----------------------------------------------------
    def _install_moto_confirm(self) -> None:
        if self._moto_confirm is not None or "moto" not in sys.modules:
            return
        try:
            from moto.sns.responses import SNSResponse
        except ImportError:  # moto without its SNS extra
            return
        self._moto_confirm = SNSResponse.confirm_subscription
        SNSResponse.confirm_subscription = _moto_confirm_subscription  # type: ignore[method-assign]

    @property
    def original_https_open(self) -> Any:
        return self._urllib

    @property
    def original_moto_confirm(self) -> Any:
        return self._moto_confirm


_PATCHES = _Patches()


def _https_open(handler: urllib.request.HTTPSHandler, request: urllib.request.Request) -> Any:
    found = answer(request.get_method(), request.full_url)
    if found is None:
        return _PATCHES.original_https_open(handler, request)
    status, headers, body = found
    message = email.message.Message()
    for name, value in headers.items():
        message[name] = value
    message["Content-Length"] = str(len(body))
    response = urllib.response.addinfourl(io.BytesIO(body), message, request.full_url, status)
    response.msg = "OK" if status == 200 else "Not Found"  # type: ignore[attr-defined]
    return response


def _moto_confirm_subscription(self: Any) -> Any:
    """ConfirmSubscription as SNS answers it, for tokens the simulator sent."""
    token = self._get_param("Token")
    topic_arn = self._get_param("TopicArn")
    for sink in reversed(_SINKS):
        if token and sink.knows_token(token):
            arn = sink.confirm_token(topic_arn, token, authenticated=True)
            if arn is not None:
                from moto.core.responses import ActionResult

                return ActionResult({"SubscriptionArn": arn})
    return _PATCHES.original_moto_confirm(self)
