"""SES v1 Query codec: every operation round-trips through botocore's own serializer/parser."""

from __future__ import annotations

import base64
from datetime import datetime, timezone
from typing import Any

import pytest
from botocore.model import ServiceModel
from botocore.parsers import create_parser
from wire_samples import client_request, normalise, sample

from pytest_sessim.doors.wire.models import service_model
from pytest_sessim.doors.wire.query import decode_query, encode_query_error, encode_query_result
from pytest_sessim.doors.wire.types import WireDecodeError, WireRequest

SES = service_model("ses")
OPERATIONS = sorted(SES.operation_names)


def _parse(response: Any, operation: str) -> dict[str, Any]:
    shape = SES.operation_model(operation).output_shape
    raw = {"body": response.body, "headers": response.headers, "status_code": response.status}
    parsed: dict[str, Any] = create_parser("query").parse(raw, shape)
    return parsed


def _form(body: str, url: str = "https://email.us-east-1.amazonaws.com/") -> WireRequest:
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    return WireRequest("POST", url, headers, body.encode())


def test_model_is_the_v1_query_model() -> None:
    assert SES.protocol == "query"
    assert SES.api_version == "2010-12-01"
    assert SES.metadata["xmlNamespace"] == "http://ses.amazonaws.com/doc/2010-12-01/"
    assert service_model("ses") is SES


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_input_round_trips(operation: str) -> None:
    op = SES.operation_model(operation)
    params = sample(op.input_shape) if op.input_shape is not None else {}
    name, decoded = decode_query(client_request("query", op, params), SES)
    assert name == operation
    assert normalise(decoded) == normalise(params)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_output_round_trips(operation: str) -> None:
    shape = SES.operation_model(operation).output_shape
    result = sample(shape) if shape is not None else {}
    response = encode_query_result(operation, result, "req-1", SES)
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/xml"
    assert response.headers["x-amzn-RequestId"] == "req-1"
    parsed = _parse(response, operation)
    assert parsed["ResponseMetadata"]["RequestId"] == "req-1"
    assert normalise(parsed) == normalise(result)


def test_send_email_decodes_to_client_params() -> None:
    op = SES.operation_model("SendEmail")
    params = {
        "Source": "a@example.com",
        "Destination": {"ToAddresses": ["x@example.com", "y@example.com"], "CcAddresses": []},
        "Message": {
            "Subject": {"Data": "Hi & <bye>"},
            "Body": {"Text": {"Data": "line\r\nline"}, "Html": {"Data": "<p>é</p>"}},
        },
        "Tags": [{"Name": "a", "Value": "b"}],
    }
    assert decode_query(client_request("query", op, params), SES) == ("SendEmail", params)


def test_lists_keep_index_order_and_unknown_keys_are_ignored() -> None:
    body = (
        "Action=SendEmail&Version=2010-12-01&Source=s%40example.com&Bogus=1"
        "&Destination.ToAddresses.member.10=j&Destination.ToAddresses.member.2=b"
        "&Destination.ToAddresses.member.1=a&Destination.Nope.member.1=z"
        "&Message.Subject.Data=x&Message.Body.Text.Data=y&Message.Unknown.Deeper=q"
    )
    _, params = decode_query(_form(body), SES)
    assert params == {
        "Source": "s@example.com",
        "Destination": {"ToAddresses": ["a", "b", "j"]},
        "Message": {"Subject": {"Data": "x"}, "Body": {"Text": {"Data": "y"}}},
    }


def test_scalars_convert_by_shape_type() -> None:
    body = (
        "Action=SendRawEmail&RawMessage.Data="
        + base64.b64encode(b"raw\x00").decode()
        + "&Source=a%40b.c"
    )
    assert decode_query(_form(body), SES)[1] == {
        "RawMessage": {"Data": b"raw\x00"},
        "Source": "a@b.c",
    }
    _, params = decode_query(
        _form("Action=ListCustomVerificationEmailTemplates&MaxResults=12"), SES
    )
    assert params == {"MaxResults": 12}
    _, params = decode_query(
        _form("Action=SetIdentityDkimEnabled&Identity=i&DkimEnabled=false"), SES
    )
    assert params == {"Identity": "i", "DkimEnabled": False}
    _, params = decode_query(_form("Action=UpdateAccountSendingEnabled&Enabled=true"), SES)
    assert params == {"Enabled": True}


def test_timestamps_decode_to_aware_datetimes() -> None:
    op = SES.operation_model("GetSendStatistics")
    shape = op.output_shape
    assert shape is not None
    stamp = datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=timezone.utc)
    result = {"SendDataPoints": [{"Timestamp": stamp, "DeliveryAttempts": 3, "Bounces": 0}]}
    response = encode_query_result("GetSendStatistics", result, "r", SES)
    assert b"<Timestamp>2024-01-02T03:04:05.678Z</Timestamp>" in response.body
    assert _parse(response, "GetSendStatistics")["SendDataPoints"][0]["Timestamp"] == stamp


def test_get_request_reads_the_query_string() -> None:
    url = "https://email.us-east-1.amazonaws.com/?Action=GetIdentityVerificationAttributes"
    url += "&Identities.member.1=a%40example.com&Identities.member.2=example.com"
    name, params = decode_query(WireRequest("GET", url, {}, b""), SES)
    assert name == "GetIdentityVerificationAttributes"
    assert params == {"Identities": ["a@example.com", "example.com"]}


def test_map_output_uses_entries() -> None:
    result = {
        "VerificationAttributes": {
            "a@example.com": {"VerificationStatus": "Success", "VerificationToken": "t&<"}
        }
    }
    response = encode_query_result("GetIdentityVerificationAttributes", result, "r", SES)
    assert b"<entry><key>a@example.com</key><value>" in response.body
    assert b"t&amp;&lt;" in response.body
    parsed = _parse(response, "GetIdentityVerificationAttributes")
    assert normalise(parsed) == result


# SES itself has no input maps, flattened collections or locationNames; this model has them all.
SYNTHETIC = ServiceModel(
    {
        "metadata": {
            "apiVersion": "2020-01-01",
            "protocol": "query",
            "xmlNamespace": "urn:synthetic",
            "serviceId": "Synthetic",
            "endpointPrefix": "synthetic",
        },
        "operations": {
            "Op": {
                "name": "Op",
                "http": {"method": "POST", "requestUri": "/"},
                "input": {"shape": "Shape"},
                "output": {"shape": "Shape", "resultWrapper": "OpResult"},
            }
        },
        "shapes": {
            "Shape": {
                "type": "structure",
                "members": {
                    "Flat": {"shape": "FlatList"},
                    "FlatNamed": {"shape": "FlatNamedList"},
                    "Named": {"shape": "NamedList", "locationName": "Renamed"},
                    "Attrs": {"shape": "NamedMap"},
                    "FlatAttrs": {"shape": "FlatMap"},
                    "Nested": {"shape": "NestedList"},
                    "When": {"shape": "Time"},
                    "Count": {"shape": "Num"},
                },
            },
            "FlatList": {"type": "list", "member": {"shape": "Str"}, "flattened": True},
            "FlatNamedList": {
                "type": "list",
                "member": {"shape": "Str", "locationName": "Thing"},
                "flattened": True,
            },
            "NamedList": {"type": "list", "member": {"shape": "Str", "locationName": "item"}},
            "NamedMap": {
                "type": "map",
                "key": {"shape": "Str", "locationName": "Name"},
                "value": {"shape": "Num", "locationName": "Val"},
            },
            "FlatMap": {
                "type": "map",
                "key": {"shape": "Str"},
                "value": {"shape": "Str"},
                "flattened": True,
            },
            "NestedList": {"type": "list", "member": {"shape": "Inner"}},
            "Inner": {"type": "structure", "members": {"Tags": {"shape": "NamedMap"}}},
            "Str": {"type": "string"},
            "Num": {"type": "integer"},
            "Time": {"type": "timestamp"},
        },
    },
    "synthetic",
)
SYNTHETIC_VALUE = {
    "Flat": ["a", "b", "c"],
    "FlatNamed": ["t1", "t2"],
    "Named": ["n1", "n2"],
    "Attrs": {"k1": 1, "k2": 2},
    "FlatAttrs": {"f1": "v1", "f2": "v2"},
    "Nested": [{"Tags": {"x": 1}}, {"Tags": {"y": 2, "z": 3}}],
    "When": datetime(2024, 2, 3, 4, 5, 6, tzinfo=timezone.utc),
    "Count": 5,
}


def test_synthetic_input_with_maps_flattened_lists_and_location_names() -> None:
    op = SYNTHETIC.operation_model("Op")
    request = client_request("query", op, SYNTHETIC_VALUE)
    body = request.body.decode()
    assert "Flat.3=c" in body and "Thing.2=t2" in body and "Renamed.item.1=n1" in body
    assert "Attrs.entry.2.Name=k2" in body and "FlatAttrs.1.key=f1" in body
    assert decode_query(request, SYNTHETIC) == ("Op", SYNTHETIC_VALUE)


def test_synthetic_output_with_maps_flattened_lists_and_location_names() -> None:
    response = encode_query_result("Op", SYNTHETIC_VALUE, "r", SYNTHETIC)
    assert response.body.startswith(b'<OpResponse xmlns="urn:synthetic"><OpResult>')
    shape = SYNTHETIC.operation_model("Op").output_shape
    raw = {"body": response.body, "headers": response.headers, "status_code": 200}
    parsed = create_parser("query").parse(raw, shape)
    assert normalise(parsed) == SYNTHETIC_VALUE


def test_none_members_are_omitted() -> None:
    response = encode_query_result("SendEmail", {"MessageId": None}, "r", SES)
    assert b"MessageId" not in response.body
    assert b"<SendEmailResult></SendEmailResult>" in response.body


def test_unknown_action() -> None:
    with pytest.raises(WireDecodeError) as info:
        decode_query(_form("Action=SendPigeon&Version=2010-12-01"), SES)
    err = info.value
    assert (err.code, err.status) == ("InvalidAction", 400)
    assert err.message == "The action SendPigeon is not valid for this web service."


def test_missing_action() -> None:
    with pytest.raises(WireDecodeError) as info:
        decode_query(_form("Version=2010-12-01"), SES)
    assert info.value.code == "MissingAction"


def test_bad_scalar_is_invalid_parameter_value() -> None:
    with pytest.raises(WireDecodeError) as info:
        decode_query(_form("Action=ListCustomVerificationEmailTemplates&MaxResults=ten"), SES)
    assert (info.value.code, info.value.status) == ("InvalidParameterValue", 400)


@pytest.mark.parametrize(("sender", "kind"), [(True, "Sender"), (False, "Receiver")])
def test_error_parses_as_botocore_error(sender: bool, kind: str) -> None:
    response = encode_query_error("MessageRejected", "Email <x> & y", 400, "req-9", sender)
    assert response.status == 400
    parsed = _parse(response, "SendEmail")
    assert parsed["Error"] == {"Type": kind, "Code": "MessageRejected", "Message": "Email <x> & y"}
    assert parsed["ResponseMetadata"]["RequestId"] == "req-9"
