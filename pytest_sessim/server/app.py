"""The standalone server's HTTP side (stdlib ``ThreadingHTTPServer``) and its main loop.

Any path not under ``/_sessim/`` is SES: v2 REST paths (``/v2/...``) and v1 Query
requests at any other path, answered through the same exchange as every HTTP door
(:func:`pytest_sessim.doors.exchange.answer`), so any SDK can use the server as its SES
``endpoint_url``. Signatures are accepted without verification. Every SES operation is the
simulator's; moto runs inside the server for the other services SES delivers to.

Read endpoints: ``GET /_sessim/outbox`` and ``GET /_sessim/events`` (JSON, filter with
``?message_id=`` and ``?recipient=``), ``POST /_sessim/verify`` (``?identity=`` as often as
needed; none: everything pending), ``GET /_sessim/smtp`` (the SMTP address and
credentials), ``POST /_sessim/reset``, ``GET /_sessim/`` (an HTML page) and
``GET /_sessim/version`` (``{"version": ...}``, which changes with what the page shows). The SNS
signing certificate is served at ``/SimpleNotificationService-<id>.pem``.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import IO, Any
from urllib.parse import parse_qs, urlsplit

from ..doors.exchange import answer
from ..doors.plumbing import api_of_url
from ..doors.wire.types import WireRequest
from . import page
from .state import ServerSettings, ServerState

_JSON = "application/json"


class SesHttpServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: ServerState, verbose: bool) -> None:
        super().__init__(address, _Handler)
        self.state = state
        self.verbose = verbose


class _Handler(BaseHTTPRequestHandler):
    server: SesHttpServer
    protocol_version = "HTTP/1.1"  # keep-alive: SDKs reuse connections
    # headers and body go out in two writes: without this, Nagle's algorithm and the
    # client's delayed ACK hold each reply for ~40 ms
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    # routing ------------------------------------------------------------------------
    def _dispatch(self) -> None:
        body = self._body()
        if body is None:
            self.close_connection = True
            self._send(400, "text/plain", b"Bad Request: Content-Length does not match the body")
            return
        path = urlsplit(self.path).path
        self.server.state.tick()
        try:
            if path == "/_sessim" or path.startswith("/_sessim/"):
                self._sessim(path, body)
            elif path.startswith("/SimpleNotificationService-") and path.endswith(".pem"):
                self._certificate(path)
            else:
                self._ses(body)
        except Exception as error:  # a bug must not kill the connection silently
            self._send(500, "text/plain", f"pytest-sessim server error: {error!r}".encode())

    def _body(self) -> bytes | None:
        """The request body, or None when its Content-Length is not a number of bytes
        that arrived (the connection cannot be read further then)."""
        header = self.headers.get("Content-Length")
        text = "0" if header is None else header.strip()
        if not text.isdigit():
            return None
        length = int(text)
        body = self.rfile.read(length) if length else b""
        return body if len(body) == length else None

    def _send(self, status: int, content_type: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, value: Any, status: int = 200) -> None:
        self._send(status, _JSON, json.dumps(value, indent=1, default=str).encode())

    # SES ------------------------------------------------------------------------------
    def _ses(self, body: bytes) -> None:
        state = self.server.state
        url = f"https://email.{state.settings.region}.amazonaws.com{self.path}"
        wire = WireRequest(
            method=self.command,
            url=url,
            headers={key: value for key, value in self.headers.items()},
            body=body,
        )
        api = api_of_url(url)
        sim = state.sim
        reply = answer(sim.engine, api, wire)
        self.send_response(reply.status)
        reply_headers = {k.lower(): v for k, v in reply.headers.items()}
        for name, value in reply.headers.items():
            if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                self.send_header(name, value)
        if "content-type" not in reply_headers:
            self.send_header("Content-Type", "text/xml" if api == "ses" else _JSON)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def _certificate(self, path: str) -> None:
        from ..sinks import signing

        found = signing.CERT_PATH_PATTERN.match(path)
        current = signing.material()
        if found is None or found.group(1) != current.cert_id:
            self._send(404, "text/plain", b"Not Found")
        else:
            self._send(200, "application/x-x509-ca-cert", current.certificate_pem)

    # read endpoints -----------------------------------------------------------------------
    def _clock(self, body: bytes) -> None:
        """GET: the clock; POST ``{"advance": seconds}``: move it (running what falls due)."""
        state = self.server.state
        if self.command == "POST":
            try:
                seconds = json.loads(body or b"{}").get("advance")
                if isinstance(seconds, bool) or not isinstance(seconds, int | float):
                    raise ValueError
                state.advance_clock(float(seconds))
            except (ValueError, AttributeError, TypeError):
                self._json({"error": 'POST /_sessim/clock takes {"advance": seconds >= 0}'}, 400)
                return
        elif self.command not in ("GET", "HEAD"):
            self._json({"error": f"{self.command} /_sessim/clock is not supported"}, 405)
            return
        clock = state.sim.clock
        self._json({"now": clock.now().isoformat(), "pinned": state.clock_pinned})

    def _sessim(self, path: str, body: bytes) -> None:
        state = self.server.state
        query = parse_qs(urlsplit(self.path).query)
        filters = {key: query[key][0] for key in ("message_id", "recipient") if key in query}
        name = path.removeprefix("/_sessim").strip("/")
        if self.command == "POST" and name == "reset":
            state.reset()
            self._json({"reset": True})
        elif self.command == "POST" and name == "verify":
            self._json({"verified": state.verify(query.get("identity", []))})
        elif name == "clock":
            self._clock(body)
        elif self.command not in ("GET", "HEAD"):
            self._json({"error": f"{self.command} {path} is not supported"}, 405)
        elif name == "outbox":
            self._json(state.outbox(**filters))
        elif name == "events":
            self._json(state.events(**filters))
        elif name == "version":
            self._json({"version": state.version()})
        elif name == "smtp":
            smtp = state.smtp
            self._json(
                None
                if smtp is None
                else {
                    "host": smtp.host,
                    "port": smtp.port,
                    "username": smtp.username,
                    "password": smtp.password,
                    "ca_file": smtp.ca_file,
                }
            )
        elif name == "":
            with state.lock:
                sim, version = state.sim, state.version()
            html = page.render(
                sim.region,
                list(sim.outbox),
                list(sim.events),
                list(sim.notifications),
                list(sim.feedback_emails),
                version=version,
            )
            self._send(200, "text/html; charset=utf-8", html.encode("utf-8"))
        else:
            self._json({"error": f"no such endpoint: {path}"}, 404)


def serve(
    settings: ServerSettings,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    smtp_port: int | None = 0,
    verbose: bool = False,
    out: IO[str] = sys.stdout,
) -> int:
    """Run until SIGINT or SIGTERM; prints where it listens once ready."""
    state = ServerState(settings)
    httpd = SesHttpServer((host, port), state, verbose)
    stop = threading.Event()

    def request_stop(signum: int, frame: Any) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        smtp = state.start_smtp(host, smtp_port) if smtp_port is not None else None
        thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True
        )
        thread.start()
        print(f"listening on http://{host}:{httpd.server_port}", file=out, flush=True)
        if smtp is not None:
            print(f"smtp on {smtp.host}:{smtp.port}", file=out, flush=True)
        while not stop.wait(0.2):
            state.tick()  # scheduled work (retries, delays) runs as wall time passes
        httpd.shutdown()
        thread.join()
    finally:
        httpd.server_close()
        state.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("stopped", file=out, flush=True)
    return 0
