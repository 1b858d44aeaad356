"""One SES HTTP exchange: decode the wire request, run it on the engine, encode the reply.

Every HTTP door (botocore hook, ``requests``, the standalone server) goes through here.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from ..engine.errors import SesError
from ..engine.service import Engine
from .plumbing import V1, region_of
from .wire.models import service_model
from .wire.query import decode_query, encode_query_error, encode_query_result
from .wire.restjson import decode_rest_json, encode_rest_json_error, encode_rest_json_result
from .wire.types import WireDecodeError, WireRequest, WireResponse
from .wire.validate import check_params

log = logging.getLogger(__name__)


def answer(engine: Engine, api: str, request: WireRequest) -> WireResponse:
    """Always an answer in SES's form, never an exception. Holds the engine's lock: doors
    on other threads (SMTP, the server) share the engine."""
    with engine.lock:
        return _answer(engine, api, request)


def _answer(engine: Engine, api: str, request: WireRequest) -> WireResponse:
    model = service_model(api)
    request_id = engine.ids.uuid()
    region = region_of(request.url, request.headers) or engine.settings.region
    try:
        if api == V1:
            operation, params = decode_query(request, model)
        else:
            operation, params = decode_rest_json(request, model)
    except WireDecodeError as error:
        engine.record_refusal(
            api, error.operation, error.code, error.message, error.status, {}, region
        )
        return _error(api, error.code, error.message, error.status, request_id)
    try:
        check_params(model, operation, params)
    except SesError as error:
        engine.record_refused(api, operation, error, params, region)
        return _ses_error(api, error, request_id)
    try:
        result = engine.handle(api, operation, params, region=region)
        if api == V1:
            reply = encode_query_result(operation, result, request_id, model)
        else:
            reply = encode_rest_json_result(operation, result, request_id, model)
        return replace(reply, result=result)
    except SesError as error:
        return _ses_error(api, error, request_id)
    except Exception as error:  # a bug: the client still gets an answer in SES's form
        log.exception("pytest-sessim failed on %s %s", api, operation)
        message = f"pytest-sessim failed on this request (please report it): {error!r}"
        engine.record_refusal(api, operation, "InternalFailure", message, 500, params, region)
        return _error(api, "InternalFailure", message, 500, request_id)


def _ses_error(api: str, error: SesError, request_id: str) -> WireResponse:
    kind = error.kind
    if api == V1:
        return _error(api, kind.v1_code, error.message, kind.v1_status, request_id)
    return _error(api, kind.v2_code, error.message, kind.v2_status, request_id)


def _error(api: str, code: str, message: str, status: int, request_id: str) -> WireResponse:
    if api == V1:
        return encode_query_error(code, message, status, request_id)
    return encode_rest_json_error(code, message, status, request_id)
