"""SESv2 dedicated IP addresses and pools. SES provisions the IPs: a test gives the
account some with ``SesSim.add_dedicated_ip``; a configuration set's SendingPoolName
sends from its pool's IPs (the ``ses:outgoing-ip`` tag of Delivery events)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.dedicated_ips import DEFAULT_POOL, SCALING_MODES, DedicatedIp, DedicatedIpPool
from ..errors import ErrorKind, SesError, invalid_parameter
from .common import listing
from .configuration_set_options import check_enum, one_error
from .registry import operation
from .tagging import check_tags, put_tags

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"
POOL_LIMIT = 50  # dedicated IP pools per Region
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")


def _check_pool_name(name: str | None) -> str:
    if not name:
        raise invalid_parameter("The pool name must be specified.")
    if len(name) > 64:
        raise invalid_parameter("Pool name cannot exceed 64 characters.")
    if not _NAME.match(name):
        raise invalid_parameter(
            f"Invalid pool name <{name}>: only alphanumeric ASCII characters, '_', and '-' "
            "are allowed."
        )
    return name


def _pool(engine: Engine, name: str) -> DedicatedIpPool:
    found = engine.account.infrastructure.dedicated_ips.pools.get(name)
    if found is None:
        raise SesError(ErrorKind.NOT_FOUND, f"Pool <{name}> does not exist.")
    return found


def _ip(engine: Engine, ip: str) -> DedicatedIp:
    found = engine.account.infrastructure.dedicated_ips.ips.get(ip)
    if found is None:
        raise SesError(ErrorKind.NOT_FOUND, f"Dedicated IP <{ip}> does not exist.")
    return found


def _ip_shape(ip: DedicatedIp) -> dict[str, Any]:
    return {
        "Ip": ip.ip,
        "WarmupStatus": ip.warmup_status,
        "WarmupPercentage": ip.warmup_percentage,
        "PoolName": ip.pool or DEFAULT_POOL,
    }


@operation(API, "CreateDedicatedIpPool")
def create_dedicated_ip_pool(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Stores a pool (STANDARD or MANAGED); its IPs come from SesSim.add_dedicated_ip."""
    name = _check_pool_name(params.get("PoolName"))
    mode = params.get("ScalingMode") or "STANDARD"
    check_enum(mode, SCALING_MODES, "scalingMode")
    tags = check_tags(params.get("Tags"))
    dedicated = engine.account.infrastructure.dedicated_ips
    if name in dedicated.pools or name == DEFAULT_POOL:
        raise SesError(ErrorKind.ALREADY_EXISTS, f"Pool <{name}> already exists.")
    if len(dedicated.pools) >= POOL_LIMIT:
        raise SesError(
            ErrorKind.LIMIT_EXCEEDED,
            f"Maximum number of dedicated IP pools ({POOL_LIMIT}) reached.",
        )
    dedicated.pools[name] = DedicatedIpPool(name, mode, engine.clock.now())
    put_tags(engine, engine.account.arn(f"dedicated-ip-pool/{name}"), tags)
    return {}


@operation(API, "GetDedicatedIpPool")
def get_dedicated_ip_pool(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns the pool's name and scaling mode."""
    found = _pool(engine, params.get("PoolName", ""))
    return {"DedicatedIpPool": {"PoolName": found.name, "ScalingMode": found.scaling_mode}}


@operation(API, "ListDedicatedIpPools")
def list_dedicated_ip_pools(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists the Region's pools in creation order."""
    names = list(engine.account.infrastructure.dedicated_ips.pools)
    return listing("DedicatedIpPools", names, params, "PageSize", str)


@operation(API, "DeleteDedicatedIpPool")
def delete_dedicated_ip_pool(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Deletes the pool; its IPs go back to the default pool."""
    found = _pool(engine, params.get("PoolName", ""))
    dedicated = engine.account.infrastructure.dedicated_ips
    for ip in dedicated.in_pool(found.name):
        ip.pool = None
    del dedicated.pools[found.name]
    engine.account.tags.forget(engine.account.arn(f"dedicated-ip-pool/{found.name}"))
    return {}


@operation(API, "PutDedicatedIpPoolScalingAttributes")
def put_dedicated_ip_pool_scaling_attributes(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Turns a STANDARD pool into a MANAGED one (never back)."""
    found = _pool(engine, params.get("PoolName", ""))
    mode = params.get("ScalingMode")
    check_enum(mode, SCALING_MODES, "scalingMode")
    if found.scaling_mode == "MANAGED" and mode == "STANDARD":
        raise invalid_parameter("MANAGED pools cannot be converted to STANDARD scaling mode.")
    found.scaling_mode = mode or found.scaling_mode
    return {}


@operation(API, "GetDedicatedIp")
def get_dedicated_ip(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns the IP's pool and warm-up state."""
    return {"DedicatedIp": _ip_shape(_ip(engine, params.get("Ip", "")))}


@operation(API, "GetDedicatedIps")
def get_dedicated_ips(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists the account's dedicated IPs, or those of one pool."""
    dedicated = engine.account.infrastructure.dedicated_ips
    pool = params.get("PoolName")
    if pool is not None and pool != DEFAULT_POOL:
        _pool(engine, pool)
    ips = list(dedicated.ips.values()) if pool is None else dedicated.in_pool(pool)
    return listing("DedicatedIps", ips, params, "PageSize", _ip_shape)


@operation(API, "PutDedicatedIpInPool")
def put_dedicated_ip_in_pool(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Moves an IP to another pool of the account (or the default pool)."""
    ip = _ip(engine, params.get("Ip", ""))
    destination = params.get("DestinationPoolName", "")
    if destination == DEFAULT_POOL:
        ip.pool = None
        return {}
    pool = _pool(engine, destination)
    if pool.scaling_mode == "MANAGED":
        raise invalid_parameter(f"Cannot move IP <{ip.ip}> to the managed pool <{pool.name}>.")
    ip.pool = pool.name
    return {}


@operation(API, "PutDedicatedIpWarmupAttributes")
def put_dedicated_ip_warmup_attributes(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Sets how far the IP's warm-up has come (100: done)."""
    ip = _ip(engine, params.get("Ip", ""))
    percentage = params.get("WarmupPercentage")
    if percentage is None:
        raise one_error("warmupPercentage", "Member must not be null")
    if not 0 <= percentage <= 100:
        bound = "greater than or equal to 0" if percentage < 0 else "less than or equal to 100"
        raise one_error("warmupPercentage", f"Member must have value {bound}")
    ip.set_warmup(int(percentage))
    return {}


@operation(API, "GetBlacklistReports")
def get_blacklist_reports(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Reports each IP or domain asked about; the simulator's are on no blacklist."""
    names = list(params.get("BlacklistItemNames") or ())
    return {"BlacklistReport": {name: [] for name in names}}
