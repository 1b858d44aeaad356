"""Where requests go: SES to the simulator, everything else to moto, nothing to the network."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from moto import mock_aws

from pytest_sessim import Outcome, SesSim
from pytest_sessim.doors.botocore_door import UnmodelledOperation
from pytest_sessim.moto_adapter import mock_active as moto_active

MAIL = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}


def send(ses: Any, to: str = Outcome.SUCCESS.address) -> str:
    reply = ses.send_email(Source="a@example.com", Destination={"ToAddresses": [to]}, Message=MAIL)
    message_id: str = reply["MessageId"]
    return message_id


def test_ses_goes_to_the_simulator_and_sns_to_moto(ses: Any) -> None:
    with SesSim(verified=["example.com"]) as sim:
        assert moto_active()
        sns = boto3.client("sns", region_name="us-east-1")
        arn = sns.create_topic(Name="bounces")["TopicArn"]
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


def test_unmodelled_operation_falls_through_to_moto(ses: Any) -> None:
    with SesSim():
        assert ses.list_receipt_rule_sets()["RuleSets"] == []


def test_unmodelled_operation_without_moto_is_a_clear_error(
    ses: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pytest_sessim.engine.operations import registry

    # every operation of the installed botocore is modelled: take one away
    registry.lookup("ses", "ListCustomVerificationEmailTemplates")
    monkeypatch.delitem(registry._REGISTRY, ("ses", "ListCustomVerificationEmailTemplates"))
    with SesSim(moto=False), pytest.raises(UnmodelledOperation) as caught:
        ses.list_custom_verification_email_templates()
    assert str(caught.value) == (
        "pytest-sessim does not model the ses operation ListCustomVerificationEmailTemplates, "
        "and moto is not "
        "active to answer it. Run the test under moto's mock_aws (the sessim fixture starts one "
        "unless moto=False)."
    )


def test_nothing_is_intercepted_once_stopped() -> None:
    ses = boto3.Session().client("ses", region_name="us-east-1")
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


def test_unmodelled_operation_reaches_moto_even_without_its_handler() -> None:
    """A client made before moto was imported lacks moto's own before-send handler."""
    from moto.core.models import botocore_stubber

    ses = boto3.client("ses", region_name="us-east-1")
    ses.meta.events.unregister("before-send", botocore_stubber)
    with SesSim():
        assert ses.list_receipt_rule_sets()["RuleSets"] == []
