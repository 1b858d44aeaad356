"""``SesSim.client()``: boto3 clients that reach the simulator (and moto), never AWS."""

from __future__ import annotations

from typing import Any

from .doors.plumbing import SES_SERVICES
from .doors.sessions import FAKE_KEY

__all__ = ["FAKE_KEYS", "SES_SERVICES", "make_client"]

# never a real account's: every request is answered inside the process
FAKE_KEYS = {"aws_access_key_id": FAKE_KEY, "aws_secret_access_key": FAKE_KEY}


def make_client(region: str, service_name: str, **kwargs: Any) -> Any:
    """A boto3 client in ``region`` with fake credentials; ``kwargs`` override both.

    A service other than SES needs moto active (or an ``endpoint_url``): without it the
    client would reach AWS itself."""
    from .moto_adapter import mock_active

    if service_name not in SES_SERVICES and "endpoint_url" not in kwargs and not mock_active():
        raise RuntimeError(
            f"sessim.client({service_name!r}) needs moto's mock_aws, which is not active "
            "(the simulator was started with moto=False): only 'ses' and 'sesv2' are "
            "answered without it."
        )
    import boto3

    create: Any = boto3.client  # typed per literal service name; any name is allowed here
    return create(service_name, **{"region_name": region, **FAKE_KEYS, **kwargs})
