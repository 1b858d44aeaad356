"""SES's unsubscribe links, followed in process: a ``GET`` or ``POST`` of a
``https://[o.]<region>.user-subscription.com/...`` URL through ``requests`` (the raw
HTTPS door's interception carries it) or ``urllib`` reaches the active engine, which
answers it (``engine/lists/links.py``), as a mail client or a recipient would find it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import urllib_interception
from ..engine.lists.links import LINK_URL, follow
from . import active
from .plumbing import body_bytes

if TYPE_CHECKING:
    from ..engine.service import Engine

Answer = tuple[int, dict[str, str], bytes]
__all__ = ["LINK_URL", "answer", "answer_requests", "attach", "detach", "handles"]
_users: list[Engine] = []


def handles(url: str) -> bool:
    return bool(active.ACTIVE) and LINK_URL.match(url) is not None


def answer(method: str, url: str, body: bytes) -> Answer | None:
    """The active engine's answer to a request for an unsubscribe link, else None."""
    engine = active.current()
    if engine is None or LINK_URL.match(url) is None:
        return None
    with engine.lock:
        return follow(engine, method, url, body)


def answer_requests(request: Any) -> Answer:
    found = answer(request.method or "GET", str(request.url), body_bytes(request.body))
    return found if found is not None else (404, {}, b"")


def attach(engine: Engine) -> None:
    """Called when a simulator starts: ``urllib`` requests for the links reach it."""
    _users.append(engine)
    urllib_interception.add(answer)


def detach(engine: Engine) -> None:
    if engine in _users:
        _users.remove(engine)
    if not _users:
        urllib_interception.remove(answer)
