"""Call a WSGI or ASGI application in process, the way a server would, without a socket."""

from __future__ import annotations

import asyncio
import concurrent.futures
import inspect
import io
import sys
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_to_bytes

CLIENT_ADDRESS = "127.0.0.1"


@dataclass
class AppRequest:
    method: str
    scheme: str
    host: str
    port: int
    root_path: str  # where the app is mounted ("" or "/prefix")
    path: str  # the rest of the path, starting with "/"
    query: str
    headers: list[tuple[str, str]]
    body: bytes


@dataclass
class AppResponse:
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


def is_asgi(app: Any) -> bool:
    """ASGI 3 apps are coroutine functions of (scope, receive, send); WSGI apps take two."""
    if inspect.iscoroutinefunction(app):
        return True
    call = getattr(app, "__call__", None)  # noqa: B004 - objects with an async __call__
    if call is not None and inspect.iscoroutinefunction(call):
        return True
    try:
        parameters = inspect.signature(app).parameters.values()
    except (TypeError, ValueError):
        return False
    positional = [
        parameter
        for parameter in parameters
        if parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD)
    ]
    return len(positional) == 3


def call_wsgi(app: Callable[..., Iterable[bytes]], request: AppRequest) -> AppResponse:
    """Calls the app in this thread, or, when this thread runs an event loop (an async
    test, the SMTP door), in a helper thread: synchronous frameworks such as Django
    refuse database work on a thread with a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _call_wsgi(app, request)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_call_wsgi, app, request).result()


def _call_wsgi(app: Callable[..., Iterable[bytes]], request: AppRequest) -> AppResponse:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": request.method,
        "SCRIPT_NAME": request.root_path,
        "PATH_INFO": unquote_to_bytes(request.path).decode("latin-1"),
        "QUERY_STRING": request.query,
        "SERVER_NAME": request.host,
        "SERVER_PORT": str(request.port),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": CLIENT_ADDRESS,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": request.scheme,
        "wsgi.input": io.BytesIO(request.body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for name, value in request.headers:
        key = name.upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            environ[key] = value
        else:
            environ[f"HTTP_{key}"] = value
    started: list[tuple[str, list[tuple[str, str]]]] = []
    written: list[bytes] = []

    def start_response(
        status: str, headers: list[tuple[str, str]], exc_info: Any = None
    ) -> Callable[[bytes], None]:
        if exc_info is not None and started:
            raise exc_info[1].with_traceback(exc_info[2])
        started[:] = [(status, list(headers))]
        return written.append

    result = app(environ, start_response)
    try:
        for chunk in result:
            written.append(chunk)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    if not started:
        raise RuntimeError("the WSGI application returned without calling start_response")
    status, headers = started[0]
    return AppResponse(int(status.split(" ", 1)[0]), headers, b"".join(written))


async def _call_asgi(app: Callable[..., Awaitable[None]], request: AppRequest) -> AppResponse:
    full_path = request.root_path + request.path
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": request.method,
        "scheme": request.scheme,
        "path": unquote_to_bytes(full_path).decode("utf-8", "replace"),
        "raw_path": full_path.encode("latin-1", "replace"),
        "query_string": request.query.encode("latin-1", "replace"),
        "root_path": request.root_path,
        "headers": [
            (name.lower().encode("latin-1"), value.encode("latin-1", "replace"))
            for name, value in request.headers
        ],
        "client": (CLIENT_ADDRESS, 0),
        "server": (request.host, request.port),
    }
    response = AppResponse(status=0)
    chunks: list[bytes] = []
    finished = asyncio.Event()
    body_sent = False

    async def receive() -> dict[str, Any]:
        nonlocal body_sent
        if not body_sent:
            body_sent = True
            return {"type": "http.request", "body": request.body, "more_body": False}
        await finished.wait()  # the client stays connected until the response is complete
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            response.status = int(message["status"])
            response.headers = [
                (bytes(name).decode("latin-1"), bytes(value).decode("latin-1"))
                for name, value in message.get("headers", [])
            ]
        elif message["type"] == "http.response.body":
            chunks.append(bytes(message.get("body", b"")))
            if not message.get("more_body", False):
                finished.set()

    try:
        await app(scope, receive, send)
    finally:
        finished.set()
    if response.status == 0:
        raise RuntimeError("the ASGI application returned without starting a response")
    response.body = b"".join(chunks)
    return response


class AsgiRunner:
    """Runs ASGI calls on a private event loop (in a helper thread if the calling
    thread already runs a loop, as in an async test)."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None

    def call(self, app: Callable[..., Awaitable[None]], request: AppRequest) -> AppResponse:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            if self._loop is None or self._loop.is_closed():
                self._loop = asyncio.new_event_loop()
            return self._loop.run_until_complete(_call_asgi(app, request))
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, _call_asgi(app, request)).result()

    def close(self) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.close()
        self._loop = None
