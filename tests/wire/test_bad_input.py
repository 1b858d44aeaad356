"""Bad input gets SES's answer, never a Python exception: each defect the fuzz tests
found, pinned through real boto3 clients (parameter validation off, as a client in
another language or raw HTTPS would send it) and raw wire requests."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

from pytest_sessim import SesSim, soft_bounce
from pytest_sessim.engine.names import TEMPLATE_NAME_RULE

pytestmark = pytest.mark.sessim(verified=["example.com"], now="2026-01-02T03:04:05Z")

SENDER = "sender@example.com"
TO = {"ToAddresses": ["success@simulator.amazonses.com"]}
MESSAGE = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}
ONLY = "only alphanumeric ASCII characters, '_', and '-' are allowed."
TAG_ONLY = "only alphanumeric ASCII characters, '_',  '-' are allowed."  # as SES words it
NO_VALIDATION = Config(parameter_validation=False, retries={"total_max_attempts": 1})
V1_URL = "https://email.us-east-1.amazonaws.com/"
V2_URL = "https://email.us-east-1.amazonaws.com/v2/email"


@pytest.fixture(scope="module")
def ses() -> Any:
    return boto3.client(
        "ses",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=NO_VALIDATION,
    )


@pytest.fixture(scope="module")
def sesv2() -> Any:
    return boto3.client(
        "sesv2",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=NO_VALIDATION,
    )


def refusal(call: Any, **params: Any) -> tuple[str, str, int]:
    with pytest.raises(ClientError) as raised:
        call(**params)
    error = raised.value.response
    return (
        error["Error"]["Code"],
        error["Error"]["Message"],
        error["ResponseMetadata"]["HTTPStatusCode"],
    )


def last_refused(sim: SesSim) -> tuple[str, str, str, int]:
    refused = sim.refused[-1]
    return refused.operation, refused.code, refused.message, refused.http_status


# -- tags -------------------------------------------------------------------------------------


def test_a_v1_tag_without_value_is_a_validation_error(sessim: SesSim, ses: Any) -> None:
    answer = refusal(
        ses.send_email, Source=SENDER, Destination=TO, Message=MESSAGE, Tags=[{"Name": "n"}]
    )
    text = (
        "1 validation error detected: Value at 'tags.1.member.value' failed to satisfy "
        "constraint: Member must not be null"
    )
    assert answer == ("ValidationError", text, 400)
    assert last_refused(sessim) == ("SendEmail", "ValidationError", text, 400)


def test_a_v2_email_tag_without_value_is_a_validation_error(sessim: SesSim, sesv2: Any) -> None:
    answer = refusal(
        sesv2.send_email,
        FromEmailAddress=SENDER,
        Destination=TO,
        Content={"Simple": MESSAGE},
        EmailTags=[{"Name": "n"}],
    )
    text = (
        "1 validation error detected: Value at 'emailTags.1.member.value' failed to "
        "satisfy constraint: Member must not be null"
    )
    assert answer == ("BadRequestException", text, 400)
    assert last_refused(sessim) == ("SendEmail", "BadRequestException", text, 400)


@pytest.mark.parametrize(
    ("name", "value", "text"),
    [
        ("a:b", "c1", f"Invalid tag name <a:b>: {TAG_ONLY}"),
        ("campaign", "x y", f"Invalid tag value <x y>: {TAG_ONLY}"),
        ("n" * 256, "v", "Tag name cannot exceed 255 characters."),
        ("campaign", "v" * 256, "Tag value cannot exceed 255 characters."),
        ("", "v", "The tag name must be specified."),
        ("campaign", "", "The tag value must be specified."),
    ],
)
def test_message_tags_are_checked_as_ses_checks_them(
    sessim: SesSim, ses: Any, name: str, value: str, text: str
) -> None:
    tags = [{"Name": name, "Value": value}]
    answer = refusal(ses.send_email, Source=SENDER, Destination=TO, Message=MESSAGE, Tags=tags)
    assert answer == ("InvalidParameterValue", text, 400)


def test_ses_feedback_id_tags_are_allowed(sessim: SesSim, ses: Any) -> None:
    tags = [{"Name": "ses:feedback-id-a", "Value": "campaign-1"}]
    ses.send_email(Source=SENDER, Destination=TO, Message=MESSAGE, Tags=tags)
    assert sessim.outbox[0].tags == {"ses:feedback-id-a": "campaign-1"}


# -- charsets ---------------------------------------------------------------------------------


def test_an_unknown_charset_gets_ses_text_in_v1_and_v2(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    bad = {"Subject": {"Data": "Hi", "Charset": "bogus"}, "Body": {"Text": {"Data": "x"}}}
    v1 = refusal(ses.send_email, Source=SENDER, Destination=TO, Message=bad)
    v2 = refusal(sesv2.send_email, FromEmailAddress=SENDER, Destination=TO, Content={"Simple": bad})
    assert v1 == ("InvalidParameterValue", "Unsupported charset 'bogus'.", 400)
    assert v2 == ("BadRequestException", "Unsupported charset 'bogus'.", 400)


def test_a_raw_part_in_an_unknown_charset_is_refused(sessim: SesSim, ses: Any) -> None:
    raw = (
        b"From: sender@example.com\r\nTo: success@simulator.amazonses.com\r\n"
        b"Content-Type: text/plain; charset=x-bogus\r\n\r\nbody\r\n"
    )
    answer = refusal(ses.send_raw_email, RawMessage={"Data": raw})
    assert answer == ("InvalidParameterValue", "Unsupported encoding x-bogus.", 400)


@pytest.mark.parametrize("charset", ["idna", "punycode", "undefined", "latin\r\nBcc: x"])
def test_codecs_that_cannot_carry_text_and_names_that_break_headers_are_refused(
    sessim: SesSim, ses: Any, charset: str
) -> None:
    bad = {"Subject": {"Data": "café", "Charset": charset}, "Body": {"Text": {"Data": "é"}}}
    answer = refusal(ses.send_email, Source=SENDER, Destination=TO, Message=bad)
    assert answer == ("InvalidParameterValue", f"Unsupported charset '{charset}'.", 400)
    assert not sessim.outbox


@pytest.mark.parametrize("charset", ["idna", "punycode", "undefined"])
def test_a_raw_part_in_a_codec_that_cannot_carry_text_is_refused(
    sessim: SesSim, ses: Any, charset: str
) -> None:
    raw = (
        b"From: sender@example.com\r\nTo: success@simulator.amazonses.com\r\n"
        b"Content-Type: text/plain; charset=" + charset.encode() + b"\r\n\r\ncaf\xe9\r\n"
    )
    answer = refusal(ses.send_raw_email, RawMessage={"Data": raw})
    assert answer == ("InvalidParameterValue", f"Unsupported encoding {charset}.", 400)


def test_text_a_charset_cannot_carry_becomes_a_question_mark(sessim: SesSim, ses: Any) -> None:
    message = {
        "Subject": {"Data": "日本 café", "Charset": "ISO-8859-1"},
        "Body": {"Text": {"Data": "日本", "Charset": "ISO-8859-1"}},
    }
    ses.send_email(Source=SENDER, Destination=TO, Message=message)
    assert sessim.outbox[0].header("Subject") == "=?iso-8859-1?q?=3F=3F_caf=E9?="


# -- names ------------------------------------------------------------------------------------


def test_a_non_ascii_configuration_set_header_is_refused_cleanly(sessim: SesSim, ses: Any) -> None:
    raw = (
        "From: sender@example.com\r\nTo: success@simulator.amazonses.com\r\n"
        "X-SES-CONFIGURATION-SET: café\r\nSubject: x\r\n\r\nbody"
    ).encode()
    answer = refusal(ses.send_raw_email, RawMessage={"Data": raw})
    text = f"Invalid configuration set name <café>: {ONLY}"
    assert answer == ("InvalidParameterValue", text, 400)
    assert last_refused(sessim) == ("SendRawEmail", "InvalidParameterValue", text, 400)


def test_control_characters_in_names_are_refused_and_lists_keep_working(
    sessim: SesSim, ses: Any
) -> None:
    answer = refusal(ses.create_configuration_set, ConfigurationSet={"Name": "cs\x01"})
    # the answer shows what XML cannot carry as U+FFFD
    assert answer == (
        "InvalidParameterValue",
        f"Invalid configuration set name <cs\ufffd>: {ONLY}",
        400,
    )
    assert sessim.refused[-1].message == f"Invalid configuration set name <cs\x01>: {ONLY}"
    template = {"TemplateName": "t\x0bname", "SubjectPart": "s", "TextPart": "t"}
    answer = refusal(ses.create_template, Template=template)
    assert answer == ("InvalidParameterValue", TEMPLATE_NAME_RULE, 400)
    answer = refusal(ses.get_template, TemplateName="t\x0bname")
    assert answer == ("TemplateDoesNotExist", "Template t\ufffdname does not exist.", 400)
    assert ses.list_templates()["TemplatesMetadata"] == []
    assert ses.list_configuration_sets()["ConfigurationSets"] == []


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a" * 65, "Configuration set name cannot exceed 64 characters."),
        ("a.b", f"Invalid configuration set name <a.b>: {ONLY}"),
        ("", "The configuration set name must be specified."),
    ],
)
def test_configuration_set_names_follow_ses_rules(
    sessim: SesSim, sesv2: Any, name: str, text: str
) -> None:
    answer = refusal(sesv2.create_configuration_set, ConfigurationSetName=name)
    assert answer == ("BadRequestException", text, 400)


# -- suppression list -------------------------------------------------------------------------


def test_an_unreadable_start_date_is_an_invalid_value(sessim: SesSim) -> None:
    reply = requests.get(f"{V2_URL}/suppression/addresses?StartDate=1e20", timeout=5)
    assert reply.status_code == 400
    assert reply.headers["x-amzn-ErrorType"].startswith("BadRequestException:")
    assert reply.json() == {"message": "Invalid value '1e20' for query parameter StartDate."}
    assert last_refused(sessim)[:2] == ("ListSuppressedDestinations", "BadRequestException")


def test_a_suppressed_destination_needs_a_reason(sessim: SesSim, sesv2: Any) -> None:
    answer = refusal(sesv2.put_suppressed_destination, EmailAddress="a@example.com")
    text = (
        "1 validation error detected: Value at 'reason' failed to satisfy constraint: "
        "Member must not be null"
    )
    assert answer == ("BadRequestException", text, 400)


# -- header injection -------------------------------------------------------------------------


def header_names(raw: bytes) -> list[bytes]:
    head = raw.split(b"\r\n\r\n", 1)[0]
    lines = head.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    return [line.split(b":", 1)[0].lower() for line in lines if line[:1] not in (b" ", b"\t")]


def test_a_v2_header_value_with_a_line_break_is_refused(sessim: SesSim, sesv2: Any) -> None:
    headers = [{"Name": "X-Order", "Value": "42\r\nBcc: evil@example.org"}]
    answer = refusal(
        sesv2.send_email,
        FromEmailAddress=SENDER,
        Destination=TO,
        Content={"Simple": {**MESSAGE, "Headers": headers}},
    )
    assert answer == (
        "BadRequestException",
        "Invalid header value: 42\r\nBcc: evil@example.org",
        400,
    )
    assert sessim.outbox == []


def test_a_bare_cr_in_a_subject_never_starts_a_header(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    subject = {"Data": "Hi\rBcc: evil@example.org"}
    ses.send_email(Source=SENDER, Destination=TO, Message={**MESSAGE, "Subject": subject})
    sesv2.send_email(
        FromEmailAddress=SENDER,
        Destination=TO,
        Content={"Simple": {**MESSAGE, "Subject": subject}},
    )
    for message in sessim.outbox:
        assert b"bcc" not in header_names(message.raw)
        assert message.header("Subject").startswith("=?utf-8?")  # type: ignore[union-attr]


def test_template_data_cannot_add_a_header(sessim: SesSim, ses: Any) -> None:
    ses.create_template(
        Template={"TemplateName": "t", "SubjectPart": "Hi {{name}}", "TextPart": "x"}
    )
    data = json.dumps({"name": "Ann\rBcc: evil@example.org"})
    ses.send_templated_email(Source=SENDER, Destination=TO, Template="t", TemplateData=data)
    (message,) = sessim.outbox
    assert message.subject == "Hi Ann\rBcc: evil@example.org"
    assert b"bcc" not in header_names(message.raw)


def test_a_display_name_with_a_line_break_is_encoded(sessim: SesSim, ses: Any) -> None:
    source = '"Shop\rBcc: evil@example.org" <sender@example.com>'
    ses.send_email(Source=source, Destination=TO, Message=MESSAGE)
    (message,) = sessim.outbox
    assert message.source == source
    assert b"bcc" not in header_names(message.raw)
    assert (
        message.header("From")
        == "=?utf-8?q?Shop?=\n =?utf-8?q?_Bcc=3A_evil=40example=2Eorg?= <sender@example.com>"
    )


def test_an_attachment_file_name_cannot_add_a_header(sessim: SesSim, sesv2: Any) -> None:
    attachment = {"FileName": 'a.txt"\r\nBcc: evil@example.org', "RawContent": b"x"}
    sesv2.send_email(
        FromEmailAddress=SENDER,
        Destination=TO,
        Content={"Simple": {**MESSAGE, "Attachments": [attachment]}},
    )
    (message,) = sessim.outbox
    assert not any(line.lower().startswith(b"bcc:") for line in message.raw.splitlines())


# -- refusals on the wire are recorded --------------------------------------------------------


def test_invalid_base64_in_a_raw_query_is_refused_and_recorded(sessim: SesSim) -> None:
    body = {"Action": "SendRawEmail", "Version": "2010-12-01", "RawMessage.Data": "!!!"}
    reply = requests.post(V1_URL, data=body, timeout=5)
    assert reply.status_code == 400
    assert "<Code>InvalidParameterValue</Code>" in reply.text
    assert last_refused(sessim) == (
        "SendRawEmail",
        "InvalidParameterValue",
        "Invalid value '!!!' for parameter RawMessage.Data.",
        400,
    )


def test_a_v2_content_that_is_not_an_object_is_refused_and_recorded(sessim: SesSim) -> None:
    body = {"FromEmailAddress": SENDER, "Destination": TO, "Content": "not an object"}
    reply = requests.post(f"{V2_URL}/outbound-emails", json=body, timeout=5)
    assert reply.status_code == 400
    assert reply.json() == {"message": "Expected an object, found str."}
    assert last_refused(sessim) == (
        "SendEmail",
        "SerializationException",
        "Expected an object, found str.",
        400,
    )


def test_a_lone_surrogate_in_a_v2_body_becomes_a_replacement_character(
    sessim: SesSim,
) -> None:
    body = (
        '{"FromEmailAddress": "sender@example.com", '
        '"Destination": {"ToAddresses": ["success@simulator.amazonses.com"]}, '
        '"Content": {"Simple": {"Subject": {"Data": "a\\ud800b"}, '
        '"Body": {"Text": {"Data": "x"}}}}}'
    )
    reply = requests.post(f"{V2_URL}/outbound-emails", data=body, timeout=5)
    assert reply.status_code == 200
    assert sessim.outbox[0].subject == "a\ufffdb"


# -- failures behind the door -----------------------------------------------------------------


def test_an_internal_failure_is_answered_not_raised(
    sessim: SesSim, ses: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("Value")

    monkeypatch.setattr(sessim.engine, "handle", broken)
    code, message, status = refusal(ses.get_send_quota)
    assert (code, status) == ("InternalFailure", 500)
    assert message == ("pytest-sessim failed on this request (please report it): KeyError('Value')")
    assert last_refused(sessim) == ("GetSendQuota", "InternalFailure", message, 500)


def test_soft_bounce_retry_in_seconds_runs_to_its_bounce(sessim: SesSim, ses: Any) -> None:
    sessim.route("full@example.net", soft_bounce("MailboxFull", retry_for=7200))
    ses.send_email(
        Source=SENDER, Destination={"ToAddresses": ["full@example.net"]}, Message=MESSAGE
    )
    sessim.clock.advance("3h")
    assert [event.type for event in sessim.events] == [
        "Send",
        "DeliveryDelay",
        "DeliveryDelay",
        "DeliveryDelay",
        "Bounce",
    ]
    assert sessim.bounces[0].bounce_subtype == "MailboxFull"
