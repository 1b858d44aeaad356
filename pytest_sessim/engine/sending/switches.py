"""Sending switched off, for the account or for the configuration set a message names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ErrorKind, SesError

if TYPE_CHECKING:
    from ..account.state import Account, ConfigurationSet

# Exact texts for sending that was switched off are not documented; these follow
# the enforcement text SES uses ("Sending paused for this account. ...").
ACCOUNT_PAUSED = "Sending paused for this account."
CONFIGURATION_SET_PAUSED = "Sending paused for configuration set <{name}>."


def check_sending_enabled(account: Account, configuration_set: ConfigurationSet | None) -> None:
    if not account.sending_enabled:
        raise SesError(ErrorKind.ACCOUNT_SENDING_PAUSED, ACCOUNT_PAUSED)
    if configuration_set is not None and not configuration_set.sending_enabled:
        raise SesError(
            ErrorKind.CONFIGURATION_SET_SENDING_PAUSED,
            CONFIGURATION_SET_PAUSED.format(name=configuration_set.name),
        )
