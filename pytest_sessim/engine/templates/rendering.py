"""Render one SES template part: a parsed Handlebars tree and the template data.

Rendering follows what the SES developer guide documents ("Advanced email
personalization"): templates are Handlebars, with nested attributes, ``{{#each}}``,
``{{#if}}``/``{{else}}`` and inline partials; the guide points to the Handlebars built-in
helpers, so ``if``, ``unless``, ``each``, ``with``, ``lookup`` and ``log`` are available
and nothing else: SES documents no comparison helpers such as ``eq`` and offers no way to
register custom ones.

Escaping: the SES guide says "SES doesn't escape HTML content when rendering the HTML
template for a message", so by default nothing is escaped in any part. ``render(...,
escape_html=True)`` escapes ``{{x}}`` (not ``{{{x}}}``) in the HTML part the way
Handlebars does (``& < > " ' ` =``), for callers that want Handlebars' default instead.

Missing attributes (a rendering failure, reported as ``Attribute 'name' is not present in
the rendering data.``), modelled on SES's documented and observed behaviour:

* ``{{name}}``, ``{{{name}}}`` and ``{{a.b.c}}`` whose value is absent *or null* fail; the
  attribute named is the path as written (``contact.firstName``). SES fails on
  ``"website": null`` the same as on a missing key.
* Block helpers do not fail on missing values: ``{{#if x}}``, ``{{#unless x}}``,
  ``{{#each x}}`` and ``{{#with x}}`` treat them as false/empty, as does a mustache-style
  section ``{{#x}}…{{/x}}`` (the guide's example sends data without ``subscription`` to a
  template guarded by ``{{#if subscription}}``).
* An unknown helper name fails with that name: SES reported ``Attribute 'IF' is not
  present in the rendering data.`` for ``{{#IF firstName}}``. Helper arguments that are
  missing are just undefined (``{{lookup a "b"}}`` renders nothing).
* Inside ``{{#each}}``/``{{#with}}`` names resolve against the current item only, as in
  Handlebars (no implicit lookup in outer scopes; use ``../name`` or ``@root.name``).
* ``@index``-style data variables that do not exist render as nothing.

Values render as Handlebars (JavaScript) would: ``true``/``false``, ``1.0`` as ``1``,
lists joined with commas, objects as ``[object Object]``. Missing-value checks happen while
rendering, so a branch that is not taken never fails.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from pytest_sessim.engine.templates import parser as hb

__all__ = ["MISSING_ATTRIBUTE", "RenderError", "render_part"]

MISSING_ATTRIBUTE: Final = "Attribute '{}' is not present in the rendering data."


class RenderError(Exception):
    """A template that cannot be rendered with this data: SES's "Rendering Failure"."""

    def __init__(self, message: str, attribute: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.attribute = attribute


def render_part(source: str, data: Mapping[str, Any], escape_html: bool = False) -> str:
    """Render one template part (parsed once, cached by source)."""
    try:
        program = hb.parse(source)
    except hb.TemplateSyntaxError as exc:
        raise RenderError(exc.message) from None
    out: list[str] = []
    root = _Scope(data, None, {"root": data}, None, {})
    try:
        _program(program, root, out, _escape if escape_html else None)
    except _Missing as exc:
        raise RenderError(MISSING_ATTRIBUTE.format(exc.name), exc.name) from None
    except _Failure as exc:
        raise RenderError(exc.message) from None
    except RecursionError:  # a partial that includes itself
        raise RenderError("Maximum call stack size exceeded") from None
    return "".join(out)


class _Missing(Exception):
    def __init__(self, name: str) -> None:
        self.name = name


class _Failure(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


class _Absent:
    __slots__ = ()


_ABSENT: Final = _Absent()
_Escape = Callable[[str], str] | None
_HTML = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#x27;",
        "`": "&#x60;",
        "=": "&#x3D;",
    }
)


def _escape(text: str) -> str:
    return text.translate(_HTML)


class _Scope:
    __slots__ = ("context", "data", "params", "parent", "partials")

    def __init__(
        self,
        context: Any,
        parent: _Scope | None,
        data: dict[str, Any],
        params: dict[str, Any] | None,
        partials: dict[str, hb.Program],
    ) -> None:
        self.context = context
        self.parent = parent
        self.data = data
        self.params = params
        self.partials = partials

    def push(
        self,
        context: Any,
        names: tuple[str, ...] = (),
        values: tuple[Any, ...] = (),
        data: dict[str, Any] | None = None,
    ) -> _Scope:
        params = self.params
        if names:
            params = {**(params or {}), **dict(zip(names, values, strict=False))}
        return _Scope(context, self, self.data if data is None else data, params, self.partials)


def _program(program: hb.Program | None, scope: _Scope, out: list[str], esc: _Escape) -> None:
    if program is None:
        return
    if program.partials:
        partials = {**scope.partials, **program.partials}
        scope = _Scope(scope.context, scope.parent, scope.data, scope.params, partials)
    for node in program.nodes:
        if isinstance(node, hb.Text):
            out.append(node.value)
        elif isinstance(node, hb.Mustache):
            value = _value(node.call, scope)
            if value is _ABSENT or value is None:
                head = node.call.head
                if isinstance(head, hb.Path) and head.data:
                    continue
                raise _Missing(head.original)
            text = _to_str(value)
            out.append(esc(text) if esc is not None and node.escaped else text)
        elif isinstance(node, hb.Block):
            _block(node, scope, out, esc)
        else:
            _partial(node, scope, out, esc)


def _lookup(path: hb.Path, scope: _Scope) -> Any:
    parts = path.parts
    if path.data:
        data: Any = scope.data
        for _ in range(path.depth):
            data = data.get("_parent") or {}
        if not parts:
            return _ABSENT
        value, rest = data.get(parts[0], _ABSENT), parts[1:]
    elif not path.scoped and scope.params is not None and parts and parts[0] in scope.params:
        value, rest = scope.params[parts[0]], parts[1:]
    else:
        target: _Scope | None = scope
        for _ in range(path.depth):
            target = target.parent if target is not None else None
        if target is None:
            return _ABSENT
        value, rest = target.context, parts
    for part in rest:
        if isinstance(value, Mapping):
            value = value.get(part, _ABSENT)
        elif isinstance(value, (list, str)) and part == "length":
            value = len(value)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return _ABSENT
    return value


def _eval(expr: hb.Expr, scope: _Scope) -> Any:
    if isinstance(expr, hb.Path):
        return _lookup(expr, scope)
    if isinstance(expr, hb.Literal):
        return expr.value
    return _value(expr.call, scope)


def _value(call: hb.Call, scope: _Scope) -> Any:
    """A mustache's or sub-expression's value: a helper's result or a path's value."""
    head = call.head
    if isinstance(head, hb.Literal):
        if call.params or call.hash:
            raise _Missing(head.original)
        return head.value
    name = head.simple
    if name is not None and not (scope.params and name in scope.params):
        if name == "lookup":
            if len(call.params) != 2:
                raise _Failure("lookup requires 2 arguments")
            value = _lookup_member(_eval(call.params[0], scope), _eval(call.params[1], scope))
            return "" if value is _ABSENT or value is None else value
        if name in ("log", "if", "unless", "each", "with"):
            return ""
        if call.params or call.hash:
            raise _Missing(name)
    elif call.params or call.hash:
        raise _Missing(head.original)
    return _lookup(head, scope)


def _lookup_member(obj: Any, key: Any) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(_to_str(key), _ABSENT)
    if isinstance(obj, list) and isinstance(key, int) and not isinstance(key, bool):
        return obj[key] if 0 <= key < len(obj) else _ABSENT
    return _ABSENT


def _is_empty(value: Any, include_zero: bool = True) -> bool:
    """Handlebars' falsiness for #if/#with: false, null, "", [] (and 0 for #if)."""
    if value is _ABSENT or value is None or value is False or value == "" or value == []:
        return True
    return not include_zero and isinstance(value, (int, float)) and value == 0


def _block(node: hb.Block, scope: _Scope, out: list[str], esc: _Escape) -> None:
    call, head = node.call, node.call.head
    name = head.simple if isinstance(head, hb.Path) else None
    if name is not None and not (scope.params and name in scope.params):
        helper = _BLOCK_HELPERS.get(name)
        if helper is not None:
            helper(node, scope, out, esc)
            return
        if call.params or call.hash:
            raise _Missing(name)
    elif call.params or call.hash:
        raise _Missing(head.original)
    value = _eval(head, scope)  # a mustache-style section
    if value is True:
        _program(node.program, scope, out, esc)
    elif value is False or value is None or value is _ABSENT or value == []:
        _program(node.inverse, scope, out, esc)
    elif isinstance(value, list):
        _iterate(node, scope, list(enumerate(value)), out, esc)
    else:
        _program(node.program, scope.push(value), out, esc)


def _single(node: hb.Block, scope: _Scope, helper: str) -> Any:
    if len(node.call.params) != 1:
        raise _Failure(f"#{helper} requires exactly one argument")
    return _eval(node.call.params[0], scope)


def _if(node: hb.Block, scope: _Scope, out: list[str], esc: _Escape, negate: bool = False) -> None:
    value = _single(node, scope, "unless" if negate else "if")
    include_zero = any(
        k == "includeZero" and not _is_empty(_eval(v, scope), False) for k, v in node.call.hash
    )
    empty = _is_empty(value, include_zero)
    _program(node.inverse if empty != negate else node.program, scope, out, esc)


def _unless(node: hb.Block, scope: _Scope, out: list[str], esc: _Escape) -> None:
    _if(node, scope, out, esc, negate=True)


def _with(node: hb.Block, scope: _Scope, out: list[str], esc: _Escape) -> None:
    value = _single(node, scope, "with")
    if _is_empty(value):
        _program(node.inverse, scope, out, esc)
    else:
        _program(node.program, scope.push(value, node.block_params, (value,)), out, esc)


def _each(node: hb.Block, scope: _Scope, out: list[str], esc: _Escape) -> None:
    if len(node.call.params) != 1:
        raise _Failure("Must pass iterator to #each")
    value = _eval(node.call.params[0], scope)
    if isinstance(value, list):
        _iterate(node, scope, list(enumerate(value)), out, esc)
    elif isinstance(value, Mapping):
        _iterate(node, scope, list(value.items()), out, esc)
    else:
        _program(node.inverse, scope, out, esc)


def _iterate(
    node: hb.Block, scope: _Scope, items: list[tuple[Any, Any]], out: list[str], esc: _Escape
) -> None:
    if not items:
        _program(node.inverse, scope, out, esc)
        return
    last = len(items) - 1
    for index, (key, item) in enumerate(items):
        data = {
            **scope.data,
            "_parent": scope.data,
            "index": index,
            "key": key,
            "first": index == 0,
            "last": index == last,
        }
        _program(node.program, scope.push(item, node.block_params, (item, key), data), out, esc)


_BLOCK_HELPERS: Final[dict[str, Callable[[hb.Block, _Scope, list[str], _Escape], None]]] = {
    "if": _if,
    "unless": _unless,
    "each": _each,
    "with": _with,
}


def _partial(node: hb.PartialRef, scope: _Scope, out: list[str], esc: _Escape) -> None:
    program = scope.partials.get(node.name)
    if program is None:
        raise _Failure(f"The partial {node.name} could not be found")
    target = scope
    if node.context is not None:
        target = scope.push(_eval(node.context, scope))
    if node.hash:
        base = target.context if isinstance(target.context, Mapping) else {}
        target = scope.push({**base, **{k: _eval(v, scope) for k, v in node.hash}})
    if not node.indent:
        _program(program, target, out, esc)
        return
    inner: list[str] = []
    _program(program, target, inner, esc)
    lines = "".join(inner).split("\n")
    for i, line in enumerate(lines):
        if line or i + 1 < len(lines):
            lines[i] = node.indent + line
    out.append("\n".join(lines))


def _to_str(value: Any) -> str:
    """The text Handlebars (JavaScript) would produce for a JSON value."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        text = repr(value)
        return text.replace("e-0", "e-").replace("e+0", "e+")
    if isinstance(value, list):
        return ",".join("" if v is None or v is _ABSENT else _to_str(v) for v in value)
    if isinstance(value, Mapping):
        return "[object Object]"
    return str(value)
