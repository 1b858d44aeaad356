"""Sandbox, quotas, rate and sending switches, through real boto3 clients."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pytest_sessim import Outcome, SesSim

NO_RETRY = Config(retries={"total_max_attempts": 1})
MAIL = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}
CONTENT = {"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}}


@pytest.fixture(scope="module")
def ses1() -> Any:
    return boto3.client("ses", region_name="us-east-1", config=NO_RETRY)


@pytest.fixture(scope="module")
def ses2() -> Any:
    return boto3.client("sesv2", region_name="us-east-1", config=NO_RETRY)


def v1_send(client: Any, *to: str, **extra: Any) -> str:
    reply = client.send_email(
        Source="a@example.com", Destination={"ToAddresses": list(to)}, Message=MAIL, **extra
    )
    message_id: str = reply["MessageId"]
    return message_id


def v2_send(client: Any, *to: str, **extra: Any) -> str:
    reply = client.send_email(
        FromEmailAddress="a@example.com",
        Destination={"ToAddresses": list(to)},
        Content=CONTENT,
        **extra,
    )
    message_id: str = reply["MessageId"]
    return message_id


def error_of(call: Any) -> tuple[str, str, int, str]:
    with pytest.raises(ClientError) as caught:
        call()
    error = caught.value
    return (
        error.response["Error"]["Code"],
        error.response["Error"]["Message"],
        error.response["ResponseMetadata"]["HTTPStatusCode"],
        type(error).__name__,
    )


def test_sandbox_refuses_unverified_recipients_by_name(ses1: Any, ses2: Any) -> None:
    with SesSim(
        verified=["example.com", "friend@partner.example"], sandbox=True, moto=False
    ) as sim:
        text = (
            "Email address is not verified. The following identities failed the check in "
            "region US-EAST-1: x@stranger.example, y@stranger.example"
        )
        to = ("friend@partner.example", "x@stranger.example", "y@stranger.example")
        assert error_of(lambda: v1_send(ses1, *to)) == (
            "MessageRejected",
            text,
            400,
            "MessageRejected",
        )
        sim.clock.advance(1)
        assert error_of(lambda: v2_send(ses2, *to)) == (
            "MessageRejected",
            text,
            400,
            "MessageRejected",
        )
        v1_send(ses1, "friend@partner.example", Outcome.BOUNCE.address)  # simulator is allowed


def test_sandbox_rate_is_one_per_second_on_the_simulator_clock(ses1: Any, ses2: Any) -> None:
    with SesSim(verified=["example.com"], sandbox=True, moto=False) as sim:
        v1_send(ses1, Outcome.SUCCESS.address)
        assert error_of(lambda: v1_send(ses1, Outcome.SUCCESS.address)) == (
            "Throttling",
            "Maximum sending rate exceeded.",
            400,
            "ClientError",
        )
        assert error_of(lambda: v2_send(ses2, Outcome.SUCCESS.address)) == (
            "TooManyRequestsException",
            "Maximum sending rate exceeded.",
            429,
            "TooManyRequestsException",
        )
        sim.clock.advance(1)
        v2_send(ses2, Outcome.SUCCESS.address)


def test_a_big_send_blocks_the_next_ones_for_its_recipients(ses1: Any) -> None:
    with SesSim(verified=["example.com"], max_send_rate=1, moto=False) as sim:
        v1_send(ses1, *(f"r{i}@x.example" for i in range(5)))
        sim.clock.advance(4)
        assert error_of(lambda: v1_send(ses1, "a@x.example"))[1] == "Maximum sending rate exceeded."
        sim.clock.advance(1.5)
        v1_send(ses1, "a@x.example")


def test_botocore_retries_advance_the_clock_instead_of_sleeping() -> None:
    client = boto3.client("ses", region_name="us-east-1")  # default retries
    with SesSim(verified=["example.com"], sandbox=True, moto=False) as sim:
        start = sim.clock.now()
        v1_send(client, Outcome.SUCCESS.address)
        reply = client.send_email(
            Source="a@example.com",
            Destination={"ToAddresses": [Outcome.SUCCESS.address]},
            Message=MAIL,
        )
        assert reply["ResponseMetadata"]["RetryAttempts"] >= 1
        assert sim.clock.now() > start  # the back-off moved the clock; nothing slept
        assert [r.code for r in sim.refused] == ["Throttling"] * reply["ResponseMetadata"][
            "RetryAttempts"
        ]


def test_daily_quota_counts_recipients_but_not_the_simulator(ses1: Any, ses2: Any) -> None:
    with SesSim(verified=["example.com"], max_24_hour_send=2, moto=False) as sim:
        v1_send(ses1, "a@x.example", Outcome.SUCCESS.address, Outcome.BOUNCE.address)
        v1_send(ses1, "b@x.example")
        assert ses1.get_send_quota()["SentLast24Hours"] == 2.0
        assert error_of(lambda: v1_send(ses1, "c@x.example")) == (
            "Throttling",
            "Daily message quota exceeded.",
            400,
            "ClientError",
        )
        assert error_of(lambda: v2_send(ses2, "c@x.example"))[0] == "LimitExceededException"
        v1_send(ses1, Outcome.SUCCESS.address)  # simulator sends still pass
        quota = ses2.get_account()["SendQuota"]
        assert quota == {"Max24HourSend": 2.0, "MaxSendRate": 14.0, "SentLast24Hours": 2.0}
        sim.clock.advance(timedelta(hours=24))
        v1_send(ses1, "c@x.example")


def test_send_statistics_report_the_counters(ses1: Any) -> None:
    with SesSim(verified=["example.com"], moto=False):
        v1_send(ses1, Outcome.SUCCESS.address, Outcome.BOUNCE.address, Outcome.COMPLAINT.address)
        (point,) = ses1.get_send_statistics()["SendDataPoints"]
        assert (point["DeliveryAttempts"], point["Bounces"], point["Complaints"]) == (3, 1, 1)


def test_account_sending_switch(ses1: Any, ses2: Any) -> None:
    with SesSim(verified=["example.com"], moto=False):
        ses1.update_account_sending_enabled(Enabled=False)
        assert ses1.get_account_sending_enabled()["Enabled"] is False
        code, message, status, cls = error_of(lambda: v1_send(ses1, "a@x.example"))
        assert (code, message, status, cls) == (
            "AccountSendingPausedException",
            "Sending paused for this account.",
            400,
            "AccountSendingPausedException",
        )
        assert error_of(lambda: v2_send(ses2, "a@x.example"))[::3] == (
            "SendingPausedException",
            "SendingPausedException",
        )
        ses2.put_account_sending_attributes(SendingEnabled=True)
        assert ses2.get_account()["SendingEnabled"] is True
        v1_send(ses1, "a@x.example")


def test_configuration_set_sending_switch(ses1: Any, ses2: Any) -> None:
    with SesSim(verified=["example.com"], moto=False):
        ses2.create_configuration_set(ConfigurationSetName="promo")
        ses1.update_configuration_set_sending_enabled(ConfigurationSetName="promo", Enabled=False)
        code, message, _, cls = error_of(
            lambda: v1_send(ses1, "a@x.example", ConfigurationSetName="promo")
        )
        assert (code, message, cls) == (
            "ConfigurationSetSendingPausedException",
            "Sending paused for configuration set <promo>.",
            "ConfigurationSetSendingPausedException",
        )
        ses2.put_configuration_set_sending_options(
            ConfigurationSetName="promo", SendingEnabled=True
        )
        v1_send(ses1, "a@x.example", ConfigurationSetName="promo")
        v1_send(ses1, "a@x.example")
