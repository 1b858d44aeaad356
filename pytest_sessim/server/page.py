"""``GET /_sessim/``: the captured messages as one HTML page, each with its rendered
HTML body in a sandboxed iframe (``srcdoc``: the page loads nothing else) and its
events. The page is drawn by the same renderer as ``--sessim-html``'s report, and redraws
itself when ``GET /_sessim/version`` says the record changed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..engine.records import SentMessage, SesEvent
from ..report import message_views, render_messages


def render(
    region: str,
    messages: list[SentMessage],
    events: list[SesEvent],
    notifications: Iterable[Any] = (),
    feedback_emails: Iterable[Any] = (),
    version: str | None = None,
) -> str:
    """With ``version``, the page polls ``/_sessim/version`` and redraws as mail arrives."""
    views = message_views(messages, events, notifications, feedback_emails)
    note = sdk_note()
    return render_messages(
        views, region=region, note=note, version=version, poll_url="/_sessim/version"
    )


def sdk_note() -> str:
    """Which SDK releases' request forms the server answers (the route-form table's)."""
    import botocore

    from ..doors.wire.route_forms import botocore_checked

    checked = botocore_checked()
    return (
        f"Answers SES v1 and v2 requests in the forms of botocore {checked[0]} to "
        f"{checked[-1]} ({len(checked)} releases checked); installed here: botocore "
        f"{botocore.__version__}."
    )
