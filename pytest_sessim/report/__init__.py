"""The HTML view of captured mail, shared by ``--sessim-html`` and the standalone
server's page: plain data (:mod:`.model`) in, one self-contained page out
(:mod:`.render`)."""

from .model import (
    AttachmentView,
    MessageView,
    RefusedView,
    SnsDelivery,
    SnsView,
    TestSection,
    TimelineEntry,
    message_views,
    section_from_data,
    section_from_sim,
    section_to_data,
)
from .render import render_messages, render_report, section_anchor

__all__ = [
    "AttachmentView",
    "MessageView",
    "RefusedView",
    "SnsDelivery",
    "SnsView",
    "TestSection",
    "TimelineEntry",
    "message_views",
    "render_messages",
    "render_report",
    "section_anchor",
    "section_from_data",
    "section_from_sim",
    "section_to_data",
]
