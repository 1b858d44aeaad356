"""Parse the Handlebars dialect SES renders stored email templates with.

Parsing only; ``templates.py`` renders the tree. ``parse(source)`` is cached by source
string, so each template part is parsed once however often it is sent.

Syntax accepted (Handlebars 4): ``{{path}}``, ``{{{path}}}`` and ``{{&path}}``; paths
``a.b.c``, ``a/b``, ``this``, ``.``, ``this.a``, ``./a``, ``../a``, ``[any key]``,
``@index``/``@key``/``@first``/``@last``/``@root``/``@../index``; literals (strings,
numbers, ``true``/``false``/``null``/``undefined``), sub-expressions ``(helper a b)`` and
hash arguments ``key=value``; blocks ``{{#name …}}…{{else}}…{{/name}}`` (``{{^}}`` works
as ``{{else}}``), ``{{else if …}}`` chains, inverse sections ``{{^name}}…{{/name}}``,
block parameters ``as |item index|``; comments ``{{! … }}`` and ``{{!-- … --}}``;
escaped mustaches ``\\{{``; inline partials ``{{#* inline "name"}}…{{/inline}}`` and
``{{> name [context] [key=value]}}``, which the SES guide documents. Partial blocks
(``{{#> …}}``), dynamic partials, raw blocks and decorators other than ``inline`` are
refused as syntax errors.

Whitespace follows Handlebars: ``~`` strips all whitespace on its side of a tag; block,
``else``, comment and partial tags alone on a line take the whole line with them, and a
standalone partial indents every line it renders. One SES rule is added: the SES guide
says the newline after an inline-partial definition "isn't rendered", so a line break
right after ``{{/inline}}`` is dropped even when the tag is not alone on its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


class TemplateSyntaxError(Exception):
    """The template is not valid Handlebars (or uses syntax SES templates cannot)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Path:
    original: str
    parts: tuple[str, ...]
    depth: int = 0  # number of leading ``../``
    data: bool = False  # ``@`` variable
    scoped: bool = False  # written with this/./.., so never a helper or block parameter
    simple: str | None = None  # the name when the path is one plain identifier


@dataclass(frozen=True, slots=True)
class Literal:
    original: str
    value: Any


@dataclass(frozen=True, slots=True)
class Call:
    head: Path | Literal
    params: tuple[Expr, ...] = ()
    hash: tuple[tuple[str, Expr], ...] = ()


@dataclass(frozen=True, slots=True)
class SubExpr:
    call: Call


@dataclass(frozen=True, slots=True)
class Text:
    value: str


@dataclass(frozen=True, slots=True)
class Mustache:
    call: Call
    escaped: bool


@dataclass(frozen=True, slots=True)
class Program:
    nodes: tuple[Node, ...]
    partials: dict[str, Program]


@dataclass(frozen=True, slots=True)
class Block:
    call: Call
    program: Program | None
    inverse: Program | None
    block_params: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PartialRef:
    name: str
    context: Expr | None
    hash: tuple[tuple[str, Expr], ...]
    indent: str


Expr = Path | Literal | SubExpr
Node = Text | Mustache | Block | PartialRef

_ID = r"[^\s!\"#%-,\.\/;->@\[-\^`\{-~]+"
_SEG = r"\[[^\]]*\]|" + _ID + r"|\.\.|\."
_SEG_RE = re.compile(_SEG)
_TOKEN_RE = re.compile(
    r"\s*(?:(?P<lp>\()|(?P<rp>\))|(?P<pipe>\|)"
    r"|(?P<str>\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*')"
    r"|(?P<num>-?[0-9]+(?:\.[0-9]+)?)(?=[\s()|]|$)"
    r"|(?P<key>" + _ID + r")\s*="
    r"|(?P<path>@?(?:" + _SEG + r")(?:[./](?:" + _SEG + r"))*))"
)
_LITERALS = {"true": True, "false": False, "null": None, "undefined": None}
_STANDALONE = frozenset({"open", "inline", "inverse", "close", "else", "partial", "comment"})
_CLOSE_RE = re.compile(r"(~?)\}\}")
_LONG_COMMENT_END = re.compile(r"--(~?)\}\}")


@dataclass(slots=True)
class _Tag:
    kind: str
    body: str
    pos: int
    strip_left: bool
    strip_right: bool
    standalone: bool = False
    indent: str = ""


def _where(source: str, pos: int) -> str:
    line, column = source.count("\n", 0, pos) + 1, pos - source.rfind("\n", 0, pos)
    return f"line {line}, column {column}"


def _lex(source: str) -> list[str | _Tag]:
    tokens: list[str | _Tag] = []
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


def _read_tag(source: str, i: int) -> tuple[_Tag, int]:
    p = i + 2
    strip_left = source.startswith("~", p)
    p += strip_left
    if source.startswith("!", p):
        long = source.startswith("!--", p)
        m = (_LONG_COMMENT_END if long else _CLOSE_RE).search(source, p)
        if m is None:
            raise TemplateSyntaxError(f"Unclosed comment at {_where(source, i)}")
        return _Tag("comment", "", i, strip_left, bool(m.group(1))), m.end()
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
                return _Tag("raw", body, i, strip_left, strip_right), end
            return _classify(body, i, strip_left, strip_right, source), end
        k += 1
    raise TemplateSyntaxError(f"Unclosed tag at {_where(source, i)}")


def _classify(body: str, pos: int, left: bool, right: bool, source: str) -> _Tag:
    sigil = body[:1]
    if sigil == "#":
        rest = body[1:].lstrip()
        if rest.startswith(">"):
            raise TemplateSyntaxError(f"Partial blocks are not supported at {_where(source, pos)}")
        if rest.startswith("*"):
            return _Tag("inline", rest[1:], pos, left, right)
        return _Tag("open", rest, pos, left, right)
    if sigil and sigil in "/>&":
        kind = {"/": "close", ">": "partial", "&": "raw"}[sigil]
        return _Tag(kind, body[1:], pos, left, right)
    if sigil == "^":
        rest = body[1:]
        return _Tag("else" if not rest.strip() else "inverse", rest, pos, left, right)
    stripped = body.strip()
    if stripped == "else" or stripped.startswith(("else ", "else\t", "else\n")):
        return _Tag("else", stripped[4:], pos, left, right)
    return _Tag("var", body, pos, left, right)


def _whitespace(tokens: list[str | _Tag]) -> list[str | _Tag]:
    """Apply standalone-line removal, ``~`` stripping and the SES inline-partial rule."""
    last = len(tokens) - 1
    texts: list[Any] = list(tokens)
    for i, tok in enumerate(tokens):
        if not isinstance(tok, _Tag) or tok.kind not in _STANDALONE:
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
        if not isinstance(tok, _Tag):
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


class _Exprs:
    """Expressions inside one tag."""

    def __init__(self, text: str, where: str) -> None:
        self.where = where
        self.toks: list[tuple[str, str]] = []
        pos = 0
        while pos < len(text):
            m = _TOKEN_RE.match(text, pos)
            if m is None or m.end() == pos:
                if text[pos:].strip():
                    raise TemplateSyntaxError(f"Invalid expression {text.strip()!r} at {where}")
                break
            kind = m.lastgroup or ""
            self.toks.append((kind, m.group(kind)))
            pos = m.end()
        self.i = 0

    def peek(self, offset: int = 0) -> tuple[str, str]:
        j = self.i + offset
        return self.toks[j] if j < len(self.toks) else ("end", "")

    def call(self) -> Call:
        if self.peek()[0] in ("end", "rp", "key"):
            raise TemplateSyntaxError(f"Empty expression at {self.where}")
        head = self.expr()
        if isinstance(head, SubExpr):
            raise TemplateSyntaxError(f"Dynamic helper names are not supported at {self.where}")
        params: list[Expr] = []
        hashes: list[tuple[str, Expr]] = []
        while True:
            kind, value = self.peek()
            if kind in ("end", "rp") or (
                kind == "path" and value == "as" and self.peek(1)[0] == "pipe"
            ):
                break
            if kind == "key":
                self.i += 1
                hashes.append((value, self.expr()))
            elif hashes:
                raise TemplateSyntaxError(f"Parameter after hash argument at {self.where}")
            else:
                params.append(self.expr())
        return Call(head, tuple(params), tuple(hashes))

    def expr(self) -> Expr:
        kind, value = self.peek()
        self.i += 1
        if kind == "str":
            return Literal(value, re.sub(r"\\(.)", r"\1", value[1:-1]))
        if kind == "num":
            return Literal(value, float(value) if "." in value else int(value))
        if kind == "lp":
            call = self.call()
            if self.peek()[0] != "rp":
                raise TemplateSyntaxError(f"Unclosed sub-expression at {self.where}")
            self.i += 1
            return SubExpr(call)
        if kind == "path":
            return Literal(value, _LITERALS[value]) if value in _LITERALS else _path(value, self)
        raise TemplateSyntaxError(f"Unexpected {value!r} at {self.where}")

    def block_params(self) -> tuple[str, ...]:
        if self.peek()[0] == "end":
            return ()
        self.i += 2  # "as" "|"
        names: list[str] = []
        while self.peek()[0] == "path" and _SEG_RE.fullmatch(self.peek()[1]):
            names.append(self.peek()[1])
            self.i += 1
        if self.peek()[0] != "pipe" or not names:
            raise TemplateSyntaxError(f"Invalid block parameters at {self.where}")
        self.i += 1
        self.done()
        return tuple(names)

    def done(self) -> None:
        if self.peek()[0] != "end":
            raise TemplateSyntaxError(f"Unexpected {self.peek()[1]!r} at {self.where}")


def _path(text: str, exprs: _Exprs) -> Path:
    data = text.startswith("@")
    body = text[1:] if data else text
    parts: list[str] = []
    depth, scoped, pos = 0, False, 0
    while pos < len(body):
        m = _SEG_RE.match(body, pos)
        if m is None:
            raise TemplateSyntaxError(f"Invalid path {text!r} at {exprs.where}")
        seg, pos = m.group(0), m.end() + 1
        if seg in ("..", ".", "this"):
            if parts:
                raise TemplateSyntaxError(f"Invalid path {text!r} at {exprs.where}")
            depth += seg == ".."
            scoped = True
        else:
            parts.append(seg[1:-1] if seg.startswith("[") else seg)
    simple = parts[0] if len(parts) == 1 and not (data or scoped) else None
    return Path(text, tuple(parts), depth, data, scoped, simple)


@dataclass(slots=True)
class _Frame:
    kind: str  # root, open, inverse, inline, chain
    call: Call | None
    nodes: list[Node]
    partials: dict[str, Program]
    pos: int = 0
    block_params: tuple[str, ...] = ()
    program: Program | None = None  # set once {{else}} is seen
    name: str = ""


def _finish(frame: _Frame) -> Block:
    assert frame.call is not None
    current = Program(tuple(frame.nodes), frame.partials)
    program: Program | None = current if frame.program is None else frame.program
    inverse: Program | None = None if frame.program is None else current
    if frame.kind == "inverse":
        program, inverse = inverse, program
    return Block(frame.call, program, inverse, frame.block_params)


@lru_cache(maxsize=1024)
def parse(source: str) -> Program:
    """Parse one template part; raises TemplateSyntaxError."""
    stack = [_Frame("root", None, [], {})]
    for tok in _whitespace(_lex(source)):
        top = stack[-1]
        if isinstance(tok, str):
            top.nodes.append(Text(tok))
            continue
        where = _where(source, tok.pos)
        if tok.kind == "comment":
            continue
        if tok.kind == "close":
            _close(stack, tok.body.strip(), where)
            continue
        if tok.kind == "else" and not tok.body.strip():
            _start_inverse(top, where)
            continue
        exprs = _Exprs(tok.body, where)
        call = exprs.call()
        if tok.kind in ("var", "raw"):
            exprs.done()
            top.nodes.append(Mustache(call, tok.kind == "var"))
        elif tok.kind == "partial":
            exprs.done()
            top.nodes.append(_partial(call, tok.indent, where))
        elif tok.kind == "inline":
            exprs.done()
            head, params = call.head, call.params
            if not (isinstance(head, Path) and head.simple == "inline"):
                raise TemplateSyntaxError(f"Unsupported decorator at {where}")
            if len(params) != 1 or not isinstance(params[0], Literal) or call.hash:
                raise TemplateSyntaxError(f"Inline partials need one name string at {where}")
            stack.append(_Frame("inline", call, [], {}, tok.pos, name=str(params[0].value)))
        else:  # open, inverse, chained else
            block_params = exprs.block_params()
            if tok.kind == "else":
                _start_inverse(top, where)
            kind = "chain" if tok.kind == "else" else tok.kind
            stack.append(_Frame(kind, call, [], {}, tok.pos, block_params))
    if len(stack) > 1:
        frame = next(f for f in reversed(stack) if f.kind != "chain")
        name = frame.call.head.original if frame.call else ""
        raise TemplateSyntaxError(f"{name} was not closed (opened at {_where(source, frame.pos)})")
    return Program(tuple(stack[0].nodes), stack[0].partials)


def _start_inverse(frame: _Frame, where: str) -> None:
    if frame.kind in ("root", "inline") or frame.program is not None:
        raise TemplateSyntaxError(f"Unexpected {{{{else}}}} at {where}")
    frame.program = Program(tuple(frame.nodes), frame.partials)
    frame.nodes, frame.partials = [], {}


def _close(stack: list[_Frame], name: str, where: str) -> None:
    while stack[-1].kind == "chain":
        block = _finish(stack.pop())
        stack[-1].nodes.append(block)
    frame = stack[-1]
    opened = frame.call.head.original if frame.call is not None else ""
    if frame.kind == "root" or opened != name:
        raise TemplateSyntaxError(f"{opened or 'Nothing'} doesn't match {name} at {where}")
    stack.pop()
    if frame.kind == "inline":
        stack[-1].partials[frame.name] = Program(tuple(frame.nodes), frame.partials)
    else:
        stack[-1].nodes.append(_finish(frame))


def _partial(call: Call, indent: str, where: str) -> PartialRef:
    head = call.head
    if isinstance(head, Literal) and isinstance(head.value, str):
        name = head.value
    elif isinstance(head, Path) and not head.data:
        name = head.original
    else:
        raise TemplateSyntaxError(f"Invalid partial name at {where}")
    if len(call.params) > 1:
        raise TemplateSyntaxError(f"Partials take at most one context at {where}")
    return PartialRef(name, call.params[0] if call.params else None, call.hash, indent)


def partial_names(program: Program) -> tuple[set[str], set[str]]:
    """(partials defined anywhere, partials referenced anywhere) in a parsed part."""
    defined: set[str] = set()
    used: set[str] = set()
    todo = [program]
    while todo:
        prog = todo.pop()
        defined.update(prog.partials)
        todo.extend(prog.partials.values())
        for node in prog.nodes:
            if isinstance(node, PartialRef):
                used.add(node.name)
            elif isinstance(node, Block):
                todo.extend(p for p in (node.program, node.inverse) if p is not None)
    return defined, used
