"""SESv2 insights from the record: a message's insights and an address's validation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import ErrorKind, SesError, invalid_parameter
from ..insights.addresses import mailbox_validation
from ..insights.messages import insights
from ..lists.checks import model_violation
from ..mail.addresses import parse_mailbox
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"


@operation(API, "GetMessageInsights")
def get_message_insights(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns a message's sender, subject, tags and each recipient's ISP and events, from
    the record of the Region that sent it."""
    message_id = str(params.get("MessageId") or "")
    region = engine.account.region
    found = next(
        (m for m in engine.outbox if m.message_id == message_id and m.region == region), None
    )
    if found is None:
        raise SesError(ErrorKind.NOT_FOUND, f"Message with id: {message_id} doesn't exist.")
    return insights(found, engine.events)


@operation(API, "GetEmailAddressInsights")
def get_email_address_insights(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Judges the address without any lookup: syntax by SES's rules, DNS by its domain,
    the mailbox by the outcome the test routed it to, role/disposable/random by lists."""
    address = params.get("EmailAddress")
    if address is None:
        raise model_violation("emailAddress", "Member must not be null")
    if not str(address).strip():
        raise invalid_parameter("EmailAddress can't be blank.")
    try:
        bare = parse_mailbox(str(address)).address
    except SesError:
        bare = str(address)
    return {"MailboxValidation": mailbox_validation(str(address), engine.router.resolve(bare))}
