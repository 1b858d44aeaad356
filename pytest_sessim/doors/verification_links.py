"""The links in SES's verification mails, answered in process: a GET of
``https://email-verification.<region>.amazonaws.com/?...`` through ``requests`` or
``urllib`` reaches the active engine, which verifies the address (while the link is
valid). SES's standard link answers with its "Congratulations!" page; a custom
verification mail's link redirects (302) to the template's success or failure URL.

While a simulator is active no such GET leaves the process: a link SES did not send
gets the failure page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from .. import urllib_interception
from ..engine.identities.lifecycle import follow_link
from ..engine.identities.verification_mail import CONFIRMED_PAGE, FAILED_PAGE
from ..requests_interception import RequestsInterception
from . import active

if TYPE_CHECKING:
    from ..engine.service import Engine

LINK_URL = re.compile(r"https://email-verification\.([a-z0-9-]+)\.amazonaws\.com(?::443)?/")
_HTML = {"Content-Type": "text/html; charset=UTF-8"}


def answer(method: str, url: str, body: bytes = b"") -> urllib_interception.Answer | None:
    """The answer to a GET of a verification link, or None for any other request."""
    found = LINK_URL.match(url)
    engine = active.current()
    if method.upper() != "GET" or found is None or engine is None:
        return None
    token = parse_qs(urlsplit(url).query).get("X-Amz-Signature", [""])[0]
    with engine.lock:
        outcome = follow_link(engine, found.group(1), token)
    if outcome is None:
        return 200, dict(_HTML), FAILED_PAGE.encode()
    if outcome.redirect:
        return 302, {"Location": outcome.redirect}, b""
    page = CONFIRMED_PAGE if outcome.verified else FAILED_PAGE
    return 200, dict(_HTML), page.encode()


def _callback(request: Any) -> tuple[int, dict[str, str], bytes]:
    found = answer(request.method or "GET", str(request.url))
    return found if found is not None else (404, {}, b"")


def _matcher(request: Any) -> tuple[bool, str]:
    url = str(request.url)
    if (request.method or "").upper() == "GET" and LINK_URL.match(url) and active.ACTIVE:
        return True, ""
    return False, "not an SES verification link while a simulator is active"


_INTERCEPTION = RequestsInterception(LINK_URL, _callback, _matcher, ("GET",))
_users: list[Engine] = []


def attach(engine: Engine) -> None:
    """Called when a simulator starts: its verification links answer in process."""
    _users.append(engine)
    urllib_interception.add(answer)
    _INTERCEPTION.install()


def detach(engine: Engine) -> None:
    """Called when a simulator stops; the interception ends with the last one."""
    if engine in _users:
        _users.remove(engine)
    if not _users:
        _INTERCEPTION.uninstall()
        urllib_interception.remove(answer)
