"""Raw HTTPS to the SES endpoint through ``requests``, answered by the active simulator.

Code that calls ``https://email.<region>.amazonaws.com/`` itself (a v1 Query POST,
signed or not, or a v2 REST path) gets the answer boto3 would get: the request goes
through :func:`.http.answer`. Signatures are not verified.

``responses`` does the interception, side by side with moto's own use of it: under
moto's ``mock_aws`` our callbacks join moto's global ``RequestsMock`` (moto's
registry prefers plain ``responses.CallbackResponse`` entries over its own, so SES
requests reach us first; operations the simulator does not model are left to moto).
Without moto we start a ``RequestsMock`` of our own that lets every other request
through to the real adapter. Nothing is patched, or imported, until ``requests`` is.
"""

from __future__ import annotations

import contextlib
import re
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .._active import ACTIVE
from .import_hooks import after_import

if TYPE_CHECKING:
    from ..simulator import SesSim
    from .wire.types import WireRequest

SES_URL = re.compile(r"https?://email\.[a-z0-9-]+\.amazonaws\.com(\.cn)?(:\d+)?(/.*)?$")
METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH")


def _body(request: Any) -> bytes:
    body = request.body
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, bytes):
        return body
    data = body.read()
    return data if isinstance(data, bytes) else str(data).encode("utf-8")


def _wire(request: Any) -> WireRequest:
    from .wire.types import WireRequest

    return WireRequest(
        method=(request.method or "GET").upper(),
        url=str(request.url),
        headers={key: str(value) for key, value in request.headers.items()},
        body=_body(request),
    )


def _modelled(request: Any) -> bool:
    """Whether the simulator answers this request (unmodelled ones go to moto)."""
    from ..engine.operations import lookup
    from .http import api_of_url
    from .wire.models import service_model
    from .wire.query import decode_query
    from .wire.restjson import decode_rest_json
    from .wire.types import WireDecodeError

    api = api_of_url(str(request.url))
    decode = decode_query if api == "ses" else decode_rest_json
    try:
        operation, _ = decode(_wire(request), service_model(api))
    except WireDecodeError:
        return True  # malformed: the simulator answers with SES's error
    return lookup(api, operation) is not None


def _matcher(request: Any) -> tuple[bool, str]:
    if not ACTIVE or not SES_URL.match(str(request.url)):
        return False, "not an SES request while a simulator is active"
    if _moto_models() is not None and not _modelled(request):
        return False, "an SES operation the simulator does not model (moto answers it)"
    return True, ""


def _callback(request: Any) -> tuple[int, dict[str, str], bytes]:
    from ..engine.engine import NotModelled
    from .botocore_door import UnmodelledOperation
    from .http import answer, api_of_url

    sim = ACTIVE[-1]
    api = api_of_url(str(request.url))
    try:
        reply = answer(sim.engine, api, _wire(request))
    except NotModelled as missing:
        raise UnmodelledOperation(
            f"pytest-sessim does not model the {api} operation {missing.operation}, "
            "and moto is not active to answer it."
        ) from None
    return reply.status, dict(reply.headers), reply.body


def _moto_models() -> Any:
    models = sys.modules.get("moto.core.models")
    stubber = getattr(models, "botocore_stubber", None)
    return models if getattr(stubber, "enabled", False) else None


class _Door:
    """Our ``responses`` entries and where they are registered."""

    def __init__(self) -> None:
        self.entries: list[Any] = []
        self.users: list[SesSim] = []
        self.waiting = False  # for requests to be imported
        self.moto_mock: Any = None
        self.own_mock: Any = None
        self.own_send: Any = None

    def attach(self, sim: SesSim) -> None:
        self.users.append(sim)
        if "requests" in sys.modules:
            self.install()
        elif not self.waiting:
            # nothing can call through requests before it is imported
            self.waiting = True
            after_import(("requests",), self._imported)

    def _imported(self, module: ModuleType) -> None:
        self.waiting = False
        if not self.users:
            return
        # requests imported by responses, itself still loading (moto's import), fails
        # here: refresh() installs once moto runs
        with contextlib.suppress(AttributeError, ImportError):
            self.install()

    def detach(self, sim: SesSim) -> None:
        if sim in self.users:
            self.users.remove(sim)
        if not self.users:
            self.uninstall()

    def install(self) -> None:
        import requests.adapters
        import responses

        # rebuilt when ``responses`` was imported anew since (pytester's inline runs
        # drop modules first imported inside them)
        if not self.entries or not isinstance(self.entries[0], responses.BaseResponse):
            self.entries = [
                responses.CallbackResponse(
                    method=method, url=SES_URL, callback=_callback, match=[_matcher]
                )
                for method in METHODS
            ]
        models = _moto_models()
        if models is not None:
            mock = models.responses_mock
            present = {id(item) for item in mock.registered()}
            for entry in self.entries:
                if id(entry) not in present:
                    mock.add(entry)
            self.moto_mock = mock
        elif self.own_mock is None:
            mock = responses.RequestsMock(
                assert_all_requests_are_fired=False,
                real_adapter_send=requests.adapters.HTTPAdapter.send,  # type: ignore[arg-type]
            )
            mock.add_passthru(re.compile(r".*"))
            for entry in self.entries:
                mock.add(entry)
            mock.start()
            self.own_mock = mock
            self.own_send = requests.adapters.HTTPAdapter.send

    def uninstall(self) -> None:
        # Entries in moto's mock stay: their matcher declines every request while no
        # simulator is active, and removing them costs a scan of moto's whole registry.
        self.moto_mock = None
        if self.own_mock is not None:
            import requests.adapters

            # stop only if nothing was patched over ours; otherwise it stays, inert
            if requests.adapters.HTTPAdapter.send is self.own_send:
                self.own_mock.stop(allow_assert=False)
            self.own_mock = self.own_send = None


_DOOR = _Door()


def attach(sim: SesSim) -> None:
    """Called when a simulator starts: SES requests through ``requests`` reach it."""
    _DOOR.attach(sim)


def refresh() -> None:
    """After moto's ``mock_aws`` started under an active simulator: our entries join
    moto's ``RequestsMock``, which now sees requests first."""
    if _DOOR.users and "requests" in sys.modules:
        _DOOR.install()


def detach(sim: SesSim) -> None:
    """Called when a simulator stops; the interception ends with the last one."""
    _DOOR.detach(sim)
