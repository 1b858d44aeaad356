"""Answer chosen ``requests`` calls in process, beside moto's own use of ``responses``.

Under moto's ``mock_aws`` our entries join moto's global ``RequestsMock`` (moto's
registry prefers plain ``responses.CallbackResponse`` entries over its own, so ours
are asked first); without moto we start a ``RequestsMock`` of our own that lets
every other request through to the real adapter. Entries left in moto's mock
stay there, inert: their matchers decline everything once their owner stops, and
removing them would cost a scan of moto's whole registry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .moto_adapter import requests_mock

Callback = Callable[[Any], tuple[int, dict[str, str], bytes]]
Matcher = Callable[[Any], tuple[bool, str]]


class RequestsInterception:
    def __init__(
        self, url: re.Pattern[str], callback: Callback, matcher: Matcher, methods: tuple[str, ...]
    ) -> None:
        self._spec = (url, callback, matcher, methods)
        self._entries: list[Any] = []
        self._own_mock: Any = None
        self._own_send: Any = None

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
        import requests.adapters
        import responses

        entries = self._build()
        mock = requests_mock()
        if mock is not None:
            present = {id(item) for item in mock.registered()}
            for entry in entries:
                if id(entry) not in present:
                    mock.add(entry)
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
        if self._own_mock is not None:
            import requests.adapters

            # stop only if nothing was patched over ours; otherwise it stays, inert
            if requests.adapters.HTTPAdapter.send is self._own_send:
                self._own_mock.stop(allow_assert=False)
            self._own_mock = self._own_send = None
