"""SESv2 multi-Region endpoints (global endpoints): the Region of the request is the
primary, one other Region the secondary. A v2 send with ``EndpointId`` goes out from
one of the two (sending/endpoints.py)."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.infrastructure import MultiRegionEndpoint
from ..errors import ErrorKind, SesError, invalid_parameter
from .common import listing
from .configuration_set_options import one_error
from .paging import offset_of, token_for
from .registry import operation
from .tagging import check_tags, put_tags

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"
_NAME = re.compile(r"^[\w\-_]+$")
_ID_CHARACTERS = string.ascii_lowercase + string.digits


def _check_name(name: str | None) -> str:
    if name is None:
        raise one_error("endpointName", "Member must not be null")
    if not 1 <= len(name) <= 64:
        bound = "greater than or equal to 1" if not name else "less than or equal to 64"
        raise one_error("endpointName", f"Member must have length {bound}")
    if not _NAME.match(name):
        raise one_error(
            "endpointName", f"Member must satisfy regular expression pattern: {_NAME.pattern}"
        )
    return name


def _find(engine: Engine, name: str | None) -> MultiRegionEndpoint:
    found = engine.account.infrastructure.endpoints.get(_check_name(name))
    if found is None:
        raise SesError(ErrorKind.NOT_FOUND, f"Multi-region endpoint <{name}> does not exist.")
    return found


def _endpoint_id(engine: Engine) -> str:
    letters = "".join(_ID_CHARACTERS[engine.ids.between(0, 35)] for _ in range(11))
    return f"{letters[:8]}.{letters[8:]}"


@operation(API, "CreateMultiRegionEndpoint")
def create_multi_region_endpoint(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Stores a global endpoint over this Region and one secondary Region (READY at once)."""
    name = _check_name(params.get("EndpointName"))
    routes = list(((params.get("Details") or {}).get("RoutesDetails")) or ())
    if len(routes) != 1:
        raise invalid_parameter("Exactly one secondary region must be specified.")
    secondary = routes[0].get("Region") or ""
    region = engine.account.region
    if secondary == region:
        raise invalid_parameter("The secondary region must differ from the primary region.")
    tags = check_tags(params.get("Tags"))
    endpoints = engine.account.infrastructure.endpoints
    if name in endpoints:
        raise SesError(ErrorKind.ALREADY_EXISTS, f"Multi-region endpoint <{name}> already exists.")
    now = engine.clock.now()
    endpoint = MultiRegionEndpoint(name, _endpoint_id(engine), [region, secondary], now, now)
    endpoints[name] = endpoint
    put_tags(engine, engine.account.arn(f"multi-region-endpoint/{name}"), tags)
    return {"Status": endpoint.status, "EndpointId": endpoint.id}


@operation(API, "GetMultiRegionEndpoint")
def get_multi_region_endpoint(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns the endpoint, its id and its two Regions."""
    found = _find(engine, params.get("EndpointName"))
    return {
        "EndpointName": found.name,
        "EndpointId": found.id,
        "Routes": [{"Region": region} for region in found.regions],
        "Status": found.status,
        "CreatedTimestamp": found.created,
        "LastUpdatedTimestamp": found.updated,
    }


@operation(API, "ListMultiRegionEndpoints")
def list_multi_region_endpoints(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists the Region's endpoints (PageSize 1 to 1000; base64 page tokens)."""
    token = params.get("NextToken")
    paging = dict(params)
    if token:
        paging["NextToken"] = token_for(offset_of(token, encoded=True))
    result = listing(
        "MultiRegionEndpoints",
        list(engine.account.infrastructure.endpoints.values()),
        paging,
        "PageSize",
        lambda e: {
            "EndpointName": e.name,
            "Status": e.status,
            "EndpointId": e.id,
            "Regions": list(e.regions),
            "CreatedTimestamp": e.created,
            "LastUpdatedTimestamp": e.updated,
        },
    )
    if "NextToken" in result:
        result["NextToken"] = token_for(offset_of(result["NextToken"]), encoded=True)
    return result


@operation(API, "DeleteMultiRegionEndpoint")
def delete_multi_region_endpoint(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Deletes the endpoint (answers DELETING; it is gone at once)."""
    found = _find(engine, params.get("EndpointName"))
    del engine.account.infrastructure.endpoints[found.name]
    engine.account.tags.forget(engine.account.arn(f"multi-region-endpoint/{found.name}"))
    return {"Status": "DELETING"}
