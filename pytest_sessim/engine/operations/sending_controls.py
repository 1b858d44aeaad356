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
    """Pauses or resumes sending for the Region: a paused account's sends are refused."""
    engine.account.sending_enabled = bool(params.get("Enabled", True))
    return {}


@operation("ses", "GetAccountSendingEnabled")
def get_account_sending_enabled(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Whether the Region's account may send."""
    return {"Enabled": engine.account.sending_enabled}


@operation("sesv2", "PutAccountSendingAttributes")
def put_account_sending_attributes(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Pauses or resumes sending for the Region (the same switch as v1's)."""
    engine.account.sending_enabled = bool(params.get("SendingEnabled", True))
    return {}


@operation("ses", "UpdateConfigurationSetSendingEnabled")
def update_configuration_set_sending_enabled(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Pauses or resumes a configuration set: sends that name a paused set are refused."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    found.sending_enabled = bool(params.get("Enabled", True))
    return {}


@operation("sesv2", "PutConfigurationSetSendingOptions")
def put_configuration_set_sending_options(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Pauses or resumes a configuration set (the same switch as v1's)."""
    found = find_configuration_set(engine, params.get("ConfigurationSetName", ""))
    found.sending_enabled = bool(params.get("SendingEnabled", True))
    return {}
