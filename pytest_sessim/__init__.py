"""pytest-sessim: a stand-in for Amazon SES in test suites."""

from .doors.botocore_install import install as _install
from .engine.outcomes import Outcome, Script, simulator_address
from .engine.records import Attachment, RefusedRequest, SentMessage, SesEvent
from .simulator import SesSim

__all__ = [
    "Attachment",
    "Outcome",
    "RefusedRequest",
    "Script",
    "SentMessage",
    "SesEvent",
    "SesSim",
    "simulator_address",
]

# Cheap (botocore is not imported): clients created after this import are covered.
_install()
