"""End to end: real boto3 clients whose ``before-send`` answers from the wire codecs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSPreparedRequest, AWSResponse
from botocore.config import Config
from botocore.exceptions import ClientError

from pytest_sessim.doors.wire.models import service_model
from pytest_sessim.doors.wire.query import decode_query, encode_query_error, encode_query_result
from pytest_sessim.doors.wire.restjson import (
    decode_rest_json,
    encode_rest_json_error,
    encode_rest_json_result,
)
from pytest_sessim.doors.wire.types import WireRequest, WireResponse

Responder = Callable[[str, dict[str, Any]], WireResponse]


class _Raw:
    """The ``raw`` of an ``AWSResponse``: botocore reads ``b"".join(raw.stream())``."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body


class _Door:
    """A ``before-send`` handler: decode, record, answer with whatever the test set."""

    def __init__(self, decode: Callable[..., tuple[str, dict[str, Any]]], service: str) -> None:
        self.decode = decode
        self.model = service_model(service)
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.respond: Responder | None = None

    def __call__(self, request: AWSPreparedRequest, **_: Any) -> AWSResponse:
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        elif not isinstance(body, bytes):
            body = body.read()
        wire = WireRequest(request.method, request.url, dict(request.headers.items()), body)
        operation, params = self.decode(wire, self.model)
        self.calls.append((operation, params))
        assert self.respond is not None
        response = self.respond(operation, params)
        return AWSResponse(request.url, response.status, response.headers, _Raw(response.body))


def _client(service: str, door: _Door) -> Any:
    client = boto3.client(
        service,
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="x",
        config=Config(retries={"total_max_attempts": 1}),
    )
    client.meta.events.register("before-send", door)
    return client


@pytest.fixture(scope="module")
def v1() -> tuple[Any, _Door]:
    door = _Door(decode_query, "ses")
    return _client("ses", door), door


@pytest.fixture(scope="module")
def v2() -> tuple[Any, _Door]:
    door = _Door(decode_rest_json, "sesv2")
    return _client("sesv2", door), door


V1_SEND = {
    "Source": "from@example.com",
    "Destination": {"ToAddresses": ["to@example.com"]},
    "Message": {"Subject": {"Data": "Hello & bye"}, "Body": {"Text": {"Data": "Body é"}}},
}
V2_SEND = {
    "FromEmailAddress": "from@example.com",
    "Destination": {"ToAddresses": ["to@example.com"]},
    "Content": {"Simple": {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Body"}}}},
}


def test_v1_send_email_succeeds(v1: tuple[Any, _Door]) -> None:
    client, door = v1
    door.respond = lambda op, _: encode_query_result(op, {"MessageId": "m-1"}, "rid-1", door.model)
    reply = client.send_email(**V1_SEND)
    assert reply["MessageId"] == "m-1"
    assert reply["ResponseMetadata"]["RequestId"] == "rid-1"
    assert door.calls[-1] == ("SendEmail", V1_SEND)


def test_v1_message_rejected(v1: tuple[Any, _Door]) -> None:
    client, door = v1
    message = "Email address is not verified. The following identities failed the check"
    door.respond = lambda *_: encode_query_error("MessageRejected", message, 400, "rid-2")
    with pytest.raises(client.exceptions.MessageRejected) as info:
        client.send_email(**V1_SEND)
    error = info.value.response["Error"]
    assert (error["Code"], error["Message"], error["Type"]) == (
        "MessageRejected",
        message,
        "Sender",
    )
    assert info.value.response["ResponseMetadata"]["RequestId"] == "rid-2"


def test_v1_throttling_is_a_client_error(v1: tuple[Any, _Door]) -> None:
    client, door = v1
    message = "Maximum sending rate exceeded."
    door.respond = lambda *_: encode_query_error("Throttling", message, 400, "r")
    with pytest.raises(ClientError) as info:
        client.send_email(**V1_SEND)
    assert info.value.response["Error"]["Code"] == "Throttling"
    assert info.value.response["Error"]["Message"] == message


def test_v1_result_with_lists_and_maps(v1: tuple[Any, _Door]) -> None:
    client, door = v1
    result = {
        "DkimAttributes": {
            "example.com": {
                "DkimEnabled": True,
                "DkimVerificationStatus": "Success",
                "DkimTokens": ["a", "b"],
            }
        }
    }
    door.respond = lambda op, _: encode_query_result(op, result, "r", door.model)
    reply = client.get_identity_dkim_attributes(Identities=["example.com"])
    assert reply["DkimAttributes"] == result["DkimAttributes"]
    assert door.calls[-1] == ("GetIdentityDkimAttributes", {"Identities": ["example.com"]})


def test_v2_send_email_succeeds(v2: tuple[Any, _Door]) -> None:
    client, door = v2
    door.respond = lambda op, _: encode_rest_json_result(
        op, {"MessageId": "m-2"}, "rid-3", door.model
    )
    reply = client.send_email(**V2_SEND)
    assert reply["MessageId"] == "m-2"
    assert reply["ResponseMetadata"]["RequestId"] == "rid-3"
    assert door.calls[-1] == ("SendEmail", V2_SEND)


def test_v2_message_rejected(v2: tuple[Any, _Door]) -> None:
    client, door = v2
    door.respond = lambda *_: encode_rest_json_error("MessageRejected", "Not verified.", 400, "r4")
    with pytest.raises(client.exceptions.MessageRejected) as info:
        client.send_email(**V2_SEND)
    assert info.value.response["Error"]["Message"] == "Not verified."
    assert info.value.response["ResponseMetadata"]["RequestId"] == "r4"


def test_v2_too_many_requests(v2: tuple[Any, _Door]) -> None:
    client, door = v2
    door.respond = lambda *_: encode_rest_json_error(
        "TooManyRequestsException", "Too many requests.", 429, "r5"
    )
    with pytest.raises(client.exceptions.TooManyRequestsException) as info:
        client.send_email(**V2_SEND)
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429


def test_v2_path_and_query_parameters(v2: tuple[Any, _Door]) -> None:
    client, door = v2
    door.respond = lambda op, _: encode_rest_json_result(
        op, {"SuppressedDestinationSummaries": []}, "r", door.model
    )
    reply = client.list_suppressed_destinations(Reasons=["BOUNCE"], PageSize=5)
    assert reply["SuppressedDestinationSummaries"] == []
    assert door.calls[-1] == (
        "ListSuppressedDestinations",
        {"Reasons": ["BOUNCE"], "PageSize": 5},
    )
    door.respond = lambda op, _: encode_rest_json_result(op, {}, "r", door.model)
    client.delete_email_identity(EmailIdentity="user+tag@example.com")
    assert door.calls[-1] == ("DeleteEmailIdentity", {"EmailIdentity": "user+tag@example.com"})
