"""What a configuration set's delivery options do to a recipient's outcome.

* ``MaxDeliverySeconds``: SES stops retrying a message it could not deliver within
  the window and reports a Transient bounce ("Message expired"); DeliveryDelay
  events stop at the window's end and their ``expirationTime`` is the window's end.
* ``TlsPolicy`` REQUIRE: a recipient whose server offers no TLS (``delivered(tls=False)``)
  is never delivered to: SES retries until the window (MaxDeliverySeconds, else
  SES's retry window) closes, then bounces.
* ``SendingPoolName``: the Delivery events' ``ses:outgoing-ip`` tag is one of the
  pool's dedicated IPs (or of the default pool's, without a pool); without dedicated
  IPs the message leaves from SES's shared IPs.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from .catalog import DEFAULT_RETRY_WINDOW
from .scripts import Bounce, Delay, Deliver, Script, Step

if TYPE_CHECKING:
    from ..account.state import Account, ConfigurationSet

TLS_DELAY = Delay(
    "TransientCommunicationFailure",
    "4.7.0",
    "smtp; 421 4.7.0 TLS is required, but was not offered by the recipient's server",
)


def _expired(delay: Delay, window: timedelta, then: Step | None) -> Bounce:
    """The bounce SES reports when the delivery window closes during ``delay``."""
    minutes = int(window.total_seconds() // 60)
    last = delay.diagnostic.removeprefix("smtp; ")
    transient = isinstance(then, Bounce) and then.bounce_type == "Transient"
    return Bounce(
        "Transient",
        then.subtype if isinstance(then, Bounce) and transient else "General",
        "4.4.7",
        f"smtp; 550 4.4.7 Message expired, unable to deliver in {minutes} minutes.<{last}>",
    )


def apply_delivery_options(script: Script, configuration_set: ConfigurationSet | None) -> Script:
    """``script`` as the set's TLS policy and delivery window shape it."""
    if configuration_set is None:
        return script
    options = configuration_set.options
    seconds = options.max_delivery_seconds
    window = timedelta(seconds=seconds) if seconds else None
    steps = list(script.steps)
    if options.tls_required:
        plain = next(
            (i for i, step in enumerate(steps) if isinstance(step, Deliver) and not step.tls),
            None,
        )
        if plain is not None:
            limit = window or DEFAULT_RETRY_WINDOW
            before = sum((s.retry_for for s in steps[:plain] if isinstance(s, Delay)), timedelta())
            left = max(limit - before, timedelta(0))
            delay = replace(TLS_DELAY, retry_for=left, expires_after=left)
            refused = (*steps[:plain], delay, _expired(delay, limit, None))
            return Script(f"{script.name} (TLS required)", refused)
    if window is None:
        return script
    return _within(script, steps, window)


def _within(script: Script, steps: list[Step], window: timedelta) -> Script:
    """Cut retries at the window's end: the message expires as a Transient bounce."""
    offset = timedelta(0)
    changed = False
    for index, step in enumerate(steps):
        if not isinstance(step, Delay):
            continue
        left = window - offset
        if step.retry_for <= left:
            if (step.expires_after or step.retry_for) > left:
                steps[index] = replace(step, expires_after=left)
                changed = True
            offset += step.retry_for
            continue
        then = steps[index + 1] if index + 1 < len(steps) else None
        cut = replace(step, retry_for=left, expires_after=left)
        steps[index:] = [cut, _expired(step, window, then)]
        return Script(f"{script.name} (expired after {window})", tuple(steps))
    return Script(script.name, tuple(steps)) if changed else script


def outgoing_ip(
    account: Account, configuration_set: ConfigurationSet | None, message_id: str
) -> str | None:
    """The dedicated IP the message leaves from, or None for SES's shared IPs."""
    pool = configuration_set.options.sending_pool if configuration_set is not None else None
    return account.infrastructure.dedicated_ips.outgoing_ip(pool, message_id)
