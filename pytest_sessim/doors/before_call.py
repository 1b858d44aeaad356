"""Answer SES calls at botocore's ``before-call`` event, as botocore's ``Stubber`` does.

A call answered there skips what only the network needs (building and signing the HTTP
request, the retry loop around sending it), so it costs less than one answered at
``before-send``. The application still sees what it would see against SES:

* the answer is SES's wire reply parsed by botocore's own parser: results and response
  metadata are those of the wire path;
* a reply that is an error goes the wire path (the simulator's answer is handed to the
  ``before-send`` handler, not computed twice), so botocore's retry handler sees it and
  retries what it retries (each retry reaches the simulator again), and raises the same
  exception class;
* a client that has handlers of its own on the events of the wire path or on
  ``before-call`` (registered by the application, or by any library other than botocore,
  boto3, moto and this plugin; botocore's ``Stubber`` counts as the application's) goes
  the wire path, so that they run;
* an operation whose result holds timestamps or blobs goes the wire path (a session may
  change how those are parsed).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any, cast

from botocore.awsrequest import AWSResponse, HTTPHeaders
from botocore.endpoint import convert_to_response_dict
from botocore.model import ListShape, MapShape, OperationModel, Shape, StructureShape
from botocore.parsers import ResponseParser, create_parser
from botocore.utils import lowercase_dict

from .botocore_wire import RequestHeaders, ResponseBody, answers_here
from .exchange import answer
from .plumbing import body_bytes, forget_pending, hand_on
from .wire.models import adopt
from .wire.types import WireRequest, WireResponse

if TYPE_CHECKING:
    from ..engine.service import Engine

# the events botocore emits between before-call and after-call on the wire path
WIRE_EVENTS = (
    "before-call",
    "request-created",
    "choose-signer",
    "before-sign",
    "before-send",
    "needs-retry",
    "response-received",
    "before-parse",
)
_LIBRARIES = ("botocore", "boto3", "moto", "pytest_sessim", "aiobotocore", "aioboto3")
_APPLICATION_MODULES = ("botocore.stub", "aiobotocore.stub")


def answer_call(
    engine: Engine, service: str, model: OperationModel, params: dict[str, Any], signer: Any
) -> tuple[AWSResponse, dict[str, Any]] | None:
    """``(http_response, parsed)`` for botocore, or None to let the call go the wire path."""
    forget_pending()
    if not _quiet(signer, service, model.name) or not _plain_output(model):
        return None
    if not answers_here(params.get("url") or ""):  # the wire path decides (and refuses)
        return None
    adopt(model.service_model)
    body = params.get("body")
    request = WireRequest(
        method=params.get("method") or "POST",
        url=params.get("url") or "",
        headers=RequestHeaders(params.get("headers") or {}),
        body=b"" if isinstance(body, dict) else body_bytes(body),
        form=body if isinstance(body, dict) else None,
    )
    reply = answer(engine, service, request)
    if reply.status >= 300:
        hand_on(service, model.name, reply)
        return None
    return parse(reply, model, request.url)


_parsers: dict[str, ResponseParser] = {}


def parse(reply: WireResponse, model: OperationModel, url: str) -> tuple[AWSResponse, Any]:
    """What botocore's endpoint makes of a successful reply."""
    # AWSResponse copies any mapping into its own headers dict
    headers = cast(HTTPHeaders, reply.headers)
    http = AWSResponse(url, reply.status, headers, ResponseBody(reply.body))
    parsed = _as_parsed(reply, model, http)
    if parsed is None:
        protocol = model.service_model.resolved_protocol
        parser = _parsers.get(protocol)
        if parser is None:
            parser = _parsers[protocol] = create_parser(protocol)
        shape = cast(Any, model.output_shape)  # botocore parses a missing shape as empty
        parsed = parser.parse(convert_to_response_dict(http, model), shape)
    if "ResponseMetadata" in parsed:
        parsed["ResponseMetadata"]["RetryAttempts"] = 0
    return http, parsed


def _as_parsed(reply: WireResponse, model: OperationModel, http: AWSResponse) -> Any:
    """For a result of plain text members only (a send's ``MessageId``, or nothing), what
    botocore's parser would read back from the encoded body, without reading it."""
    members = _text_members(model)
    result = reply.result
    if members is None or result is None:
        return None
    parsed: dict[str, Any] = {}
    for name, value in result.items():
        if name in members:
            # text that XML would normalise (line ends, control characters) is parsed
            if not isinstance(value, str) or not value or not value.isprintable():
                return None
            parsed[name] = value
    parsed["ResponseMetadata"] = {
        "RequestId": reply.headers["x-amzn-RequestId"],
        "HTTPStatusCode": reply.status,
        "HTTPHeaders": lowercase_dict(http.headers),
    }
    return parsed


_text_only: dict[tuple[str, str], frozenset[str] | None] = {}


def _text_members(model: OperationModel) -> frozenset[str] | None:
    """The output's members if all are strings in the body, else None."""
    key = (model.service_model.service_name, model.name)
    if key not in _text_only:
        shape = model.output_shape
        members = {} if shape is None else getattr(shape, "members", None)
        plain = members is not None and all(
            member.type_name == "string" and not member.serialization.get("location")
            for member in members.values()
        )
        _text_only[key] = frozenset(members) if plain and members is not None else None
    return _text_only[key]


# -- which calls are answered here ------------------------------------------------------


def _library(handler: Any) -> bool:
    function = getattr(handler, "func", handler)  # functools.partial
    module = getattr(function, "__module__", None) or type(function).__module__ or ""
    if module.startswith(_APPLICATION_MODULES):
        return False
    return module.split(".", 1)[0] in _LIBRARIES


# per emitter: the handler lookup cache it had when last checked (botocore replaces it
# whenever a handler is registered or unregistered), and the verdict per event suffix
_verdicts: weakref.WeakKeyDictionary[Any, tuple[Any, dict[str, bool]]] = weakref.WeakKeyDictionary()


def _quiet(signer: Any, service: str, operation: str) -> bool:
    """Whether every handler on the client's wire-path events comes from a library."""
    emitter = getattr(getattr(signer, "_event_emitter", None), "_emitter", None)
    trie = getattr(emitter, "_handlers", None)
    generation = getattr(emitter, "_lookup_cache", None)
    if trie is None or generation is None:
        return False
    suffix = f"{service}.{operation}"
    known = _verdicts.get(emitter)
    if known is None or known[0] is not generation:
        known = (generation, {})
        _verdicts[emitter] = known
    verdict = known[1].get(suffix)
    if verdict is None:
        verdict = known[1][suffix] = all(
            _library(handler)
            for event in WIRE_EVENTS
            for handler in trie.prefix_search(f"{event}.{suffix}")
        )
    return verdict


_plain: dict[tuple[str, str], bool] = {}


def _plain_output(model: OperationModel) -> bool:
    key = (model.service_model.service_name, model.name)
    found = _plain.get(key)
    if found is None:
        found = _plain[key] = model.output_shape is None or _no_custom_scalars(
            model.output_shape, set()
        )
    return found


def _no_custom_scalars(shape: Shape, seen: set[str]) -> bool:
    """No timestamp or blob anywhere in the shape (their parsing can be customised)."""
    if shape.type_name in ("timestamp", "blob"):
        return False
    if shape.name in seen:
        return True
    seen.add(shape.name)
    if isinstance(shape, StructureShape):
        return all(_no_custom_scalars(member, seen) for member in shape.members.values())
    if isinstance(shape, ListShape):
        return _no_custom_scalars(shape.member, seen)
    if isinstance(shape, MapShape):
        return _no_custom_scalars(shape.key, seen) and _no_custom_scalars(shape.value, seen)
    return True
