"""Parse the Handlebars dialect SES renders stored email templates with.

Parsing only; ``rendering.py`` renders the tree. ``parse(source)`` is cached by
source string, so each template part is parsed once however often it is sent.

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

Whitespace control and the split into text and tags are in ``lexer.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexer import lex, location, strip_whitespace
from .nodes import (
    Block,
    Call,
    Expr,
    Literal,
    Mustache,
    Node,
    PartialRef,
    Path,
    Program,
    SubExpr,
    TemplateSyntaxError,
    Text,
)

# the tree's types stay importable from here: callers walk what parse() returns
__all__ = [
    "Block",
    "Call",
    "Expr",
    "Literal",
    "Mustache",
    "Node",
    "PartialRef",
    "Path",
    "Program",
    "SubExpr",
    "TemplateSyntaxError",
    "Text",
    "parse",
    "partial_names",
]

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
    for tok in strip_whitespace(lex(source)):
        top = stack[-1]
        if isinstance(tok, str):
            top.nodes.append(Text(tok))
            continue
        where = location(source, tok.pos)
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
        raise TemplateSyntaxError(
            f"{name} was not closed (opened at {location(source, frame.pos)})"
        )
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
