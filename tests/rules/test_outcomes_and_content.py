"""Suppression list, virus reject, size limits, rendering failures and clocked outcomes."""

from __future__ import annotations

import base64
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pytest_sessim import (
    Outcome,
    SesSim,
    clicked,
    complaint,
    delayed,
    delivered,
    every_bounce,
    hard_bounce,
    opened,
    soft_bounce,
)
from pytest_sessim.engine.mail.scanning import EICAR
from pytest_sessim.engine.outcomes.scripts import ACCOUNT_SUPPRESSION_DIAGNOSTIC

MAIL = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}


@pytest.fixture(scope="module")
def v2() -> Any:
    return boto3.client(
        "sesv2", region_name="us-east-1", config=Config(retries={"total_max_attempts": 1})
    )


def send(ses: Any, *to: str) -> str:
    reply = ses.send_email(
        Source="a@example.com", Destination={"ToAddresses": list(to)}, Message=MAIL
    )
    message_id: str = reply["MessageId"]
    return message_id


def test_suppressed_address_is_accepted_then_bounces_on_account_suppression_list(
    ses: Any, v2: Any
) -> None:
    with SesSim(verified=["example.com"], moto=False) as sim:
        v2.put_suppressed_destination(EmailAddress="gone@x.example", Reason="BOUNCE")
        message_id = send(ses, "gone@x.example")
        assert [e.type for e in sim.events] == ["Send", "Bounce"]
        bounce = sim.assert_bounced("gone@x.example", "Permanent", "OnAccountSuppressionList")
        assert bounce.message_id == message_id
        assert bounce.notification is not None
        detail = bounce.notification["bounce"]
        assert detail["reportingMTA"] == "dns; amazonses.com"
        assert "remoteMtaIp" not in detail
        assert detail["bouncedRecipients"] == [
            {
                "emailAddress": "gone@x.example",
                "action": "failed",
                "status": "5.1.1",
                "diagnosticCode": ACCOUNT_SUPPRESSION_DIAGNOSTIC,
            }
        ]
        assert ses.get_send_quota()["SentLast24Hours"] == 1.0  # still counts toward the quota


def test_hard_bounces_and_complaints_are_added_automatically_but_never_simulator_addresses(
    ses: Any, v2: Any
) -> None:
    with SesSim(verified=["example.com"], moto=False) as sim:
        sim.route("dead@x.example", hard_bounce("NoEmail"))
        sim.route("angry@x.example", complaint())
        send(
            ses,
            "dead@x.example",
            "angry@x.example",
            Outcome.BOUNCE.address,
            Outcome.COMPLAINT.address,
        )
        assert sim.suppressed == {"dead@x.example": "BOUNCE", "angry@x.example": "COMPLAINT"}
        entry = v2.get_suppressed_destination(EmailAddress="dead@x.example")[
            "SuppressedDestination"
        ]
        assert entry["Reason"] == "BOUNCE"
        assert entry["Attributes"]["MessageId"] == sim.outbox[0].message_id
        page = v2.list_suppressed_destinations(Reasons=["COMPLAINT"], PageSize=1)
        assert [s["EmailAddress"] for s in page["SuppressedDestinationSummaries"]] == [
            "angry@x.example"
        ]
        v2.delete_suppressed_destination(EmailAddress="dead@x.example")
        with pytest.raises(v2.exceptions.NotFoundException):
            v2.get_suppressed_destination(EmailAddress="dead@x.example")


def test_suppression_reasons_can_be_disabled_for_the_account_or_a_configuration_set(
    ses: Any, v2: Any
) -> None:
    with SesSim(verified=["example.com"], moto=False) as sim:
        sim.suppress("gone@x.example")
        v2.create_configuration_set(ConfigurationSetName="transactional")
        v2.put_configuration_set_suppression_options(
            ConfigurationSetName="transactional", SuppressedReasons=[]
        )
        ses.send_email(
            Source="a@example.com",
            Destination={"ToAddresses": ["gone@x.example"]},
            Message=MAIL,
            ConfigurationSetName="transactional",
        )
        assert sim.events[-1].type == "Delivery"
        v2.put_account_suppression_attributes(SuppressedReasons=["COMPLAINT"])
        assert v2.get_account()["SuppressionAttributes"]["SuppressedReasons"] == ["COMPLAINT"]
        send(ses, "gone@x.example")
        assert sim.events[-1].type == "Delivery"


def _raw_with_attachment(payload: bytes) -> bytes:
    message = EmailMessage()
    message["From"] = "a@example.com"
    message["To"] = "b@x.example"
    message["Subject"] = "report"
    message.set_content("see attached")
    message.add_attachment(
        payload, maintype="application", subtype="octet-stream", filename="t.com"
    )
    return message.as_bytes()


def test_a_virus_is_accepted_then_rejected_without_delivery(ses: Any) -> None:
    data = _raw_with_attachment(EICAR)
    assert EICAR not in data  # it travels base64-encoded
    with SesSim(verified=["example.com"], moto=False) as sim:
        message_id = ses.send_raw_email(RawMessage={"Data": data})["MessageId"]
        assert [e.type for e in sim.events] == ["Send", "Reject"]
        reject = sim.events[1]
        assert reject.message_id == message_id
        assert reject.record["reject"] == {"reason": "Bad content"}
        assert reject.notification is None
        assert ses.get_send_quota()["SentLast24Hours"] == 1.0


def test_raw_message_size_limit(ses: Any) -> None:
    big = base64.b64encode(b"x" * (8 * 1024 * 1024))
    data = b"From: a@example.com\r\nTo: b@x.example\r\nSubject: big\r\n\r\n" + big
    with SesSim(verified=["example.com"], moto=False), pytest.raises(ClientError) as caught:
        ses.send_raw_email(RawMessage={"Data": data})
    assert caught.value.response["Error"] == {
        "Type": "Sender",
        "Code": "InvalidParameterValue",
        "Message": f"Message length is more than 10485760 bytes long: '{len(data)}'.",
    }


def test_missing_template_data_gives_a_rendering_failure_event(ses: Any) -> None:
    with SesSim(verified=["example.com"], moto=False) as sim:
        ses.create_template(Template={"TemplateName": "welcome", "SubjectPart": "Hi {{name}}"})
        message_id = ses.send_templated_email(
            Source="a@example.com",
            Destination={"ToAddresses": ["b@x.example"]},
            Template="welcome",
            TemplateData="{}",
        )["MessageId"]
        (failure,) = sim.events_of("Rendering Failure")
        assert failure.message_id == message_id
        assert failure.record["failure"] == {
            "errorMessage": "Attribute 'name' is not present in the rendering data.",
            "templateName": "welcome",
        }
        assert sim.deliveries == []


def test_soft_bounce_retries_on_the_clock_then_gives_up(ses: Any) -> None:
    with SesSim(verified=["example.com"], moto=False) as sim:
        sim.route("full@x.example", soft_bounce("MailboxFull"))
        send(ses, "full@x.example")
        assert [e.type for e in sim.events] == ["Send"]
        sim.clock.advance(timedelta(seconds=5))
        (first,) = sim.events_of("DeliveryDelay")
        assert first.record["deliveryDelay"]["delayType"] == "MailboxFull"
        sent_at = sim.outbox[0].timestamp
        expected_expiry = sent_at + timedelta(hours=12)
        assert first.record["deliveryDelay"]["expirationTime"] == (
            expected_expiry.strftime("%Y-%m-%dT%H:%M:%S.")
            + f"{expected_expiry.microsecond // 1000:03d}Z"
        )
        sim.clock.advance(timedelta(hours=11))
        assert len(sim.events_of("DeliveryDelay")) == 6
        assert sim.bounces == []
        sim.clock.advance(timedelta(hours=1))
        bounce = sim.assert_bounced("full@x.example", "Transient", "MailboxFull")
        assert bounce.timestamp >= expected_expiry
        assert "full@x.example" not in sim.suppressed


def test_delayed_then_delivered(ses: Any) -> None:
    with SesSim(verified=["example.com"], moto=False) as sim:
        sim.route("slow@x.example", delayed("RecipientServerError", after=timedelta(minutes=45)))
        send(ses, "slow@x.example")
        sim.clock.advance(timedelta(minutes=44))
        assert [e.type for e in sim.events] == ["Send", "DeliveryDelay", "DeliveryDelay"]
        sim.clock.advance(timedelta(minutes=2))
        sim.assert_delivered("slow@x.example")


def test_opens_and_clicks_follow_delivery(ses: Any) -> None:
    with SesSim(verified=["example.com"], moto=False) as sim:
        sim.route(
            "reader@x.example",
            delivered()
            + opened()
            + clicked("https://shop.example/sale", link_tags={"campaign": ["spring"]}),
        )
        send(ses, "reader@x.example")
        assert [e.type for e in sim.events] == ["Send", "Delivery", "Open", "Click"]
        click = sim.events[-1].record["click"]
        assert list(click) == ["ipAddress", "timestamp", "userAgent", "link", "linkTags"]
        assert click["link"] == "https://shop.example/sale"
        assert click["linkTags"] == {"campaign": ["spring"]}
        assert sim.events[-1].notification is None


@pytest.mark.parametrize("outcome", every_bounce(), ids=str)
def test_every_bounce_subtype(outcome: Any, ses: Any) -> None:
    with SesSim(verified=["example.com"], moto=False) as sim:
        sim.route("*@x.example", outcome)
        send(ses, "b@x.example")
        sim.clock.advance(timedelta(days=1))
        (bounce,) = sim.bounces
        step = outcome.steps[-1]
        assert (bounce.bounce_type, bounce.bounce_subtype) == (step.bounce_type, step.subtype)
