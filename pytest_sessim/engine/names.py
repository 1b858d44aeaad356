"""Names SES restricts beyond what its models say: message tags and template names.

(Configuration set and event destination names are checked with the rest of their
resources.) Recorded from SES: "Invalid tag name <x>: only alphanumeric ASCII characters,
'_',  '-' are allowed." (two spaces, no "and"; the same for tag values), the name checked
before the value. The length and "must be specified" texts and the template-name text
come from published probes of SES by another emulator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .errors import invalid_parameter

_NAME = re.compile(r"[A-Za-z0-9_-]+")
_TEMPLATE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")
# SES accepts these two tag names despite their colon (custom feedback-id values)
_SES_TAG_NAMES = frozenset(["ses:feedback-id-a", "ses:feedback-id-b"])
_ONLY = "only alphanumeric ASCII characters, '_',  '-' are allowed."  # (sic)
MAX_TAG = 255
TEMPLATE_NAME_RULE = (
    "Template name can contain alphanumeric characters, underscores(_) and hyphens(-). "
    "It can contain up to 128 characters and it should start with an alphanumeric character."
)


def check_template_name(name: str) -> None:
    if _TEMPLATE_NAME.fullmatch(name) is None:
        raise invalid_parameter(TEMPLATE_NAME_RULE)


def check_message_tags(tags: Iterable[tuple[str, str]]) -> None:
    """Each tag of a send: name and value given, at most 255 characters, ASCII letters,
    digits, ``_`` and ``-`` (and SES's own ``ses:feedback-id-a``/``-b`` names)."""
    for name, value in tags:  # the name, then the value
        if not name:
            raise invalid_parameter("The tag name must be specified.")
        if len(name) > MAX_TAG:
            raise invalid_parameter(f"Tag name cannot exceed {MAX_TAG} characters.")
        if name not in _SES_TAG_NAMES and _NAME.fullmatch(name) is None:
            raise invalid_parameter(f"Invalid tag name <{name}>: {_ONLY}")
        if not value:
            raise invalid_parameter("The tag value must be specified.")
        if len(value) > MAX_TAG:
            raise invalid_parameter(f"Tag value cannot exceed {MAX_TAG} characters.")
        if _NAME.fullmatch(value) is None:
            raise invalid_parameter(f"Invalid tag value <{value}>: {_ONLY}")
