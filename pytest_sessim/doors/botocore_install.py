"""Put the simulator's ``before-send`` handler into botocore's built-in handler list.

Handlers in ``botocore.handlers.BUILTIN_HANDLERS`` reach every session created
afterwards, so clients made at import time of application modules and clients on
fresh ``boto3.Session()`` objects are covered. Installing must not import
botocore (the plugin has to stay cheap when unused): if botocore is not imported
yet, an import hook adds the handler the moment ``botocore.handlers`` loads.
"""

from __future__ import annotations

import sys
import threading
import time
from types import ModuleType
from typing import Any

from .import_hooks import after_import

_TARGET = "botocore.handlers"
_installed = False
_UNIQUE_ID = "pytest-sessim-before-send"
HANDLED_URL = "https://sessim.invalid/answered"


def _service(event_name: str) -> str:
    """``before-send.ses.SendEmail`` -> ``ses``."""
    return event_name.split(".", 2)[1] if event_name.count(".") >= 1 else ""


def before_call(event_name: str = "", **kwargs: Any) -> Any:
    """botocore ``before-call`` handler: SES calls answered without the wire, where the
    application would see no difference (see :mod:`.before_call`)."""
    from .._active import ACTIVE

    model, params = kwargs.get("model"), kwargs.get("params")
    if not ACTIVE or model is None or params is None:
        return None
    if _service(event_name) not in ("ses", "sesv2"):
        return None
    from .before_call import answer_call

    return answer_call(
        ACTIVE[-1], _service(event_name), model, params, kwargs.get("request_signer")
    )


def before_send(request: Any, event_name: str = "", **kwargs: Any) -> Any:
    """botocore ``before-send`` handler: SES requests go to the active simulator; while
    a simulator runs, every other AWS request goes to moto, started if need be."""
    from .._active import ACTIVE

    if not ACTIVE or getattr(request, "url", None) == HANDLED_URL:
        return None
    service = _service(event_name)
    if service not in ("ses", "sesv2"):
        return _to_moto(ACTIVE[-1], event_name, request)
    from .before_call import take_pending
    from .botocore_door import answer_botocore, answered

    pending = take_pending(service, event_name.rsplit(".", 1)[-1])
    if pending is not None:
        return answered(request, pending)
    return answer_botocore(ACTIVE[-1], service, request)


def _to_moto(sim: Any, event_name: str, request: Any) -> Any:
    if not sim.ensure_moto():
        return None
    from .botocore_door import ask_moto

    # asked directly: a client made before moto was imported lacks moto's own handler
    return ask_moto(event_name, request)


def choose_signer(event_name: str = "", **kwargs: Any) -> Any:
    """botocore ``choose-signer`` handler: nothing the simulator answers is signed, so
    no credentials are used for it (clients made before any existed work as well)."""
    from .._active import ACTIVE

    if ACTIVE and _service(event_name) in ("ses", "sesv2"):
        from botocore import UNSIGNED

        return UNSIGNED
    return None


_retry = threading.local()


def note_retry(event_name: str = "", **kwargs: Any) -> None:
    """Remember whether botocore's next retry sleep is for an SES call."""
    _retry.ses = event_name.split(".", 2)[1:2] in (["ses"], ["sesv2"])


class _ClockTime:
    """Stands in for the ``time`` module inside ``botocore.endpoint``: while a
    simulator answers, SES retry back-off advances the simulator's clock instead of
    sleeping, so throttling and retries behave as against SES with no wall-clock wait."""

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)

    def sleep(self, seconds: float) -> None:
        from .._active import ACTIVE

        if ACTIVE and getattr(_retry, "ses", False):
            ACTIVE[-1].clock.advance(seconds)
        else:
            time.sleep(seconds)


def _register(handlers: ModuleType) -> None:
    entries = handlers.BUILTIN_HANDLERS
    if not any(entry[1] is before_send for entry in entries):
        # REGISTER_FIRST: answer before moto's own before-send stubber
        entries.append(("before-call", before_call, handlers.REGISTER_FIRST))
        entries.append(("before-send", before_send, handlers.REGISTER_FIRST))
        entries.append(("choose-signer", choose_signer, handlers.REGISTER_FIRST))
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
        session.events.register_first("before-send", before_send, unique_id=_UNIQUE_ID)
        session.events.register_first(
            "choose-signer", choose_signer, unique_id=f"{_UNIQUE_ID}-signer"
        )


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

    original = URLLib3Session.send

    def send(self: Any, request: Any) -> Any:
        from .._active import ACTIVE

        if ACTIVE and _is_ses_endpoint(request.url or ""):
            from .botocore_door import answer_botocore
            from .http import api_of_url

            response = answer_botocore(ACTIVE[-1], api_of_url(request.url), request)
            if response is not None:
                return response
        return original(self, request)

    URLLib3Session.send = send  # type: ignore[method-assign]

    import botocore.endpoint

    botocore.endpoint.time = _ClockTime()  # type: ignore[attr-defined]


def _is_ses_endpoint(url: str) -> bool:
    host = url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    return host.startswith("email.") and (
        host.endswith(".amazonaws.com") or host.endswith(".amazonaws.com.cn")
    )
