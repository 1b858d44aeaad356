"""An identity's default configuration set applies to the sends from it that name no
configuration set (and only once the identity is verified). A default that was deleted
fails the send: the developer guide says "your call to Amazon SES fails with a bad
request error"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import invalid_parameter

if TYPE_CHECKING:
    from ..account.identities import Identity
    from ..account.state import Account, ConfigurationSet


def default_configuration_set(account: Account, identity: Identity) -> ConfigurationSet | None:
    name = identity.configuration_set
    if name is None or not identity.verified:
        return None
    found = account.configuration_sets.get(name)
    if found is None:
        raise invalid_parameter(f"Configuration set <{name}> does not exist.")
    return found
