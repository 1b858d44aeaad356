"""SES v1 send operations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import SesError
from ..limits import check_bulk_destinations
from ..mail.mime import body_from, build_simple, parse_raw
from ..sending.pipeline import Submission, accept
from ..templates.template import parse_template_data
from .common import destination_lists, stored_template, tag_pairs
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "ses"

# SendBulkTemplatedEmail's per-destination status for each refused entry's error code
_BULK_STATUS = {
    "MessageRejected": "MessageRejected",
    "MailFromDomainNotVerifiedException": "MailFromDomainNotVerified",
    "ConfigurationSetDoesNotExist": "ConfigurationSetDoesNotExist",
    "TemplateDoesNotExist": "TemplateDoesNotExist",
    "AccountSendingPausedException": "AccountSendingPaused",
    "ConfigurationSetSendingPausedException": "ConfigurationSetSendingPaused",
    "InvalidParameterValue": "InvalidParameterValue",
    "Throttling": "AccountThrottled",
}


@operation(API, "SendEmail")
def send_email(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Builds the MIME SES builds, checks every sending rule, records it and its events."""
    tags = tag_pairs(params.get("Tags"))  # SES checks message tags first
    to, cc, bcc = destination_lists(params.get("Destination"))
    message = params.get("Message", {})
    body = message.get("Body", {})
    content = build_simple(
        from_=params.get("Source", ""),
        to=to,
        cc=cc,
        reply_to=list(params.get("ReplyToAddresses", ())),
        subject=body_from(message.get("Subject")),
        text=body_from(body.get("Text")),
        html=body_from(body.get("Html")),
        extra_headers=[],
        attachments=[],
        boundary=engine.boundary,
    )
    sent = accept(
        engine,
        Submission(
            api=API,
            operation="SendEmail",
            source=params.get("Source"),
            to=to,
            cc=cc,
            bcc=bcc,
            reply_to=list(params.get("ReplyToAddresses", ())),
            return_path=params.get("ReturnPath"),
            content=content,
            tags=tags,
            configuration_set=params.get("ConfigurationSetName"),
            source_arn=params.get("SourceArn"),
            return_path_arn=params.get("ReturnPathArn"),
        ),
    )
    return {"MessageId": sent.message_id}


@operation(API, "SendRawEmail")
def send_raw_email(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Parses the raw MIME, checks every sending rule, records it and its events."""
    tags = tag_pairs(params.get("Tags"))  # SES checks message tags first
    data = params.get("RawMessage", {}).get("Data", b"")
    sent = accept(
        engine,
        Submission(
            api=API,
            operation="SendRawEmail",
            source=params.get("Source"),
            to=list(params.get("Destinations", ())),
            cc=[],
            bcc=[],
            content=parse_raw(
                data, allow_empty=bool(params.get("Source") and params.get("Destinations"))
            ),
            tags=tags,
            configuration_set=params.get("ConfigurationSetName"),
            raw=True,
            size=len(data),
            source_arn=params.get("SourceArn"),
            from_arn=params.get("FromArn"),
            return_path_arn=params.get("ReturnPathArn"),
        ),
    )
    return {"MessageId": sent.message_id}


def _templated(
    engine: Engine,
    params: Mapping[str, Any],
    operation_name: str,
    destination: Mapping[str, Any] | None,
    data: dict[str, Any],
    tags: list[tuple[str, str]],
) -> str:
    template = stored_template(engine, params.get("Template", ""))
    to, cc, bcc = destination_lists(destination)
    sent = accept(
        engine,
        Submission(
            api=API,
            operation=operation_name,
            source=params.get("Source"),
            to=to,
            cc=cc,
            bcc=bcc,
            reply_to=list(params.get("ReplyToAddresses", ())),
            return_path=params.get("ReturnPath"),
            template=template,
            template_data=data,
            tags=tags,
            configuration_set=params.get("ConfigurationSetName"),
            source_arn=params.get("SourceArn"),
            return_path_arn=params.get("ReturnPathArn"),
        ),
    )
    return sent.message_id


@operation(API, "SendTemplatedEmail")
def send_templated_email(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Renders the stored template at send time (a Rendering Failure event if it cannot) and sends
    it."""
    tags = tag_pairs(params.get("Tags"))  # SES checks message tags first
    stored_template(engine, params.get("Template", ""))  # then the template
    message_id = _templated(
        engine,
        params,
        "SendTemplatedEmail",
        params.get("Destination"),
        parse_template_data(params.get("TemplateData", "{}")),
        tags,
    )
    return {"MessageId": message_id}


@operation(API, "SendBulkTemplatedEmail")
def send_bulk_templated_email(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Sends one templated message per destination (at most 50), each checked and recorded on
    its own."""
    # Too many destinations, a missing template or a bad default refuses the whole call.
    check_bulk_destinations(len(params.get("Destinations") or ()), API)
    stored_template(engine, params.get("Template", ""))
    defaults = parse_template_data(params.get("DefaultTemplateData", "{}"))
    statuses: list[dict[str, Any]] = []
    for entry in params.get("Destinations", ()):
        try:
            # SES uses the default data only when an entry's replacement data is empty.
            data = parse_template_data(entry.get("ReplacementTemplateData") or "{}") or dict(
                defaults
            )
            tags = tag_pairs(entry.get("ReplacementTags") or params.get("DefaultTags"))
            message_id = _templated(
                engine, params, "SendBulkTemplatedEmail", entry.get("Destination"), data, tags
            )
        except SesError as error:
            engine.record_refused(API, "SendBulkTemplatedEmail", error, entry)
            status = _BULK_STATUS.get(error.kind.v1_code, "Failed")
            statuses.append({"Status": status, "Error": error.message})
        else:
            statuses.append({"Status": "Success", "MessageId": message_id})
    return {"Status": statuses}
