"""What every answer to a fuzzed request must be, on each wire.

A Query answer is well-formed XML: a result, or an ``ErrorResponse`` with ``Type``,
``Code`` and ``Message``. A REST-JSON answer is JSON, and an error carries its code in
``x-amzn-ErrorType`` and its text in ``message``. No answer is a 5xx, and every
refusal of an operation the simulator answers is in ``sessim.refused``.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import boto3
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError
from ses_strategies import SENDER

from pytest_sessim import SesSim
from pytest_sessim.engine.operations.registry import lookup

NS = "{http://ses.amazonaws.com/doc/2010-12-01/}"
NO_VALIDATION = Config(parameter_validation=False, retries={"total_max_attempts": 1})


@dataclass(frozen=True)
class Answer:
    status: int
    code: str | None  # the error code, None for a success
    message: str | None


class BadAnswer(AssertionError):
    pass


def _header(headers: Mapping[str, str], name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers.items() if key.lower() == wanted), None)


def check_query(status: int, headers: Mapping[str, str], body: bytes) -> Answer:
    """A v1 answer: well-formed XML, an ErrorResponse with Type/Code/Message on errors."""
    if status >= 500:
        raise BadAnswer(f"v1 answered {status}: {body[:300]!r}")
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise BadAnswer(f"v1 answer is not well-formed XML ({error}): {body[:300]!r}") from None
    if status < 300:
        if root.tag.endswith("ErrorResponse"):
            raise BadAnswer(f"v1 success status {status} with an ErrorResponse: {body[:300]!r}")
        return Answer(status, None, None)
    if root.tag != f"{NS}ErrorResponse":
        raise BadAnswer(f"v1 error {status} without an ErrorResponse: {body[:300]!r}")
    error = root.find(f"{NS}Error")
    parts = {} if error is None else {child.tag.removeprefix(NS): child.text for child in error}
    if (
        parts.get("Type") not in ("Sender", "Receiver")
        or not parts.get("Code")
        or not parts.get("Message")
    ):
        raise BadAnswer(f"v1 ErrorResponse lacks Type/Code/Message: {body[:300]!r}")
    return Answer(status, parts["Code"], parts["Message"])


def check_rest_json(status: int, headers: Mapping[str, str], body: bytes) -> Answer:
    """A v2 answer: JSON (or empty), an x-amzn-ErrorType and a message on errors."""
    if status >= 500:
        raise BadAnswer(f"v2 answered {status}: {body[:300]!r}")
    document: Any = None
    if body:
        try:
            document = json.loads(body)
        except ValueError:
            raise BadAnswer(f"v2 answer is not JSON: {body[:300]!r}") from None
    if status < 300:
        return Answer(status, None, None)
    error_type = _header(headers, "x-amzn-ErrorType")
    if not error_type or not isinstance(document, dict) or not document.get("message"):
        raise BadAnswer(f"v2 error {status} without ErrorType or message: {headers} {body[:300]!r}")
    return Answer(status, error_type.split(":", 1)[0], document["message"])


def check_answer(api: str, status: int, headers: Mapping[str, str], body: bytes) -> Answer:
    return (check_query if api == "ses" else check_rest_json)(status, headers, body)


def check_refused(sim: Any, before: int, answer: Answer, what: str) -> None:
    """An error answer left its refusal, with the same code, in ``sim.refused``."""
    if answer.code is None:
        return
    new = sim.refused[before:]
    if not new:
        raise BadAnswer(f"{what}: refused with {answer.code} but nothing in sessim.refused")
    if new[-1].code != answer.code or new[-1].http_status != answer.status:
        found = (new[-1].code, new[-1].http_status)
        raise BadAnswer(f"{what}: answered {answer.code} {answer.status}, recorded {found}")


class Wire:
    """boto3 clients whose every request and raw answer the checks can see."""

    def __init__(self, sim: SesSim) -> None:
        self.sim = sim
        self.clients = {
            api: boto3.client(
                api,
                region_name="us-east-1",
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
                config=NO_VALIDATION,
            )
            for api in ("ses", "sesv2")
        }
        self.raw: dict[str, Any] | None = None
        self.serialized = False
        for api, client in self.clients.items():
            client.meta.events.register(f"before-call.{api}", self._serialized)
            client.meta.events.register(f"before-parse.{api}", self._answered)

    def _serialized(self, **kwargs: Any) -> None:
        self.serialized = True

    def _answered(self, response_dict: dict[str, Any], **kwargs: Any) -> None:
        self.raw = response_dict

    def call(self, api: str, operation: str, params: dict[str, Any]) -> None:
        """Call, then check the raw answer and the record."""
        client = self.clients[api]
        method = getattr(client, xform_name(operation))
        self.raw, self.serialized = None, False
        before = len(self.sim.refused)
        ours = lookup(api, operation) is not None
        try:
            method(**params)
        except ClientError:
            pass
        except Exception as error:
            if not self.serialized:
                raise AssertionError(f"the client could not serialize {params!r}") from error
            if ours or self.raw is None:
                raise BadAnswer(f"{api} {operation} raised {error!r}") from error
        if not ours:
            return  # moto's answers are out of scope: only no exception
        assert self.raw is not None, f"{api} {operation}: no answer was parsed"
        headers = dict(self.raw["headers"])
        answer = check_answer(api, self.raw["status_code"], headers, self.raw["body"])
        check_refused(self.sim, before, answer, f"{api} {operation}")
        if answer.code is not None:
            self.still_working()

    def still_working(self) -> None:
        """After a refusal, reads still answer and a plain send is answered."""
        ses, sesv2 = self.clients["ses"], self.clients["sesv2"]
        ses.list_templates()
        ses.list_configuration_sets()
        ses.get_send_quota()
        sesv2.list_email_templates()
        sesv2.list_configuration_sets()
        sesv2.get_account()
        try:
            ses.send_email(
                Source=SENDER,
                Destination={"ToAddresses": ["success@simulator.amazonses.com"]},
                Message={"Subject": {"Data": "canary"}, "Body": {"Text": {"Data": "canary"}}},
            )
        except ClientError as error:  # the fuzzed calls may have paused sending, say
            assert error.response["ResponseMetadata"]["HTTPStatusCode"] < 500


def prepare_account(wire: Wire) -> None:
    """What the fuzzed requests meet: a configuration set publishing every event to SNS,
    a template, and identity notifications (headers included) to an SQS queue."""
    from ses_strategies import CONFIGURATION_SET, EVENT_DESTINATION, TEMPLATE, VERIFIED_DOMAIN

    credentials = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    sns = boto3.client("sns", region_name="us-east-1", **credentials)
    sqs = boto3.client("sqs", region_name="us-east-1", **credentials)
    topic = sns.create_topic(Name="fuzz-topic")["TopicArn"]
    queue = sqs.create_queue(QueueName="fuzz-queue")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn["Attributes"]["QueueArn"])
    ses = wire.clients["ses"]
    ses.create_configuration_set(ConfigurationSet={"Name": CONFIGURATION_SET})
    ses.create_configuration_set_event_destination(
        ConfigurationSetName=CONFIGURATION_SET,
        EventDestination={
            "Name": EVENT_DESTINATION,
            "Enabled": True,
            "MatchingEventTypes": ["send", "reject", "bounce", "complaint", "delivery"],
            "SNSDestination": {"TopicARN": topic},
        },
    )
    ses.create_template(
        Template={"TemplateName": TEMPLATE, "SubjectPart": "Hi {{name}}", "TextPart": "t"}
    )
    for kind in ("Bounce", "Complaint", "Delivery"):
        ses.set_identity_notification_topic(
            Identity=VERIFIED_DOMAIN, NotificationType=kind, SnsTopic=topic
        )
        ses.set_identity_headers_in_notifications_enabled(
            Identity=VERIFIED_DOMAIN, NotificationType=kind, Enabled=True
        )
