"""The send pipeline: check (in SES's order, see the package's docstring), accept, and
record the message with its Send event."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..events.payloads import MailFacts
from ..mail.addresses import Mailbox, parse_address_list, parse_mailbox, simulator_local_part
from ..mail.mime import MessageContent
from ..mail.scanning import carries_virus
from ..mail.tracking import tracking_for
from ..records import SentMessage
from ..templates.template import RenderError
from . import recipients as recipients_rule, size
from .authorization import check_authorized
from .configuration_set import CONFIGURATION_SET_HEADER, check_configuration_set
from .default_configuration_set import default_configuration_set
from .endpoints import through_endpoint
from .list_management import add_links, admit, check_list_management, linked, with_placeholder
from .mail_from import check_mail_from
from .quotas import check_quota
from .submission import Submission
from .switches import check_sending_enabled
from .tenancy import check_tenant
from .verification import Sender, check_verified

if TYPE_CHECKING:
    from ..service import Engine

MESSAGE_TAGS_HEADER = "X-SES-MESSAGE-TAGS"
SOURCE_ARN_HEADER = "X-SES-SOURCE-ARN"
FROM_ARN_HEADER = "X-SES-FROM-ARN"
RETURN_PATH_ARN_HEADER = "X-SES-RETURN-PATH-ARN"


def _tags_from_header(value: str) -> list[tuple[str, str]]:
    tags: list[tuple[str, str]] = []
    for item in value.split(","):
        name, sep, tag_value = item.strip().partition("=")
        if sep and name.strip():
            tags.append((name.strip(), tag_value.strip()))
    return tags


def accept(engine: Engine, submission: Submission) -> SentMessage:
    """Apply SES's rules in SES's order; on success record the message and its events."""
    from ..service import Accepted

    if submission.endpoint_id is not None:
        return through_endpoint(engine, submission, accept)
    content = submission.content
    if submission.raw:
        assert content is not None
        size.check_message_size(submission.size, submission.api)
        recipients_rule.envelope_from_headers(submission)
    source_box = recipients_rule.check_sender(submission)
    recipients = recipients_rule.check_addresses(submission.envelope())
    recipients_rule.check_addresses(submission.reply_to)
    recipients_rule.check_recipient_count(len(recipients))
    account = engine.account
    source_arn, from_arn, return_path_arn = _identity_arns(submission, content)
    senders = [Sender(source_box, source_arn)]
    if submission.return_path:
        senders.append(Sender(parse_mailbox(submission.return_path), return_path_arn))
    header_from = [source_box]  # simple sends write the Source into From
    if content is not None and submission.raw:
        from_header = content.header("From")
        header_from = parse_address_list(from_header) if from_header is not None else []
        senders.extend(
            Sender(box, _from_arn(box, source_box, source_arn, from_arn)) for box in header_from
        )
    set_name = submission.configuration_set
    if set_name is None and content is not None:
        set_name = content.header(CONFIGURATION_SET_HEADER)
    configuration_set = check_configuration_set(account, set_name)
    list_send = check_list_management(account, submission, content)
    check_sending_enabled(account, configuration_set)
    identities = check_verified(account, senders, recipients)
    sending = identities[0][1]
    check_authorized(
        submission,
        identities,
        account_id=account.account_id,
        caller_identity=submission.caller_identity or engine.settings.caller_identity,
        header_from=header_from,
        recipients=recipients,
        source_ip=engine.source_ip,
        now=engine.clock.now(),
    )
    if set_name is None:
        configuration_set = default_configuration_set(account, sending.identity)
        if configuration_set is not None:
            set_name = configuration_set.name
            check_sending_enabled(account, configuration_set)
    tenant = check_tenant(
        account, submission.tenant, sending.identity.name, configuration_set, submission.template
    )
    check_mail_from(account, sending.identity)
    if content is not None and not submission.raw:
        size.check_simple_size(content, submission.api)
    now = engine.clock.now()
    counted = sum(1 for box in recipients if simulator_local_part(box.address) is None)
    check_quota(engine.account, now, len(recipients), counted)

    message_id = engine.ids.ses_id(now, engine.account.region)
    render_error: RenderError | None = None
    if submission.template is not None:
        try:
            rendering = (
                with_placeholder(submission) if linked(list_send, recipients) else submission
            )
            content = engine.compose_template(rendering, submission.template)
        except RenderError as error:
            render_error = error
    tags = _message_tags(submission, content)
    facts = MailFacts(
        region=engine.account.region,
        timestamp=now,
        message_id=message_id,
        source=submission.source or "",
        source_arn=sending.arn,
        source_ip=engine.source_ip,
        caller_identity=submission.caller_identity or engine.settings.caller_identity,
        account_id=engine.account.account_id,
        destination=submission.envelope(),
        headers=content.headers if content is not None else [],
        tags=_auto_tags(
            engine,
            submission,
            configuration_set.name if configuration_set else None,
            header_from[0].domain if header_from else None,
            tags,
        ),
        send_headers=_template_headers(submission) if submission.template else None,
    )
    unsubscribed: frozenset[str] = frozenset()
    if list_send is not None:
        unsubscribed = admit(engine, list_send, recipients)
        if content is not None and linked(list_send, recipients):
            content = add_links(engine, list_send, recipients[0], message_id, content)
    from_ = [box.display for box in header_from]
    fields = _sent_message_fields(
        submission, content, message_id, now, tags, set_name, from_, engine.account.region
    )
    message = SentMessage(
        **fields,
        tenant=tenant,
        archive_arn=configuration_set.options.archive_arn if configuration_set else None,
        tracking=tracking_for(configuration_set, engine.account.region),
    )
    outcome = Accepted(configuration_set, render_error, carries_virus(content), unsubscribed)
    engine.record_accepted(message, facts, recipients, outcome)
    return message


def _identity_arns(
    submission: Submission, content: MessageContent | None
) -> tuple[str | None, str | None, str | None]:
    """The identity ARNs of Source, From and Return-Path: the API's, else (raw) the
    ``X-SES-SOURCE-ARN``, ``X-SES-FROM-ARN`` and ``X-SES-RETURN-PATH-ARN`` headers."""
    given = [submission.source_arn, submission.from_arn, submission.return_path_arn]
    if content is not None and submission.raw:
        headers = (SOURCE_ARN_HEADER, FROM_ARN_HEADER, RETURN_PATH_ARN_HEADER)
        given = [arn or content.header(header) for arn, header in zip(given, headers, strict=True)]
    source_arn, from_arn, return_path_arn = given
    return source_arn, from_arn, return_path_arn


def _from_arn(
    box: Mailbox, source_box: Mailbox, source_arn: str | None, from_arn: str | None
) -> str | None:
    """A From address sends as FromArn's identity, or as Source's when it is the Source."""
    if from_arn is not None:
        return from_arn
    return source_arn if box.address.lower() == source_box.address.lower() else None


def _message_tags(submission: Submission, content: MessageContent | None) -> list[tuple[str, str]]:
    """API tags win; without them SES reads X-SES-MESSAGE-TAGS."""
    if submission.tags:
        return submission.tags
    if content is not None:
        header = content.header(MESSAGE_TAGS_HEADER)
        if header:
            return _tags_from_header(header)
    return []


def _auto_tags(
    engine: Engine,
    submission: Submission,
    configuration_set: str | None,
    from_domain: str | None,
    tags: list[tuple[str, str]],
) -> dict[str, list[str]]:
    auto: dict[str, list[str]] = {"ses:operation": [submission.operation]}
    if configuration_set is not None:
        auto["ses:configuration-set"] = [configuration_set]
    auto["ses:source-ip"] = [engine.source_ip]
    if from_domain is not None:  # from the From header: a raw message may have none
        auto["ses:from-domain"] = [from_domain.lower()]
    auto["ses:caller-identity"] = [submission.caller_identity or engine.settings.caller_identity]
    for name, value in tags:
        auto.setdefault(name, []).append(value)
    return auto


def _template_headers(submission: Submission) -> list[tuple[str, str]]:
    """What a templated message's headers are before SES renders it."""
    headers = [("From", submission.source or "")]
    for name, values in (("Reply-To", submission.reply_to), ("To", submission.to)):
        if values:
            headers.append((name, ", ".join(values)))
    if submission.cc:
        headers.append(("Cc", ", ".join(submission.cc)))
    headers.append(("MIME-Version", "1.0"))
    return headers


def _header_addresses(content: MessageContent, name: str) -> list[str]:
    return [
        box.display for value in content.header_values(name) for box in parse_address_list(value)
    ]


def _sent_message_fields(
    submission: Submission,
    content: MessageContent | None,
    message_id: str,
    now: Any,
    tags: list[tuple[str, str]],
    configuration_set: str | None,
    from_: list[str],
    region: str,
) -> dict[str, Any]:
    """The record's fields but those only some sends have (tenant, archive, tracking)."""
    to, cc, bcc = submission.to, submission.cc, submission.bcc
    if submission.raw and content is not None:
        to, cc = _header_addresses(content, "To"), _header_addresses(content, "Cc")
        shown = {box.address.lower() for box in parse_address_list(", ".join([*to, *cc]))}
        bcc = [
            address
            for address in submission.envelope()
            if parse_mailbox(address).address.lower() not in shown
        ]
    return dict(
        region=region,
        message_id=message_id,
        operation=submission.operation,
        api=submission.api,
        timestamp=now,
        source=submission.source or "",
        from_=from_,
        to=list(to),
        cc=list(cc),
        bcc=list(bcc),
        destinations=submission.envelope(),
        reply_to=(
            _header_addresses(content, "Reply-To")
            if submission.raw and content is not None
            else list(submission.reply_to)
        ),
        return_path=submission.return_path,
        subject=content.subject if content is not None else None,
        text=content.text if content is not None else None,
        html=content.html if content is not None else None,
        attachments=list(content.attachments) if content is not None else [],
        headers=list(content.headers) if content is not None else [],
        tags=dict(tags),
        configuration_set=configuration_set,
        template=submission.template.name if submission.template else None,
        template_data=submission.template_data,
        _content=content,
    )


__all__ = ["Submission", "accept"]
