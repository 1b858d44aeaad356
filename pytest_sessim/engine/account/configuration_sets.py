"""A configuration set's options, as both APIs store them, and SES's rules for set names.

SESv2 shows every option; SES v1 shows the parts it knows (tracking, TLS policy,
reputation metrics, sending). One stored form serves both, so a set changed through
one API reads the same through the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..errors import invalid_parameter

NAME_LIMIT = 64
_NAME = re.compile(r"[A-Za-z0-9_-]+")
MISSING_NAME = "The configuration set name must be specified."


@dataclass
class TrackingOptions:
    """Where open and click links point: the custom redirect domain and its HTTPS policy."""

    custom_redirect_domain: str
    https_policy: str | None = None


@dataclass
class DeliveryOptions:
    """TLS policy (SESv2 spelling), dedicated IP pool, delivery window, shared pool mode."""

    tls_policy: str | None = None
    sending_pool_name: str | None = None
    max_delivery_seconds: int | None = None
    shared_pool_delivery_mode: str | None = None


@dataclass
class ConfigurationSetOptions:
    """Everything a configuration set holds besides its name, sending switch, suppression
    reasons and event destinations."""

    tracking: TrackingOptions | None = None
    delivery: DeliveryOptions | None = None
    reputation_metrics_enabled: bool = False
    last_fresh_start: datetime | None = None
    # SESv2 shapes kept as given: VdmOptions, SuppressionOptions.ValidationOptions,
    # MessageSecurityOptions
    vdm: dict[str, Any] | None = None
    suppression_scope: str | None = None
    suppression_validation: dict[str, Any] | None = None
    message_security: dict[str, Any] | None = None
    archive_arn: str | None = None

    @property
    def max_delivery_seconds(self) -> int | None:
        return self.delivery.max_delivery_seconds if self.delivery is not None else None

    @property
    def tls_required(self) -> bool:
        return self.delivery is not None and self.delivery.tls_policy == "REQUIRE"

    @property
    def sending_pool(self) -> str | None:
        return self.delivery.sending_pool_name if self.delivery is not None else None


def check_configuration_set_name(name: str | None) -> str:
    """SES's checks of a configuration set's name, in its order: given, length, characters."""
    if not name:
        raise invalid_parameter(MISSING_NAME)
    if len(name) > NAME_LIMIT:
        raise invalid_parameter(f"Configuration set name cannot exceed {NAME_LIMIT} characters.")
    if not _NAME.fullmatch(name):  # (``$`` would let a trailing newline through)
        raise invalid_parameter(
            f"Invalid configuration set name <{name}>: only alphanumeric ASCII characters, "
            "'_', and '-' are allowed."
        )
    return name
