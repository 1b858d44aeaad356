"""What happens to one recipient after SES accepts a message.

An outcome is a script of steps (deliver, bounce, complain ...). The mailbox
simulator addresses map to the scripts the 2022 captures show; tests can give any
address any script through routes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from enum import Enum

from ..mail.addresses import SIMULATOR_DOMAIN

SIMULATOR_USER_AGENT = "Amazon SES Mailbox Simulator"
GLOBAL_SUPPRESSION_DIAGNOSTIC = (
    "Amazon SES has suppressed sending to this address because it has a recent history of "
    "bouncing as an invalid address. For more information about how to remove an address "
    "from the suppression list, see the Amazon SES Developer Guide: "
    "http://docs.aws.amazon.com/ses/latest/DeveloperGuide/remove-from-suppressionlist.html "
)
ACCOUNT_SUPPRESSION_DIAGNOSTIC = (
    "Amazon SES did not send the message to this address because it is on the suppression "
    "list for your account. For more information about removing addresses from the "
    "suppression list, see the Amazon SES Developer Guide at "
    "https://docs.aws.amazon.com/ses/latest/DeveloperGuide/sending-email-suppression-list.html"
)


@dataclass(frozen=True)
class Deliver:
    """The recipient's server accepts the message; ``tls=False``: over a plain connection
    (its server offers no STARTTLS), which a configuration set requiring TLS refuses."""

    smtp_response: str = "250 2.6.0 Message received"
    tls: bool = True


@dataclass(frozen=True)
class Bounce:
    """A bounce. ``diagnostic`` may hold ``{address}``, replaced by the address as sent.

    ``status``/``action``/``diagnostic`` of None leave the key out, as SES does for a
    bounce without a DSN. ``reporting_mta`` is "smtp-out" (an SES outbound host,
    prefixed "dns; "), "amazonses" ("dns; amazonses.com", for suppressions) or None.
    """

    bounce_type: str
    subtype: str
    status: str | None = None
    diagnostic: str | None = None
    action: str | None = "failed"
    reporting_mta: str | None = "smtp-out"
    remote_mta_ip: bool = True


@dataclass(frozen=True)
class Complain:
    """The recipient marks the message as spam (after it was delivered)."""

    feedback_type: str = "abuse"
    user_agent: str = SIMULATOR_USER_AGENT
    subtype: str | None = None


@dataclass(frozen=True)
class Delay:
    """SES cannot deliver yet and keeps retrying for ``retry_for``; meanwhile it
    publishes DeliveryDelay events. The next step happens when the time is up.
    ``expires_after`` is how long SES would retry at most (``expirationTime``)."""

    delay_type: str = "TransientCommunicationFailure"
    status: str = "4.4.1"
    diagnostic: str = "smtp; 421 4.4.1 Unable to connect to remote host"
    retry_for: timedelta = timedelta(hours=1)
    expires_after: timedelta | None = None


@dataclass(frozen=True)
class Open:
    """The recipient opens the message ``after`` its delivery."""

    after: timedelta = timedelta(0)
    user_agent: str | None = None
    ip_address: str | None = None


@dataclass(frozen=True)
class Click:
    """The recipient clicks ``link`` ``after`` its delivery."""

    link: str = "https://example.com/"
    link_tags: dict[str, list[str]] = field(default_factory=dict)
    after: timedelta = timedelta(0)
    user_agent: str | None = None
    ip_address: str | None = None

    def __hash__(self) -> int:
        return hash((self.link, tuple(sorted(self.link_tags)), self.after))


Step = Deliver | Bounce | Complain | Delay | Open | Click


@dataclass(frozen=True)
class Script:
    """The steps one recipient goes through, in order, and a name for reports.

    Scripts compose: ``delivered() + opened() + clicked(link)``.
    """

    name: str
    steps: tuple[Step, ...]

    def __str__(self) -> str:
        return self.name

    def __add__(self, other: Script) -> Script:
        if not isinstance(other, Script):
            return NotImplemented
        return Script(f"{self.name} + {other.name}", self.steps + other.steps)


_SIMULATOR_BOUNCE = Bounce("Permanent", "General", "5.1.1", "smtp; 550 5.1.1 user unknown")
_SUPPRESSIONLIST_BOUNCE = Bounce(
    "Permanent",
    "General",
    "5.1.1",
    "smtp; 550 5.1.1 user unknown ( blacklisted address: {address} )",
)
_OOTO_BOUNCE = Bounce("Transient", "General", None, None, None, None, remote_mta_ip=False)


class Outcome(Enum):
    """The mailbox simulator's scenarios, as the 2022 captures show them."""

    SUCCESS = "success"
    BOUNCE = "bounce"
    OOTO = "ooto"
    COMPLAINT = "complaint"
    SUPPRESSIONLIST = "suppressionlist"

    @property
    def address(self) -> str:
        return f"{self.value}@{SIMULATOR_DOMAIN}"

    @property
    def script(self) -> Script:
        return _SIMULATOR_SCRIPTS[self.value]

    def __str__(self) -> str:
        return self.value


_SIMULATOR_SCRIPTS = {
    "success": Script("success", (Deliver(),)),
    "bounce": Script("bounce", (_SIMULATOR_BOUNCE,)),
    "ooto": Script("ooto", (Deliver(), _OOTO_BOUNCE)),
    "complaint": Script("complaint", (Deliver(), Complain())),
    "suppressionlist": Script("suppressionlist", (_SUPPRESSIONLIST_BOUNCE,)),
}

DELIVERED = Script("delivered", (Deliver(),))
# Any other local part at the simulator domain: SES puts it on the global suppression list.
UNLISTED_SIMULATOR = Script(
    "unlisted simulator address",
    (
        Bounce(
            "Permanent",
            "Suppressed",
            "5.1.1",
            GLOBAL_SUPPRESSION_DIAGNOSTIC,
            reporting_mta="amazonses",
            remote_mta_ip=False,
        ),
    ),
)


ON_ACCOUNT_SUPPRESSION_LIST = Script(
    "on the account's suppression list",
    (
        Bounce(
            "Permanent",
            "OnAccountSuppressionList",
            "5.1.1",
            ACCOUNT_SUPPRESSION_DIAGNOSTIC,
            reporting_mta="amazonses",
            remote_mta_ip=False,
        ),
    ),
)


def simulator_address(outcome: Outcome, label: str | None = None) -> str:
    """The simulator address for ``outcome``, optionally with a ``+label``."""
    if label is None:
        return outcome.address
    if not label or any(ch in label for ch in '@+ \t\r\n<>,;"'):
        raise ValueError(f"not a usable address label: {label!r}")
    return f"{outcome.value}+{label}@{SIMULATOR_DOMAIN}"


def simulator_script(local_part: str) -> Script:
    """The script for a (normalised) local part at the simulator domain."""
    return _SIMULATOR_SCRIPTS.get(local_part, UNLISTED_SIMULATOR)
