"""A message's attachments, as tests read them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Attachment:
    """One attachment of a sent message."""

    filename: str | None
    """The part's file name (``Content-Disposition`` ``filename``), or None."""
    content_type: str
    """The part's MIME type, such as ``application/pdf``."""
    content: bytes
    """The part's bytes, its transfer encoding undone."""
    content_id: str | None = None
    """The part's ``Content-ID`` without the angle brackets, or None."""
    inline: bool = False
    """True for an ``inline`` part (such as an image the HTML shows)."""
