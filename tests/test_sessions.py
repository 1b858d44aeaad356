"""What clients made during a simulated test are made from: never credentials or AWS
configuration from before the test, never a credential file or AWS_PROFILE, and
botocore's loaded models reused rather than read again."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import boto3
import botocore.configloader
import botocore.loaders
import pytest

from pytest_sessim import Outcome, SesSim

MAIL = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}
REAL_KEY = "AKIAREALKEYFROMBEFORE"
FAKE_KEYS = ("testing", "FOOBARKEY")  # the simulator's, or moto's once it runs


def send(client: Any) -> str:
    reply = client.send_email(
        Source="a@example.com", Destination={"ToAddresses": [Outcome.SUCCESS.address]}, Message=MAIL
    )
    message_id: str = reply["MessageId"]
    return message_id


def access_key_sent(client: Any, call: Any) -> str:
    """The access key in the Authorization header of the request ``call`` makes."""
    seen: list[str] = []

    def spy(request: Any, **kwargs: Any) -> None:
        header = request.headers.get("Authorization", b"")  # str on older botocore
        seen.append(header.decode() if isinstance(header, bytes) else header)

    client.meta.events.register("before-send", spy)
    call()
    (header,) = seen
    return header.split("Credential=", 1)[1].split("/", 1)[0]


@pytest.fixture
def real_default_session(monkeypatch: pytest.MonkeyPatch) -> Any:
    """boto3's default session as an application sets it up before any test runs."""
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    boto3.setup_default_session(
        aws_access_key_id=REAL_KEY, aws_secret_access_key="real-secret", region_name="eu-west-1"
    )
    return boto3.DEFAULT_SESSION


def test_a_default_session_from_before_the_test_does_not_reach_it(
    real_default_session: Any,
) -> None:
    assert boto3.client("ses").meta.region_name == "eu-west-1"
    with SesSim(verified=["example.com"]) as sim:
        ses = boto3.client("ses")
        sns = boto3.client("sns")
        assert boto3.DEFAULT_SESSION is not real_default_session
        assert ses.meta.region_name == sim.region == "us-east-1"
        send(ses)
        assert access_key_sent(sns, lambda: sns.create_topic(Name="t")) in FAKE_KEYS
        assert len(sim.outbox) == 1
    assert boto3.DEFAULT_SESSION is real_default_session


def test_credential_files_and_aws_profile_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "config"
    broken.write_text("[profile real\naws_access_key_id = AKIA")  # unparseable on purpose
    monkeypatch.setenv("AWS_CONFIG_FILE", str(broken))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(broken))
    monkeypatch.setenv("AWS_PROFILE", "does-not-exist")
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    read: list[str] = []
    parse = botocore.configloader.raw_config_parse

    def spy(path: Any, *args: Any, **kwargs: Any) -> Any:
        read.append(os.path.expanduser(str(path)))
        return parse(path, *args, **kwargs)

    monkeypatch.setattr(botocore.configloader, "raw_config_parse", spy)
    with pytest.raises(botocore.exceptions.ConfigParseError):  # the files are in effect
        boto3.Session().client("ses", region_name="us-east-1")
    read.clear()
    with SesSim(verified=["example.com"]) as sim:
        send(boto3.client("ses"))
        send(boto3.Session().client("ses"))
        send(boto3.Session(profile_name="does-not-exist").client("ses"))
        sns = boto3.Session().client("sns")
        assert access_key_sent(sns, lambda: sns.list_topics()) in FAKE_KEYS
    assert len(sim.outbox) == 3
    assert str(broken) not in read


def test_credentials_in_the_environment_are_faked_while_it_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", REAL_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "real-secret")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "real-token")
    with SesSim():
        assert os.environ["AWS_ACCESS_KEY_ID"] in FAKE_KEYS
        assert "AWS_SESSION_TOKEN" not in os.environ
        credentials = boto3.Session().get_credentials()
        assert credentials.access_key in FAKE_KEYS and credentials.token is None
    assert os.environ["AWS_ACCESS_KEY_ID"] == REAL_KEY
    assert os.environ["AWS_SESSION_TOKEN"] == "real-token"


def test_without_any_credentials_the_fake_ones_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """Even with the environment's keys removed during the test, a session made then
    resolves fake keys: never a file, a container or instance metadata."""
    with SesSim():
        monkeypatch.delenv("AWS_ACCESS_KEY_ID")
        monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
        credentials = boto3.Session().get_credentials()
        assert (credentials.access_key, credentials.method) == ("testing", "pytest-sessim")


def test_simulated_calls_are_not_signed_so_clients_without_credentials_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID", raising=False)
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY", raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    session = boto3.Session(region_name="us-east-1")
    ses = session.client("ses")  # made before any credentials exist
    assert session.get_credentials() is None
    with SesSim(verified=["example.com"]) as sim:
        send(ses)
        authorization: list[Any] = []
        ses.meta.events.register(
            "before-send", lambda request, **kw: authorization.append(request.headers)
        )
        send(ses)  # a handler of its own on the wire path: the wire path, unsigned
        assert "Authorization" not in authorization[0]
    assert len(sim.outbox) == 2
    assert ses._request_signer._credentials is None  # the client is left as it was


def test_the_region_is_the_environments_or_the_simulators(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    with SesSim(region="eu-west-1"):
        assert boto3.client("ses").meta.region_name == "eu-west-1"
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-south-1")
    with SesSim(region="eu-west-1"):
        assert boto3.client("ses").meta.region_name == "ap-south-1"
        assert boto3.client("ses", region_name="us-west-2").meta.region_name == "us-west-2"


def test_sessions_made_in_a_test_reuse_the_models_botocore_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with SesSim():
        boto3.client("ses")
    loaded: list[str] = []
    load = botocore.loaders.JSONFileLoader.load_file

    def spy(self: Any, file_path: str, *args: Any) -> Any:
        loaded.append(file_path)
        return load(self, file_path, *args)

    monkeypatch.setattr(botocore.loaders.JSONFileLoader, "load_file", spy)
    with SesSim(verified=["example.com"]) as sim:
        send(boto3.client("ses", region_name="us-east-1"))
        boto3.Session().client("sesv2")
        send(boto3.client("ses", region_name="us-east-1"))
        assert boto3.DEFAULT_SESSION is not None
    assert len(sim.outbox) == 2
    assert [path for path in loaded if "/ses/" in path] == []
