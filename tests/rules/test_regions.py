"""SES keeps an account's state per Region: each request acts in its client's Region."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from pytest_sessim import SesSim

SENT = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}
SUCCESS = "success@simulator.amazonses.com"


def _client(service: str, region: str) -> Any:
    return boto3.client(
        service, region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing"
    )


@pytest.fixture(scope="module")
def west() -> Any:
    return _client("ses", "us-west-1")


@pytest.fixture(scope="module")
def frankfurt() -> Any:
    return _client("ses", "eu-central-1")


@pytest.fixture(scope="module")
def frankfurt_v2() -> Any:
    return _client("sesv2", "eu-central-1")


def test_identities_are_per_region(sessim: SesSim, ses: Any, west: Any) -> None:
    ses.verify_domain_identity(Domain="east.example")
    assert ses.list_identities()["Identities"] == ["east.example"]
    assert west.list_identities()["Identities"] == []
    sessim.verify("west.example", region="us-west-1")
    assert west.list_identities()["Identities"] == ["west.example"]
    assert ses.list_identities()["Identities"] == ["east.example"]


def test_a_send_in_another_region_is_checked_and_stamped_there(
    sessim: SesSim, frankfurt: Any, frankfurt_v2: Any
) -> None:
    sessim.verify("shop.example")  # us-east-1 only
    with pytest.raises(frankfurt.exceptions.MessageRejected) as refused:
        frankfurt.send_email(
            Source="a@shop.example", Destination={"ToAddresses": [SUCCESS]}, Message=SENT
        )
    assert refused.value.response["Error"]["Message"] == (
        "Email address is not verified. The following identities failed the check in region "
        "EU-CENTRAL-1: a@shop.example"
    )
    assert sessim.refused[-1].region == "eu-central-1"

    sessim.verify("shop.example", region="eu-central-1")
    message_id = frankfurt_v2.send_email(
        FromEmailAddress="a@shop.example",
        Destination={"ToAddresses": [SUCCESS]},
        Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}},
    )["MessageId"]
    assert not message_id.startswith("0100")  # the us-east-1 prefix
    (message,) = sessim.outbox
    assert message.region == "eu-central-1"
    delivery = sessim.assert_delivered(SUCCESS)
    assert delivery.region == "eu-central-1"
    assert delivery.record["mail"]["sourceArn"] == (
        "arn:aws:ses:eu-central-1:123456789012:identity/shop.example"
    )


def test_the_marker_region_is_the_default_for_unspecified_requests(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
import pytest

@pytest.mark.sessim(region="eu-west-1", verified=["shop.example"])
def test_default_region(sessim):
    assert sessim.engine.account_in("eu-west-1").verified_identity_for("a@shop.example")
    assert sessim.engine.account_in("us-east-1").verified_identity_for("a@shop.example") is None
"""
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_settings_are_per_region(sessim: SesSim, ses: Any, west: Any) -> None:
    ses.create_configuration_set(ConfigurationSet={"Name": "cs"})
    assert [s["Name"] for s in ses.list_configuration_sets()["ConfigurationSets"]] == ["cs"]
    assert west.list_configuration_sets()["ConfigurationSets"] == []
    sessim.set_sandbox(region="us-west-1")
    assert west.get_send_quota()["Max24HourSend"] == 200.0
    assert ses.get_send_quota()["Max24HourSend"] == 50000.0
