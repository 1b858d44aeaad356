"""Nothing leaves the machine unless the test says so. The whole suite runs with
non-loopback connections blocked (tests/conftest.py); these tests pin each rule."""

from __future__ import annotations

import socket
from typing import Any

import boto3
import pytest

from pytest_sessim import SesSim
from pytest_sessim.doors.botocore_door import NotAnSesEndpoint
from pytest_sessim.sinks import http_endpoints

KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
MAIL = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}


@pytest.fixture
def sns(sessim: SesSim) -> Any:
    return boto3.client("sns", region_name="us-east-1", **KEYS)


def test_the_suite_cannot_open_a_non_loopback_connection() -> None:
    with pytest.raises(OSError, match="blocked"):
        socket.create_connection(("192.0.2.1", 443), timeout=1)


def test_an_unmounted_endpoint_off_loopback_is_not_posted(sessim: SesSim, sns: Any) -> None:
    topic = sns.create_topic(Name="hooks")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="https", Endpoint="https://hooks.example.com/ses")
    (confirmation,) = sessim.sns.confirmations
    (attempt,) = confirmation.deliveries
    assert attempt.status is None
    assert attempt.error == (
        "not sent: https://hooks.example.com/ses is neither mounted nor on loopback, and "
        "nothing leaves the machine unless the test says so. Mount the app with "
        "sessim.mount('https://hooks.example.com', app), serve it on 127.0.0.1, or allow other "
        "hosts with @pytest.mark.sessim(external_webhooks=True) or the ini option "
        "sessim_external_webhooks = true."
    )
    sessim.clock.advance(3600)  # nothing to retry
    assert len(confirmation.deliveries) == 1


@pytest.mark.sessim(external_webhooks=True)
def test_external_webhooks_opt_in(
    sessim: SesSim, sns: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    posted: list[str] = []

    def post(target: Any, headers: Any, body: bytes) -> Any:
        posted.append(target.url)
        return http_endpoints.HttpAnswer(200)

    monkeypatch.setattr(http_endpoints, "_post_network", post)
    topic = sns.create_topic(Name="hooks")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="https", Endpoint="https://hooks.example.com/ses")
    assert posted == ["https://hooks.example.com/ses"]


def test_a_bogus_endpoint_gets_botocores_connection_error_without_a_connection(
    sessim: SesSim,
) -> None:
    client = boto3.client(
        "ses", region_name="us-east-1", endpoint_url="https://ses.internal.example", **KEYS
    )
    with pytest.raises(NotAnSesEndpoint) as caught:
        client.get_send_quota()
    assert str(caught.value).startswith(
        'Could not connect to the endpoint URL: "https://ses.internal.example/"'
    )


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://email.eu-west-1.amazonaws.com",
        "https://email-fips.us-east-1.amazonaws.com",
        "https://vpce-0123abcd-45ef.email.us-east-1.vpce.amazonaws.com",
    ],
)
def test_aws_ses_endpoints_are_answered(sessim: SesSim, endpoint: str) -> None:
    client = boto3.client("ses", region_name="us-east-1", endpoint_url=endpoint, **KEYS)
    assert client.get_send_quota()["Max24HourSend"] == 50000.0


OUTSIDE = """
import boto3

def test_forgot_the_fixture():
    ses = boto3.client("ses", region_name="us-east-1",
                       aws_access_key_id="AKIAREAL", aws_secret_access_key="real")
    ses.get_send_quota()
"""


def test_an_ses_request_outside_a_simulator_is_refused(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(OUTSIDE)
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E *pytest_sessim.doors.plumbing.RealSesRequestRefused: pytest-sessim: Test "
            "test_an_ses_request_outside_a_simulator_is_refused.py::test_forgot_the_fixture made "
            "an ses request to https://email.us-east-1.amazonaws.com/ with no simulator active: "
            "it would reach the real Amazon SES. Use the sessim fixture (or "
            "pytest_sessim.SesSim), or let real SES requests through with "
            "@pytest.mark.sessim_allow_real_ses or the ini option sessim_allow_real_ses = true."
        ]
    )


def test_the_opt_out_lets_it_through(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        "import pytest\n\npytestmark = pytest.mark.sessim_allow_real_ses\n" + OUTSIDE
    )
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)  # the network is blocked in this suite: a connection error
    assert "RealSesRequestRefused" not in result.stdout.str()
    result.stdout.fnmatch_lines(["*blocked*"])


def test_moto_own_ses_keeps_working(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
import boto3
from moto import mock_aws

@mock_aws
def test_on_moto():
    ses = boto3.client("ses", region_name="us-east-1")
    assert ses.get_send_quota()["Max24HourSend"] > 0
"""
    )
    pytester.runpytest().assert_outcomes(passed=1)
