"""Put the botocore door's handlers into botocore's built-in handler list.

Handlers in ``botocore.handlers.BUILTIN_HANDLERS`` reach every session created
afterwards, so clients made at import time of application modules and clients on
fresh ``boto3.Session()`` objects are covered. Installing must not import botocore
(the plugin has to stay cheap when unused): if botocore is not imported yet, an
import hook adds the handlers the moment ``botocore.handlers`` loads.
"""

from __future__ import annotations

import sys
import time
from types import ModuleType
from typing import Any

from . import active
from .import_hooks import after_import
from .plumbing import is_ses_endpoint, note_retry, ses_backoff

_TARGET = "botocore.handlers"
_UNIQUE_ID = "pytest-sessim-before-send"
_installed = False


class _ClockTime:
    """Stands in for the ``time`` module inside ``botocore.endpoint``: while a
    simulator answers, SES retry back-off advances the simulator's clock instead of
    sleeping, so throttling and retries behave as against SES with no wall-clock wait."""

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)

    def sleep(self, seconds: float) -> None:
        if not ses_backoff(seconds):
            time.sleep(seconds)


def _register(handlers: ModuleType) -> None:
    from .botocore_door import before_send, before_sign

    entries = handlers.BUILTIN_HANDLERS
    if not any(entry[1] is before_send for entry in entries):
        # REGISTER_FIRST: answer before moto's own before-send stubber
        entries.append(("before-send", before_send, handlers.REGISTER_FIRST))
        entries.append(("before-sign", before_sign))
        entries.append(("needs-retry", note_retry, handlers.REGISTER_FIRST))


def install() -> None:
    """Idempotent; cheap; never imports botocore."""
    global _installed
    if _installed:
        return
    _installed = True
    from .aio_door import install as install_async

    install_async()  # aiobotocore / aioboto3 clients
    after_import((_TARGET,), _register)


def attach_to_existing_sessions() -> None:
    """A default boto3 session made before installation lacks the handler: add it."""
    boto3 = sys.modules.get("boto3")
    session = getattr(boto3, "DEFAULT_SESSION", None) if boto3 is not None else None
    if session is not None:
        from .botocore_door import before_send

        session.events.register_first("before-send", before_send, unique_id=_UNIQUE_ID)


_guarded = False


def patch_botocore() -> None:
    """Done once, on the first simulator start. An SES request that reaches botocore's
    HTTP session while a simulator is active (a client made before the handler was
    installed) is answered by the simulator instead of the network; and SES retry
    back-off moves the simulator clock instead of sleeping."""
    global _guarded
    if _guarded:
        return
    _guarded = True
    from botocore.httpsession import URLLib3Session

    from .botocore_door import answer_botocore
    from .plumbing import api_of_url

    original = URLLib3Session.send

    def send(self: Any, request: Any) -> Any:
        engine = active.current()
        if engine is not None and is_ses_endpoint(request.url or ""):
            return answer_botocore(engine, api_of_url(request.url), request)
        return original(self, request)

    URLLib3Session.send = send  # type: ignore[method-assign]

    import botocore.endpoint

    botocore.endpoint.time = _ClockTime()  # type: ignore[attr-defined]
