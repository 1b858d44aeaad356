"""aiobotocore and aioboto3 clients reach the simulator like boto3 ones (pytest-asyncio)."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_sessim import SesSim

_ASYNC_EXTRA = 'the async door needs aiobotocore and aioboto3: pip install -e ".[test,async]"'
aioboto3 = pytest.importorskip("aioboto3", reason=_ASYNC_EXTRA)
get_session = pytest.importorskip("aiobotocore.session", reason=_ASYNC_EXTRA).get_session

pytestmark = [pytest.mark.asyncio, pytest.mark.sessim(verified=["example.com"])]

SEND = {
    "Source": "sender@example.com",
    "Destination": {"ToAddresses": ["bounce@simulator.amazonses.com"]},
    "Message": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}},
}
REGION = {"region_name": "us-east-1"}


async def test_aioboto3_send_email(sessim: SesSim) -> None:
    async with aioboto3.Session().client("ses", **REGION) as ses:
        reply = await ses.send_email(**SEND)
    assert reply["MessageId"] == sessim.outbox[0].message_id
    sessim.assert_bounced("bounce@simulator.amazonses.com")


async def test_aioboto3_error_is_the_modelled_exception(sessim: SesSim) -> None:
    async with aioboto3.Session().client("ses", **REGION) as ses:
        with pytest.raises(ses.exceptions.MessageRejected) as refused:
            await ses.send_email(**{**SEND, "Source": "x@unverified.test"})
    assert "not verified" in refused.value.response["Error"]["Message"]


async def test_aiobotocore_sesv2(sessim: SesSim) -> None:
    async with get_session().create_client("sesv2", **REGION) as v2:
        reply = await v2.send_email(
            FromEmailAddress="sender@example.com",
            Destination={"ToAddresses": ["success@simulator.amazonses.com"]},
            Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "x"}}}},
        )
        account = await v2.get_account()
        with pytest.raises(v2.exceptions.NotFoundException):
            await v2.get_email_template(TemplateName="missing")
    assert reply["MessageId"] == sessim.outbox[0].message_id
    assert account["SendQuota"]["SentLast24Hours"] == 0.0


async def test_raw_email_and_listing(sessim: SesSim) -> None:
    raw = b"From: sender@example.com\r\nTo: success@simulator.amazonses.com\r\nSubject: R\r\n\r\nx"
    async with aioboto3.Session().client("ses", **REGION) as ses:
        await ses.send_raw_email(RawMessage={"Data": raw})
        identities = await ses.list_identities()
    assert identities["Identities"] == ["example.com"]
    assert sessim.outbox[0].subject == "R"


async def test_operation_the_simulator_does_not_model_reaches_moto(sessim: SesSim) -> None:
    async with aioboto3.Session().client("ses", **REGION) as ses:
        await ses.create_receipt_rule_set(RuleSetName="inbound")
        listed = await ses.list_receipt_rule_sets()
    assert [item["Name"] for item in listed["RuleSets"]] == ["inbound"]


async def test_other_services_under_moto_work_too(sessim: SesSim) -> None:
    async with aioboto3.Session().client("sqs", **REGION) as sqs:
        url = (await sqs.create_queue(QueueName="async"))["QueueUrl"]
        await sqs.send_message(QueueUrl=url, MessageBody="hi")
        reply = await sqs.receive_message(QueueUrl=url)
    assert [message["Body"] for message in reply["Messages"]] == ["hi"]


@pytest.mark.sessim(sandbox=True)
async def test_throttling_retries_move_the_clock_not_the_wall(
    sessim: SesSim, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    slept: list[float] = []
    real_sleep = asyncio.sleep

    async def spy(delay: float, result: Any = None) -> Any:
        slept.append(delay)
        return await real_sleep(0, result)

    monkeypatch.setattr(asyncio, "sleep", spy)
    before = sessim.clock.now()
    async with aioboto3.Session().client("ses", **REGION) as ses:
        to_success: dict[str, Any] = {
            **SEND,
            "Destination": {"ToAddresses": ["success@simulator.amazonses.com"]},
        }
        await ses.send_email(**to_success)
        await ses.send_email(**to_success)  # throttled, retried after back-off
    assert slept and all(delay == 0 for delay in slept)  # the back-off moved the clock
    assert sessim.clock.now() > before
    assert len(sessim.outbox) == 2
