"""An identity's default configuration set applies to sends that name none."""

from __future__ import annotations

from typing import Any

import pytest
from identity_helpers import MESSAGE, SUCCESS, refusal, send

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(moto=False)


def test_create_email_identity_keeps_its_default_set(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    sesv2.create_configuration_set(ConfigurationSetName="marketing")
    sesv2.create_email_identity(EmailIdentity="shop.example", ConfigurationSetName="marketing")
    assert sesv2.get_email_identity(EmailIdentity="shop.example")["ConfigurationSetName"] == (
        "marketing"
    )
    sessim.verify("shop.example")  # applied only once verified

    message_id = send(ses, "a@shop.example")

    assert sessim.outbox[-1].configuration_set == "marketing"
    send_event = sessim.events_for(message_id)[0]
    assert send_event.record["mail"]["tags"]["ses:configuration-set"] == ["marketing"]


def test_a_set_the_request_names_wins(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    sessim.verify("shop.example")
    for name in ("default", "chosen"):
        sesv2.create_configuration_set(ConfigurationSetName=name)
    sesv2.put_email_identity_configuration_set_attributes(
        EmailIdentity="shop.example", ConfigurationSetName="default"
    )
    send(ses, "a@shop.example", ConfigurationSetName="chosen")
    sesv2.send_email(
        FromEmailAddress="a@shop.example",
        Destination={"ToAddresses": [SUCCESS]},
        Content={"Simple": MESSAGE},
    )
    assert [m.configuration_set for m in sessim.outbox] == ["chosen", "default"]

    sesv2.put_email_identity_configuration_set_attributes(EmailIdentity="shop.example")
    send(ses, "a@shop.example")
    assert sessim.outbox[-1].configuration_set is None
    assert "ConfigurationSetName" not in sesv2.get_email_identity(EmailIdentity="shop.example")


def test_an_address_default_overrides_its_domains(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    sessim.verify("shop.example", "vip@shop.example")
    for name in ("domain-set", "vip-set"):
        sesv2.create_configuration_set(ConfigurationSetName=name)
    for identity, name in (("shop.example", "domain-set"), ("vip@shop.example", "vip-set")):
        sesv2.put_email_identity_configuration_set_attributes(
            EmailIdentity=identity, ConfigurationSetName=name
        )
    send(ses, "vip@shop.example")
    send(ses, "other@shop.example")
    assert [m.configuration_set for m in sessim.outbox] == ["vip-set", "domain-set"]


def test_a_deleted_default_set_fails_sends_with_a_bad_request(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    sessim.verify("shop.example")
    sesv2.create_configuration_set(ConfigurationSetName="gone")
    sesv2.put_email_identity_configuration_set_attributes(
        EmailIdentity="shop.example", ConfigurationSetName="gone"
    )
    sesv2.delete_configuration_set(ConfigurationSetName="gone")

    assert refusal(lambda: send(ses, "a@shop.example")) == (
        "InvalidParameterValue",
        "Configuration set <gone> does not exist.",
        400,
    )
    assert refusal(
        lambda: sesv2.send_email(
            FromEmailAddress="a@shop.example",
            Destination={"ToAddresses": [SUCCESS]},
            Content={"Simple": MESSAGE},
        )
    )[::2] == ("BadRequestException", 400)
    assert sesv2.get_email_identity(EmailIdentity="shop.example")["ConfigurationSetName"] == "gone"


def test_a_paused_default_set_pauses_the_identitys_sends(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    sessim.verify("shop.example")
    sesv2.create_configuration_set(ConfigurationSetName="paused")
    ses.update_configuration_set_sending_enabled(ConfigurationSetName="paused", Enabled=False)
    sesv2.put_email_identity_configuration_set_attributes(
        EmailIdentity="shop.example", ConfigurationSetName="paused"
    )
    assert refusal(lambda: send(ses, "a@shop.example"))[0] == (
        "ConfigurationSetSendingPausedException"
    )


def test_the_default_set_must_exist_when_given(sessim: SesSim, sesv2: Any) -> None:
    assert refusal(
        lambda: sesv2.create_email_identity(EmailIdentity="shop.example", ConfigurationSetName="x")
    ) == ("NotFoundException", "Configuration set <x> does not exist.", 404)
    assert sesv2.list_email_identities()["EmailIdentities"] == []
    sessim.verify("shop.example")
    assert refusal(
        lambda: sesv2.put_email_identity_configuration_set_attributes(
            EmailIdentity="shop.example", ConfigurationSetName="x"
        )
    )[::2] == ("NotFoundException", 404)
