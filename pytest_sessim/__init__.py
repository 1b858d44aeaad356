"""pytest-sessim: a stand-in for Amazon SES in test suites."""

from functools import cache
from typing import TYPE_CHECKING, Any

from .doors.botocore_hooks import install as _install

if TYPE_CHECKING:
    from .engine.mail.attachments import Attachment as Attachment
    from .engine.outcomes.catalog import (
        COMPLAINT_FEEDBACK_TYPES as COMPLAINT_FEEDBACK_TYPES,
        DELAY_TYPES as DELAY_TYPES,
        HARD_BOUNCE_SUBTYPES as HARD_BOUNCE_SUBTYPES,
        SOFT_BOUNCE_SUBTYPES as SOFT_BOUNCE_SUBTYPES,
        clicked as clicked,
        complaint as complaint,
        delayed as delayed,
        delivered as delivered,
        every_bounce as every_bounce,
        hard_bounce as hard_bounce,
        opened as opened,
        soft_bounce as soft_bounce,
        undetermined_bounce as undetermined_bounce,
    )
    from .engine.outcomes.scripts import (
        Outcome as Outcome,
        Script as Script,
        simulator_address as simulator_address,
    )
    from .engine.publishing.feedback_email import FeedbackEmail as FeedbackEmail
    from .engine.receiving.records import (
        PerformedAction as PerformedAction,
        ReceivedMail as ReceivedMail,
    )
    from .engine.records import (
        RefusedRequest as RefusedRequest,
        SentMessage as SentMessage,
        SesEvent as SesEvent,
    )
    from .faker_provider import SesSimulatorProvider as SesSimulatorProvider
    from .simulator import SesSim as SesSim
    from .sinks.sns_records import DeliveryAttempt as DeliveryAttempt, Publication as Publication

# The public names are imported on first use, so that loading the pytest plugin costs
# next to nothing in a run where no test uses it. The ``TYPE_CHECKING`` block above is
# their one listing: type checkers read it, and ``_homes`` reads it at the first lookup.


@cache
def _homes() -> dict[str, str]:
    """Public name -> the submodule it lives in, read from this file's import block."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If))
    return {
        alias.name: str(node.module)
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def __getattr__(name: str) -> Any:
    if name == "__all__":
        return sorted(_homes())
    home = _homes().get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    # not cached here: pytester's inline runs drop modules first imported inside them
    return getattr(import_module(f"{__name__}.{home}"), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_homes()])


# Cheap (botocore is not imported): clients created after this import are covered.
_install()
