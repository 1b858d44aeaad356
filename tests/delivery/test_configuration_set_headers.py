"""X-SES-CONFIGURATION-SET and X-SES-MESSAGE-TAGS on raw messages."""

from __future__ import annotations

from typing import Any

import pytest
from delivery_helpers import DEFAULT_BUS, SUCCESS

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(verified=["example.com"])


def _raw(*headers: str) -> bytes:
    lines = ["From: sender@example.com", f"To: {SUCCESS}", "Subject: s", *headers, "", "body", ""]
    return "\r\n".join(lines).encode()


@pytest.fixture
def bus_destination(sesv2: Any) -> None:
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    sesv2.create_configuration_set_event_destination(
        ConfigurationSetName="cs",
        EventDestinationName="bus",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["SEND"],
            "EventBridgeDestination": {"EventBusArn": DEFAULT_BUS},
        },
    )


def test_the_header_names_the_configuration_set(
    sessim: SesSim, ses: Any, bus_destination: None
) -> None:
    message_id = ses.send_raw_email(RawMessage={"Data": _raw("X-SES-CONFIGURATION-SET: cs")})[
        "MessageId"
    ]

    assert sessim.outbox[0].configuration_set == "cs"
    [event] = sessim.eventbridge_events
    assert event.message_id == message_id
    assert event.detail["mail"]["tags"]["ses:configuration-set"] == ["cs"]


def test_a_missing_set_named_by_the_header_refuses_the_send(sessim: SesSim, ses: Any) -> None:
    with pytest.raises(ses.exceptions.ConfigurationSetDoesNotExistException) as info:
        ses.send_raw_email(RawMessage={"Data": _raw("X-SES-CONFIGURATION-SET: ghost")})

    assert info.value.response["Error"] == {
        "Type": "Sender",
        "Code": "ConfigurationSetDoesNotExist",
        "Message": "Configuration set <ghost> does not exist.",
    }
    assert sessim.outbox == [] and sessim.events == []


def test_api_tags_win_over_the_tags_header(sessim: SesSim, ses: Any, bus_destination: None) -> None:
    header = "X-SES-MESSAGE-TAGS: campaign=from-header, team=growth"
    ses.send_raw_email(
        RawMessage={"Data": _raw("X-SES-CONFIGURATION-SET: cs", header)},
        Tags=[{"Name": "campaign", "Value": "from-api"}],
    )
    ses.send_raw_email(RawMessage={"Data": _raw("X-SES-CONFIGURATION-SET: cs", header)})

    with_api, header_only = (e.detail["mail"]["tags"] for e in sessim.eventbridge_events)
    assert with_api["campaign"] == ["from-api"] and "team" not in with_api
    assert header_only["campaign"] == ["from-header"] and header_only["team"] == ["growth"]
