"""Receipt rules through boto3: their order, their stored shape, and what SES checks."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from receiving_helpers import ACCOUNT, BUCKET, FUNCTION, REGION, make_bucket, rule

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(verified=["example.com"])
TOPIC = f"arn:aws:sns:{REGION}:{ACCOUNT}:inbound"


def error(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    found = excinfo.value.response["Error"]
    return found["Code"], found["Message"]


def names(ses: Any, rule_set: str = "inbound") -> list[str]:
    return [item["Name"] for item in ses.describe_receipt_rule_set(RuleSetName=rule_set)["Rules"]]


@pytest.fixture
def inbound(sessim: SesSim, ses: Any) -> str:
    ses.create_receipt_rule_set(RuleSetName="inbound")
    return "inbound"


def test_a_rule_is_stored_with_ses_defaults(inbound: str, ses: Any, sns: Any) -> None:
    sns.create_topic(Name="inbound")
    ses.create_receipt_rule(
        RuleSetName=inbound,
        Rule={"Name": "notify", "Actions": [{"SNSAction": {"TopicArn": TOPIC}}]},
    )

    assert ses.describe_receipt_rule(RuleSetName=inbound, RuleName="notify")["Rule"] == {
        "Name": "notify",
        "Enabled": False,
        "TlsPolicy": "Optional",
        "Actions": [{"SNSAction": {"TopicArn": TOPIC, "Encoding": "UTF-8"}}],
        "ScanEnabled": False,
    }


def test_rules_go_first_or_after_the_named_rule(inbound: str, ses: Any) -> None:
    ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("a"))
    ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("b"))
    ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("c"), After="b")
    assert names(ses) == ["b", "c", "a"]

    ses.set_receipt_rule_position(RuleSetName=inbound, RuleName="b", After="a")
    assert names(ses) == ["c", "a", "b"]
    ses.set_receipt_rule_position(RuleSetName=inbound, RuleName="b")
    assert names(ses) == ["b", "c", "a"]
    ses.set_receipt_rule_position(RuleSetName=inbound, RuleName="c", After="c")
    assert names(ses) == ["b", "c", "a"]
    with pytest.raises(ClientError) as missing_after:
        ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("d"), After="zzz")
    with pytest.raises(ClientError) as missing_rule:
        ses.set_receipt_rule_position(RuleSetName=inbound, RuleName="zzz", After="a")
    assert error(missing_after) == ("RuleDoesNotExist", "Rule does not exist: zzz")
    assert error(missing_rule) == ("RuleDoesNotExist", "Rule does not exist: zzz")


def test_update_replaces_the_rule_in_place_and_delete_is_idempotent(inbound: str, ses: Any) -> None:
    ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("a", ScanEnabled=True))
    ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("b"))

    ses.update_receipt_rule(RuleSetName=inbound, Rule={"Name": "a", "Recipients": ["example.com"]})
    updated = ses.describe_receipt_rule(RuleSetName=inbound, RuleName="a")["Rule"]
    assert names(ses) == ["b", "a"]
    assert (updated["Enabled"], updated["ScanEnabled"], updated["Recipients"]) == (
        False,
        False,
        ["example.com"],
    )
    with pytest.raises(ClientError) as unknown:
        ses.update_receipt_rule(RuleSetName=inbound, Rule={"Name": "zzz"})
    assert error(unknown) == ("RuleDoesNotExist", "Rule does not exist: zzz")

    ses.delete_receipt_rule(RuleSetName=inbound, RuleName="a")
    ses.delete_receipt_rule(RuleSetName=inbound, RuleName="a")
    assert names(ses) == ["b"]
    with pytest.raises(ClientError) as missing_set:
        ses.delete_receipt_rule(RuleSetName="nowhere", RuleName="a")
    assert error(missing_set) == ("RuleSetDoesNotExist", "Rule set does not exist: nowhere")


def test_duplicates_and_the_limits(inbound: str, ses: Any, sessim: SesSim) -> None:
    ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("a"))
    with pytest.raises(ClientError) as duplicate:
        ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("a"))
    actions = [{"AddHeaderAction": {"HeaderName": "X-N", "HeaderValue": str(n)}} for n in range(11)]
    with pytest.raises(ClientError) as too_many_actions:
        ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("b", *actions))
    found = sessim.engine.account.receiving.rule_sets[inbound]
    found.rules.extend({"Name": f"r{n}", "Enabled": False, "Actions": []} for n in range(199))
    with pytest.raises(ClientError) as too_many_rules:
        ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("one-more"))

    assert error(duplicate) == ("AlreadyExists", "Rule already exists: a")
    assert error(too_many_actions) == ("LimitExceeded", "Too many actions")
    assert error(too_many_rules) == ("LimitExceeded", "Too many rules")


def test_model_violations_are_reported_together(inbound: str, ses: Any) -> None:
    bad = {
        "Name": "bad name",
        "TlsPolicy": "Always",
        "Actions": [
            {"SNSAction": {"TopicArn": TOPIC, "Encoding": "latin-1"}},
            {"LambdaAction": {"FunctionArn": FUNCTION, "InvocationType": "Later"}},
            {"StopAction": {"Scope": "Rule"}},
        ],
    }
    with pytest.raises(ClientError) as refused:
        ses.create_receipt_rule(RuleSetName=inbound, Rule=bad, After="")

    prefix = "Value at '"
    assert error(refused) == (
        "ValidationError",
        "7 validation errors detected: "
        f"{prefix}after' failed to satisfy constraint: Member must have length greater than "
        "or equal to 1; "
        f"{prefix}after' failed to satisfy constraint: Member must satisfy regular expression "
        "pattern: ^[a-zA-Z0-9_.-]+$; "
        f"{prefix}rule.name' failed to satisfy constraint: Member must satisfy regular "
        "expression pattern: ^[a-zA-Z0-9_.-]+$; "
        f"{prefix}rule.tlsPolicy' failed to satisfy constraint: Member must satisfy enum value "
        "set: [Optional, Require]; "
        f"{prefix}rule.actions.1.member.sNSAction.encoding' failed to satisfy constraint: "
        "Member must satisfy enum value set: [Base64, UTF-8]; "
        f"{prefix}rule.actions.2.member.lambdaAction.invocationType' failed to satisfy "
        "constraint: Member must satisfy enum value set: [RequestResponse, Event]; "
        f"{prefix}rule.actions.3.member.stopAction.scope' failed to satisfy constraint: "
        "Member must satisfy enum value set: [RuleSet]",
    )


def test_rule_names_get_ses_own_check_after_the_model(inbound: str, ses: Any) -> None:
    with pytest.raises(ClientError) as edge:
        ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("store-"))
    with pytest.raises(ClientError) as long:
        ses.describe_receipt_rule(RuleSetName=inbound, RuleName="r" * 65)
    assert error(edge) == ("InvalidParameterValue", "Not a valid ruleName: store-")
    assert error(long) == ("InvalidParameterValue", f"Not a valid ruleName: {'r' * 65}")


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (
            {"SNSAction": {"TopicArn": "inbound"}},
            ("InvalidSnsTopic", "Invalid SNS topic: inbound"),
        ),
        (
            {"SNSAction": {"TopicArn": f"arn:aws:sns:{REGION}:{ACCOUNT}:nowhere"}},
            (
                "InvalidSnsTopic",
                f"Could not publish to SNS topic: arn:aws:sns:{REGION}:{ACCOUNT}:nowhere",
            ),
        ),
        (
            {"S3Action": {"BucketName": "no-such-bucket"}},
            ("InvalidS3Configuration", "No such bucket: no-such-bucket"),
        ),
        (
            {"S3Action": {"BucketName": ""}},
            ("InvalidParameterValue", "Bucket name must not be empty"),
        ),
        (
            {"LambdaAction": {"FunctionArn": "inbound"}},
            ("InvalidLambdaFunction", "Invalid Lambda function: inbound"),
        ),
        (
            {"LambdaAction": {"FunctionArn": FUNCTION}},
            ("InvalidLambdaFunction", f"Could not invoke Lambda function: {FUNCTION}"),
        ),
        (
            {
                "BounceAction": {
                    "SmtpReplyCode": "550",
                    "Message": "No such user",
                    "Sender": "mailer@unverified.example",
                }
            },
            ("InvalidParameterValue", "Identity is not verified: mailer@unverified.example"),
        ),
        (
            {"AddHeaderAction": {"HeaderName": "X Bad", "HeaderValue": "v"}},
            ("InvalidParameterValue", "Invalid header name: X Bad"),
        ),
        (
            {"S3Action": {"BucketName": BUCKET}, "SNSAction": {"TopicArn": "x"}},
            (
                "InvalidParameterValue",
                "Exactly one action type must be specified in a ReceiptAction.",
            ),
        ),
    ],
    ids=[
        "topic-not-arn",
        "topic-missing",
        "bucket-missing",
        "bucket-empty",
        "function-not-arn",
        "function-unknown",
        "bounce-sender",
        "header-name",
        "two-actions",
    ],
)
def test_action_targets_are_checked(inbound: str, ses: Any, action: Any, expected: Any) -> None:
    with pytest.raises(ClientError) as refused:
        ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("r", action))
    assert error(refused) == expected


def test_a_topic_of_another_region_cannot_be_published_to(inbound: str, ses: Any) -> None:
    elsewhere = f"arn:aws:sns:eu-west-1:{ACCOUNT}:inbound"
    with pytest.raises(ClientError) as refused:
        ses.create_receipt_rule(
            RuleSetName=inbound,
            Rule=rule("r", {"StopAction": {"Scope": "RuleSet", "TopicArn": elsewhere}}),
        )
    assert error(refused) == ("InvalidSnsTopic", f"Could not publish to SNS topic: {elsewhere}")


def test_ses_needs_the_bucket_policy_to_write(inbound: str, ses: Any, s3: Any) -> None:
    make_bucket(s3, policy=False)
    store = {"S3Action": {"BucketName": BUCKET, "ObjectKeyPrefix": "mail/"}}
    with pytest.raises(ClientError) as refused:
        ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("store", store))
    assert error(refused) == ("InvalidS3Configuration", f"Could not write to bucket: {BUCKET}")

    from receiving_helpers import ses_bucket_policy

    wrong_rule = ses_bucket_policy(
        BUCKET,
        **{"AWS:SourceArn": f"arn:aws:ses:{REGION}:{ACCOUNT}:receipt-rule-set/x:receipt-rule/y"},
    )
    s3.put_bucket_policy(Bucket=BUCKET, Policy=wrong_rule)
    with pytest.raises(ClientError):
        ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("store", store))

    right = ses_bucket_policy(
        BUCKET,
        **{
            "AWS:SourceAccount": ACCOUNT,
            "AWS:SourceArn": (
                f"arn:aws:ses:{REGION}:{ACCOUNT}:receipt-rule-set/inbound:receipt-rule/store"
            ),
        },
    )
    s3.put_bucket_policy(Bucket=BUCKET, Policy=right)
    ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("store", store))
    with_role = {
        "S3Action": {"BucketName": BUCKET, "IamRoleArn": f"arn:aws:iam::{ACCOUNT}:role/ses-writer"}
    }
    s3.delete_bucket_policy(Bucket=BUCKET)
    ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("as-role", with_role))  # the role writes


def test_a_stop_action_must_come_last(inbound: str, ses: Any) -> None:
    stop = {"StopAction": {"Scope": "RuleSet"}}
    header = {"AddHeaderAction": {"HeaderName": "X-Seen", "HeaderValue": "1"}}
    with pytest.raises(ClientError) as refused:
        ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("r", stop, header))
    assert error(refused) == (
        "InvalidParameterValue",
        "Stop action, if any, must be placed at the end of the actions list",
    )
    ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("r", header, stop))


def test_registered_functions_and_verified_senders_pass(
    inbound: str, ses: Any, sessim: SesSim
) -> None:
    sessim.register_lambda(FUNCTION, lambda event, context: None)
    actions = [
        {"LambdaAction": {"FunctionArn": FUNCTION, "InvocationType": "RequestResponse"}},
        {
            "BounceAction": {
                "SmtpReplyCode": "550",
                "StatusCode": "5.1.1",
                "Message": "Gone",
                "Sender": "mailer@example.com",
            }
        },
        {
            "WorkmailAction": {
                "OrganizationArn": f"arn:aws:workmail:{REGION}:{ACCOUNT}:organization/m-1"
            }
        },
    ]
    ses.create_receipt_rule(RuleSetName=inbound, Rule=rule("r", *actions))
    stored = ses.describe_receipt_rule(RuleSetName=inbound, RuleName="r")["Rule"]["Actions"]
    assert [next(iter(item)) for item in stored] == [
        "LambdaAction",
        "BounceAction",
        "WorkmailAction",
    ]
