"""Where requests go: SES to the simulator, everything else to moto, nothing to the network."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from moto import mock_aws

from pytest_sessim import Outcome, SesSim
from pytest_sessim.moto_adapter import mock_active as moto_active

MAIL = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}


def send(ses: Any, to: str = Outcome.SUCCESS.address) -> str:
    reply = ses.send_email(Source="a@example.com", Destination={"ToAddresses": [to]}, Message=MAIL)
    message_id: str = reply["MessageId"]
    return message_id


def test_ses_goes_to_the_simulator_and_sns_to_moto(ses: Any) -> None:
    with SesSim(verified=["example.com"]) as sim:
        assert not moto_active()  # started when first needed
        sns = boto3.client("sns", region_name="us-east-1")
        arn = sns.create_topic(Name="bounces")["TopicArn"]
        assert moto_active()
        assert arn == "arn:aws:sns:us-east-1:123456789012:bounces"
        send(ses)
        from moto.ses.models import ses_backends

        assert ses_backends["123456789012"]["us-east-1"].sent_message_count == 0
        assert len(sim.outbox) == 1
    assert not moto_active()


def test_joins_an_active_mock_aws_and_leaves_it_running(ses: Any) -> None:
    with mock_aws():
        with SesSim(verified=["example.com"]) as sim:
            send(ses)
        assert moto_active()
        assert len(sim.outbox) == 1


@pytest.mark.parametrize("api", ["ses", "sesv2"])
def test_an_operation_of_a_newer_botocore_gets_an_ses_error_not_moto(
    api: str, ses: Any, sesv2: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pytest_sessim.engine.operations import registry

    # every operation of the installed botocore is the simulator's: take one away
    operation = "ListCustomVerificationEmailTemplates"
    registry.lookup(api, operation)
    monkeypatch.delitem(registry._REGISTRY, (api, operation))
    client = ses if api == "ses" else sesv2
    with SesSim() as sim, pytest.raises(client.exceptions.ClientError) as caught:
        client.list_custom_verification_email_templates()
    error = caught.value.response["Error"]
    assert error["Code"] == ("InvalidAction" if api == "ses" else "UnknownOperationException")
    assert error["Message"] == f"The action {operation} is not valid for this web service."
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == (
        400 if api == "ses" else 404
    )
    assert sim.refused[-1].operation == operation
    assert not moto_active()  # no SES operation goes to moto


def test_nothing_is_intercepted_once_stopped() -> None:
    ses = boto3.Session().client(
        "ses", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s"
    )
    with mock_aws():
        with SesSim(verified=["example.com"]):
            send(ses)
        ses.verify_email_identity(EmailAddress="a@example.com")
        send(ses)  # answered by moto now
        from moto.ses.models import ses_backends

        assert ses_backends["123456789012"]["us-east-1"].sent_message_count == 1


def test_simulators_nest_innermost_wins(ses: Any) -> None:
    with SesSim(verified=["example.com"], moto=False) as outer:
        with SesSim(verified=["example.com"], moto=False) as inner:
            send(ses)
        send(ses)
    assert len(inner.outbox) == 1 and len(outer.outbox) == 1


def test_other_services_reach_moto_even_without_its_handler() -> None:
    """A client made before moto was imported lacks moto's own before-send handler."""
    from moto.core.models import botocore_stubber

    sqs = boto3.client(
        "sqs", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s"
    )
    sqs.meta.events.unregister("before-send", botocore_stubber)
    with SesSim():
        assert "QueueUrl" in sqs.create_queue(QueueName="q")
