"""One receipt rule's actions, run in order on a received mail.

S3 writes and Lambda calls go through the outbound port, which says how they went (a
``RequestResponse`` function's ``disposition`` decides whether the rule and the rule set
go on: "STOP_RULE", "STOP_RULE_SET", anything else continues); SNS notifications are
ordinary deliveries. A failed action is recorded and the next one runs. Mail larger
than an action can take (40 MB for S3, 150 KB for SNS) bounces, as SES documents.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..jsonfmt import compact
from ..publishing.deliveries import S3Object, SnsMessage
from ..publishing.feedback_email import BOUNCE_SENDER
from .deliveries import LambdaInvocation
from .message import Arrival
from .outgoing import BouncedRecipient, build_dsn
from .payloads import (
    RECEIPT_SUBJECT,
    lambda_event,
    mail_object,
    notification,
    receipt_object,
    sns_content,
)
from .records import PerformedAction
from .regions import inbound_host
from .rule_checks import action_kind

if TYPE_CHECKING:
    from ..service import Engine

CONTINUE, STOP_RULE, STOP_RULE_SET = "CONTINUE", "STOP_RULE", "STOP_RULE_SET"
S3_LIMIT = 40 * 1024 * 1024
SNS_LIMIT = 150 * 1024


@dataclass
class RuleRun:
    """One rule running on one mail: what its notifications say."""

    engine: Engine
    arrival: Arrival
    rule: str
    recipients: list[str]
    scanned: bool
    send_mail: Callable[..., Any]  # inbound.send_ses_mail, handed in (no import loop)

    def payload(self, action: dict[str, Any], content: str | None = None) -> dict[str, Any]:
        receipt = receipt_object(self.arrival, self.recipients, self.scanned, action)
        return notification(mail_object(self.arrival), receipt, content)

    def publish(self, topic: str, body: dict[str, Any]) -> dict[str, Any]:
        message = SnsMessage(
            topic, compact(body), RECEIPT_SUBJECT, "receipt", self.arrival.message_id, "Received"
        )
        self.engine.deliver(message)
        return body

    def notify(self, body: Mapping[str, Any], action: dict[str, Any]) -> dict[str, Any] | None:
        """The alert notification of an action with a topic (none without one)."""
        topic = body.get("TopicArn")
        return None if not topic else self.publish(str(topic), self.payload(action))

    def bounce(self, sender: str, reply: str, status: str, text: str) -> Any:
        """A DSN to the mail's envelope sender; None when the mail has no sender."""
        arrival = self.arrival
        if not arrival.sender:
            return None
        diagnostic = f"smtp; {reply} {status} {text}".replace("  ", " ").strip()
        engine = self.engine
        message_id = engine.ids.ses_id(engine.clock.now(), arrival.region)
        raw = build_dsn(
            from_=sender,
            to=arrival.sender,
            explanation=text,
            reporting_mta=inbound_host(arrival.region),
            arrived=arrival.timestamp,
            recipients=[BouncedRecipient(rcpt, status, diagnostic) for rcpt in self.recipients],
            original_headers=b"".join(
                f"{name}: {value}\r\n".encode() for name, value in arrival.headers()
            ),
            message_id=f"{message_id}@{arrival.region}.amazonses.com",
            boundary=engine.boundary(),
            at=engine.clock.now(),
        )
        return self.send_mail(
            engine,
            raw=raw,
            source=sender,
            destinations=[arrival.sender],
            operation="BounceAction",
            region=arrival.region,
            message_id=message_id,
        )

    def too_large(self, kind: str, limit: str) -> PerformedAction:
        sent = self.bounce(BOUNCE_SENDER, "552", "5.3.4", "Message too large")
        error = f"the mail is larger than the {limit} an {kind} action takes: SES bounced it"
        return PerformedAction(self.rule, kind, None, error=error, result=sent)


Outcome = tuple[PerformedAction, str]


def _object_key(prefix: str, message_id: str) -> str:
    return (
        f"{prefix}{message_id}" if not prefix or prefix.endswith("/") else f"{prefix}/{message_id}"
    )


def _s3(run: RuleRun, body: Mapping[str, Any]) -> Outcome:
    arrival, engine = run.arrival, run.engine
    raw = arrival.raw()
    if len(raw) > S3_LIMIT:
        return run.too_large("S3", "40 MB"), STOP_RULE_SET
    bucket, prefix = str(body["BucketName"]), str(body.get("ObjectKeyPrefix") or "")
    key = _object_key(prefix, arrival.message_id)
    account_id = engine.account_in(arrival.region).account_id
    stored = S3Object(bucket, key, raw, "", account_id, arrival.region, create_bucket=False)
    performed = engine.outbound.perform(stored)
    target = f"s3://{bucket}/{key}"
    if performed.error is not None:
        return PerformedAction(run.rule, "S3", target, error=performed.error), CONTINUE
    action: dict[str, Any] = {"type": "S3"}
    if body.get("TopicArn"):
        action["topicArn"] = body["TopicArn"]
    action |= {"bucketName": bucket, "objectKeyPrefix": prefix, "objectKey": key}
    return PerformedAction(run.rule, "S3", target, notification=run.notify(body, action)), CONTINUE


def _sns(run: RuleRun, body: Mapping[str, Any]) -> Outcome:
    raw = run.arrival.raw()
    if len(raw) > SNS_LIMIT:
        return run.too_large("SNS", "150 KB"), STOP_RULE_SET
    topic, encoding = str(body["TopicArn"]), str(body.get("Encoding") or "UTF-8")
    action = {"type": "SNS", "topicArn": topic, "encoding": encoding.replace("-", "").upper()}
    published = run.publish(topic, run.payload(action, sns_content(raw, encoding)))
    return PerformedAction(run.rule, "SNS", topic, notification=published), CONTINUE


def _lambda(run: RuleRun, body: Mapping[str, Any]) -> Outcome:
    arrival, engine = run.arrival, run.engine
    arn, invocation = str(body["FunctionArn"]), str(body.get("InvocationType") or "Event")
    action: dict[str, Any] = {"type": "Lambda"}
    if body.get("TopicArn"):
        action["topicArn"] = body["TopicArn"]
    action |= {"functionArn": arn, "invocationType": invocation}
    payload = run.payload(action)
    event = lambda_event(payload["mail"], payload["receipt"])
    call = LambdaInvocation(arn, event, invocation, engine.ids.uuid(), arrival.region)
    performed = engine.outbound.perform(call)
    disposition = None
    if invocation == "RequestResponse":
        answer = performed.result
        found = answer.get("disposition") if isinstance(answer, Mapping) else None
        disposition = found if found in (STOP_RULE, STOP_RULE_SET) else CONTINUE
    record = PerformedAction(
        run.rule,
        "Lambda",
        arn,
        error=performed.error,
        result=performed.result,
        disposition=disposition,
        notification=run.notify(body, action),
        event=event,
    )
    return record, disposition or CONTINUE


def _bounce(run: RuleRun, body: Mapping[str, Any]) -> Outcome:
    sender, reply = str(body["Sender"]), str(body["SmtpReplyCode"])
    status, text = body.get("StatusCode"), str(body["Message"])
    sent = run.bounce(sender, reply, str(status or ""), text)
    error = None if sent is not None else "the mail has no envelope sender: no bounce was sent"
    action: dict[str, Any] = {"type": "Bounce"}
    if body.get("TopicArn"):
        action["topicArn"] = body["TopicArn"]
    action["smtpReplyCode"] = reply
    if status:
        action["statusCode"] = status
    action |= {"message": text, "sender": sender}
    target = run.arrival.sender or None
    record = PerformedAction(
        run.rule, "Bounce", target, error=error, result=sent, notification=run.notify(body, action)
    )
    return record, CONTINUE


def _add_header(run: RuleRun, body: Mapping[str, Any]) -> Outcome:
    name, value = str(body["HeaderName"]), str(body["HeaderValue"])
    run.arrival.added.append((name, value))
    return PerformedAction(run.rule, "AddHeader", f"{name}: {value}"), CONTINUE


def _stop(run: RuleRun, body: Mapping[str, Any]) -> Outcome:
    action: dict[str, Any] = {"type": "Stop"}
    if body.get("TopicArn"):
        action["topicArn"] = body["TopicArn"]
    published = run.notify(body, action)
    return PerformedAction(run.rule, "Stop", None, notification=published), STOP_RULE_SET


def _workmail(run: RuleRun, body: Mapping[str, Any]) -> Outcome:
    organization = str(body["OrganizationArn"])
    action: dict[str, Any] = {"type": "WorkMail"}
    if body.get("TopicArn"):
        action["topicArn"] = body["TopicArn"]
    action["organizationArn"] = organization
    published = run.notify(body, action)
    return PerformedAction(run.rule, "WorkMail", organization, notification=published), CONTINUE


def _connect(run: RuleRun, body: Mapping[str, Any]) -> Outcome:
    return PerformedAction(run.rule, "Connect", str(body["InstanceARN"])), CONTINUE


RUNNERS: dict[str, Callable[[RuleRun, Mapping[str, Any]], Outcome]] = {
    "S3Action": _s3,
    "SNSAction": _sns,
    "LambdaAction": _lambda,
    "BounceAction": _bounce,
    "AddHeaderAction": _add_header,
    "StopAction": _stop,
    "WorkmailAction": _workmail,
    "ConnectAction": _connect,
}


def run_rule(run: RuleRun, rule: Mapping[str, Any]) -> tuple[list[PerformedAction], bool]:
    """The rule's actions in order; True when the rule set must stop."""
    performed: list[PerformedAction] = []
    for action in rule.get("Actions") or ():
        kind, body = action_kind(action)
        record, flow = RUNNERS[kind](run, body)
        performed.append(record)
        if flow == STOP_RULE_SET:
            return performed, True
        if flow == STOP_RULE:
            break
    return performed, False
