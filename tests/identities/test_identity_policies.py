"""Sending-authorization policies: stored and checked as SES checks them, shared by v1
and v2, and evaluated for sends that name another account's identity."""

from __future__ import annotations

import json
from typing import Any

import pytest
from identity_helpers import MESSAGE, SUCCESS, refusal, send

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(moto=False, verified=["customer.example"])

OWNER = "999999999999"  # the identity owner's account; the simulator's is 123456789012
ARN = f"arn:aws:ses:us-east-1:{OWNER}:identity/customer.example"
SENDER = "news@customer.example"


def policy(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)}, indent=2)


def allow(action: str | list[str] = "ses:SendEmail", **extra: Any) -> dict[str, Any]:
    return {
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
        "Action": action,
        "Resource": ARN,
        **extra,
    }


def denied(action: str) -> tuple[str, str, int]:
    return (
        "AccessDenied",
        f"User `arn:aws:iam::123456789012:user/sessim' is not authorized to perform "
        f"`{action}' on resource `{ARN}'",
        403,
    )


def test_policies_are_stored_compact_and_shared_by_v1_and_v2(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    text = policy(allow())
    ses.put_identity_policy(Identity="customer.example", PolicyName="partner", Policy=text)
    sesv2.create_email_identity_policy(
        EmailIdentity="customer.example", PolicyName="second", Policy=policy(allow("ses:*"))
    )

    compact = json.dumps(json.loads(text), separators=(",", ":"))
    assert ses.list_identity_policies(Identity="customer.example")["PolicyNames"] == [
        "partner",
        "second",
    ]
    assert ses.get_identity_policies(
        Identity="customer.example", PolicyNames=["partner", "missing"]
    )["Policies"] == {"partner": compact}
    assert (
        sesv2.get_email_identity_policies(EmailIdentity="customer.example")["Policies"]["partner"]
        == compact
    )
    assert sesv2.get_email_identity(EmailIdentity="customer.example")["Policies"].keys() == {
        "partner",
        "second",
    }
    by_arn = "arn:aws:ses:us-east-1:123456789012:identity/customer.example"
    assert ses.list_identity_policies(Identity=by_arn)["PolicyNames"] == ["partner", "second"]

    sesv2.update_email_identity_policy(
        EmailIdentity="customer.example", PolicyName="second", Policy=text
    )
    sesv2.delete_email_identity_policy(EmailIdentity="customer.example", PolicyName="second")
    ses.delete_identity_policy(Identity="customer.example", PolicyName="partner")
    ses.delete_identity_policy(Identity="customer.example", PolicyName="partner")  # no error
    assert ses.list_identity_policies(Identity="customer.example")["PolicyNames"] == []


def test_v2_policy_operations_answer_as_ses(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_email_identity_policy(
        EmailIdentity="customer.example", PolicyName="p", Policy=policy(allow())
    )

    def create() -> Any:
        return sesv2.create_email_identity_policy(
            EmailIdentity="customer.example", PolicyName="p", Policy=policy(allow())
        )

    assert refusal(create) == ("AlreadyExistsException", "Policy <p> already exists", 400)
    assert refusal(
        lambda: sesv2.update_email_identity_policy(
            EmailIdentity="customer.example", PolicyName="q", Policy=policy(allow())
        )
    ) == ("NotFoundException", "Policy <q> does not exist", 404)
    assert refusal(lambda: sesv2.get_email_identity_policies(EmailIdentity="none.example")) == (
        "NotFoundException",
        "Email identity none.example does not exist.",
        404,
    )


def test_policy_names_count_and_owner_are_checked(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    def put(name: str, identity: str = "customer.example") -> Any:
        return ses.put_identity_policy(Identity=identity, PolicyName=name, Policy=policy(allow()))

    assert refusal(lambda: put("bad name"))[:2] == (
        "InvalidParameterValue",
        "PolicyName is invalid. Policy names must only include alpha-numeric characters, "
        "dashes, and underscores.",
    )
    assert refusal(lambda: put("x" * 65))[0] == "ValidationError"
    ses.verify_domain_identity(Domain="pending.example")
    assert refusal(lambda: put("p", "pending.example"))[:2] == (
        "InvalidParameterValue",
        "Identity pending.example is invalid. Must be a verified email address or domain.",
    )
    for number in range(20):
        put(f"p{number}")
    put("p0")  # replacing one is not adding one
    limit = "Number of policies for <customer.example> exceeds max allowed number of policies"
    assert refusal(lambda: put("p20"))[:2] == ("InvalidParameterValue", limit + " per resource")
    assert (
        refusal(
            lambda: sesv2.create_email_identity_policy(
                EmailIdentity="customer.example", PolicyName="p21", Policy=policy(allow())
            )
        )[0]
        == "LimitExceededException"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "Policy is not valid JSON."),
        (
            json.dumps({"Version": "2020-01-01", "Statement": [allow()]}),
            "Policy has an invalid version",
        ),
        (policy({**allow(), "Principal": {"AWS": "nobody"}}), "Policy has invalid principal."),
        (policy(allow("s3:GetObject")), "Policy has invalid action: s3:GetObject."),
        (
            policy({**allow(), "Resource": "arn:aws:ses:us-east-1:1:identity/other.example"}),
            "Policy has invalid resource",
        ),
        (
            policy(allow(Condition={"StringEquals": {"AWS:SourceAccount": "1"}})),
            "Unknown or unapplicable condition field 'AWS:SourceAccount'.",
        ),
        (policy(allow()) + " " * 4096, "Policy exceeds the maximum size of 4096 bytes."),
    ],
    ids=["json", "version", "principal", "action", "resource", "condition", "size"],
)
def test_invalid_policies_are_refused(sessim: SesSim, ses: Any, text: str, message: str) -> None:
    code, found, status = refusal(
        lambda: ses.put_identity_policy(Identity="customer.example", PolicyName="p", Policy=text)
    )
    assert (code, status) == ("InvalidPolicy", 400) and found.startswith(message)


def test_sending_as_another_accounts_identity_needs_its_policy(sessim: SesSim, ses: Any) -> None:
    assert refusal(lambda: send(ses, SENDER, SourceArn=ARN)) == denied("ses:SendEmail")
    ses.put_identity_policy(
        Identity="customer.example", PolicyName="partner", Policy=policy(allow())
    )

    message_id = send(ses, SENDER, SourceArn=ARN)

    [event] = sessim.events_for(message_id)[:1]
    assert event.record["mail"]["sourceArn"] == ARN
    assert event.record["mail"]["sendingAccountId"] == "123456789012"
    assert refusal(
        lambda: ses.send_raw_email(
            Source=SENDER,
            SourceArn=ARN,
            Destinations=[SUCCESS],
            RawMessage={"Data": f"From: {SENDER}\r\nTo: {SUCCESS}\r\nSubject: hi\r\n\r\nhi"},
        )
    ) == denied("ses:SendRawEmail")


def test_deny_statements_and_conditions_apply(sessim: SesSim, ses: Any) -> None:
    only_simulator = allow(
        Condition={"ForAllValues:StringLike": {"ses:Recipients": "*@simulator.amazonses.com"}}
    )
    deny_vip = {
        **allow(),
        "Effect": "Deny",
        "Condition": {"StringEquals": {"ses:FromAddress": "vip@customer.example"}},
    }
    ses.put_identity_policy(
        Identity="customer.example", PolicyName="p", Policy=policy(only_simulator, deny_vip)
    )

    send(ses, SENDER, SourceArn=ARN)
    assert (
        refusal(
            lambda: ses.send_email(
                Source=SENDER,
                SourceArn=ARN,
                Destination={"ToAddresses": [SUCCESS, "jane@elsewhere.example"]},
                Message=MESSAGE,
            )
        )[0]
        == "AccessDenied"
    )
    assert refusal(lambda: send(ses, "vip@customer.example", SourceArn=ARN))[0] == "AccessDenied"


def test_the_callers_own_identity_needs_no_policy(sessim: SesSim, ses: Any) -> None:
    own = "arn:aws:ses:us-east-1:123456789012:identity/customer.example"
    message_id = send(ses, SENDER, SourceArn=own)
    assert sessim.events_for(message_id)[0].record["mail"]["sourceArn"] == own


def test_an_arn_must_name_a_verified_identity_that_covers_the_address(
    sessim: SesSim, ses: Any
) -> None:
    other = f"arn:aws:ses:us-east-1:{OWNER}:identity/other.example"
    code, message, _ = refusal(lambda: send(ses, SENDER, SourceArn=other))
    assert code == "MessageRejected" and message.endswith(f"US-EAST-1: {SENDER}")
    assert refusal(lambda: send(ses, SENDER, SourceArn="not-an-arn"))[:2] == (
        "InvalidParameterValue",
        "Invalid identity ARN: not-an-arn.",
    )


def test_v2_and_raw_headers_name_identities_too(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    ses.put_identity_policy(
        Identity="customer.example",
        PolicyName="p",
        Policy=policy(allow(["ses:SendEmail", "ses:SendRawEmail"])),
    )
    sesv2.send_email(
        FromEmailAddress=SENDER,
        FromEmailAddressIdentityArn=ARN,
        Destination={"ToAddresses": [SUCCESS]},
        Content={"Simple": MESSAGE},
    )
    raw = f"From: {SENDER}\r\nTo: {SUCCESS}\r\nX-SES-SOURCE-ARN: {ARN}\r\nSubject: hi\r\n\r\nhi"
    message_id = ses.send_raw_email(RawMessage={"Data": raw})["MessageId"]
    assert sessim.events_for(message_id)[0].record["mail"]["sourceArn"] == ARN
    ses.put_identity_policy(
        Identity="customer.example", PolicyName="p", Policy=policy(allow("ses:SendEmail"))
    )
    assert refusal(lambda: ses.send_raw_email(RawMessage={"Data": raw})) == denied(
        "ses:SendRawEmail"
    )


def test_smtp_answers_access_denied_as_ses_does(sessim: SesSim, sessim_smtp: Any) -> None:
    import smtplib
    import ssl

    raw = f"From: {SENDER}\r\nTo: {SUCCESS}\r\nX-SES-SOURCE-ARN: {ARN}\r\nSubject: hi\r\n\r\nhi"
    with smtplib.SMTP(sessim_smtp.host, sessim_smtp.port) as smtp:
        smtp.starttls(context=ssl.create_default_context(cafile=sessim_smtp.ca_file))
        smtp.login(sessim_smtp.username, sessim_smtp.password)
        with pytest.raises(smtplib.SMTPDataError) as caught:
            smtp.sendmail(SENDER, [SUCCESS], raw)
    assert caught.value.smtp_code == 554
    caller = sessim.refused[-1].message.split("`")[1].split("'")[0]
    assert caller.startswith("arn:aws:iam::123456789012:user/ses-smtp-user.")
    assert caught.value.smtp_error.decode() == (
        f"Access denied: User `{caller}' is not authorized to perform `ses:SendRawEmail' "
        f"on resource `{ARN}'"
    )


@pytest.mark.parametrize(
    "condition",
    [
        {"Null": {"ses:Recipients": []}},
        {"DateLessThan": {"aws:CurrentTime": "99999999999999999999"}},
    ],
)
def test_conditions_that_cannot_hold_deny_without_failing(
    sessim: SesSim, ses: Any, condition: dict[str, Any]
) -> None:
    ses.put_identity_policy(
        Identity="customer.example", PolicyName="p", Policy=policy(allow(Condition=condition))
    )
    assert refusal(lambda: send(ses, SENDER, SourceArn=ARN)) == denied("ses:SendEmail")
