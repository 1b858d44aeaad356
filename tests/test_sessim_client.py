"""``sessim.client(name, **kwargs)``: a boto3 client in the simulator's region, with fake
credentials, that reaches the simulator (SES) or moto (everything else)."""

from __future__ import annotations

import pytest

from pytest_sessim import SesSim


@pytest.mark.sessim(region="eu-west-1", verified=["example.com"])
def test_clients_are_in_the_simulators_region_with_fake_keys(sessim: SesSim) -> None:
    v2 = sessim.client("sesv2")
    assert v2.meta.region_name == "eu-west-1"
    assert v2.meta.service_model.service_name == "sesv2"
    keys = v2._request_signer._credentials
    assert (keys.access_key, keys.secret_key) == ("testing", "testing")
    reply = v2.send_email(
        FromEmailAddress="a@example.com",
        Destination={"ToAddresses": ["success@simulator.amazonses.com"]},
        Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}},
    )
    assert sessim.outbox[0].message_id == reply["MessageId"]
    assert sessim.client("ses").list_identities()["Identities"] == ["example.com"]


def test_keyword_arguments_override_the_defaults(sessim: SesSim) -> None:
    v1 = sessim.client("ses", region_name="ap-southeast-2", aws_access_key_id="other")
    assert v1.meta.region_name == "ap-southeast-2"
    assert v1._request_signer._credentials.access_key == "other"


def test_other_services_reach_moto(sessim: SesSim) -> None:
    sns = sessim.client("sns")
    topic = sns.create_topic(Name="bounces")["TopicArn"]
    assert topic == "arn:aws:sns:us-east-1:123456789012:bounces"


def test_other_services_need_moto() -> None:
    with SesSim(moto=False) as sim:
        with pytest.raises(RuntimeError) as caught:
            sim.client("sns")
        assert str(caught.value) == (
            "sessim.client('sns') needs moto's mock_aws, which is not active (the simulator "
            "was started with moto=False): only 'ses' and 'sesv2' are answered without it."
        )
        assert sim.client("sesv2").list_email_identities()["EmailIdentities"] == []
