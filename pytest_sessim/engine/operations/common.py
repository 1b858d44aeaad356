"""Pieces several operations share: paging (from :mod:`.paging`), template and identity
look-ups."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ErrorKind, SesError
from ..limits import MAX_TEMPLATES, check_room, check_template_size
from ..names import check_message_tags, check_template_name
from ..templates.template import TemplateContent, check_template_syntax
from .paging import listing as listing, page as page  # re-exported for the operations

if TYPE_CHECKING:
    from ..account.state import ConfigurationSet
    from ..service import Engine

# the names of a template's parts in each API
V1_TEMPLATE_PARTS = ("SubjectPart", "TextPart", "HtmlPart")
V2_TEMPLATE_PARTS = ("Subject", "Text", "Html")


def template_from(
    name: str, parts: Mapping[str, Any], keys: tuple[str, str, str]
) -> TemplateContent:
    subject, text, html = (parts.get(key) for key in keys)
    return TemplateContent(name=name, subject=subject, text=text, html=html)


def template_parts(content: TemplateContent, keys: tuple[str, str, str]) -> dict[str, str]:
    values = (content.subject, content.text, content.html)
    return {key: value for key, value in zip(keys, values, strict=True) if value is not None}


def stored_template(engine: Engine, name: str) -> TemplateContent:
    stored = engine.account.templates.get(name)
    if stored is None:
        raise SesError(ErrorKind.TEMPLATE_NOT_FOUND, f"Template {name} does not exist.")
    return stored.content


def save_template(engine: Engine, content: TemplateContent, *, create: bool) -> None:
    from ..account.state import StoredTemplate

    templates = engine.account.templates
    if create and content.name in templates:
        raise SesError(ErrorKind.ALREADY_EXISTS, f"Template {content.name} already exists.")
    if not create and content.name not in templates:
        raise SesError(ErrorKind.TEMPLATE_NOT_FOUND, f"Template {content.name} does not exist.")
    if create:
        check_template_name(content.name)
    check_template_size(content.subject, content.text, content.html)
    check_template_syntax(content)
    if create:
        check_room(templates, MAX_TEMPLATES, "templates")
    created = templates[content.name].created if content.name in templates else engine.clock.now()
    templates[content.name] = StoredTemplate(content, created)


def delete_template(engine: Engine, name: str) -> None:
    if engine.account.templates.pop(name, None) is None:
        raise SesError(ErrorKind.TEMPLATE_NOT_FOUND, f"Template {name} does not exist.")


def tag_pairs(tags: Sequence[Mapping[str, str]] | None) -> list[tuple[str, str]]:
    """A send's message tags, checked as SES checks them."""
    pairs = [(tag.get("Name") or "", tag.get("Value") or "") for tag in tags or ()]
    check_message_tags(pairs)
    return pairs


def destination_lists(
    destination: Mapping[str, Any] | None,
) -> tuple[list[str], list[str], list[str]]:
    destination = destination or {}
    return (
        list(destination.get("ToAddresses", ())),
        list(destination.get("CcAddresses", ())),
        list(destination.get("BccAddresses", ())),
    )


def quota(engine: Engine) -> dict[str, Any]:
    account = engine.account
    return {
        "Max24HourSend": account.max_24_hour_send,
        "MaxSendRate": account.max_send_rate,
        "SentLast24Hours": float(account.sent_last_24_hours(engine.clock.now())),
    }


def find_configuration_set(engine: Engine, name: str) -> ConfigurationSet:
    """The set named ``name`` in the request's Region (the name checked as SES does)."""
    from ..account.configuration_sets import check_configuration_set_name

    check_configuration_set_name(name)
    found = engine.account.configuration_sets.get(name)
    if found is None:
        raise SesError(
            ErrorKind.CONFIGURATION_SET_NOT_FOUND, f"Configuration set <{name}> does not exist."
        )
    return found
