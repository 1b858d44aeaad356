"""pytest-sessim: a stand-in for Amazon SES in test suites."""

from typing import TYPE_CHECKING, Any

from .doors.botocore_install import install as _install
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
from .simulator import SesSim
from .sinks.records import DeliveryAttempt, Publication

if TYPE_CHECKING:
    from .faker_provider import SesSimulatorProvider

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
    # imported on first use: importing Faker takes longer than the rest of the package
    if name == "SesSimulatorProvider":
        from .faker_provider import SesSimulatorProvider

        return SesSimulatorProvider
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Cheap (botocore is not imported): clients created after this import are covered.
_install()
