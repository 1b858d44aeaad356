"""HTTP(S) subscriptions: where a POST goes (a mounted app or the network), SNS's
basic-auth behaviour, and the delivery policy's retry delays."""

from __future__ import annotations

import base64
import http.client
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from ..engine.hosts import is_loopback_host
from .apps import AppRequest, AsgiRunner, call_wsgi, is_asgi

NETWORK_TIMEOUT = 15.0
DEFAULT_RETRY_POLICY = {
    "numRetries": 3,
    "numNoDelayRetries": 0,
    "numMinDelayRetries": 0,
    "numMaxDelayRetries": 0,
    "minDelayTarget": 20,
    "maxDelayTarget": 20,
    "backoffFunction": "linear",
}


@dataclass
class HttpAnswer:
    status: int | None
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    error: str | None = None
    # False when the POST was never attempted: nothing to retry
    attempted: bool = True


NOT_SENT = (
    "not sent: {url} is neither mounted nor on loopback, and nothing leaves the machine "
    "unless the test says so. Mount the app with sessim.mount({base!r}, app), serve it on "
    "127.0.0.1, or allow other hosts with @pytest.mark.sessim(external_webhooks=True) or "
    "the ini option sessim_external_webhooks = true."
)


@dataclass(frozen=True)
class Target:
    """An endpoint URL split into what is posted to and the credentials it carries."""

    url: str
    scheme: str
    host: str
    port: int
    path: str
    query: str
    credentials: tuple[str, str] | None

    @classmethod
    def parse(cls, endpoint: str) -> Target:
        parts = urlsplit(endpoint)
        scheme = parts.scheme.lower()
        host = parts.hostname or ""
        port = parts.port or (443 if scheme == "https" else 80)
        netloc = host if parts.port is None else f"{host}:{parts.port}"
        if ":" in host:
            netloc = f"[{host}]" if parts.port is None else f"[{host}]:{parts.port}"
        path = parts.path or "/"
        url = f"{scheme}://{netloc}{path}" + (f"?{parts.query}" if parts.query else "")
        credentials = None
        if parts.username is not None:
            credentials = (unquote(parts.username), unquote(parts.password or ""))
        return cls(url, scheme, host, port, path, parts.query, credentials)

    @property
    def host_header(self) -> str:
        default = 443 if self.scheme == "https" else 80
        return self.host if self.port == default else f"{self.host}:{self.port}"


class Mounts:
    """In-process applications that answer for URLs under a base URL."""

    def __init__(self, external: bool = False) -> None:
        self._apps: list[tuple[Target, Any, bool]] = []
        self._asgi = AsgiRunner()
        # whether unmounted endpoints off loopback may be posted to over the network
        self.external = external

    def add(self, base_url: str, app: Any, asgi: bool | None = None) -> None:
        base = Target.parse(base_url)
        self._apps = [entry for entry in self._apps if entry[0].url != base.url]
        self._apps.append((base, app, is_asgi(app) if asgi is None else asgi))
        self._apps.sort(key=lambda entry: len(entry[0].path), reverse=True)

    def find(self, target: Target) -> tuple[str, Any, bool] | None:
        """The mount point (root path), app and its kind for ``target``, if mounted."""
        for base, app, asgi in self._apps:
            if (base.scheme, base.host, base.port) != (target.scheme, target.host, target.port):
                continue
            root = base.path.rstrip("/")
            if target.path == root or target.path.startswith(root + "/") or not root:
                return root, app, asgi
        return None

    def close(self) -> None:
        self._asgi.close()

    def post(self, target: Target, headers: dict[str, str], body: bytes) -> HttpAnswer:
        mounted = self.find(target)
        if mounted is None:
            if self.external or is_loopback_host(target.host):
                return _post_network(target, headers, body)
            base = f"{target.scheme}://{target.host_header}"
            return HttpAnswer(
                None, error=NOT_SENT.format(url=target.url, base=base), attempted=False
            )
        root, app, asgi = mounted
        request = AppRequest(
            method="POST",
            scheme=target.scheme,
            host=target.host,
            port=target.port,
            root_path=root,
            path=target.path[len(root) :] or "/",
            query=target.query,
            headers=list(headers.items()),
            body=body,
        )
        reply = self._asgi.call(app, request) if asgi else call_wsgi(app, request)
        return HttpAnswer(
            status=reply.status,
            headers=dict(reply.headers),
            body=reply.body.decode("utf-8", "replace"),
        )


def _post_network(target: Target, headers: dict[str, str], body: bytes) -> HttpAnswer:
    """POST with ``http.client``: header names go out as given (SNS's are lower case),
    no proxy, no redirect following."""
    connection_class = (
        http.client.HTTPSConnection if target.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(target.host, target.port, timeout=NETWORK_TIMEOUT)
    path = target.path + (f"?{target.query}" if target.query else "")
    try:
        connection.request("POST", path, body=body, headers=headers)
        reply = connection.getresponse()
        text = reply.read().decode("utf-8", "replace")
        return HttpAnswer(reply.status, dict(reply.getheaders()), text)
    except (OSError, http.client.HTTPException) as error:
        return HttpAnswer(None, error=f"{type(error).__name__}: {error}")
    finally:
        connection.close()


def post_with_auth(
    post: Callable[[Target, dict[str, str], bytes], HttpAnswer],
    target: Target,
    headers: dict[str, str],
    body: bytes,
) -> list[tuple[dict[str, str], HttpAnswer]]:
    """POST as SNS does: without credentials first; if the endpoint URL carries some and
    the answer is a 401 with ``WWW-Authenticate``, once more with basic auth."""
    answer = post(target, headers, body)
    exchanges = [(headers, answer)]
    challenged = answer.status == 401 and any(
        key.lower() == "www-authenticate" for key in answer.headers
    )
    if target.credentials is not None and challenged:
        user, password = target.credentials
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        authed = {**headers, "Authorization": f"Basic {token}"}
        exchanges.append((authed, post(target, authed, body)))
    return exchanges


def retryable(answer: HttpAnswer) -> bool:
    """SNS retries 5xx answers, 429 and failures to get any answer; other statuses
    outside 2xx are permanent failures."""
    if not answer.attempted:
        return False
    return answer.status is None or answer.status == 429 or answer.status >= 500


# delivery policy --------------------------------------------------------------------
def _load(text: Any) -> dict[str, Any]:
    if isinstance(text, dict):
        return text
    if not text:
        return {}
    try:
        loaded = json.loads(text)
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def effective_policy(topic_policy: Any, subscription_policy: Any) -> dict[str, Any]:
    """The healthy-retry policy and request policy that apply to a subscription."""
    topic_http = _load(topic_policy).get("http", {})
    subscription = _load(subscription_policy)
    retry = dict(DEFAULT_RETRY_POLICY)
    retry.update(topic_http.get("defaultHealthyRetryPolicy") or {})
    request = dict(topic_http.get("defaultRequestPolicy") or {})
    if not topic_http.get("disableSubscriptionOverrides"):
        retry.update(subscription.get("healthyRetryPolicy") or {})
        request.update(subscription.get("requestPolicy") or {})
    return {"retry": retry, "request": request}


def retry_delays(policy: dict[str, Any]) -> list[float]:
    """Seconds to wait before each retry: the immediate, pre-backoff, backoff and
    post-backoff phases (no jitter, so runs repeat)."""
    total = int(policy.get("numRetries", 3))
    no_delay = int(policy.get("numNoDelayRetries", 0))
    at_min = int(policy.get("numMinDelayRetries", 0))
    at_max = int(policy.get("numMaxDelayRetries", 0))
    low = float(policy.get("minDelayTarget", 20))
    high = float(policy.get("maxDelayTarget", 20))
    backoff = max(total - no_delay - at_min - at_max, 0)
    curve = str(policy.get("backoffFunction", "linear")).lower()
    delays = [0.0] * no_delay + [low] * at_min
    for step in range(backoff):
        share = step / (backoff - 1) if backoff > 1 else 0.0
        if curve == "linear":
            delays.append(low + (high - low) * share)
        elif curve == "arithmetic":
            delays.append(low + (high - low) * share * share)
        else:  # geometric, exponential: equal ratios between successive delays
            delays.append(low * (high / low) ** share if low > 0 else high * share)
    return (delays + [high] * at_max)[:total]
