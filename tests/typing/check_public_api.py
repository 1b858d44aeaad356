"""The public API as users write it, checked by ``mypy --strict`` (tests/test_typing.py).

Never collected by pytest (its name does not start with ``test_``), never run: every
line is here for the type checker. ``assert_type`` fails the check when an inferred
type drifts from what users annotate against.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import pytest
from faker import Faker
from mypy_boto3_ses import SESClient
from mypy_boto3_sesv2 import SESV2Client

from pytest_sessim import (
    COMPLAINT_FEEDBACK_TYPES,
    DELAY_TYPES,
    HARD_BOUNCE_SUBTYPES,
    SOFT_BOUNCE_SUBTYPES,
    Attachment,
    Outcome,
    PerformedAction,
    ReceivedMail,
    RefusedRequest,
    Script,
    SentMessage,
    SesEvent,
    SesSim,
    SesSimulatorProvider,
    clicked,
    complaint,
    delayed,
    delivered,
    every_bounce,
    hard_bounce,
    opened,
    simulator_address,
    soft_bounce,
    undetermined_bounce,
)

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


# fixtures, annotated as a suite annotates them ---------------------------------------
@pytest.mark.sessim(seed=7, now="2026-01-02T03:04:05Z", region="eu-west-1", sandbox=False)
def test_fixture_annotations(sessim: SesSim, ses_outcome: Outcome) -> None:
    assert_type(ses_outcome.address, str)
    assert_type(ses_outcome.value, str)
    assert_type(simulator_address(ses_outcome, label="order-42"), str)
    assert_type(sessim.seed, int)
    assert_type(sessim.region, str)
    assert_type(sessim.sandbox, bool)
    assert_type(sessim.verify("shop.example.com", "orders@shop.example.com"), None)
    assert_type(sessim.verify_pending(region="eu-west-1"), list[str])
    assert_type(sessim.verification_emails, list[SentMessage])
    assert_type(sessim.verification_link("jane@example.com"), str)
    assert_type(sessim.set_verification_status("shop.example.com", "Failed"), None)
    assert_type(sessim.set_dkim_status("shop.example.com", "Success"), None)
    assert_type(sessim.set_mail_from_status("shop.example.com", "Pending"), None)
    assert_type(SesSim(auto_verify=True).engine.settings.auto_verify, bool)
    assert_type(sessim.clock.now(), datetime)
    assert_type(sessim.clock.advance(timedelta(hours=2)), datetime)
    assert_type(sessim.clock.advance(30), datetime)
    assert_type(sessim.suppressed, dict[str, str])
    assert_type(sessim.activity(), str)


@pytest.mark.ses_outcomes(Outcome.BOUNCE, Outcome.COMPLAINT)
def test_narrowed_outcomes(sessim: SesSim, ses_outcome: Outcome) -> None:
    for member in Outcome:
        assert_type(member, Outcome)
    assert ses_outcome in (Outcome.BOUNCE, Outcome.COMPLAINT)


# the record ------------------------------------------------------------------------
def test_sent_message_fields(sessim: SesSim) -> None:
    assert_type(sessim.outbox, list[SentMessage])
    message = sessim.outbox[0]
    assert_type(message.message_id, str)
    assert_type(message.operation, str)
    assert_type(message.api, str)
    assert_type(message.timestamp, datetime)
    assert_type(message.source, str)
    assert_type(message.from_, list[str])
    assert_type(message.to, list[str])
    assert_type(message.cc, list[str])
    assert_type(message.bcc, list[str])
    assert_type(message.destinations, list[str])
    assert_type(message.reply_to, list[str])
    assert_type(message.return_path, str | None)
    assert_type(message.subject, str | None)
    assert_type(message.text, str | None)
    assert_type(message.html, str | None)
    assert_type(message.headers, list[tuple[str, str]])
    assert_type(message.header("List-Unsubscribe"), str | None)
    assert_type(message.tags, dict[str, str])
    assert_type(message.configuration_set, str | None)
    assert_type(message.template, str | None)
    assert_type(message.template_data, dict[str, Any] | None)
    assert_type(message.raw, bytes)
    assert_type(message.attachments, list[Attachment])
    attachment = message.attachments[0]
    assert_type(attachment.filename, str | None)
    assert_type(attachment.content_type, str)
    assert_type(attachment.content, bytes)
    assert_type(attachment.content_id, str | None)
    assert_type(attachment.inline, bool)


def test_event_fields(sessim: SesSim) -> None:
    assert_type(sessim.events, list[SesEvent])
    assert_type(sessim.deliveries, list[SesEvent])
    assert_type(sessim.bounces, list[SesEvent])
    assert_type(sessim.complaints, list[SesEvent])
    assert_type(sessim.events_of("Rendering Failure"), list[SesEvent])
    event = sessim.events_for("0100019b7ca98c88-a6cecc1b-78e5-4061-b311-d8a3c2ce6f44-000000")[0]
    assert_type(event.type, str)
    assert_type(event.message_id, str)
    assert_type(event.recipients, list[str])
    assert_type(event.timestamp, datetime)
    assert_type(event.detail, Mapping[str, Any])
    assert_type(event.record, dict[str, Any])
    assert_type(event.notification, dict[str, Any] | None)
    assert_type(event.bounce_type, str | None)
    assert_type(event.bounce_subtype, str | None)
    assert_type(event.source_arn, str)
    if event.notification is not None:
        assert_type(event.notification["mail"]["messageId"], Any)


def test_refused_request_fields(sessim: SesSim) -> None:
    assert_type(sessim.refused, list[RefusedRequest])
    refused = sessim.refused[0]
    assert_type(refused.api, str)
    assert_type(refused.operation, str)
    assert_type(refused.code, str)
    assert_type(refused.message, str)
    assert_type(refused.http_status, int)
    assert_type(refused.timestamp, datetime)
    assert_type(refused.params, Mapping[str, Any])


def test_notifications(sessim: SesSim) -> None:
    publication = sessim.notification_for("0100019b7ca98c88-…-000000", type="Bounce")
    assert_type(publication.topic_arn, str)
    assert_type(publication.message, str)
    assert_type(publication.envelope, dict[str, str])
    assert_type(publication.event_type, str | None)
    assert_type(publication.ses_message_id, str | None)
    assert_type(len(sessim.notifications_for("id", type="Delivery")), int)


# receiving ------------------------------------------------------------------------
def test_receiving(sessim: SesSim) -> None:
    from email.message import EmailMessage

    def handler(event: dict[str, Any], context: Any) -> dict[str, str]:
        return {"disposition": "STOP_RULE_SET"}

    sessim.register_lambda("arn:aws:lambda:us-east-1:123456789012:function:inbound", handler)
    message = EmailMessage()
    received = sessim.receive(
        message,
        recipients=["support@example.com"],
        sender="jane@example.net",
        source_ip="198.51.100.7",
        tls=False,
        verdicts={"spam": "FAIL"},
    )
    assert_type(received, ReceivedMail)
    assert_type(sessim.receive(b"Subject: hi\r\n\r\nHello"), ReceivedMail)
    assert_type(sessim.received, list[ReceivedMail])
    assert_type(received.message_id, str | None)
    assert_type(received.recipients, list[str])
    assert_type(received.sender, str)
    assert_type(received.timestamp, datetime)
    assert_type(received.accepted, bool)
    assert_type(received.rule_set, str | None)
    assert_type(received.rules, list[str])
    assert_type(received.verdicts, Mapping[str, str])
    assert_type(received.notification, Mapping[str, Any] | None)
    assert_type(received.raw, bytes)
    assert_type(received.subject, str | None)
    assert_type(received.actions, list[PerformedAction])
    action = received.actions_of("Lambda")[0]
    assert_type(action.type, str)
    assert_type(action.target, str | None)
    assert_type(action.error, str | None)
    assert_type(action.disposition, str | None)
    assert_type(action.ok, bool)


# assertion helpers return what they matched ----------------------------------------
def test_assert_helpers(sessim: SesSim) -> None:
    assert_type(sessim.assert_sent(), list[SentMessage])
    assert_type(
        sessim.assert_sent(to="jane@example.com", subject_contains="order", tags={"k": "v"}),
        list[SentMessage],
    )
    assert_type(sessim.assert_delivered("jane@example.com"), SesEvent)
    assert_type(sessim.assert_bounced("jane@example.com"), SesEvent)
    assert_type(
        sessim.assert_bounced(
            "jane@example.com", bounce_type="Permanent", bounce_subtype="General"
        ),
        SesEvent,
    )
    assert_type(sessim.assert_complained("jane@example.com"), SesEvent)
    assert_type(sessim.assert_nothing_sent(), None)


# outcome constructors and routes ---------------------------------------------------
def test_outcome_constructors(sessim: SesSim) -> None:
    assert_type(delivered(), Script)
    assert_type(hard_bounce("NoEmail"), Script)
    assert_type(soft_bounce("MailboxFull", retry_for=timedelta(hours=1)), Script)
    assert_type(undetermined_bounce(), Script)
    assert_type(delayed("MailboxFull", then=hard_bounce(), after=timedelta(minutes=5)), Script)
    assert_type(complaint("fraud"), Script)
    assert_type(delivered() + opened(after=timedelta(minutes=1)) + clicked("https://x/"), Script)
    assert_type(clicked("https://x/", link_tags={"campaign": ["spring"]}), Script)
    assert_type(every_bounce(), list[Script])
    for names in (
        HARD_BOUNCE_SUBTYPES,
        SOFT_BOUNCE_SUBTYPES,
        DELAY_TYPES,
        COMPLAINT_FEEDBACK_TYPES,
    ):
        assert_type(names[0], str)
    sessim.route("jane@example.com", Outcome.BOUNCE)
    sessim.route("*@corp.example", soft_bounce())
    sessim.route(re.compile(r"ops\+.*@example\.com"), complaint())
    sessim.route(lambda address: address.endswith(".test"), hard_bounce("Suppressed"))


@pytest.mark.parametrize("bounce", every_bounce(), ids=str)
def test_parametrized_over_every_bounce(sessim: SesSim, bounce: Script) -> None:
    sessim.route("*@customers.example", bounce)
    assert_type(bounce.name, str)


# clients in the simulator's region ---------------------------------------------------
def test_clients(sessim: SesSim) -> None:
    v1 = sessim.client("ses")
    assert_type(v1, SESClient)
    v2 = sessim.client("sesv2", region_name="eu-west-1")
    assert_type(v2, SESV2Client)
    reply = v2.send_email(
        FromEmailAddress="a@example.com",
        Destination={"ToAddresses": ["b@example.com"]},
        Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}},
    )
    assert_type(reply["MessageId"], str)
    assert_type(sessim.client("sns"), Any)


# without pytest --------------------------------------------------------------------
def send_outside_pytest() -> list[SesEvent]:
    with SesSim(verified=["example.com"], seed=3, routes=[("*@x.example", delivered())]) as sim:
        assert_type(sim, SesSim)
        assert_type(sim.active, bool)
    return sim.bounces


# Faker -----------------------------------------------------------------------------
def test_faker_provider(faker: Faker) -> None:
    address: str = faker.ses_simulator_address(Outcome.BOUNCE, label="signup")
    assert address.startswith("bounce+signup@")
    fake = Faker()
    fake.add_provider(SesSimulatorProvider)
    provider = SesSimulatorProvider(fake)
    assert_type(provider.ses_simulator_address(), str)
    assert_type(provider.ses_simulator_address("complaint"), str)
    assert_type(provider.ses_bounce_address(label="x"), str)
    assert_type(provider.ses_outcome(), Outcome)
