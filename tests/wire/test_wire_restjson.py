"""SESv2 REST-JSON codec: every operation round-trips through botocore's serializer/parser."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import pytest
from botocore.awsrequest import HeadersDict
from botocore.model import ServiceModel
from botocore.parsers import create_parser
from wire_samples import ENDPOINT, client_request, normalise, sample

from pytest_sessim.doors.wire.models import service_model
from pytest_sessim.doors.wire.restjson import (
    decode_rest_json,
    encode_rest_json_error,
    encode_rest_json_result,
)
from pytest_sessim.doors.wire.types import WireDecodeError, WireRequest, WireResponse

SESV2 = service_model("sesv2")
OPERATIONS = sorted(SESV2.operation_names)


def _parse(response: WireResponse, operation: str, model: ServiceModel = SESV2) -> dict[str, Any]:
    shape = model.operation_model(operation).output_shape
    raw = {
        "body": response.body,
        "headers": HeadersDict(response.headers),
        "status_code": response.status,
    }
    parsed: dict[str, Any] = create_parser("rest-json").parse(raw, shape)
    return parsed


def _request(method: str, path: str, body: bytes = b"", **headers: str) -> WireRequest:
    return WireRequest(method, ENDPOINT + path, headers, body)


def test_model_is_the_v2_rest_json_model() -> None:
    assert SESV2.protocol == "rest-json"
    assert service_model("sesv2") is SESV2


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_input_round_trips(operation: str) -> None:
    op = SESV2.operation_model(operation)
    params = sample(op.input_shape) if op.input_shape is not None else {}
    name, decoded = decode_rest_json(client_request("rest-json", op, params), SESV2)
    assert name == operation
    expected = normalise(params)
    assert normalise(decoded) in (expected, _as_client_sends(expected))


def _as_client_sends(value: Any) -> Any:
    """Older botocore (before about 1.42) sends REST-JSON body timestamps (not query-string
    ones) in whole seconds."""
    from botocore.serialize import create_serializer

    serializer = create_serializer("rest-json", include_validation=False)
    stamp = serializer._timestamp_unixtimestamp(datetime(2024, 1, 1, 0, 0, 0, 5000))
    if stamp % 1:
        return value
    if isinstance(value, dict):
        return {key: _as_client_sends(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_client_sends(item) for item in value]
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    return value


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_output_round_trips(operation: str) -> None:
    shape = SESV2.operation_model(operation).output_shape
    result = sample(shape) if shape is not None else {}
    response = encode_rest_json_result(operation, result, "req-2", SESV2)
    assert response.status == 200
    assert response.headers["Content-Type"] == "application/json"
    parsed = _parse(response, operation)
    assert parsed["ResponseMetadata"]["RequestId"] == "req-2"
    assert normalise(parsed) == normalise(result)


def test_send_email_decodes_to_client_params() -> None:
    op = SESV2.operation_model("SendEmail")
    params = {
        "FromEmailAddress": "a@example.com",
        "Destination": {"ToAddresses": ["x@example.com"]},
        "Content": {
            "Simple": {
                "Subject": {"Data": "Hi"},
                "Body": {"Text": {"Data": "t"}},
                "Attachments": [{"RawContent": b"\x00\x01", "FileName": "f.bin"}],
            }
        },
        "EmailTags": [{"Name": "n", "Value": "v"}],
    }
    assert decode_rest_json(client_request("rest-json", op, params), SESV2) == ("SendEmail", params)


def test_path_labels_are_url_decoded() -> None:
    name, params = decode_rest_json(_request("GET", "/v2/email/identities/a%40b.com%2Fx"), SESV2)
    assert (name, params) == ("GetEmailIdentity", {"EmailIdentity": "a@b.com/x"})


def test_routes_by_method_and_path() -> None:
    name, _ = decode_rest_json(_request("GET", "/v2/email/deliverability-dashboard"), SESV2)
    assert name == "GetDeliverabilityDashboardOptions"
    name, params = decode_rest_json(_request("GET", "/v2/email/templates/welcome"), SESV2)
    assert (name, params) == ("GetEmailTemplate", {"TemplateName": "welcome"})


def test_query_string_types() -> None:
    path = (
        "/v2/email/suppression/addresses?Reason=BOUNCE&Reason=COMPLAINT"
        "&StartDate=2024-01-02T03%3A04%3A05Z&PageSize=20&NextToken=abc"
    )
    name, params = decode_rest_json(_request("GET", path), SESV2)
    assert name == "ListSuppressedDestinations"
    assert params == {
        "Reasons": ["BOUNCE", "COMPLAINT"],
        "StartDate": datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
        "PageSize": 20,
        "NextToken": "abc",
    }


def test_json_timestamps_accept_iso_strings_and_epoch_numbers() -> None:
    body = {
        "Queries": [
            {
                "Id": "q",
                "Namespace": "VDM",
                "Metric": "SEND",
                "StartDate": "2024-01-02T03:04:05Z",
                "EndDate": 1704164645.5,
            }
        ]
    }
    request = _request("POST", "/v2/email/metrics/batch", json.dumps(body).encode())
    name, params = decode_rest_json(request, SESV2)
    assert name == "BatchGetMetricData"
    query = params["Queries"][0]
    assert query["StartDate"] == datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert query["EndDate"] == datetime(2024, 1, 2, 3, 4, 5, 500000, tzinfo=timezone.utc)


def test_unknown_route_is_404() -> None:
    with pytest.raises(WireDecodeError) as info:
        decode_rest_json(_request("GET", "/v2/email/pigeons"), SESV2)
    assert (info.value.code, info.value.status) == ("UnknownOperationException", 404)
    with pytest.raises(WireDecodeError) as info:
        decode_rest_json(_request("PATCH", "/v2/email/outbound-emails"), SESV2)
    assert info.value.status == 404


def test_malformed_json_is_serialization_exception() -> None:
    with pytest.raises(WireDecodeError) as info:
        decode_rest_json(_request("POST", "/v2/email/outbound-emails", b"{nope"), SESV2)
    assert (info.value.code, info.value.status) == ("SerializationException", 400)
    with pytest.raises(WireDecodeError) as info:
        decode_rest_json(_request("POST", "/v2/email/outbound-emails", b"[1]"), SESV2)
    assert info.value.code == "SerializationException"
    body = b'{"FromEmailAddress": 5}'
    with pytest.raises(WireDecodeError) as info:
        decode_rest_json(_request("POST", "/v2/email/outbound-emails", body), SESV2)
    assert info.value.code == "SerializationException"


def test_bad_query_value_is_bad_request() -> None:
    with pytest.raises(WireDecodeError) as info:
        decode_rest_json(_request("GET", "/v2/email/suppression/addresses?PageSize=x"), SESV2)
    assert (info.value.code, info.value.status) == ("BadRequestException", 400)


def test_timestamps_and_blobs_encode_as_epoch_and_base64() -> None:
    stamp = datetime(2024, 1, 2, 3, 4, 5, 250000, tzinfo=timezone.utc)
    result = {"SuppressedDestination": {"EmailAddress": "a@b.c", "LastUpdateTime": stamp}}
    response = encode_rest_json_result("GetSuppressedDestination", result, "r", SESV2)
    doc = json.loads(response.body)
    assert doc["SuppressedDestination"]["LastUpdateTime"] == stamp.timestamp()
    assert (
        _parse(response, "GetSuppressedDestination")["SuppressedDestination"]
        == result["SuppressedDestination"]
    )


@pytest.mark.parametrize(
    ("code", "status"),
    [("MessageRejected", 400), ("TooManyRequestsException", 429), ("NotFoundException", 404)],
)
def test_error_parses_as_botocore_error(code: str, status: int) -> None:
    response = encode_rest_json_error(code, 'Nope: <x> & "y"', status, "req-7")
    assert response.status == status
    assert response.headers["x-amzn-ErrorType"].startswith(code + ":")
    parsed = _parse(response, "SendEmail")
    assert parsed["Error"]["Code"] == code
    assert parsed["Error"]["Message"] == 'Nope: <x> & "y"'
    assert parsed["ResponseMetadata"]["RequestId"] == "req-7"


# -- features SESv2 does not use, on a synthetic model ------------------------------------------

SYNTHETIC = ServiceModel(
    {
        "metadata": {
            "apiVersion": "2020-01-01",
            "protocol": "rest-json",
            "jsonVersion": "1.1",
            "serviceId": "SynthJson",
            "endpointPrefix": "synth",
        },
        "operations": {
            "GetThing": {
                "name": "GetThing",
                "http": {"method": "GET", "requestUri": "/things/{Id}"},
                "input": {"shape": "GetThingIn"},
                "output": {"shape": "GetThingOut"},
            },
            "GetSpecial": {
                "name": "GetSpecial",
                "http": {"method": "GET", "requestUri": "/things/special"},
            },
            "TagThing": {
                "name": "TagThing",
                "http": {"method": "GET", "requestUri": "/things/{Id}?tagging"},
                "input": {"shape": "TagThingIn"},
            },
            "PutFile": {
                "name": "PutFile",
                "http": {"method": "PUT", "requestUri": "/files/{Key+}"},
                "input": {"shape": "PutFileIn"},
            },
            "PutDoc": {
                "name": "PutDoc",
                "http": {"method": "PUT", "requestUri": "/docs/{Id}", "responseCode": 201},
                "input": {"shape": "PutDocIn"},
                "output": {"shape": "PutDocOut"},
            },
        },
        "shapes": {
            "GetThingIn": {
                "type": "structure",
                "required": ["Id"],
                "members": {
                    "Id": {"shape": "Str", "location": "uri", "locationName": "Id"},
                    "Tags": {"shape": "StrList", "location": "querystring", "locationName": "tag"},
                    "Since": {"shape": "Time", "location": "querystring", "locationName": "since"},
                    "Limit": {"shape": "Num", "location": "querystring", "locationName": "limit"},
                    "Deep": {"shape": "Bool", "location": "querystring", "locationName": "deep"},
                    "Extra": {"shape": "StrMap", "location": "querystring"},
                    "Trace": {"shape": "Str", "location": "header", "locationName": "X-Trace"},
                    "When": {"shape": "Time", "location": "header", "locationName": "X-When"},
                },
            },
            "GetThingOut": {
                "type": "structure",
                "members": {
                    "Trace": {"shape": "Str", "location": "header", "locationName": "X-Trace"},
                    "Renamed": {"shape": "Str", "locationName": "renamed"},
                    "Stamp": {"shape": "Time"},
                    "Data": {"shape": "Blob"},
                    "Ratio": {"shape": "Dbl"},
                },
            },
            "TagThingIn": {
                "type": "structure",
                "required": ["Id"],
                "members": {"Id": {"shape": "Str", "location": "uri", "locationName": "Id"}},
            },
            "PutFileIn": {
                "type": "structure",
                "required": ["Key"],
                "payload": "Content",
                "members": {
                    "Key": {"shape": "Str", "location": "uri", "locationName": "Key"},
                    "Content": {"shape": "Blob"},
                },
            },
            "PutDocIn": {
                "type": "structure",
                "required": ["Id"],
                "payload": "Doc",
                "members": {
                    "Id": {"shape": "Str", "location": "uri", "locationName": "Id"},
                    "Doc": {"shape": "Doc"},
                },
            },
            "PutDocOut": {"type": "structure", "members": {"Version": {"shape": "Num"}}},
            "Doc": {
                "type": "structure",
                "members": {"Title": {"shape": "Str"}, "Tags": {"shape": "StrMap"}},
            },
            "Str": {"type": "string"},
            "StrList": {"type": "list", "member": {"shape": "Str"}},
            "StrMap": {"type": "map", "key": {"shape": "Str"}, "value": {"shape": "Str"}},
            "Num": {"type": "integer"},
            "Bool": {"type": "boolean"},
            "Dbl": {"type": "double"},
            "Time": {"type": "timestamp"},
            "Blob": {"type": "blob"},
        },
    },
    "synthjson",
)


def _synthetic(operation: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    op = SYNTHETIC.operation_model(operation)
    return decode_rest_json(client_request("rest-json", op, params), SYNTHETIC)


def test_synthetic_query_header_and_query_map_members() -> None:
    params = {
        "Id": "a b/c",
        "Tags": ["x", "y z"],
        "Since": datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
        "Limit": 3,
        "Deep": False,
        "Extra": {"free": "form", "other": "1"},
        "Trace": "trace-1",
        "When": datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
    }
    assert _synthetic("GetThing", params) == ("GetThing", params)


def test_synthetic_routing_specificity_and_literal_query() -> None:
    assert _synthetic("GetSpecial", {}) == ("GetSpecial", {})
    assert _synthetic("TagThing", {"Id": "t"}) == ("TagThing", {"Id": "t"})
    assert _synthetic("GetThing", {"Id": "t"}) == ("GetThing", {"Id": "t"})


def test_synthetic_greedy_label_and_blob_payload() -> None:
    params = {"Key": "dir/sub dir/file.txt", "Content": b"\x00raw bytes"}
    assert _synthetic("PutFile", params) == ("PutFile", params)


def test_synthetic_structure_payload_and_response_code() -> None:
    params = {"Id": "d", "Doc": {"Title": "T", "Tags": {"a": "b"}}}
    assert _synthetic("PutDoc", params) == ("PutDoc", params)
    response = encode_rest_json_result("PutDoc", {"Version": 2}, "r", SYNTHETIC)
    assert response.status == 201
    assert _parse(response, "PutDoc", SYNTHETIC)["Version"] == 2


def test_synthetic_output_header_and_location_name() -> None:
    result = {
        "Trace": "t-9",
        "Renamed": "r",
        "Stamp": datetime(2024, 1, 2, 3, 4, 5, 125000, tzinfo=timezone.utc),
        "Data": b"\xffdata",
        "Ratio": float("inf"),
    }
    response = encode_rest_json_result("GetThing", result, "r", SYNTHETIC)
    assert response.headers["X-Trace"] == "t-9"
    doc = json.loads(response.body)
    assert "Trace" not in doc
    assert doc["renamed"] == "r"
    assert doc["Ratio"] == "Infinity"
    assert normalise(_parse(response, "GetThing", SYNTHETIC)) == result
