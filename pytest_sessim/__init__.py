"""pytest-sessim: a stand-in for Amazon SES in test suites."""

from typing import TYPE_CHECKING, Any

from . import _active as _active  # the shared record of active simulators, loaded once
from .doors.botocore_install import install as _install

if TYPE_CHECKING:
    from .engine.catalog import (
        COMPLAINT_FEEDBACK_TYPES,
        DELAY_TYPES,
        HARD_BOUNCE_SUBTYPES,
        SOFT_BOUNCE_SUBTYPES,
        clicked,
        complaint,
        delayed,
        delivered,
        every_bounce,
        hard_bounce,
        opened,
        soft_bounce,
        undetermined_bounce,
    )
    from .engine.feedback import FeedbackEmail
    from .engine.outcomes import Outcome, Script, simulator_address
    from .engine.records import Attachment, RefusedRequest, SentMessage, SesEvent
    from .faker_provider import SesSimulatorProvider
    from .simulator import SesSim
    from .sinks.records import DeliveryAttempt, Publication

# The public names are imported on first use, so that loading the pytest plugin costs
# next to nothing in a run where no test uses it.
_HOMES = {
    **dict.fromkeys(
        (
            "COMPLAINT_FEEDBACK_TYPES",
            "DELAY_TYPES",
            "HARD_BOUNCE_SUBTYPES",
            "SOFT_BOUNCE_SUBTYPES",
            "clicked",
            "complaint",
            "delayed",
            "delivered",
            "every_bounce",
            "hard_bounce",
            "opened",
            "soft_bounce",
            "undetermined_bounce",
        ),
        "engine.catalog",
    ),
    "FeedbackEmail": "engine.feedback",
    "Outcome": "engine.outcomes",
    "Script": "engine.outcomes",
    "simulator_address": "engine.outcomes",
    "Attachment": "engine.records",
    "RefusedRequest": "engine.records",
    "SentMessage": "engine.records",
    "SesEvent": "engine.records",
    "SesSimulatorProvider": "faker_provider",
    "SesSim": "simulator",
    "DeliveryAttempt": "sinks.records",
    "Publication": "sinks.records",
}

__all__ = [
    "COMPLAINT_FEEDBACK_TYPES",
    "DELAY_TYPES",
    "HARD_BOUNCE_SUBTYPES",
    "SOFT_BOUNCE_SUBTYPES",
    "Attachment",
    "DeliveryAttempt",
    "FeedbackEmail",
    "Outcome",
    "Publication",
    "RefusedRequest",
    "Script",
    "SentMessage",
    "SesEvent",
    "SesSim",
    "SesSimulatorProvider",
    "clicked",
    "complaint",
    "delayed",
    "delivered",
    "every_bounce",
    "hard_bounce",
    "opened",
    "simulator_address",
    "soft_bounce",
    "undetermined_bounce",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    # not cached here: pytester's inline runs drop modules first imported inside them
    return getattr(import_module(f"{__name__}.{home}"), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])


# Cheap (botocore is not imported): clients created after this import are covered.
_install()
