"""SESv2 identity feedback settings (v2 has no notification-topic operations)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .registry import operation
from .v2_identities import email_identity

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"


@operation(API, "PutEmailIdentityFeedbackAttributes")
def put_email_identity_feedback_attributes(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Turns feedback forwarding by email on or off for the identity."""
    identity = email_identity(engine, params.get("EmailIdentity", ""))
    identity.feedback_forwarding = bool(params.get("EmailForwardingEnabled", False))
    return {}
