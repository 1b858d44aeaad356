"""Sending-authorization policies of identities, v1 and v2 sharing them: names, JSON and
statements checked as SES checks them, 20 per identity; sends naming an identity of
another account are evaluated against them (``sending/authorization.py``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.identities import Identity
from ..errors import ErrorKind, SesError, invalid_parameter
from ..identities.checks import max_length
from ..identities.names import find
from ..identities.policies import MAX_POLICIES, checked
from .registry import operation
from .v1_identities import unknown_identity
from .v2_identities import email_identity

if TYPE_CHECKING:
    from ..service import Engine

_NAME = re.compile(r"[A-Za-z0-9_-]+\Z")
MAX_NAME_LENGTH = 64


def _policy_name(name: str) -> str:
    max_length(name, MAX_NAME_LENGTH, "policyName")
    if not _NAME.match(name):
        raise invalid_parameter(
            "PolicyName is invalid. Policy names must only include alpha-numeric characters, "
            "dashes, and underscores."
        )
    return name


def _verified(identity: Identity | None, given: str) -> Identity:
    """Policies are for the owner of a verified identity."""
    if identity is None or not identity.verified:
        raise unknown_identity(given)
    return identity


def _store(identity: Identity, name: str, text: str) -> None:
    if name not in identity.policies and len(identity.policies) >= MAX_POLICIES:
        raise SesError(
            ErrorKind.POLICY_LIMIT,
            f"Number of policies for <{identity.name}> exceeds max allowed number of policies "
            "per resource",
        )
    identity.policies[name] = checked(text, identity.name)


# v1 ----------------------------------------------------------------------------------
@operation("ses", "PutIdentityPolicy")
def put_identity_policy(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Adds or replaces a policy (checked; at most 20) on a verified identity."""
    name = _policy_name(params.get("PolicyName", ""))
    given = params.get("Identity", "")
    identity = _verified(find(engine.account, given), given)
    _store(identity, name, params.get("Policy", ""))
    return {}


@operation("ses", "DeleteIdentityPolicy")
def delete_identity_policy(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Removes a policy (none of that name: no error)."""
    given = params.get("Identity", "")
    identity = _verified(find(engine.account, given), given)
    identity.policies.pop(params.get("PolicyName", ""), None)
    return {}


@operation("ses", "GetIdentityPolicies")
def get_identity_policies(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """The named policies (up to 20) that exist, as stored (compact JSON)."""
    given = params.get("Identity", "")
    identity = _verified(find(engine.account, given), given)
    names = list(params.get("PolicyNames", ()))
    if len(names) > MAX_POLICIES:
        raise invalid_parameter(
            f"Too many policy names: {len(names)}. At most {MAX_POLICIES} can be requested."
        )
    return {"Policies": {n: identity.policies[n] for n in names if n in identity.policies}}


@operation("ses", "ListIdentityPolicies")
def list_identity_policies(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """The names of the identity's policies."""
    given = params.get("Identity", "")
    identity = _verified(find(engine.account, given), given)
    return {"PolicyNames": list(identity.policies)}


# v2 ----------------------------------------------------------------------------------
def _v2_identity(engine: Engine, params: Mapping[str, Any]) -> Identity:
    name = params.get("EmailIdentity", "")
    return _verified(email_identity(engine, name), name)


def _existing_policy(identity: Identity, name: str) -> str:
    if name not in identity.policies:
        raise SesError(ErrorKind.NOT_FOUND, f"Policy <{name}> does not exist")
    return name


@operation("sesv2", "CreateEmailIdentityPolicy")
def create_email_identity_policy(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Adds a policy (checked; at most 20) to a verified identity."""
    identity = _v2_identity(engine, params)
    name = _policy_name(params.get("PolicyName", ""))
    if name in identity.policies:
        raise SesError(ErrorKind.ALREADY_EXISTS, f"Policy <{name}> already exists")
    _store(identity, name, params.get("Policy", ""))
    return {}


@operation("sesv2", "UpdateEmailIdentityPolicy")
def update_email_identity_policy(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Replaces an existing policy (checked)."""
    identity = _v2_identity(engine, params)
    name = _existing_policy(identity, _policy_name(params.get("PolicyName", "")))
    _store(identity, name, params.get("Policy", ""))
    return {}


@operation("sesv2", "DeleteEmailIdentityPolicy")
def delete_email_identity_policy(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Removes an existing policy."""
    identity = _v2_identity(engine, params)
    del identity.policies[_existing_policy(identity, params.get("PolicyName", ""))]
    return {}


@operation("sesv2", "GetEmailIdentityPolicies")
def get_email_identity_policies(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Every policy of the identity, by name."""
    return {"Policies": dict(_v2_identity(engine, params).policies)}
