"""The order of SES's checks where it is recorded from AWS: a send's message tags before its
identities, a tag's name before its value. The send operations check their tags before
anything else."""

from __future__ import annotations

from typing import Any

import pytest
from validation_helpers import SUCCESS, refusal

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(verified=[SUCCESS])

UNVERIFIED = "someone@unverified.example"
BAD_NAME = [{"Name": "bad name", "Value": "ok"}]
BAD_BOTH = [{"Name": "bad name", "Value": "bad value!"}]
NAME_TEXT = (
    "Invalid tag name <bad name>: only alphanumeric ASCII characters, '_',  '-' are allowed."
)
MESSAGE = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}
RAW = b"From: someone@unverified.example\r\nTo: success@simulator.amazonses.com\r\n\r\nHi\r\n"


def test_v1_sends_check_tags_before_identities(sessim: SesSim, raw_ses: Any) -> None:
    to = {"ToAddresses": [SUCCESS]}
    raw_ses.create_template(Template={"TemplateName": "t", "SubjectPart": "s", "TextPart": "t"})
    sends = [
        lambda: raw_ses.send_email(
            Source=UNVERIFIED, Destination=to, Message=MESSAGE, Tags=BAD_NAME
        ),
        lambda: raw_ses.send_raw_email(RawMessage={"Data": RAW}, Tags=BAD_NAME),
        lambda: raw_ses.send_templated_email(
            Source=UNVERIFIED, Destination=to, Template="t", TemplateData="{}", Tags=BAD_NAME
        ),
    ]

    for send in sends:
        assert refusal(send) == ("InvalidParameterValue", NAME_TEXT, 400)


def test_v2_send_checks_tags_before_identities(sessim: SesSim, raw_sesv2: Any) -> None:
    code, message, _ = refusal(
        lambda: raw_sesv2.send_email(
            FromEmailAddress=UNVERIFIED,
            Destination={"ToAddresses": [SUCCESS]},
            Content={"Simple": MESSAGE},
            EmailTags=BAD_NAME,
        )
    )

    assert (code, message) == ("BadRequestException", NAME_TEXT)


def test_a_tag_name_is_checked_before_its_value(sessim: SesSim, raw_ses: Any) -> None:
    assert (
        refusal(
            lambda: raw_ses.send_email(
                Source=SUCCESS,
                Destination={"ToAddresses": [SUCCESS]},
                Message=MESSAGE,
                Tags=BAD_BOTH,
            )
        )[1]
        == NAME_TEXT
    )
