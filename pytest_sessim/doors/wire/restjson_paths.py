"""SESv2 routing: which operation a method and path are, by every operation's ``requestUri``
in the installed model and every other form a botocore release has sent it in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl

from botocore.model import ServiceModel

from .route_forms import RouteForm

__all__ = ["Route", "RouteTable"]

_LITERAL, _LABEL, _GREEDY = 2, 1, 0


class Route:
    """One operation's ``requestUri``, e.g. ``/v2/email/identities/{EmailIdentity}``."""

    def __init__(self, operation: str, request_uri: str, form: RouteForm | None = None) -> None:
        path, _, query = request_uri.partition("?")
        self.operation = operation
        self.form = form  # None: the installed model's own route
        self.segments: list[tuple[int, str]] = []
        self.greedy_at = -1
        for i, seg in enumerate(path.split("/")):
            if not (seg.startswith("{") and seg.endswith("}")):
                self.segments.append((_LITERAL, seg))
            elif seg.endswith("+}"):
                self.greedy_at = i
                self.segments.append((_GREEDY, seg[1:-2]))
            else:
                self.segments.append((_LABEL, seg[1:-1]))
        # literal query parameters the route requires, e.g. ``?x-id=Foo`` or ``?tagging``
        self.query = [(k, v or None) for k, v in parse_qsl(query, keep_blank_values=True)]
        # literal segments beat labels, which beat a greedy label, from the left
        self.score = (*(kind for kind, _ in self.segments), len(self.query))

    def match(self, segs: list[str], query: Mapping[str, list[str]]) -> dict[str, str] | None:
        """The raw (still percent-encoded) label values, if the request is on this route."""
        for key, value in self.query:
            if key not in query or (value is not None and value not in query[key]):
                return None
        labels: dict[str, str] = {}
        template, g = self.segments, self.greedy_at
        if g >= 0:
            if len(segs) < len(template):
                return None
            after = len(template) - g - 1
            labels[template[g][1]] = "/".join(segs[g : len(segs) - after])
            template = template[:g] + template[g + 1 :]
            segs = segs[:g] + segs[len(segs) - after :]
        if len(segs) != len(template):
            return None
        for (kind, text), seg in zip(template, segs, strict=True):
            if kind == _LITERAL:
                if seg != text:
                    return None
            elif not seg:
                return None
            else:
                labels[text] = seg
        return labels if all(labels.values()) else None


class RouteTable:
    """Every operation's route in a model, grouped so a request is tried against few."""

    def __init__(self, model: ServiceModel, forms: Iterable[RouteForm] = ()) -> None:
        self.exact: dict[tuple[str, int], list[Route]] = {}  # by method and segment count
        self.greedy: dict[str, list[Route]] = {}  # by method
        taken: set[tuple[str, str]] = set()
        for name in model.operation_names:
            http = model.operation_model(name).http
            method, uri = http.get("method", "POST").upper(), http.get("requestUri", "/")
            taken.add((method, uri))
            self._add(method, Route(name, uri))
        # other releases' forms of the installed operations, unless the installed model
        # itself uses that method and path (it is authoritative)
        for form in forms:
            known = form.operation in model.operation_names
            if known and (form.method, form.request_uri) not in taken:
                taken.add((form.method, form.request_uri))
                self._add(form.method, Route(form.operation, form.request_uri, form))
        # stable: at equal specificity the installed model's route comes first
        for routes in (*self.exact.values(), *self.greedy.values()):
            routes.sort(key=lambda r: r.score, reverse=True)

    def _add(self, method: str, route: Route) -> None:
        if route.greedy_at < 0:
            self.exact.setdefault((method, len(route.segments)), []).append(route)
        else:
            self.greedy.setdefault(method, []).append(route)

    def route(
        self, method: str, segs: list[str], query: Mapping[str, list[str]]
    ) -> tuple[Route, dict[str, str]] | None:
        """The most specific route the request matches, and its raw label values."""
        best: tuple[Route, dict[str, str]] | None = None
        for routes in (self.exact.get((method, len(segs)), ()), self.greedy.get(method, ())):
            for route in routes:
                labels = route.match(segs, query)
                if labels is not None:
                    if best is None or route.score > best[0].score:
                        best = (route, labels)
                    break  # the rest of this list is less specific
        return best
