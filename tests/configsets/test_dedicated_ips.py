"""Dedicated IPs and pools through boto3 (the IPs come from SesSim.add_dedicated_ip)."""

from __future__ import annotations

from typing import Any

import pytest
from cs_helpers import refused

from pytest_sessim import SesSim


def _ip(sesv2: Any, ip: str) -> dict[str, Any]:
    found: dict[str, Any] = sesv2.get_dedicated_ip(Ip=ip)["DedicatedIp"]
    return found


def test_pools_lifecycle(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_dedicated_ip_pool(PoolName="standard")
    sesv2.create_dedicated_ip_pool(PoolName="managed", ScalingMode="MANAGED")

    assert sesv2.list_dedicated_ip_pools()["DedicatedIpPools"] == ["standard", "managed"]
    assert sesv2.get_dedicated_ip_pool(PoolName="managed")["DedicatedIpPool"] == {
        "PoolName": "managed",
        "ScalingMode": "MANAGED",
    }
    sesv2.put_dedicated_ip_pool_scaling_attributes(PoolName="standard", ScalingMode="MANAGED")
    assert refused(
        lambda: sesv2.put_dedicated_ip_pool_scaling_attributes(
            PoolName="managed", ScalingMode="STANDARD"
        )
    ) == (
        "BadRequestException",
        "MANAGED pools cannot be converted to STANDARD scaling mode.",
        400,
    )
    sesv2.delete_dedicated_ip_pool(PoolName="standard")
    assert refused(lambda: sesv2.get_dedicated_ip_pool(PoolName="standard")) == (
        "NotFoundException",
        "Pool <standard> does not exist.",
        404,
    )
    assert refused(lambda: sesv2.create_dedicated_ip_pool(PoolName="managed")) == (
        "AlreadyExistsException",
        "Pool <managed> already exists.",
        400,
    )
    assert refused(lambda: sesv2.create_dedicated_ip_pool(PoolName="bad name"))[1] == (
        "Invalid pool name <bad name>: only alphanumeric ASCII characters, '_', and '-' are "
        "allowed."
    )


def test_dedicated_ips_move_between_pools_and_warm_up(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_dedicated_ip_pool(PoolName="marketing")
    sessim.add_dedicated_ip("198.51.100.1")
    sessim.add_dedicated_ip("198.51.100.2", pool="marketing", warmup_percentage=40)

    assert _ip(sesv2, "198.51.100.1") == {
        "Ip": "198.51.100.1",
        "WarmupStatus": "DONE",
        "WarmupPercentage": 100,
        "PoolName": "ses-default-dedicated-pool",
    }
    assert _ip(sesv2, "198.51.100.2")["WarmupStatus"] == "IN_PROGRESS"
    assert [ip["Ip"] for ip in sesv2.get_dedicated_ips(PoolName="marketing")["DedicatedIps"]] == [
        "198.51.100.2"
    ]

    sesv2.put_dedicated_ip_in_pool(Ip="198.51.100.1", DestinationPoolName="marketing")
    sesv2.put_dedicated_ip_warmup_attributes(Ip="198.51.100.2", WarmupPercentage=100)
    assert [ip["PoolName"] for ip in sesv2.get_dedicated_ips()["DedicatedIps"]] == [
        "marketing",
        "marketing",
    ]
    assert _ip(sesv2, "198.51.100.2")["WarmupStatus"] == "DONE"

    sesv2.delete_dedicated_ip_pool(PoolName="marketing")  # its IPs go back to the default pool
    assert _ip(sesv2, "198.51.100.1")["PoolName"] == "ses-default-dedicated-pool"


def test_unknown_ips_and_pools(sessim: SesSim, sesv2: Any) -> None:
    sessim.add_dedicated_ip("198.51.100.1")

    assert refused(lambda: sesv2.get_dedicated_ip(Ip="203.0.113.9")) == (
        "NotFoundException",
        "Dedicated IP <203.0.113.9> does not exist.",
        404,
    )
    assert refused(
        lambda: sesv2.put_dedicated_ip_in_pool(Ip="198.51.100.1", DestinationPoolName="ghost")
    )[1] == ("Pool <ghost> does not exist.")
    assert refused(lambda: sesv2.get_dedicated_ips(PoolName="ghost"))[0] == "NotFoundException"
    with pytest.raises(ValueError, match="no dedicated IP pool 'ghost'"):
        sessim.add_dedicated_ip("198.51.100.3", pool="ghost")


def test_blacklist_reports_list_nothing(sessim: SesSim, sesv2: Any) -> None:
    reply = sesv2.get_blacklist_reports(BlacklistItemNames=["198.51.100.1", "example.com"])

    assert reply["BlacklistReport"] == {"198.51.100.1": [], "example.com": []}
