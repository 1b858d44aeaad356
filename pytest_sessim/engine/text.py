"""Text that cannot be encoded: what records keep, and how views and wires show it.

A raw message's header bytes that are not UTF-8 reach the record as the parser's
surrogate escapes (``"caf\\udce9"`` for the byte ``0xE9``): the record keeps exactly
the bytes SES saw. No encoder accepts such a string, so every view writes them escaped
(``caf\\xe9``) with :func:`escaped`, and every wire that carries text as UTF-8 (SNS
envelopes, Firehose records) writes U+FFFD with :func:`replaced`, as a UTF-8 encoder
with replacement does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte the parser could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def escaped(text: str) -> str:
    """``text`` with each undecodable byte as ``\\xNN`` (other lone surrogates as
    ``\\udNNN``, e.g. ``\\ud800``), so that it can be written anywhere."""
    if text.isascii():
        return text
    return _SURROGATE.sub(_escape, text)


def replaced(text: str) -> str:
    """``text`` with each lone surrogate as U+FFFD."""
    if text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)


def escaped_data(value: Any) -> Any:
    """Plain data (dicts, lists, tuples, strings) with every string :func:`escaped`;
    other values are kept."""
    if isinstance(value, str):
        return escaped(value)
    if isinstance(value, Mapping):
        return {escaped_data(key): escaped_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escaped_data(item) for item in value]
    if type(value) is tuple:
        return tuple(escaped_data(item) for item in value)
    return value
