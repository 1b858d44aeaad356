"""Where SES receives email. Elsewhere the receipt operations do not exist (SES answers
``InvalidAction: Unavailable Operation``) and no inbound endpoint takes mail.

The AWS General Reference lists the email receiving endpoints
(``inbound-smtp.<region>.amazonaws.com``); in January 2024 they were the eleven Regions
from us-east-1 to eu-west-2 below. Regions whose endpoints have been in use since then
are added after them. GovCloud and the Regions with no evidence of an endpoint are left
out: mail and receipt operations there fail as SES fails.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ErrorKind, SesError

if TYPE_CHECKING:
    from ..account.receiving import ReceivingState
    from ..service import Engine

RECEIVING_REGIONS = frozenset(
    {
        # listed by the AWS General Reference in January 2024
        "us-east-1",
        "us-east-2",
        "us-west-2",
        "ap-southeast-3",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-northeast-1",
        "ca-central-1",
        "eu-central-1",
        "eu-west-1",
        "eu-west-2",
        # inbound endpoints in use since
        "us-west-1",
        "ap-south-1",
        "ap-northeast-2",
        "eu-north-1",
        "eu-west-3",
        "sa-east-1",
    }
)
UNAVAILABLE = "Unavailable Operation"


def receiving_available(region: str) -> bool:
    return region in RECEIVING_REGIONS


def inbound_host(region: str) -> str:
    return f"inbound-smtp.{region}.amazonaws.com"


def receiving_state(engine: Engine) -> ReceivingState:
    """The receiving state of the request's Region; InvalidAction where SES receives no mail."""
    if not receiving_available(engine.region):
        raise SesError(ErrorKind.UNAVAILABLE_OPERATION, UNAVAILABLE)
    return engine.account.receiving
