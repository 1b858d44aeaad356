"""SESv2 send operations: SendEmail (Simple, Raw, Template) and SendBulkEmail."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ErrorKind, SesError, invalid_parameter
from ..limits import check_bulk_destinations, check_template_size
from ..mail.attachments import Attachment
from ..mail.mime import MessageContent, body_from, build_simple, parse_raw
from ..sending.pipeline import Submission, accept
from ..templates.template import TemplateContent, check_inline_template, parse_template_data
from .common import destination_lists, stored_template, tag_pairs
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"

_BULK_STATUS = {
    ErrorKind.INVALID_PARAMETER: "INVALID_PARAMETER",
    ErrorKind.MESSAGE_REJECTED: "MESSAGE_REJECTED",
    ErrorKind.TEMPLATE_NOT_FOUND: "TEMPLATE_NOT_FOUND",
    ErrorKind.CONFIGURATION_SET_NOT_FOUND: "CONFIGURATION_SET_NOT_FOUND",
    ErrorKind.THROTTLING: "ACCOUNT_THROTTLED",
    ErrorKind.DAILY_QUOTA: "ACCOUNT_DAILY_QUOTA_EXCEEDED",
    ErrorKind.ACCOUNT_SENDING_PAUSED: "ACCOUNT_SENDING_PAUSED",
    ErrorKind.CONFIGURATION_SET_SENDING_PAUSED: "CONFIGURATION_SET_SENDING_PAUSED",
    ErrorKind.MISSING_RENDERING_ATTRIBUTE: "INVALID_PARAMETER",
    ErrorKind.INVALID_RENDERING_PARAMETER: "INVALID_PARAMETER",
    ErrorKind.MAIL_FROM_NOT_VERIFIED: "MAIL_FROM_DOMAIN_NOT_VERIFIED",
}


# a header field name: printable ASCII but ':' (RFC 5322), as the model's pattern says
_HEADER_NAME = re.compile(r"[!-9;-~]+")


def _headers(items: Sequence[Mapping[str, str]] | None) -> list[tuple[str, str]]:
    """Custom headers of a Simple or Template send; a name that is no header name, or a
    value that would start another header, is refused (with the texts SES gives for a
    receipt rule's header)."""
    headers = [(item.get("Name") or "", item.get("Value") or "") for item in items or ()]
    for name, value in headers:
        if _HEADER_NAME.fullmatch(name) is None:
            raise invalid_parameter(f"Invalid header name: {name}")
        if "\r" in value or "\n" in value:
            raise invalid_parameter(f"Invalid header value: {value}")
    return headers


def _attachments(items: Sequence[Mapping[str, Any]] | None) -> list[Attachment]:
    return [
        Attachment(
            filename=item.get("FileName"),
            content_type=item.get("ContentType") or "application/octet-stream",
            content=item.get("RawContent", b""),
            content_id=item.get("ContentId"),
            inline=item.get("ContentDisposition") == "INLINE",
        )
        for item in items or ()
    ]


def _template(engine: Engine, spec: Mapping[str, Any]) -> TemplateContent:
    inline = spec.get("TemplateContent")
    if inline is not None:
        content = TemplateContent(
            name=spec.get("TemplateName") or "",
            subject=inline.get("Subject"),
            text=inline.get("Text"),
            html=inline.get("Html"),
        )
        check_template_size(content.subject, content.text, content.html)
        check_inline_template(content)
        return content
    return stored_template(
        engine, spec.get("TemplateName") or spec.get("TemplateArn", "").rsplit("/", 1)[-1]
    )


def _submission(engine: Engine, params: Mapping[str, Any], operation_name: str) -> Submission:
    to, cc, bcc = destination_lists(params.get("Destination"))
    return Submission(
        api=API,
        operation=operation_name,
        source=params.get("FromEmailAddress"),
        to=to,
        cc=cc,
        bcc=bcc,
        reply_to=list(params.get("ReplyToAddresses", ())),
        return_path=params.get("FeedbackForwardingEmailAddress"),
        tags=tag_pairs(params.get("EmailTags")),
        configuration_set=params.get("ConfigurationSetName"),
        source_arn=params.get("FromEmailAddressIdentityArn"),
        from_arn=params.get("FromEmailAddressIdentityArn"),
        return_path_arn=params.get("FeedbackForwardingEmailAddressIdentityArn"),
        tenant=params.get("TenantName"),
        endpoint_id=params.get("EndpointId"),
    )


@operation(API, "SendEmail")
def send_email(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Sends Simple, Raw or Template content through every sending rule; records it and its
    events."""
    content = params.get("Content", {})
    submission = _submission(engine, params, "SendEmail")
    options = params.get("ListManagementOptions")
    if options is not None:
        submission.list_management = (options.get("ContactListName", ""), options.get("TopicName"))
    if "Raw" in content:
        data = content["Raw"].get("Data", b"")
        submission.content = parse_raw(data)
        submission.raw = True
        submission.size = len(data)
    elif "Template" in content:
        spec = content["Template"]
        submission.template = _template(engine, spec)
        submission.template_data = parse_template_data(spec.get("TemplateData") or "{}", api="v2")
    else:
        simple = content.get("Simple", {})
        body = simple.get("Body", {})
        submission.content = _simple(engine, submission, simple, body)
    return {"MessageId": accept(engine, submission).message_id}


def _simple(
    engine: Engine, submission: Submission, simple: Mapping[str, Any], body: Mapping[str, Any]
) -> MessageContent:
    return build_simple(
        from_=submission.source or "",
        to=submission.to,
        cc=submission.cc,
        reply_to=submission.reply_to,
        subject=body_from(simple.get("Subject")),
        text=body_from(body.get("Text")),
        html=body_from(body.get("Html")),
        extra_headers=_headers(simple.get("Headers")),
        attachments=_attachments(simple.get("Attachments")),
        boundary=engine.boundary,
    )


@operation(API, "SendBulkEmail")
def send_bulk_email(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Sends one templated message per entry (at most 50), each checked and recorded on its
    own."""
    check_bulk_destinations(len(params.get("BulkEmailEntries") or ()), API)
    spec = params.get("DefaultContent", {}).get("Template", {})
    template = _template(engine, spec)
    defaults = parse_template_data(spec.get("TemplateData") or "{}", api="v2")
    results: list[dict[str, Any]] = []
    for entry in params.get("BulkEmailEntries", ()):
        try:
            submission = _submission(engine, {**params, **entry}, "SendBulkEmail")
            replacement = entry.get("ReplacementEmailContent", {}).get("ReplacementTemplate", {})
            # SES uses the default data only when an entry's replacement data is empty.
            data = parse_template_data(
                replacement.get("ReplacementTemplateData") or "{}", api="v2"
            ) or dict(defaults)
            submission.template = template
            submission.template_data = data
            submission.tags = tag_pairs(
                entry.get("ReplacementTags") or params.get("DefaultEmailTags")
            )
            message_id = accept(engine, submission).message_id
        except SesError as error:
            engine.record_refused(API, "SendBulkEmail", error, entry)
            status = _BULK_STATUS.get(error.kind, "FAILED")
            results.append({"Status": status, "Error": error.message})
        else:
            results.append({"Status": "SUCCESS", "MessageId": message_id})
    return {"BulkEmailEntryResults": results}
