"""Answer chosen ``requests`` calls in process, beside moto's own use of ``responses``.

Under moto's ``mock_aws`` our entries join moto's global ``RequestsMock`` (moto's
registry prefers plain ``responses.CallbackResponse`` entries over its own, so ours
are asked first); without moto we start a ``RequestsMock`` of our own that lets
every other request through to the real adapter. Entries left in moto's mock
stay there, inert: their matchers decline everything once their owner stops, and
removing them would cost a scan of moto's whole registry. Nothing is imported or
patched until ``requests`` is: nothing can call through it before that.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

from .import_hooks import after_import
from .moto_adapter import requests_mock

Callback = Callable[[Any], tuple[int, dict[str, str], bytes]]
Matcher = Callable[[Any], tuple[bool, str]]


class RequestsInterception:
    """One set of ``responses`` entries: in moto's mock while it runs, else in our own."""

    def __init__(
        self, url: re.Pattern[str], callback: Callback, matcher: Matcher, methods: tuple[str, ...]
    ) -> None:
        self._spec = (url, callback, matcher, methods)
        self._entries: list[Any] = []
        self._own_mock: Any = None
        self._own_send: Any = None
        self._wanted = False  # installed, or to be once requests is imported
        self._waiting = False
        self._joined: tuple[int, int] | None = None  # (registry, entries) last joined
        self._joined_registry: Any = None
        _ALL.append(self)

    def claims(self, request: Any) -> bool:
        """Whether this interception, installed, answers ``request``."""
        url, _, matcher, methods = self._spec
        return (
            self._wanted
            and (request.method or "GET").upper() in methods
            and url.match(str(request.url)) is not None
            and matcher(request)[0]
        )

    def _build(self) -> list[Any]:
        import responses

        # rebuilt when ``responses`` was imported anew since (pytester's inline runs
        # drop modules first imported inside them)
        if not self._entries or not isinstance(self._entries[0], responses.BaseResponse):
            url, callback, matcher, methods = self._spec
            self._entries = [
                responses.CallbackResponse(
                    method=method, url=url, callback=callback, match=[matcher]
                )
                for method in methods
            ]
        return self._entries

    def install(self) -> None:
        """Idempotent; call again after moto started or reset its mock."""
        self._wanted = True
        if "requests" not in sys.modules:
            if not self._waiting:
                self._waiting = True
                after_import(("requests",), self._imported)
            return
        self._install()

    def _imported(self, module: ModuleType) -> None:
        self._waiting = False
        if self._wanted:
            # requests imported by responses while it still loads (moto's import) cannot
            # be patched yet: the next install() (when moto starts) does it
            with contextlib.suppress(AttributeError, ImportError):
                self._install()

    def _install(self) -> None:
        import requests.adapters
        import responses

        entries = self._build()
        mock = requests_mock()
        if mock is not None:
            # moto replaces its mock's registry whenever it resets it: while the registry
            # we joined is still there, our entries are in it (this runs on every publication)
            registry = getattr(mock, "_registry", None)
            if registry is None or self._joined != (id(registry), id(entries)):
                present = {id(item) for item in mock.registered()}
                for entry in entries:
                    if id(entry) not in present:
                        mock.add(entry)
                self._joined = (id(registry), id(entries))
                self._joined_registry = registry  # kept alive: its id is not reused
        elif self._own_mock is None:
            own = responses.RequestsMock(
                assert_all_requests_are_fired=False,
                real_adapter_send=requests.adapters.HTTPAdapter.send,  # type: ignore[arg-type]
            )
            own.add_passthru(re.compile(r".*"))
            for entry in entries:
                own.add(entry)
            own.start()
            self._own_mock = own
            self._own_send = requests.adapters.HTTPAdapter.send

    def uninstall(self) -> None:
        self._wanted = False
        if self._own_mock is not None:
            import requests.adapters

            # stop only if nothing was patched over ours; otherwise it stays, inert
            if requests.adapters.HTTPAdapter.send is self._own_send:
                self._own_mock.stop(allow_assert=False)
            self._own_mock = self._own_send = None


_ALL: list[RequestsInterception] = []


def claimed_elsewhere(request: Any, asking: RequestsInterception) -> bool:
    """Whether an interception other than ``asking`` answers ``request`` (a catch-all
    leaves such requests to it, whatever order the mock tries entries in)."""
    return any(other.claims(request) for other in _ALL if other is not asking)
