"""botocore's door: SES requests of boto3 clients answered by the active engine, in the
wire form botocore parses, so clients see exactly what SES would send back; while a
simulator runs, every other AWS request goes to moto, started if need be.

Loaded as botocore loads (its handlers are botocore's built-ins): the engine and the
wire codecs are imported only when a simulator first answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from botocore.awsrequest import AWSPreparedRequest, AWSResponse

from . import active
from .botocore_wire import RequestHeaders, answered, answers_here
from .plumbing import (
    HANDLED_URL,
    OUTSIDE,
    SES_SERVICES,
    RealSesRequestRefused,
    body_bytes,
    is_loopback,
    service_of_event,
    take_pending,
)
from .wire.types import WireRequest

if TYPE_CHECKING:
    from ..engine.service import Engine


def before_send(request: Any, event_name: str = "", **kwargs: Any) -> Any:
    """botocore ``before-send`` handler. SES requests go to the active engine when they
    are for an SES endpoint of AWS (a server on loopback answers for itself; any other
    endpoint gets the connection error botocore would raise, without a connection);
    while a simulator runs, every other AWS request goes to moto, started if need be."""
    url = getattr(request, "url", None) or ""
    if url == HANDLED_URL:
        return None
    service = service_of_event(event_name)
    simulator = active.current_simulator()
    if service not in SES_SERVICES:
        return None if simulator is None else _to_moto(simulator, event_name, request)
    if simulator is None:
        refuse_outside(service, url)
        return None
    if not answers_here(url):
        return None
    pending = take_pending(service, event_name.rsplit(".", 1)[-1])
    if pending is not None:
        return answered(request, pending)
    return answer_botocore(simulator.engine, service, request)


def refuse_outside(service: str, url: str) -> None:
    """During a test run, an SES request with no simulator active must not leave."""
    guard = OUTSIDE
    if not guard.on or guard.allowed or is_loopback(url):
        return
    from .. import moto_adapter

    if not moto_adapter.mock_active():  # moto's own SES answers it: nothing leaves
        raise RealSesRequestRefused(guard.message(service, url))


def _to_moto(simulator: active.Simulated, event_name: str, request: Any) -> Any:
    if not simulator.ensure_moto():
        return None
    from .. import moto_adapter

    # asked directly: a client made before moto was imported lacks moto's own handler
    response = moto_adapter.stubber_answer(event_name, request)
    if response is not None:
        request.url = HANDLED_URL
    return response


def answer_botocore(engine: Engine, service: str, request: AWSPreparedRequest) -> AWSResponse:
    # imported here: this module loads with botocore, the engine only when first asked
    from .exchange import answer

    wire = WireRequest(
        method=request.method or "POST",
        url=request.url or "",
        headers=RequestHeaders(request.headers),
        body=body_bytes(request.body),
    )
    return answered(request, answer(engine, service, wire))


def before_call(event_name: str = "", **kwargs: Any) -> Any:
    """botocore ``before-call`` handler: SES calls answered without the wire, where the
    application would see no difference (see :mod:`.before_call`, loaded when first
    needed: the engine behind it stays unloaded in runs that never simulate)."""
    engine = active.current()
    model, params = kwargs.get("model"), kwargs.get("params")
    service = service_of_event(event_name)
    if engine is None or model is None or params is None or service not in SES_SERVICES:
        return None
    from .before_call import answer_call

    return answer_call(engine, service, model, params, kwargs.get("request_signer"))


def choose_signer(event_name: str = "", **kwargs: Any) -> Any:
    """botocore ``choose-signer`` handler: nothing the simulator answers is signed, so no
    credentials are used for it (clients made before any existed work as well)."""
    if active.ACTIVE and service_of_event(event_name) in SES_SERVICES:
        from botocore import UNSIGNED

        return UNSIGNED
    return None
