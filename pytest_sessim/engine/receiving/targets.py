"""What SES checks about the resources a receipt rule's actions name, when the rule is
created or updated.

Checkable offline, through the engine's outbound port (moto's SNS, S3 and Lambda when
moto runs; nothing can be known without it, and then everything passes):

- an SNS topic (any action's ``TopicArn``) must be a well-formed ARN, in the rule's
  Region, and exist;
- an S3 bucket must exist and its bucket policy must let ``ses.amazonaws.com`` put the
  objects (``s3:PutObject`` on the keys under the prefix; ``aws:SourceAccount`` and
  ``aws:SourceArn`` conditions are compared with the rule), unless the action names an
  IAM role, which SES then uses instead (roles are not evaluated);
- a Lambda function must be a function ARN in the rule's Region, and be registered with
  ``SesSim.register_lambda`` or exist in moto's Lambda (its resource policy is not read);
- a Bounce action's sender must be a verified identity.

Not checked: KMS keys, WorkMail organizations, Connect instances, and the topic
policies of SNS topics in other accounts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any

from ..arns import parse_arn
from ..errors import ErrorKind, SesError, invalid_parameter
from .rule_checks import action_kind

if TYPE_CHECKING:
    from ..service import Engine

SNS_TOPIC_ARN = re.compile(r"arn:aws[a-zA-Z-]*:sns:[a-z0-9-]+:\d{12}:.+\Z")
LAMBDA_ARN = re.compile(r"arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:.+\Z")
HEADER_NAME = re.compile(r"[\x21-\x39\x3b-\x7e]{1,50}\Z")
SES_PRINCIPAL = "ses.amazonaws.com"


def check_action_targets(engine: Engine, rule_set: str, rule: Mapping[str, Any]) -> None:
    """SES's service-level checks of a rule's actions, in SES's order."""
    from ..account.receiving import MAX_ACTIONS_PER_RULE

    actions = rule.get("Actions") or []
    if len(actions) > MAX_ACTIONS_PER_RULE:
        raise SesError(ErrorKind.LIMIT_EXCEEDED, "Too many actions")
    kinds = [action_kind(action) for action in actions]
    if any(kind == "StopAction" for kind, _ in kinds[:-1]):
        raise invalid_parameter(
            "Stop action, if any, must be placed at the end of the actions list"
        )
    for kind, body in kinds:
        _check_header(kind, body)
        topic = body.get("TopicArn")
        if topic is not None:
            _check_topic(engine, str(topic))
        if kind == "S3Action":
            _check_bucket(engine, body, rule_set, str(rule.get("Name", "")))
        elif kind == "LambdaAction":
            _check_function(engine, str(body.get("FunctionArn", "")))
        elif kind == "BounceAction":
            _check_bounce(engine, body)


def _check_header(kind: str, body: Mapping[str, Any]) -> None:
    if kind != "AddHeaderAction":
        return
    name = str(body.get("HeaderName", ""))
    if not HEADER_NAME.match(name):
        raise invalid_parameter(f"Invalid header name: {name}")
    value = str(body.get("HeaderValue", ""))
    if len(value) > 2048 or "\r" in value or "\n" in value:
        raise invalid_parameter(f"Invalid header value: {value}")


def _in_region(engine: Engine, arn: str) -> bool:
    found = parse_arn(arn)
    return found is not None and found.region == engine.region


def _check_topic(engine: Engine, topic: str) -> None:
    if not SNS_TOPIC_ARN.match(topic):
        raise SesError(ErrorKind.INVALID_SNS_TOPIC, f"Invalid SNS topic: {topic}")
    if not _in_region(engine, topic) or not engine.outbound.topic_exists(topic):
        raise SesError(ErrorKind.INVALID_SNS_TOPIC, f"Could not publish to SNS topic: {topic}")


def _check_bucket(engine: Engine, body: Mapping[str, Any], rule_set: str, rule: str) -> None:
    bucket = str(body.get("BucketName", ""))
    if not bucket:
        raise invalid_parameter("Bucket name must not be empty")
    facts = engine.outbound.bucket_facts(bucket)
    if not facts.known:
        return
    if not facts.exists:
        raise SesError(ErrorKind.INVALID_S3_CONFIGURATION, f"No such bucket: {bucket}")
    if body.get("IamRoleArn"):
        return  # SES writes as the role; roles are not evaluated here
    account = engine.account
    rule_arn = account.arn(f"receipt-rule-set/{rule_set}:receipt-rule/{rule}")
    key = f"{body.get('ObjectKeyPrefix') or ''}0000000000000000000000000000000000000000"
    if not ses_may_put(facts.policy, bucket, key, account.account_id, rule_arn):
        raise SesError(ErrorKind.INVALID_S3_CONFIGURATION, f"Could not write to bucket: {bucket}")


def _check_function(engine: Engine, arn: str) -> None:
    if not arn:
        raise invalid_parameter("Lambda function ARN must not be empty")
    if not LAMBDA_ARN.match(arn):
        raise SesError(ErrorKind.INVALID_LAMBDA_FUNCTION, f"Invalid Lambda function: {arn}")
    if not _in_region(engine, arn) or not engine.outbound.function_exists(arn):
        raise SesError(
            ErrorKind.INVALID_LAMBDA_FUNCTION, f"Could not invoke Lambda function: {arn}"
        )


def _check_bounce(engine: Engine, body: Mapping[str, Any]) -> None:
    code = body.get("SmtpReplyCode")
    if code == "":
        raise invalid_parameter("Invalid SMTP reply code: ")
    if body.get("Message") == "":
        raise invalid_parameter("Invalid SMTP response message: ")
    sender = str(body.get("Sender", ""))
    if engine.account.verified_identity_for(sender) is None:
        raise invalid_parameter(f"Identity is not verified: {sender}")


# bucket policies ----------------------------------------------------------------------
def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _names_ses(principal: Any) -> bool:
    if principal == "*":
        return True
    if not isinstance(principal, Mapping):
        return False
    services = [str(item).lower() for item in _listed(principal.get("Service", []))]
    everyone = "*" in [str(item) for item in _listed(principal.get("AWS", []))]
    return SES_PRINCIPAL in services or everyone


def _matches(patterns: Any, value: str) -> bool:
    return any(fnmatchcase(value.lower(), str(item).lower()) for item in _listed(patterns))


def _conditions_hold(conditions: Any, account_id: str, rule_arn: str) -> bool:
    """The aws:SourceAccount and aws:SourceArn conditions SES's guide writes; other
    conditions are taken as met."""
    if not isinstance(conditions, Mapping):
        return True
    context = {"aws:sourceaccount": account_id, "aws:sourcearn": rule_arn}
    for operator, tests in conditions.items():
        if not isinstance(tests, Mapping):
            continue
        for key, expected in tests.items():
            actual = context.get(str(key).lower())
            if actual is not None and not _condition_met(operator, actual, expected):
                return False
    return True


def _condition_met(operator: str, actual: str, expected: Any) -> bool:
    values = [str(item) for item in _listed(expected)]
    if operator.startswith(("StringEquals", "ArnEquals")):
        return actual in values
    if operator.startswith(("StringLike", "ArnLike")):
        return any(fnmatchcase(actual, value) for value in values)
    return True


def ses_may_put(policy: str | None, bucket: str, key: str, account_id: str, rule_arn: str) -> bool:
    """Whether a bucket policy allows SES, acting for this rule, to put ``key``."""
    try:
        document = json.loads(policy) if policy else {}
    except ValueError:
        return False
    resource = f"arn:aws:s3:::{bucket}/{key}"
    allowed = False
    for statement in _listed(document.get("Statement", []) if isinstance(document, dict) else []):
        if not isinstance(statement, Mapping) or not _names_ses(statement.get("Principal")):
            continue
        if not _matches(statement.get("Action", []), "s3:PutObject"):
            continue
        if not _matches(statement.get("Resource", []), resource):
            continue
        if not _conditions_hold(statement.get("Condition"), account_id, rule_arn):
            continue
        if statement.get("Effect") == "Deny":
            return False
        allowed = allowed or statement.get("Effect") == "Allow"
    return allowed
