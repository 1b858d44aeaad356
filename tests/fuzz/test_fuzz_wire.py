"""Every operation of botocore's ``ses`` and ``sesv2`` models, fuzzed through the wire.

Parameters drawn from each operation's input shape go through a real boto3 client
(parameter validation off, so invalid input reaches the simulator) into the botocore
door. Each answer must be a success or SES's error in the protocol's form, never a
Python exception, a 5xx or a body botocore cannot parse; each refusal is recorded;
and after a refusal the simulator keeps answering.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fuzz_budget import FuzzBudget
from ses_strategies import VERIFIED_DOMAIN, operation_names, operation_params
from wire_checks import Wire, prepare_account

from pytest_sessim import SesSim

CI_EXAMPLES = 8  # per operation: 180 operations
# the operations with most behind them get more
DEEPER = {
    "SendEmail": 40,
    "SendRawEmail": 40,
    "SendTemplatedEmail": 30,
    "SendBulkTemplatedEmail": 30,
    "SendBulkEmail": 30,
    "CreateTemplate": 20,
    "CreateEmailTemplate": 20,
    "TestRenderTemplate": 20,
    "TestRenderEmailTemplate": 20,
    "CreateConfigurationSetEventDestination": 20,
}


@pytest.fixture(scope="module")
def wire() -> Iterator[Wire]:
    with SesSim(verified=[VERIFIED_DOMAIN], now="2026-01-02T03:04:05Z", seed=11) as sim:
        wire = Wire(sim)
        prepare_account(wire)
        yield wire


@pytest.mark.parametrize("operation", operation_names("ses"))
def test_v1_operation(wire: Wire, fuzz_budget: FuzzBudget, operation: str) -> None:
    @fuzz_budget.given(
        operation_params("ses", operation), examples=DEEPER.get(operation, CI_EXAMPLES)
    )
    def check(params: dict[str, Any]) -> None:
        wire.call("ses", operation, params)

    check()


@pytest.mark.parametrize("operation", operation_names("sesv2"))
def test_v2_operation(wire: Wire, fuzz_budget: FuzzBudget, operation: str) -> None:
    @fuzz_budget.given(
        operation_params("sesv2", operation), examples=DEEPER.get(operation, CI_EXAMPLES)
    )
    def check(params: dict[str, Any]) -> None:
        wire.call("sesv2", operation, params)

    check()
