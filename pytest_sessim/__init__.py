"""pytest-sessim: a stand-in for Amazon SES in test suites."""

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
from .engine.outcomes import Outcome, Script, simulator_address
from .engine.records import Attachment, RefusedRequest, SentMessage, SesEvent
from .simulator import SesSim

__all__ = [
    "COMPLAINT_FEEDBACK_TYPES",
    "DELAY_TYPES",
    "HARD_BOUNCE_SUBTYPES",
    "SOFT_BOUNCE_SUBTYPES",
    "Attachment",
    "Outcome",
    "RefusedRequest",
    "Script",
    "SentMessage",
    "SesEvent",
    "SesSim",
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

# Cheap (botocore is not imported): clients created after this import are covered.
_install()
