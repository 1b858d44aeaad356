"""The configuration set a message names (the API's, or ``X-SES-CONFIGURATION-SET``)
must have a valid name and exist."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..account.configuration_sets import check_configuration_set_name
from ..errors import ErrorKind, SesError

if TYPE_CHECKING:
    from ..account.state import Account, ConfigurationSet

CONFIGURATION_SET_HEADER = "X-SES-CONFIGURATION-SET"


def check_configuration_set(account: Account, name: str | None) -> ConfigurationSet | None:
    if name is None:
        return None
    check_configuration_set_name(name)
    found = account.configuration_sets.get(name)
    if found is None:
        raise SesError(
            ErrorKind.CONFIGURATION_SET_NOT_FOUND, f"Configuration set <{name}> does not exist."
        )
    return found
