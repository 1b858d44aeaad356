"""Multi-Region endpoints through boto3, and sends through one (engine level: boto3 signs
those with SigV4a, which needs the optional awscrt package)."""

from __future__ import annotations

from typing import Any

import pytest
from cs_helpers import arn, refused, simple

from pytest_sessim import SesSim
from pytest_sessim.engine.errors import SesError


def test_endpoint_lifecycle(sessim: SesSim, sesv2: Any) -> None:
    created = sesv2.create_multi_region_endpoint(
        EndpointName="global",
        Details={"RoutesDetails": [{"Region": "eu-west-1"}]},
        Tags=[{"Key": "team", "Value": "mail"}],
    )
    assert created["Status"] == "READY"
    endpoint_id = created["EndpointId"]

    got = sesv2.get_multi_region_endpoint(EndpointName="global")
    assert got["EndpointId"] == endpoint_id
    assert got["Routes"] == [{"Region": "us-east-1"}, {"Region": "eu-west-1"}]
    (listed,) = sesv2.list_multi_region_endpoints()["MultiRegionEndpoints"]
    assert listed["Regions"] == ["us-east-1", "eu-west-1"]
    assert sesv2.list_tags_for_resource(ResourceArn=arn("multi-region-endpoint/global"))[
        "Tags"
    ] == [{"Key": "team", "Value": "mail"}]

    assert refused(
        lambda: sesv2.create_multi_region_endpoint(
            EndpointName="global", Details={"RoutesDetails": [{"Region": "eu-west-1"}]}
        )
    ) == ("AlreadyExistsException", "Multi-region endpoint <global> already exists.", 400)
    assert sesv2.delete_multi_region_endpoint(EndpointName="global")["Status"] == "DELETING"
    assert refused(lambda: sesv2.get_multi_region_endpoint(EndpointName="global")) == (
        "NotFoundException",
        "Multi-region endpoint <global> does not exist.",
        404,
    )


def test_endpoints_need_one_other_region(sessim: SesSim, sesv2: Any) -> None:
    for routes in (
        [],
        [{"Region": "us-east-1"}],
        [{"Region": "eu-west-1"}, {"Region": "eu-west-2"}],
    ):
        code, _, status = refused(
            lambda routes=routes: sesv2.create_multi_region_endpoint(
                EndpointName="global", Details={"RoutesDetails": routes}
            )
        )
        assert (code, status) == ("BadRequestException", 400)


def test_list_pages_with_base64_tokens(sessim: SesSim, sesv2: Any) -> None:
    for name in ("one", "two", "three"):
        sesv2.create_multi_region_endpoint(
            EndpointName=name, Details={"RoutesDetails": [{"Region": "eu-west-1"}]}
        )

    first = sesv2.list_multi_region_endpoints(PageSize=2)
    rest = sesv2.list_multi_region_endpoints(PageSize=2, NextToken=first["NextToken"])

    assert first["NextToken"] == "Mg=="
    assert [
        e["EndpointName"] for e in first["MultiRegionEndpoints"] + rest["MultiRegionEndpoints"]
    ] == [
        "one",
        "two",
        "three",
    ]


@pytest.mark.sessim(verified=["example.com"])
def test_a_send_through_an_endpoint_leaves_from_one_of_its_regions(sessim: SesSim) -> None:
    engine = sessim.engine
    sessim.verify("example.com", region="eu-west-1")
    endpoint_id = engine.handle(
        "sesv2",
        "CreateMultiRegionEndpoint",
        {"EndpointName": "global", "Details": {"RoutesDetails": [{"Region": "eu-west-1"}]}},
    )["EndpointId"]
    send = {
        "FromEmailAddress": "news@example.com",
        "Destination": {"ToAddresses": ["success@simulator.amazonses.com"]},
        "Content": simple(),
        "EndpointId": endpoint_id,
    }

    for _ in range(12):
        engine.handle("sesv2", "SendEmail", send)

    assert {message.region for message in sessim.outbox} == {"us-east-1", "eu-west-1"}
    with pytest.raises(SesError, match="Multi-region endpoint with id <nope> does not exist"):
        engine.handle("sesv2", "SendEmail", {**send, "EndpointId": "nope"})
