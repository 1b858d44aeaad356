"""The tree ``handlebars.parse`` builds from a template part, and its syntax error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
]


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
