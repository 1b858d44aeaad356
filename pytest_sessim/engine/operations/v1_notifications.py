"""SES v1 identity notification settings: topics, headers and feedback forwarding."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.state import Identity
from ..errors import invalid_parameter
from ..publishing.deliveries import subscription_succeeded
from ..publishing.publisher import identity_name
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "ses"
NOTIFICATION_TYPES = ("Bounce", "Complaint", "Delivery")


def notification_identity(engine: Engine, given: str) -> Identity:
    """The identity an operation names (by name or ARN); SES refuses unknown ones."""
    identity = engine.account.identities.get(identity_name(given).lower())
    if identity is None or not identity.verified:
        raise invalid_parameter(
            f"Identity {given} is invalid. Must be a verified email address or domain."
        )
    return identity


def _notification_type(params: Mapping[str, Any]) -> str:
    value = str(params.get("NotificationType", ""))
    if value not in NOTIFICATION_TYPES:
        raise invalid_parameter(
            f"Invalid notification type: {value}. "
            f"Valid values are: {', '.join(NOTIFICATION_TYPES)}."
        )
    return value


@operation(API, "SetIdentityNotificationTopic")
def set_identity_notification_topic(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Sets (or clears) the SNS topic of one notification type; SES's confirmation is published to
    it."""
    identity = notification_identity(engine, params.get("Identity", ""))
    kind = _notification_type(params)
    topic = params.get("SnsTopic")
    if topic:
        identity.notification_topics[kind] = topic
        engine.deliver(subscription_succeeded(topic, kind, identity.name))
    else:
        identity.notification_topics.pop(kind, None)
    return {}


@operation(API, "SetIdentityHeadersInNotificationsEnabled")
def set_identity_headers_in_notifications_enabled(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Includes or leaves out the original headers in one notification type."""
    identity = notification_identity(engine, params.get("Identity", ""))
    kind = _notification_type(params)
    if params.get("Enabled"):
        identity.headers_in_notifications.add(kind)
    else:
        identity.headers_in_notifications.discard(kind)
    return {}


@operation(API, "SetIdentityFeedbackForwardingEnabled")
def set_identity_feedback_forwarding_enabled(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Turns feedback forwarding by email on or off (refused off without bounce and complaint
    topics)."""
    identity = notification_identity(engine, params.get("Identity", ""))
    identity.feedback_forwarding = bool(params.get("ForwardingEnabled"))
    return {}


@operation(API, "GetIdentityNotificationAttributes")
def get_identity_notification_attributes(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Returns each identity's topics, header and forwarding settings."""
    attributes: dict[str, Any] = {}
    for given in params.get("Identities", ()):
        identity = engine.account.identities.get(identity_name(given).lower())
        if identity is None:
            continue  # SES leaves identities it does not know out of the map
        entry: dict[str, Any] = {}
        for kind in NOTIFICATION_TYPES:
            topic = identity.notification_topics.get(kind)
            if topic is not None:
                entry[f"{kind}Topic"] = topic
        entry["ForwardingEnabled"] = identity.feedback_forwarding
        for kind in NOTIFICATION_TYPES:
            enabled = kind in identity.headers_in_notifications
            entry[f"HeadersIn{kind}NotificationsEnabled"] = enabled
        attributes[given] = entry
    return {"NotificationAttributes": attributes}
