"""SESv2 identity feedback settings (v2 has no notification-topic operations)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import ErrorKind, SesError
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"


@operation(API, "PutEmailIdentityFeedbackAttributes")
def put_email_identity_feedback_attributes(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Turns feedback forwarding by email on or off for the identity."""
    name = params.get("EmailIdentity", "")
    identity = engine.account.identities.get(name.lower())
    if identity is None:
        raise SesError(ErrorKind.NOT_FOUND, f"Email identity {name} does not exist.")
    identity.feedback_forwarding = bool(params.get("EmailForwardingEnabled", False))
    return {}
