"""A SESv2 send through a multi-Region endpoint (``EndpointId``) goes out from one of
the endpoint's two Regions, chosen per message; the sender must be verified there."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from ..errors import ErrorKind, SesError

if TYPE_CHECKING:
    from ..service import Engine
    from .submission import Submission

T = TypeVar("T")


def through_endpoint(
    engine: Engine, submission: Submission, accept: Callable[[Engine, Submission], T]
) -> T:
    """Accept ``submission`` in the Region its endpoint picks for it."""
    endpoint_id = submission.endpoint_id or ""
    endpoint = next(
        (
            found
            for account in list(engine.regions.values())
            if (found := account.infrastructure.endpoint_by_id(endpoint_id)) is not None
        ),
        None,
    )
    if endpoint is None:
        raise SesError(
            ErrorKind.NOT_FOUND, f"Multi-region endpoint with id <{endpoint_id}> does not exist."
        )
    region = endpoint.regions[engine.ids.between(0, len(endpoint.regions) - 1)]
    submission.endpoint_id = None
    previous, engine.region = engine.region, region
    try:
        return accept(engine, submission)
    finally:
        engine.region = previous
