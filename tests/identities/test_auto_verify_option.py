"""``auto_verify`` as an ini option, for suites coming from moto; the marker overrides it."""

from __future__ import annotations

from typing import Any

import pytest


def test_the_ini_option_verifies_api_created_identities(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nsessim_auto_verify = true\n")
    pytester.makepyfile(
        """
import boto3
from typing import Any

import pytest

def client():
    return boto3.client(
        "ses", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s"
    )

def send(ses):
    return ses.send_email(
        Source="orders@shop.example",
        Destination={"ToAddresses": ["success@simulator.amazonses.com"]},
        Message={"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}},
    )

@pytest.mark.sessim(moto=False)
def test_from_moto(sessim):
    ses = client()
    ses.verify_domain_identity(Domain="shop.example")
    send(ses)
    assert sessim.verification_emails == []

@pytest.mark.sessim(moto=False, auto_verify=False)
def test_marker_wins(sessim):
    ses = client()
    ses.verify_domain_identity(Domain="shop.example")
    with pytest.raises(ses.exceptions.MessageRejected):
        send(ses)
"""
    )
    pytester.runpytest().assert_outcomes(passed=2)


def test_the_standalone_server_takes_auto_verify_and_verifies_on_request(tmp_path: Any) -> None:
    import json

    from pytest_sessim.server.state import ServerSettings, ServerState

    config = tmp_path / "sessim.json"
    config.write_text(json.dumps({"auto_verify": True}))
    state = ServerState(ServerSettings.from_file(config))
    try:
        assert state.sim.engine.settings.auto_verify is True
    finally:
        state.close()
    state = ServerState(ServerSettings())
    try:
        state.sim.engine.handle("ses", "VerifyDomainIdentity", {"Domain": "shop.example"})
        assert state.verify([]) == ["shop.example"]
        assert state.verify(["other.example"]) == ["other.example"]
        assert state.sim.engine.account.verified_identity_for("a@other.example")
    finally:
        state.close()
