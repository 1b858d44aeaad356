"""Random HTTP to the standalone server: methods, paths, headers, bodies (form, JSON,
bytes) and bad Content-Length values, over a real socket.

Every request gets a complete HTTP answer in time, never a 5xx; an SES request the
simulator answers gets SES's answer (well-formed XML or JSON, its refusal recorded);
a request whose length is wrong gets 400; and the server keeps answering.
"""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator

import pytest
from fuzz_budget import FuzzBudget
from http_strategies import HttpRequest, http_requests
from ses_strategies import VERIFIED_DOMAIN
from wire_checks import BadAnswer, check_answer, check_refused

from pytest_sessim.doors.plumbing import api_of_url
from pytest_sessim.doors.wire.models import service_model
from pytest_sessim.doors.wire.query import decode_query
from pytest_sessim.doors.wire.restjson import decode_rest_json
from pytest_sessim.doors.wire.types import WireDecodeError, WireRequest
from pytest_sessim.engine.operations.registry import lookup
from pytest_sessim.server.app import SesHttpServer
from pytest_sessim.server.state import ServerSettings, ServerState

CI_EXAMPLES = 500
TIMEOUT = 10  # seconds: an answer slower than this is a hang


@pytest.fixture(scope="module")
def server() -> Iterator[SesHttpServer]:
    state = ServerState(ServerSettings(verified=[VERIFIED_DOMAIN], seed=13))
    httpd = SesHttpServer(("127.0.0.1", 0), state, verbose=False)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        thread.join()
        httpd.server_close()
        state.close()


def exchange(port: int, request: HttpRequest) -> tuple[int, dict[str, str], bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
        sock.sendall(request.encode())
        if request.close_early:
            sock.shutdown(socket.SHUT_WR)
        response = http.client.HTTPResponse(sock, method=request.method)
        try:
            response.begin()
            body = response.read()
        except (http.client.RemoteDisconnected, ConnectionResetError) as error:
            raise BadAnswer(f"the server dropped the connection: {error!r}") from None
        except TimeoutError:
            raise BadAnswer(f"no answer within {TIMEOUT} s") from None
        return response.status, dict(response.getheaders()), body


def _ses_operation(request: HttpRequest) -> tuple[str, str | None]:
    """The API and operation the simulator sees (None: it cannot decode the request)."""
    url = f"https://email.us-east-1.amazonaws.com{request.path}"
    api = api_of_url(url)
    wire = WireRequest(request.method, url, {}, request.body)
    decode = decode_query if api == "ses" else decode_rest_json
    try:
        operation, _ = decode(wire, service_model(api))
    except WireDecodeError:
        return api, None
    return api, operation


def test_random_http(server: SesHttpServer, fuzz_budget: FuzzBudget) -> None:
    port = server.server_port

    @fuzz_budget.given(http_requests(), examples=CI_EXAMPLES)
    def check(request: HttpRequest) -> None:
        sim = server.state.sim
        before = len(sim.refused)
        status, headers, body = exchange(port, request)
        assert status < 500, (status, body[:300])
        length = request.content_length
        if request.close_early or (length not in (None, "omit") and not length.isdigit()):
            assert status == 400, (status, body[:300])
            return
        path = request.path.split("?", 1)[0]
        if path.startswith(("/_sessim", "/SimpleNotificationService-")) or length is not None:
            return  # not SES's, or the server read another body than the one drawn
        api, operation = _ses_operation(request)
        if operation is not None and lookup(api, operation) is None:
            return  # answered by moto: out of scope beyond "an answer, not a 5xx"
        if request.method == "HEAD":
            return
        answer = check_answer(api, status, headers, body)
        if server.state.sim is sim:  # not reset meanwhile
            check_refused(sim, before, answer, f"{request.method} {request.path}")

    check()
    # still answering
    ok = HttpRequest("POST", "/", [], b"Action=GetSendQuota", None, False)
    assert exchange(port, ok)[0] == 200


def test_server_pages_after_fuzzing(server: SesHttpServer) -> None:
    """Whatever the fuzzing left in the record, every read endpoint answers."""
    port = server.server_port
    for path in ("/_sessim/", "/_sessim/outbox", "/_sessim/events"):
        status, _, body = exchange(port, HttpRequest("GET", path, [], b"", None, False))
        assert status == 200, (path, body[:300])
