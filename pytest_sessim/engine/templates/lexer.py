"""Split a Handlebars template part into text and tags, applying whitespace control.

Whitespace follows Handlebars: ``~`` strips all whitespace on its side of a tag; block,
``else``, comment and partial tags alone on a line take the whole line with them, and a
standalone partial indents every line it renders. One SES rule is added: the SES guide
says the newline after an inline-partial definition "isn't rendered", so a line break
right after ``{{/inline}}`` is dropped even when the tag is not alone on its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .nodes import TemplateSyntaxError

__all__ = ["Tag", "lex", "location", "strip_whitespace"]

_STANDALONE = frozenset({"open", "inline", "inverse", "close", "else", "partial", "comment"})
_CLOSE_RE = re.compile(r"(~?)\}\}")
_LONG_COMMENT_END = re.compile(r"--(~?)\}\}")


@dataclass(slots=True)
class Tag:
    """One ``{{…}}``: its kind (var, raw, open, close, else, partial, comment, …) and body."""

    kind: str
    body: str
    pos: int
    strip_left: bool
    strip_right: bool
    standalone: bool = False
    indent: str = ""


def location(source: str, pos: int) -> str:
    line, column = source.count("\n", 0, pos) + 1, pos - source.rfind("\n", 0, pos)
    return f"line {line}, column {column}"


def lex(source: str) -> list[str | Tag]:
    tokens: list[str | Tag] = []
    text: list[str] = []
    pos, n = 0, len(source)
    while True:
        i = source.find("{{", pos)
        if i < 0:
            text.append(source[pos:])
            break
        slashes = 0
        if i > pos and source[i - 1] == "\\":
            slashes = 2 if i - 2 >= pos and source[i - 2] == "\\" else 1
        if slashes == 1:  # \{{ is literal text up to the next (possibly escaped) mustache
            text.append(source[pos : i - 1])
            j = source.find("{{", i + 2)
            if j < 0:
                j = n
            else:
                j -= min(len(source[i + 2 : j]) - len(source[i + 2 : j].rstrip("\\")), 2)
            text.append(source[i:j])
            pos = j
            continue
        text.append(source[pos : i - 1] if slashes == 2 else source[pos:i])
        joined = "".join(text)
        if joined:
            tokens.append(joined)
        text.clear()
        tag, pos = _read_tag(source, i)
        tokens.append(tag)
    joined = "".join(text)
    if joined:
        tokens.append(joined)
    return tokens


def _read_tag(source: str, i: int) -> tuple[Tag, int]:
    p = i + 2
    strip_left = source.startswith("~", p)
    p += strip_left
    if source.startswith("!", p):
        long = source.startswith("!--", p)
        m = (_LONG_COMMENT_END if long else _CLOSE_RE).search(source, p)
        if m is None:
            raise TemplateSyntaxError(f"Unclosed comment at {location(source, i)}")
        return Tag("comment", "", i, strip_left, bool(m.group(1))), m.end()
    triple = source.startswith("{", p)
    p += triple
    k, n = p, len(source)
    while k < n:
        c = source[k]
        if c in "\"'":
            end = k + 1
            while end < n and source[end] != c:
                end += 2 if source[end] == "\\" else 1
            k = end + 1
            continue
        closer = "}" if triple else ""
        if source.startswith(closer + "}}", k) or source.startswith(closer + "~}}", k):
            strip_right = source.startswith(closer + "~", k)
            body = source[p:k]
            end = k + len(closer) + 2 + strip_right
            if triple:
                return Tag("raw", body, i, strip_left, strip_right), end
            return _classify(body, i, strip_left, strip_right, source), end
        k += 1
    raise TemplateSyntaxError(f"Unclosed tag at {location(source, i)}")


def _classify(body: str, pos: int, left: bool, right: bool, source: str) -> Tag:
    sigil = body[:1]
    if sigil == "#":
        rest = body[1:].lstrip()
        if rest.startswith(">"):
            raise TemplateSyntaxError(
                f"Partial blocks are not supported at {location(source, pos)}"
            )
        if rest.startswith("*"):
            return Tag("inline", rest[1:], pos, left, right)
        return Tag("open", rest, pos, left, right)
    if sigil and sigil in "/>&":
        kind = {"/": "close", ">": "partial", "&": "raw"}[sigil]
        return Tag(kind, body[1:], pos, left, right)
    if sigil == "^":
        rest = body[1:]
        return Tag("else" if not rest.strip() else "inverse", rest, pos, left, right)
    stripped = body.strip()
    if stripped == "else" or stripped.startswith(("else ", "else\t", "else\n")):
        return Tag("else", stripped[4:], pos, left, right)
    return Tag("var", body, pos, left, right)


def strip_whitespace(tokens: list[str | Tag]) -> list[str | Tag]:
    """Apply standalone-line removal, ``~`` stripping and the SES inline-partial rule."""
    last = len(tokens) - 1
    texts: list[Any] = list(tokens)
    for i, tok in enumerate(tokens):
        if not isinstance(tok, Tag) or tok.kind not in _STANDALONE:
            continue
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i < last else None
        if prev is None:
            prev_ok = True
        elif isinstance(prev, str):
            pattern = r"(^|\r?\n)[ \t\r\n\f\v]*$" if i - 1 == 0 else r"\r?\n[ \t\r\n\f\v]*$"
            prev_ok = re.search(pattern, prev) is not None
        else:
            prev_ok = False
        if nxt is None:
            next_ok = True
        elif isinstance(nxt, str):
            pattern = r"^[ \t\f\v]*(\r?\n|$)" if i + 1 == last else r"^[ \t\f\v]*\r?\n"
            next_ok = re.match(pattern, nxt) is not None
        else:
            next_ok = False
        tok.standalone = prev_ok and next_ok
    for i, tok in enumerate(tokens):
        if not isinstance(tok, Tag):
            continue
        before = i - 1 if i > 0 and isinstance(texts[i - 1], str) else None
        after = i + 1 if i < last and isinstance(texts[i + 1], str) else None
        if tok.standalone:
            if before is not None:
                m = re.search(r"[ \t]+$", texts[before])
                if m:
                    tok.indent = m.group(0) if tok.kind == "partial" else ""
                    texts[before] = texts[before][: m.start()]
            if after is not None:
                texts[after] = re.sub(r"^[ \t]*\r?\n?", "", texts[after], count=1)
        elif tok.kind == "close" and tok.body.strip() == "inline" and after is not None:
            texts[after] = re.sub(r"^[ \t]*\r?\n", "", texts[after], count=1)
        if tok.strip_left and before is not None:
            texts[before] = texts[before].rstrip()
        if tok.strip_right and after is not None:
            texts[after] = texts[after].lstrip()
    return [t for t in texts if t != ""]
