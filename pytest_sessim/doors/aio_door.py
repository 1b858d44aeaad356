"""aiobotocore and aioboto3 clients: intercepted like boto3 ones, for every operation.

aiobotocore sessions take botocore's built-in handler list, so the simulator's
``before-send`` handler already reaches them; aiobotocore swaps some built-in
handlers for async versions through its ``_HANDLER_MAPPING`` as it registers them,
and we add ours to that mapping: :func:`async_before_send` answers with an
``AioAWSResponse`` whose body aiobotocore reads with ``await``. Retry back-off for
SES calls advances the simulator clock instead of sleeping, as for botocore. While a
simulator runs under moto, what moto answers (SES operations the simulator does not
model, other services) reaches aiobotocore in the same awaitable form.

Installing never imports aiobotocore: an import hook adds the mapping the moment
``aiobotocore.hooks`` loads (before any session can exist).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

from . import active
from .import_hooks import after_import
from .plumbing import HANDLED_URL, ses_backoff

_HOOKS = "aiobotocore.hooks"
_ENDPOINT = "aiobotocore.endpoint"
_installed = False


class _AsyncBody:
    """The raw stream aiobotocore reads a response body from."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    async def read(self, amt: int | None = None) -> bytes:
        data, self._data = (
            (self._data, b"")
            if amt is None
            else (
                self._data[:amt],
                self._data[amt:],
            )
        )
        return data

    def at_eof(self) -> bool:
        return not self._data


async def async_before_send(request: Any, event_name: str = "", **kwargs: Any) -> Any:
    """aiobotocore's ``before-send``: the simulator's answer, in aiobotocore's form."""
    from .botocore_door import before_send

    response = before_send(request, event_name=event_name, **kwargs)
    if response is None:
        response = _moto_answer(request, event_name, **kwargs)
    if response is None:
        return None
    from aiobotocore.awsrequest import AioAWSResponse

    return AioAWSResponse(
        response.url, response.status_code, response.headers, _AsyncBody(response.content)
    )


def _moto_answer(request: Any, event_name: str, **kwargs: Any) -> Any:
    """While a simulator runs under moto, what moto answers (unmodelled SES operations,
    other services), taken here so that aiobotocore gets it in a form it can await;
    moto's own handler, which runs next, then leaves the request alone."""
    from .. import moto_adapter

    if not active.ACTIVE or not moto_adapter.mock_active():
        return None
    response = moto_adapter.stubber_answer(event_name, request, **kwargs)
    if response is not None:
        request.url = HANDLED_URL
    return response


class _ClockAsyncio:
    """Stands in for ``asyncio`` inside ``aiobotocore.endpoint`` (which uses it only to
    sleep between retries): SES retry back-off advances the simulator's clock."""

    def __getattr__(self, name: str) -> Any:
        import asyncio

        return getattr(asyncio, name)

    async def sleep(self, seconds: float, result: Any = None) -> Any:
        if ses_backoff(seconds):
            seconds = 0
        import asyncio

        return await asyncio.sleep(seconds, result)


def _patch(module: ModuleType) -> None:
    if module.__name__ == _HOOKS:
        from .botocore_door import before_send

        mapping = getattr(module, "_HANDLER_MAPPING", None)
        if isinstance(mapping, dict):
            mapping[before_send] = async_before_send
    elif module.__name__ == _ENDPOINT and getattr(module, "asyncio", None) is sys.modules.get(
        "asyncio"
    ):
        module.asyncio = _ClockAsyncio()  # type: ignore[attr-defined]


def install() -> None:
    """Idempotent and cheap: patches aiobotocore now if it is loaded, else on import."""
    global _installed
    if _installed:
        return
    _installed = True
    after_import((_HOOKS, _ENDPOINT), _patch)
