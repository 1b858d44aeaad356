"""Values the validation tests share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

SUCCESS = "success@simulator.amazonses.com"


def refusal(call: Callable[[], Any]) -> tuple[str, str, int]:
    """(code, message, HTTP status) of the error SES answered ``call`` with."""
    with pytest.raises(ClientError) as caught:
        call()
    error = caught.value.response
    return (
        error["Error"]["Code"],
        error["Error"]["Message"],
        error["ResponseMetadata"]["HTTPStatusCode"],
    )


def below(value: int, member: str, low: int) -> str:
    return (
        f"1 validation error detected: Value '{value}' at '{member}' failed to satisfy "
        f"constraint: Member must have value greater than or equal to {low}"
    )


def above(value: int, member: str, high: int) -> str:
    return (
        f"1 validation error detected: Value '{value}' at '{member}' failed to satisfy "
        f"constraint: Member must have value less than or equal to {high}"
    )
