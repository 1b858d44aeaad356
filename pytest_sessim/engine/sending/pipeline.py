"""The send pipeline: validate, accept, record the message and its Send event."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import SesError, invalid_parameter
from ..events.payloads import MailFacts
from ..mail.addresses import parse_address_list, parse_mailbox, simulator_local_part
from ..mail.mime import MessageContent
from ..mail.scanning import carries_virus
from ..records import SentMessage
from ..templates.template import RenderError, TemplateContent
from . import quotas as limits, rules

if TYPE_CHECKING:
    from ..service import Engine

CONFIGURATION_SET_HEADER = "X-SES-CONFIGURATION-SET"
MESSAGE_TAGS_HEADER = "X-SES-MESSAGE-TAGS"


@dataclass
class Submission:
    """One message as a send operation asks for it, before SES's checks."""

    api: str
    operation: str
    source: str | None
    to: list[str]
    cc: list[str]
    bcc: list[str]
    reply_to: list[str] = field(default_factory=list)
    return_path: str | None = None
    content: MessageContent | None = None
    template: TemplateContent | None = None
    template_data: dict[str, Any] | None = None
    tags: list[tuple[str, str]] | None = None
    configuration_set: str | None = None
    raw: bool = False
    size: int = 0
    # who sent it (``mail.callerIdentity``); None means the account's default caller
    caller_identity: str | None = None

    def envelope(self) -> list[str]:
        """Every envelope recipient, as given (SES's ``mail.destination``)."""
        return [*self.to, *self.cc, *self.bcc]


def _tags_from_header(value: str) -> list[tuple[str, str]]:
    tags: list[tuple[str, str]] = []
    for item in value.split(","):
        name, sep, tag_value = item.strip().partition("=")
        if sep and name.strip():
            tags.append((name.strip(), tag_value.strip()))
    return tags


def _envelope_from_headers(submission: Submission, content: MessageContent) -> None:
    """Raw sends without Destinations take recipients from To, Cc and Bcc."""
    if not (submission.to or submission.cc or submission.bcc):
        for header, target in (
            ("to", submission.to),
            ("cc", submission.cc),
            ("bcc", submission.bcc),
        ):
            for value in content.header_values(header):
                target.extend(box.display for box in parse_address_list(value))
    if submission.source is None:
        from_header = content.header("From")
        if from_header is None:
            raise invalid_parameter("Missing required header 'From'.")
        submission.source = from_header


def accept(engine: Engine, submission: Submission) -> SentMessage:
    """Apply SES's rules; on success record the message and produce its events."""
    from ..service import Accepted

    content = submission.content
    if submission.raw:
        assert content is not None
        rules.check_message_size(submission.size, submission.api)
        _envelope_from_headers(submission, content)
    if submission.source is None:
        raise invalid_parameter("Missing required header 'From'.")
    source_box = parse_mailbox(submission.source)
    recipients = rules.check_addresses([*submission.to, *submission.cc, *submission.bcc])
    rules.check_addresses(submission.reply_to)
    rules.check_recipient_count(len(recipients))
    senders = [source_box]
    if submission.return_path:
        senders.append(parse_mailbox(submission.return_path))
    header_from = [source_box]  # simple sends write the Source into From
    if content is not None and submission.raw:
        from_header = content.header("From")
        header_from = parse_address_list(from_header) if from_header is not None else []
        senders.extend(header_from)
    set_name = submission.configuration_set
    if set_name is None and content is not None:
        set_name = content.header(CONFIGURATION_SET_HEADER)
    configuration_set = rules.check_configuration_set(engine.account, set_name)
    limits.check_sending_enabled(engine.account, configuration_set)
    identity = rules.check_verified(engine.account, senders, recipients)
    if content is not None and not submission.raw:
        rules.check_simple_size(content, submission.api)
    now = engine.clock.now()
    counted = sum(1 for box in recipients if simulator_local_part(box.address) is None)
    limits.check_quota(engine.account, now, len(recipients), counted)

    message_id = engine.ids.ses_id(now)
    render_error: RenderError | None = None
    if submission.template is not None:
        try:
            content = engine.compose_template(submission, submission.template)
        except RenderError as error:
            render_error = error
    tags = _message_tags(submission, content)
    facts = MailFacts(
        timestamp=now,
        message_id=message_id,
        source=submission.source,
        source_arn=engine.account.arn(f"identity/{identity}"),
        source_ip=engine.source_ip,
        caller_identity=submission.caller_identity or engine.settings.caller_identity,
        account_id=engine.account.account_id,
        destination=submission.envelope(),
        headers=content.headers if content is not None else [],
        tags=_auto_tags(
            engine,
            submission,
            configuration_set.name if configuration_set else None,
            source_box.domain,
            tags,
        ),
    )
    from_ = [box.display for box in header_from]
    message = _sent_message(submission, content, message_id, now, tags, set_name, from_)
    outcome = Accepted(configuration_set, render_error, carries_virus(content))
    engine.record_accepted(message, facts, recipients, outcome)
    return message


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
    from_domain: str,
    tags: list[tuple[str, str]],
) -> dict[str, list[str]]:
    auto: dict[str, list[str]] = {"ses:operation": [submission.operation]}
    if configuration_set is not None:
        auto["ses:configuration-set"] = [configuration_set]
    auto["ses:source-ip"] = [engine.source_ip]
    auto["ses:from-domain"] = [from_domain.lower()]
    auto["ses:caller-identity"] = [submission.caller_identity or engine.settings.caller_identity]
    for name, value in tags:
        auto.setdefault(name, []).append(value)
    return auto


def _header_addresses(content: MessageContent, name: str) -> list[str]:
    return [
        box.display for value in content.header_values(name) for box in parse_address_list(value)
    ]


def _sent_message(
    submission: Submission,
    content: MessageContent | None,
    message_id: str,
    now: Any,
    tags: list[tuple[str, str]],
    configuration_set: str | None,
    from_: list[str],
) -> SentMessage:
    to, cc, bcc = submission.to, submission.cc, submission.bcc
    if submission.raw and content is not None:
        to, cc = _header_addresses(content, "To"), _header_addresses(content, "Cc")
        shown = {box.address.lower() for box in parse_address_list(", ".join([*to, *cc]))}
        bcc = [
            address
            for address in submission.envelope()
            if parse_mailbox(address).address.lower() not in shown
        ]
    return SentMessage(
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


__all__ = ["SesError", "Submission", "accept"]
