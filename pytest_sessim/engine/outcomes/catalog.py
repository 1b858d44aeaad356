"""Outcome constructors for routes: every documented bounce, complaint, delay, open and click.

The simulator only offers five scenarios; these give any address any outcome.
Status codes and diagnostics are representative SMTP texts for each subtype.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from datetime import timedelta

from ..durations import Duration, duration
from .scripts import (
    ACCOUNT_SUPPRESSION_DIAGNOSTIC,
    GLOBAL_SUPPRESSION_DIAGNOSTIC,
    Bounce,
    Click,
    Complain,
    Delay,
    Deliver,
    Open,
    Script,
)

# How long SES keeps retrying a soft bounce before giving up, unless a
# configuration set's MaxDeliverySeconds says otherwise (third parties report 12 h).
DEFAULT_RETRY_WINDOW = timedelta(hours=12)

# subtype -> (status, diagnosticCode, reportingMTA kind, remote MTA reached)
_HARD: dict[str, tuple[str | None, str | None, str | None, bool]] = {
    "General": ("5.1.1", "smtp; 550 5.1.1 user unknown", "smtp-out", True),
    "NoEmail": (
        "5.1.1",
        "smtp; 550 5.1.1 The email account that you tried to reach does not exist",
        "smtp-out",
        True,
    ),
    "Suppressed": ("5.1.1", GLOBAL_SUPPRESSION_DIAGNOSTIC, "amazonses", False),
    "OnAccountSuppressionList": ("5.1.1", ACCOUNT_SUPPRESSION_DIAGNOSTIC, "amazonses", False),
}
_SOFT: dict[str, tuple[str, str, str]] = {
    # subtype -> (status, diagnosticCode, DeliveryDelay delayType while retrying)
    "General": ("4.0.0", "smtp; 450 4.0.0 Temporary failure, try again later", "General"),
    "MailboxFull": ("4.2.2", "smtp; 452 4.2.2 Mailbox full", "MailboxFull"),
    "MessageTooLarge": (
        "5.3.4",
        "smtp; 552 5.3.4 Message size exceeds fixed maximum message size",
        "General",
    ),
    "ContentRejected": (
        "5.7.1",
        "smtp; 554 5.7.1 Message rejected due to content restrictions",
        "SpamDetected",
    ),
    "AttachmentRejected": ("5.7.1", "smtp; 554 5.7.1 Attachment type not allowed", "General"),
}
HARD_BOUNCE_SUBTYPES = tuple(_HARD)
SOFT_BOUNCE_SUBTYPES = tuple(_SOFT)
DELAY_TYPES = (
    "InternalFailure",
    "General",
    "MailboxFull",
    "SpamDetected",
    "RecipientServerError",
    "IPFailure",
    "TransientCommunicationFailure",
    "BYOIPHostNameLookupUnavailable",
    "Undetermined",
    "SendingDeferral",
)
COMPLAINT_FEEDBACK_TYPES = ("abuse", "auth-failure", "fraud", "not-spam", "other", "virus")


def _choice(kind: str, value: str, known: tuple[str, ...]) -> None:
    if not isinstance(value, str) or value not in known:
        raise ValueError(f"unknown {kind} {value!r}; SES documents {', '.join(known)}")


def _text(name: str, value: object, *, optional: bool = False) -> None:
    if optional and value is None:
        return
    if not isinstance(value, str) or not value:
        wanted = "a non-empty string" + (" or None" if optional else "")
        raise TypeError(f"{name} must be {wanted}, not {value!r}")


def _ip_address(value: object) -> None:
    _text("ip_address", value, optional=True)
    if isinstance(value, str):
        try:
            ipaddress.ip_address(value)
        except ValueError:
            raise ValueError(f"ip_address must be an IPv4 or IPv6 address, not {value!r}") from None


def _link_tags(value: object) -> dict[str, list[str]]:
    if value is None:
        return {}
    if isinstance(value, Mapping) and all(
        isinstance(key, str)
        and isinstance(tags, list | tuple)
        and all(isinstance(tag, str) for tag in tags)
        for key, tags in value.items()
    ):
        return {key: list(tags) for key, tags in value.items()}
    raise TypeError(f"link_tags must map names to lists of strings, not {value!r}")


def delivered(*, tls: bool = True) -> Script:
    """Delivered; ``tls=False``: the recipient's server offers no TLS, so a configuration
    set whose TLS policy is REQUIRE keeps retrying until its delivery window closes."""
    if not tls:
        return Script("delivered without TLS", (Deliver(tls=False),))
    return Script("delivered", (Deliver(),))


def hard_bounce(subtype: str = "General") -> Script:
    """A Permanent bounce of a documented subtype, reported right after the send."""
    _choice("hard bounce subtype", subtype, HARD_BOUNCE_SUBTYPES)
    status, diagnostic, reporting, remote = _HARD[subtype]
    step = Bounce("Permanent", subtype, status, diagnostic, "failed", reporting, remote)
    return Script(f"hard bounce {subtype}", (step,))


def undetermined_bounce() -> Script:
    step = Bounce("Undetermined", "Undetermined", None, None, None, None, remote_mta_ip=False)
    return Script("undetermined bounce", (step,))


def soft_bounce(subtype: str = "General", *, retry_for: Duration = DEFAULT_RETRY_WINDOW) -> Script:
    """SES retries for ``retry_for`` (DeliveryDelay events), then gives up with a
    Transient bounce of ``subtype``; advance the clock to see it. ``retry_for`` is a
    timedelta, seconds or text such as ``"2h"``."""
    _choice("soft bounce subtype", subtype, SOFT_BOUNCE_SUBTYPES)
    retry_for = duration(retry_for, "retry_for")
    status, diagnostic, delay_type = _SOFT[subtype]
    delay = Delay(delay_type, status, diagnostic, retry_for=retry_for, expires_after=retry_for)
    bounce = Bounce("Transient", subtype, status, diagnostic, "failed", "smtp-out", True)
    return Script(f"soft bounce {subtype}", (delay, bounce))


def delayed(
    delay_type: str = "TransientCommunicationFailure",
    *,
    then: Script | None = None,
    after: Duration = timedelta(hours=1),
    expires_after: Duration = DEFAULT_RETRY_WINDOW,
) -> Script:
    """DeliveryDelay events of ``delay_type`` for ``after``, then ``then`` (default:
    delivered). Durations are timedeltas, seconds or text such as ``"2h"``."""
    _choice("delay type", delay_type, DELAY_TYPES)
    if then is not None and not isinstance(then, Script):
        raise TypeError(f"then must be a script such as delivered() or None, not {then!r}")
    after = duration(after, "after")
    expires_after = duration(expires_after, "expires_after")
    following = then if then is not None else delivered()
    step = Delay(delay_type, retry_for=after, expires_after=expires_after)
    return Script(f"delayed {delay_type} then {following.name}", (step, *following.steps))


def complaint(
    feedback_type: str = "abuse",
    *,
    user_agent: str = "Mozilla/5.0 (compatible; FeedbackLoop/1.0)",
) -> Script:
    """Delivered, then marked as spam with a feedback report of ``feedback_type``."""
    _choice("complaint feedback type", feedback_type, COMPLAINT_FEEDBACK_TYPES)
    _text("user_agent", user_agent)
    return Script(f"complaint {feedback_type}", (Deliver(), Complain(feedback_type, user_agent)))


def opened(
    *, after: Duration = timedelta(0), user_agent: str | None = None, ip_address: str | None = None
) -> Script:
    """An Open (compose after ``delivered()``: ``delivered() + opened()``), ``after`` its
    delivery (a timedelta, seconds or text such as ``"10m"``)."""
    _text("user_agent", user_agent, optional=True)
    _ip_address(ip_address)
    return Script("opened", (Open(duration(after, "after"), user_agent, ip_address),))


def clicked(
    link: str = "https://example.com/",
    *,
    link_tags: dict[str, list[str]] | None = None,
    after: Duration = timedelta(0),
    user_agent: str | None = None,
    ip_address: str | None = None,
) -> Script:
    """A Click on ``link`` ``after`` the delivery (compose: ``delivered() + clicked(...)``)."""
    _text("link", link)
    _text("user_agent", user_agent, optional=True)
    _ip_address(ip_address)
    tags = _link_tags(link_tags)
    step = Click(link, tags, duration(after, "after"), user_agent, ip_address)
    return Script(f"clicked {link}", (step,))


def every_bounce() -> list[Script]:
    """One script per documented bounce subtype, hard and soft, for parametrizing."""
    return [
        *(hard_bounce(subtype) for subtype in HARD_BOUNCE_SUBTYPES),
        *(soft_bounce(subtype) for subtype in SOFT_BOUNCE_SUBTYPES),
        undetermined_bounce(),
    ]
