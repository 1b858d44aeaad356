"""What every door shares: the handled-request marker, SES endpoints, request bodies,
and the retry note that turns SES retry back-off into simulator time.

A leaf: it imports nothing of the doors, so each door can use it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from typing import Any

from . import active

# botocore calls every before-send handler: pointing an answered request here keeps
# moto's own stubber from acting on it too.
HANDLED_URL = "https://sessim.invalid/answered"

V1 = "ses"
V2 = "sesv2"
SES_SERVICES = (V1, V2)
SES_URL = re.compile(r"https?://email\.[a-z0-9-]+\.amazonaws\.com(\.cn)?(:\d+)?(/.*)?$")
# SES's endpoints of AWS: regional, FIPS, and interface VPC endpoints
# (``vpce-0123-abcd.email.us-east-1.vpce.amazonaws.com``)
_AWS_SES_HOST = re.compile(
    r"^(?:email|email-fips)\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$"
    r"|^(?:[a-z0-9-]+\.)?email(?:-fips)?\.[a-z0-9-]+\.vpce\.amazonaws\.com(?:\.cn)?$"
)


def service_of_event(event_name: str) -> str:
    """``before-send.sesv2.SendEmail`` -> ``sesv2``."""
    parts = event_name.split(".", 2)
    return parts[1] if len(parts) > 1 else ""


def is_ses_endpoint(url: str) -> bool:
    """Whether ``url`` is on an SES endpoint of AWS (``email.<region>.amazonaws.com``)."""
    return SES_URL.match(url) is not None


def host_of(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1].rsplit(":", 1)[0].lower()


def is_aws_ses_endpoint(url: str) -> bool:
    """An SES endpoint of AWS: what the simulator answers in process."""
    return _AWS_SES_HOST.match(host_of(url)) is not None


def is_loopback(url: str) -> bool:
    """A server on this machine (the standalone server, say): left to answer for itself."""
    from ..engine.hosts import is_loopback_host

    return is_loopback_host(host_of(url))


def api_of_url(url: str) -> str:
    """SESv2 paths start with /v2/ (or, in some old releases' forms, /v1/email/); everything
    else on the SES endpoint is v1 Query."""
    path = "/" + url.split("://", 1)[-1].partition("/")[2]
    if path.startswith("/v2/"):
        return V2
    from .wire.route_forms import sesv2_path_prefixes

    return V2 if path.startswith(sesv2_path_prefixes()) else V1


_CREDENTIAL_SCOPE = re.compile(r"Credential=[^/,\s]+/\d{8}/([a-z0-9-]+)/")
_HOST_REGION = re.compile(r"^https?://email(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com")


def region_of(url: str, headers: Mapping[str, str]) -> str | None:
    """The Region a request is for: its SigV4 credential scope (right for any endpoint,
    the standalone server's included), else its SES host; None if neither says."""
    authorization = headers.get("Authorization") or headers.get("authorization") or ""
    found = _CREDENTIAL_SCOPE.search(authorization)
    if found is None:
        found = _HOST_REGION.match(url)
    return found.group(1) if found is not None else None


def body_bytes(body: Any) -> bytes:
    """A request body (bytes, text, a file-like object or None) as bytes; a file-like
    body is rewound so that whoever reads it next sees all of it."""
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    data = body.read()
    if hasattr(body, "seek"):
        body.seek(0)
    return data if isinstance(data, bytes) else str(data).encode("utf-8")


# a reply computed at before-call, handed on to the wire path --------------------------
_pending = threading.local()


def hand_on(service: str, operation: str, reply: Any) -> None:
    """Keep the simulator's reply (an error) for the wire path of this call: it is
    answered at ``before-send``, where botocore's retries see it, not computed twice."""
    _pending.reply = (service, operation, reply)


def forget_pending() -> None:
    _pending.reply = None


def take_pending(service: str, operation: str) -> Any:
    """The reply handed on for this call, once (None if there is none)."""
    found = getattr(_pending, "reply", None)
    if found is None or found[:2] != (service, operation):
        return None
    _pending.reply = None
    return found[2]


# retries ---------------------------------------------------------------------------
_retry = threading.local()


def note_retry(event_name: str = "", **kwargs: Any) -> None:
    """botocore ``needs-retry`` handler: remember whether the next back-off is for SES."""
    _retry.ses = service_of_event(event_name) in SES_SERVICES


def ses_backoff(seconds: float) -> bool:
    """While a simulator answers, SES retry back-off advances its clock instead of
    sleeping; True if it did (the caller then does not sleep)."""
    engine = active.current()
    if engine is None or not getattr(_retry, "ses", False):
        return False
    engine.clock.advance(seconds)
    return True


# SES requests outside a simulator ------------------------------------------------------
class OutsideGuard:
    """While on (the pytest plugin turns it on for a run), an SES request made with no
    simulator active and no moto mock to answer it is refused before it leaves."""

    def __init__(self) -> None:
        self.on = False
        self.test: str | None = None  # the node id of the running test
        self.allowed = False  # this test (or the whole run) opted in

    def message(self, service: str, url: str) -> str:
        where = f"Test {self.test}" if self.test else "Code running under pytest"
        return (
            f"pytest-sessim: {where} made an {service} request to {url} with no simulator "
            "active: it would reach the real Amazon SES. Use the sessim fixture (or "
            "pytest_sessim.SesSim), or let real SES requests through with "
            "@pytest.mark.sessim_allow_real_ses or the ini option sessim_allow_real_ses = true."
        )


OUTSIDE = OutsideGuard()


class RealSesRequestRefused(RuntimeError):
    """An SES request that would have left the process during a test run."""
