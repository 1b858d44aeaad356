"""Mail that comes back by itself: the ooto auto-response, forwarded feedback and SES's
own bounce messages arrive through receiving at their simulated time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from receiving_helpers import ACCOUNT, DOMAIN, FUNCTION, REGION, active_rule_set, mail, rule

from pytest_sessim import SesSim, soft_bounce
from pytest_sessim.engine.receiving.inbound import offer, send_ses_mail

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)
pytestmark = pytest.mark.sessim(verified=[DOMAIN], seed=5, now=NOW)
REPLIES = f"replies@{DOMAIN}"


@pytest.fixture
def inbox(sessim: SesSim, ses: Any) -> list[Any]:
    """A rule set taking replies@ and handing each mail to a registered function."""
    events: list[Any] = []
    sessim.register_lambda(FUNCTION, lambda event, context: events.append(event))
    active_rule_set(
        ses, rule("replies", {"LambdaAction": {"FunctionArn": FUNCTION}}, Recipients=[REPLIES])
    )
    return events


def send(ses: Any, to: str, **extra: Any) -> str:
    reply = ses.send_email(
        Source=f"Shop <orders@{DOMAIN}>",
        Destination={"ToAddresses": [to]},
        Message={"Subject": {"Data": "Your order"}, "Body": {"Text": {"Data": "Thanks"}}},
        **extra,
    )
    return str(reply["MessageId"])


def test_the_ooto_auto_response_comes_back_to_the_return_path(
    sessim: SesSim, ses: Any, inbox: list[Any]
) -> None:
    ses.set_identity_feedback_forwarding_enabled(Identity=DOMAIN, ForwardingEnabled=False)
    ses.set_identity_notification_topic(
        Identity=DOMAIN, NotificationType="Bounce", SnsTopic=f"arn:aws:sns:{REGION}:{ACCOUNT}:b"
    )
    message_id = send(ses, "ooto@simulator.amazonses.com", ReturnPath=REPLIES)

    [reply] = sessim.received
    [bounce] = sessim.bounces
    assert reply.accepted and reply.recipients == [REPLIES] and reply.sender == ""
    assert reply.timestamp == bounce.timestamp + timedelta(seconds=1)
    assert reply.subject == "Auto: Your order"
    assert reply.header("Auto-Submitted") == "auto-replied"
    assert reply.header("In-Reply-To") == f"<{message_id}@email.amazonses.com>"
    assert reply.header("From") == "ooto@simulator.amazonses.com"
    assert len(inbox) == 1


def test_the_auto_response_goes_to_the_sender_without_a_return_path(
    sessim: SesSim, ses: Any
) -> None:
    active_rule_set(ses, rule("orders", Recipients=[f"orders@{DOMAIN}"]))
    ses.set_identity_feedback_forwarding_enabled(Identity=DOMAIN, ForwardingEnabled=False)
    ses.set_identity_notification_topic(
        Identity=DOMAIN, NotificationType="Bounce", SnsTopic=f"arn:aws:sns:{REGION}:{ACCOUNT}:b"
    )

    send(ses, "ooto@simulator.amazonses.com")

    [reply] = sessim.received
    assert reply.recipients == [f"orders@{DOMAIN}"]


def test_forwarded_bounces_and_complaints_arrive_when_forwarding_is_on(
    sessim: SesSim, ses: Any, inbox: list[Any]
) -> None:
    send(ses, "bounce@simulator.amazonses.com", ReturnPath=REPLIES)
    send(ses, "complaint@simulator.amazonses.com", ReturnPath=REPLIES)
    send(ses, "success@simulator.amazonses.com", ReturnPath=REPLIES)

    subjects = [mail.subject for mail in sessim.received]
    assert subjects == ["Delivery Status Notification (Failure)", "Complaint Notification"]
    assert [mail.timestamp for mail in sessim.received] == [
        item.timestamp for item in sessim.feedback_emails
    ]
    bounced, complained = sessim.received
    assert bounced.header("From") == "MAILER-DAEMON@amazonses.com"
    assert bounced.raw.endswith(sessim.feedback_emails[0].raw.split(b"\r\n\r\n", 1)[1])
    assert complained.header("From") == "complaints@email-abuse.amazonses.com"
    assert len(inbox) == 2


def test_nothing_comes_back_when_forwarding_is_off_or_no_rule_takes_it(
    sessim: SesSim, ses: Any, inbox: list[Any]
) -> None:
    send(ses, "bounce@simulator.amazonses.com")  # to orders@: no rule takes it
    ses.set_identity_notification_topic(
        Identity=DOMAIN, NotificationType="Bounce", SnsTopic=f"arn:aws:sns:{REGION}:{ACCOUNT}:b"
    )
    ses.set_identity_feedback_forwarding_enabled(Identity=DOMAIN, ForwardingEnabled=False)
    send(ses, "bounce@simulator.amazonses.com", ReturnPath=REPLIES)

    assert len(sessim.feedback_emails) == 1
    assert sessim.received == [] and inbox == []


def test_later_feedback_arrives_when_the_clock_gets_there(
    sessim: SesSim, ses: Any, inbox: list[Any]
) -> None:
    sessim.route(f"slow@{DOMAIN}", soft_bounce("MailboxFull", retry_for=timedelta(hours=2)))
    send(ses, f"slow@{DOMAIN}", ReturnPath=REPLIES)
    assert sessim.received == []

    sessim.clock.advance(timedelta(hours=3))

    [bounced] = sessim.received
    assert bounced.timestamp >= NOW + timedelta(hours=2)
    assert bounced.subject == "Delivery Status Notification (Failure)"


def test_a_bounce_action_to_the_account_own_domain_comes_back_after_the_mail(
    sessim: SesSim, ses: Any
) -> None:
    active_rule_set(
        ses,
        rule(
            "old-address",
            {
                "BounceAction": {
                    "SmtpReplyCode": "550",
                    "Message": "This address is no longer in use",
                    "Sender": f"postmaster@{DOMAIN}",
                }
            },
            Recipients=[f"old@{DOMAIN}"],
        ),
        rule("replies", Recipients=[REPLIES]),
    )

    first = sessim.receive(mail(f"old@{DOMAIN}"), sender=REPLIES)

    [original, dsn] = sessim.received
    assert original is first
    assert dsn.recipients == [REPLIES] and dsn.sender == ""
    assert dsn.rules == ["replies"]
    [sent] = sessim.outbox
    assert dsn.raw.endswith(sent.raw.split(b"\r\n\r\n", 1)[1])


def test_ses_mail_from_other_operations_is_offered_through_one_hook(
    sessim: SesSim, ses: Any
) -> None:
    active_rule_set(ses, rule("replies", Recipients=[REPLIES]))
    raw = (
        f"From: MAILER-DAEMON@{DOMAIN}\r\nTo: {REPLIES}\r\nSubject: Undeliverable\r\n\r\nSorry\r\n"
    ).encode()
    engine = sessim.engine

    sent = send_ses_mail(
        engine,
        raw=raw,
        source=f"MAILER-DAEMON@{DOMAIN}",
        destinations=[REPLIES],
        operation="SendBounce",
        region=REGION,
    )
    elsewhere = offer(engine, raw=raw, recipients=["someone@else.example"], region=REGION)

    assert sessim.outbox == [sent] and sent.operation == "SendBounce"
    [received] = sessim.received
    assert received.subject == "Undeliverable" and elsewhere is None
