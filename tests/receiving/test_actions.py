"""Every receipt rule action, performed on a received mail."""

from __future__ import annotations

import base64
from email import message_from_bytes
from email.policy import default
from typing import Any

import pytest
from receiving_helpers import (
    ACCOUNT,
    BUCKET,
    DOMAIN,
    FUNCTION,
    REGION,
    active_rule_set,
    drain,
    mail,
    make_bucket,
    make_topic,
    rule,
)

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(verified=[DOMAIN], seed=21)
HEADER = {"AddHeaderAction": {"HeaderName": "X-Ticket", "HeaderValue": "open"}}


@pytest.mark.parametrize(
    ("prefix", "folder"),
    [(None, ""), ("", ""), ("mail/", "mail/"), ("mail/inbox", "mail/inbox/")],
    ids=["no-prefix", "empty", "slash", "folder"],
)
def test_s3_stores_the_mail_under_the_prefix(
    sessim: SesSim, ses: Any, s3: Any, prefix: str | None, folder: str
) -> None:
    make_bucket(s3)
    store: dict[str, Any] = {"BucketName": BUCKET}
    if prefix is not None:
        store["ObjectKeyPrefix"] = prefix
    active_rule_set(ses, rule("store", HEADER, {"S3Action": store}))

    received = sessim.receive(mail())

    [action] = received.actions_of("S3")
    key = f"{folder}{received.message_id}"
    assert action.ok and action.target == f"s3://{BUCKET}/{key}"
    body = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert body == received.raw
    assert b"X-Ticket: open\r\n" in body  # the earlier AddHeader action is in it


def test_s3_notifies_its_topic_without_the_content(
    sessim: SesSim, ses: Any, s3: Any, sns: Any, sqs: Any
) -> None:
    make_bucket(s3)
    topic, queue = make_topic(sns, sqs)
    active_rule_set(
        ses,
        rule(
            "store",
            {"S3Action": {"BucketName": BUCKET, "ObjectKeyPrefix": "in", "TopicArn": topic}},
        ),
    )

    received = sessim.receive(mail())

    [(envelope, body)] = drain(sqs, queue)
    assert envelope["Subject"] == "Amazon SES Email Receipt Notification"
    assert list(body) == ["notificationType", "mail", "receipt"]
    assert body["receipt"]["action"] == {
        "type": "S3",
        "topicArn": topic,
        "bucketName": BUCKET,
        "objectKeyPrefix": "in",
        "objectKey": f"in/{received.message_id}",
    }
    assert body["mail"]["messageId"] == received.message_id
    assert received.actions[0].notification == body


def test_a_write_that_fails_is_recorded_and_the_next_action_runs(
    sessim: SesSim, ses: Any, s3: Any
) -> None:
    make_bucket(s3)
    active_rule_set(ses, rule("store", {"S3Action": {"BucketName": BUCKET}}, HEADER))
    s3.delete_bucket(Bucket=BUCKET)

    received = sessim.receive(mail())

    store, header = received.actions
    assert not store.ok and "NoSuchBucket" in (store.error or "")
    assert header.ok and header.type == "AddHeader"


@pytest.mark.parametrize(
    ("encoding", "shown"), [(None, "UTF8"), ("UTF-8", "UTF8"), ("Base64", "BASE64")]
)
def test_sns_publishes_the_whole_mail(
    sessim: SesSim, ses: Any, sns: Any, sqs: Any, encoding: str | None, shown: str
) -> None:
    topic, queue = make_topic(sns, sqs)
    publish: dict[str, Any] = {"TopicArn": topic}
    if encoding:
        publish["Encoding"] = encoding
    active_rule_set(ses, rule("publish", {"SNSAction": publish}))

    received = sessim.receive(mail(subject="Café ☕", body="Merci beaucoup ☕"))

    [(_, body)] = drain(sqs, queue)
    assert list(body) == ["notificationType", "mail", "receipt", "content"]
    assert body["receipt"]["action"] == {"type": "SNS", "topicArn": topic, "encoding": shown}
    content = body["content"]
    raw = base64.b64decode(content) if shown == "BASE64" else content.encode("utf-8")
    assert raw == received.raw
    parsed = message_from_bytes(raw, policy=default)
    assert parsed["Subject"] == "Café ☕"


def test_a_mail_too_large_for_sns_bounces(sessim: SesSim, ses: Any, sns: Any, sqs: Any) -> None:
    topic, queue = make_topic(sns, sqs)
    active_rule_set(ses, rule("publish", {"SNSAction": {"TopicArn": topic}}))

    received = sessim.receive(mail(body="x" * (151 * 1024)))

    [action] = received.actions
    assert action.error == "the mail is larger than the 150 KB an SNS action takes: SES bounced it"
    assert drain(sqs, queue) == []
    bounce = action.result
    assert bounce.destinations == ["jane@customer.example"]
    assert "Status: 5.3.4" in (bounce.raw.decode())


def test_lambda_event_invocation_gets_ses_event(sessim: SesSim, ses: Any) -> None:
    calls: list[tuple[Any, Any]] = []
    sessim.register_lambda(FUNCTION, lambda event, context: calls.append((event, context)))
    active_rule_set(ses, rule("call", {"LambdaAction": {"FunctionArn": FUNCTION}}, HEADER))

    received = sessim.receive(mail())

    [(event, context)] = calls
    [record] = event["Records"]
    assert (record["eventSource"], record["eventVersion"]) == ("aws:ses", "1.0")
    assert list(record["ses"]) == ["mail", "receipt"]
    assert record["ses"]["receipt"]["action"] == {
        "type": "Lambda",
        "functionArn": FUNCTION,
        "invocationType": "Event",
    }
    assert record["ses"]["mail"]["messageId"] == received.message_id
    assert context.invoked_function_arn == FUNCTION and context.function_name == "inbound"
    assert context.get_remaining_time_in_millis() > 0
    lambda_action, header = received.actions
    assert lambda_action.event == event and lambda_action.disposition is None
    assert header.type == "AddHeader"


@pytest.mark.parametrize(
    ("answer", "disposition", "rules", "actions"),
    [
        ({"disposition": "CONTINUE"}, "CONTINUE", ["first", "second"], 3),
        ({"disposition": "STOP_RULE"}, "STOP_RULE", ["first", "second"], 2),
        ({"disposition": "STOP_RULE_SET"}, "STOP_RULE_SET", ["first"], 1),
        ({"disposition": "stop"}, "CONTINUE", ["first", "second"], 3),
        (None, "CONTINUE", ["first", "second"], 3),
    ],
)
def test_request_response_dispositions_steer_the_rules(
    sessim: SesSim, ses: Any, answer: Any, disposition: str, rules: list[str], actions: int
) -> None:
    sessim.register_lambda(FUNCTION, lambda event, context: answer)
    decide = {"LambdaAction": {"FunctionArn": FUNCTION, "InvocationType": "RequestResponse"}}
    active_rule_set(ses, rule("first", decide, HEADER), rule("second", HEADER))

    received = sessim.receive(mail())

    assert received.rules == rules
    assert len(received.actions) == actions
    assert received.actions[0].disposition == disposition
    assert received.actions[0].result == answer


def test_a_function_that_is_not_registered_or_raises_fails_its_action(
    sessim: SesSim, ses: Any, sns: Any
) -> None:
    other = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:broken"

    def broken(event: Any, context: Any) -> None:
        raise RuntimeError("database is down")

    sessim.register_lambda(other, broken)
    sessim.register_lambda(FUNCTION, lambda event, context: None)
    call = {"LambdaAction": {"FunctionArn": FUNCTION}}
    active_rule_set(ses, rule("call", call, {"LambdaAction": {"FunctionArn": other}}, HEADER))
    sessim._sinks.lambdas.handlers.pop(FUNCTION)  # as if it was never registered

    received = sessim.receive(mail())

    missing, raised, header = received.actions
    assert missing.error == (
        f"no handler is registered for {FUNCTION} (sessim.register_lambda(function_arn, handler))"
    )
    assert (raised.error or "").startswith("RuntimeError: database is down")
    assert header.ok


def test_register_lambda_wants_a_function_arn(sessim: SesSim) -> None:
    with pytest.raises(ValueError, match="register_lambda takes a function ARN"):
        sessim.register_lambda("inbound", lambda event, context: None)


def test_bounce_sends_a_dsn_to_the_sender_that_is_in_the_outbox(
    sessim: SesSim, ses: Any, sns: Any, sqs: Any
) -> None:
    topic, queue = make_topic(sns, sqs)
    bounce = {
        "SmtpReplyCode": "550",
        "StatusCode": "5.1.1",
        "Message": "Mailbox does not exist",
        "Sender": "mailer-daemon@example.com",
        "TopicArn": topic,
    }
    active_rule_set(ses, rule("gone", {"BounceAction": bounce}, Recipients=["old@example.com"]))

    received = sessim.receive(mail("old@example.com"))

    [action] = received.actions
    [sent] = sessim.outbox
    assert action.result is sent and action.target == "jane@customer.example"
    assert (sent.operation, sent.source, sent.destinations) == (
        "BounceAction",
        "mailer-daemon@example.com",
        ["jane@customer.example"],
    )
    assert sent.subject == "Delivery Status Notification (Failure)"
    dsn = sent.raw.decode()
    assert "Content-Type: multipart/report; report-type=delivery-status;" in dsn
    assert "Final-Recipient: rfc822; old@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n" in dsn
    assert "Diagnostic-Code: smtp; 550 5.1.1 Mailbox does not exist" in dsn
    [(_, body)] = drain(sqs, queue)
    assert body["receipt"]["action"] == {
        "type": "Bounce",
        "topicArn": topic,
        "smtpReplyCode": "550",
        "statusCode": "5.1.1",
        "message": "Mailbox does not exist",
        "sender": "mailer-daemon@example.com",
    }


def test_stop_ends_the_rule_set_and_notifies(sessim: SesSim, ses: Any, sns: Any, sqs: Any) -> None:
    topic, queue = make_topic(sns, sqs)
    active_rule_set(
        ses,
        rule("spam", HEADER, {"StopAction": {"Scope": "RuleSet", "TopicArn": topic}}),
        rule("never", HEADER),
    )

    received = sessim.receive(mail())

    assert received.rules == ["spam"]
    assert [action.type for action in received.actions] == ["AddHeader", "Stop"]
    [(_, body)] = drain(sqs, queue)
    assert body["receipt"]["action"] == {"type": "Stop", "topicArn": topic}


def test_workmail_and_connect_are_recorded(sessim: SesSim, ses: Any, sns: Any, sqs: Any) -> None:
    topic, queue = make_topic(sns, sqs)
    organization = (
        f"arn:aws:workmail:{REGION}:{ACCOUNT}:organization/m-68755160c4cb4e29a2b2f8fb58f359d7"
    )
    instance = f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/12345678-1234-1234-1234-123456789012"
    active_rule_set(
        ses,
        rule(
            "hand-over",
            {"WorkmailAction": {"OrganizationArn": organization, "TopicArn": topic}},
            {
                "ConnectAction": {
                    "InstanceARN": instance,
                    "IAMRoleARN": f"arn:aws:iam::{ACCOUNT}:role/connect",
                }
            },
        ),
    )

    received = sessim.receive(mail())

    workmail, connect = received.actions
    assert (workmail.type, workmail.target, connect.type, connect.target) == (
        "WorkMail",
        organization,
        "Connect",
        instance,
    )
    [(_, body)] = drain(sqs, queue)
    assert body["receipt"]["action"] == {
        "type": "WorkMail",
        "topicArn": topic,
        "organizationArn": organization,
    }
