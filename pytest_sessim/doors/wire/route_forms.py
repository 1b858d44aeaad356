"""Every form (HTTP method, request path, where input members travel) in which botocore
releases have sent each SES operation, so the REST-JSON door answers all of them whatever
botocore is installed: SES does. The table, ``route_forms.json``, is data written by
``tools/gen_route_forms.py`` from the service models of the releases it names."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["RouteForm", "botocore_checked", "route_forms", "sesv2_path_prefixes"]


@dataclass(frozen=True, eq=False)  # hashed by identity: one object per form, cached
class RouteForm:
    """One way an operation has travelled: ``placements`` maps each input member that is
    not in the JSON body to its location (``uri``, ``querystring``, ``header``) and the
    name it travels under; ``botocore`` is the first and last checked release that sent it."""

    operation: str
    method: str
    request_uri: str
    placements: Mapping[str, tuple[str, str]]
    payload: str | None
    botocore: tuple[str, str]


@functools.cache
def _table() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("route_forms.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@functools.cache
def route_forms(service: str) -> tuple[RouteForm, ...]:
    """Every known form of every operation of ``service`` that has more than one."""
    forms: list[RouteForm] = []
    for operation, entries in _table()["services"].get(service, {}).items():
        for entry in entries:
            first, last = entry["botocore"]
            forms.append(
                RouteForm(
                    operation=operation,
                    method=entry["method"],
                    request_uri=entry["requestUri"],
                    placements={m: (loc, wire) for m, (loc, wire) in entry["input"].items()},
                    payload=entry["payload"],
                    botocore=(first, last),
                )
            )
    return tuple(forms)


def botocore_checked() -> tuple[str, ...]:
    """The botocore releases whose ``ses`` and ``sesv2`` models the table was built from."""
    return tuple(_table()["botocore_checked"])


@functools.cache
def sesv2_path_prefixes() -> tuple[str, ...]:
    """How SESv2 paths begin in every checked release (``/v2/``, and ``/v1/email/`` of old
    ``PutEmailIdentityDkimSigningAttributes``); any other path on the endpoint is v1 Query."""
    prefixes = {"/v2/"}
    for form in route_forms("sesv2"):
        first = form.request_uri.split("/")[1]
        prefixes.add("/v2/" if first == "v2" else "/".join(form.request_uri.split("/")[:3]) + "/")
    return tuple(sorted(prefixes))
