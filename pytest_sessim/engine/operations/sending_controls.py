"""Sending switches, v1 and v2: for the account and per configuration set."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .common import find_configuration_set
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine


@operation("ses", "UpdateAccountSendingEnabled")
def update_account_sending_enabled(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    engine.account.sending_enabled = bool(params.get("Enabled", True))
    return {}


@operation("ses", "GetAccountSendingEnabled")
def get_account_sending_enabled(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    return {"Enabled": engine.account.sending_enabled}


@operation("sesv2", "PutAccountSendingAttributes")
def put_account_sending_attributes(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    engine.account.sending_enabled = bool(params.get("SendingEnabled", True))
    return {}


@operation("ses", "UpdateConfigurationSetSendingEnabled")
def update_configuration_set_sending_enabled(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    found.sending_enabled = bool(params.get("Enabled", True))
    return {}


@operation("sesv2", "PutConfigurationSetSendingOptions")
def put_configuration_set_sending_options(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    found.sending_enabled = bool(params.get("SendingEnabled", True))
    return {}
