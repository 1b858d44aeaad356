"""Notification settings and event destinations through boto3, v1 and v2 sharing state,
with SES's error codes and texts."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from delivery_helpers import ACCOUNT, DEFAULT_BUS, REGION

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(verified=["example.com", "owner@example.com"])

TOPIC = f"arn:aws:sns:{REGION}:{ACCOUNT}:ses-events"
STREAM = f"arn:aws:firehose:{REGION}:{ACCOUNT}:deliverystream/ses-events"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/ses-firehose"


def _error(info: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response = info.value.response
    status = response["ResponseMetadata"]["HTTPStatusCode"]
    return response["Error"]["Code"], response["Error"]["Message"], status


@pytest.fixture
def topic(sns: Any) -> str:
    arn: str = sns.create_topic(Name="ses-events")["TopicArn"]
    assert arn == TOPIC
    return arn


# identity notifications -----------------------------------------------------------
def test_topics_headers_and_forwarding_read_back(sessim: SesSim, ses: Any, topic: str) -> None:
    ses.set_identity_notification_topic(
        Identity="example.com", NotificationType="Bounce", SnsTopic=topic
    )
    ses.set_identity_notification_topic(
        Identity="example.com", NotificationType="Complaint", SnsTopic=topic
    )
    ses.set_identity_headers_in_notifications_enabled(
        Identity="example.com", NotificationType="Complaint", Enabled=True
    )
    ses.set_identity_feedback_forwarding_enabled(Identity="example.com", ForwardingEnabled=False)

    attributes = ses.get_identity_notification_attributes(
        Identities=["example.com", "owner@example.com", "unknown.example"]
    )["NotificationAttributes"]

    assert attributes == {
        "example.com": {
            "BounceTopic": topic,
            "ComplaintTopic": topic,
            "ForwardingEnabled": False,
            "HeadersInBounceNotificationsEnabled": False,
            "HeadersInComplaintNotificationsEnabled": True,
            "HeadersInDeliveryNotificationsEnabled": False,
        },
        "owner@example.com": {
            "ForwardingEnabled": True,
            "HeadersInBounceNotificationsEnabled": False,
            "HeadersInComplaintNotificationsEnabled": False,
            "HeadersInDeliveryNotificationsEnabled": False,
        },
    }


def test_omitting_the_topic_clears_it(sessim: SesSim, ses: Any, topic: str) -> None:
    ses.set_identity_notification_topic(
        Identity="example.com", NotificationType="Delivery", SnsTopic=topic
    )
    ses.set_identity_notification_topic(Identity="example.com", NotificationType="Delivery")

    attributes = ses.get_identity_notification_attributes(Identities=["example.com"])
    assert "DeliveryTopic" not in attributes["NotificationAttributes"]["example.com"]


def test_an_identity_can_be_named_by_its_arn(sessim: SesSim, ses: Any, topic: str) -> None:
    arn = f"arn:aws:ses:{REGION}:{ACCOUNT}:identity/example.com"
    ses.set_identity_notification_topic(Identity=arn, NotificationType="Bounce", SnsTopic=topic)

    attributes = ses.get_identity_notification_attributes(Identities=["example.com"])
    assert attributes["NotificationAttributes"]["example.com"]["BounceTopic"] == topic


@pytest.mark.parametrize(
    "call",
    [
        lambda ses, who: ses.set_identity_notification_topic(
            Identity=who, NotificationType="Bounce", SnsTopic=TOPIC
        ),
        lambda ses, who: ses.set_identity_headers_in_notifications_enabled(
            Identity=who, NotificationType="Bounce", Enabled=True
        ),
        lambda ses, who: ses.set_identity_feedback_forwarding_enabled(
            Identity=who, ForwardingEnabled=True
        ),
    ],
    ids=["topic", "headers", "forwarding"],
)
@pytest.mark.parametrize(
    "who", ["stranger@nowhere.example", f"arn:aws:ses:{REGION}:{ACCOUNT}:identity/nowhere.example"]
)
def test_an_unknown_identity_is_refused(sessim: SesSim, ses: Any, call: Any, who: str) -> None:
    with pytest.raises(ClientError) as info:
        call(ses, who)

    assert _error(info) == (
        "InvalidParameterValue",
        f"Identity {who} is invalid. Must be a verified email address or domain.",
        400,
    )


def test_an_unknown_notification_type_is_refused(sessim: SesSim, ses: Any) -> None:
    with pytest.raises(ClientError) as info:
        ses.set_identity_headers_in_notifications_enabled(
            Identity="example.com", NotificationType="Open", Enabled=True
        )

    assert _error(info)[:2] == (
        "InvalidParameterValue",
        "Invalid notification type: Open. Valid values are: Bounce, Complaint, Delivery.",
    )


def test_feedback_forwarding_is_one_setting_for_v1_and_v2(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    assert sesv2.get_email_identity(EmailIdentity="example.com")["FeedbackForwardingStatus"]

    sesv2.put_email_identity_feedback_attributes(
        EmailIdentity="example.com", EmailForwardingEnabled=False
    )
    v1 = ses.get_identity_notification_attributes(Identities=["example.com"])
    assert v1["NotificationAttributes"]["example.com"]["ForwardingEnabled"] is False

    ses.set_identity_feedback_forwarding_enabled(Identity="example.com", ForwardingEnabled=True)
    assert sesv2.get_email_identity(EmailIdentity="example.com")["FeedbackForwardingStatus"]


def test_v2_feedback_attributes_of_an_unknown_identity(sessim: SesSim, sesv2: Any) -> None:
    with pytest.raises(sesv2.exceptions.NotFoundException) as info:
        sesv2.put_email_identity_feedback_attributes(
            EmailIdentity="nowhere.example", EmailForwardingEnabled=True
        )

    assert _error(info)[1:] == ("Email identity nowhere.example does not exist.", 404)


# configuration-set event destinations, v1 -----------------------------------------
def _v1_sns(name: str, types: list[str], topic: str = TOPIC) -> dict[str, Any]:
    return {
        "Name": name,
        "Enabled": True,
        "MatchingEventTypes": types,
        "SNSDestination": {"TopicARN": topic},
    }


def _describe(ses: Any, name: str) -> list[dict[str, Any]]:
    reply = ses.describe_configuration_set(
        ConfigurationSetName=name, ConfigurationSetAttributeNames=["eventDestinations"]
    )
    destinations: list[dict[str, Any]] = reply["EventDestinations"]
    return destinations


def test_v1_destinations_round_trip(sessim: SesSim, ses: Any, topic: str) -> None:
    ses.create_configuration_set(ConfigurationSet={"Name": "cs"})
    ses.create_configuration_set_event_destination(
        ConfigurationSetName="cs", EventDestination=_v1_sns("to-sns", ["send", "bounce"])
    )
    firehose = {
        "Name": "to-firehose",
        "MatchingEventTypes": ["delivery", "renderingFailure"],
        "KinesisFirehoseDestination": {"IAMRoleARN": ROLE, "DeliveryStreamARN": STREAM},
    }
    ses.create_configuration_set_event_destination(
        ConfigurationSetName="cs", EventDestination=firehose
    )
    cloudwatch = {
        "Name": "to-cloudwatch",
        "Enabled": True,
        "MatchingEventTypes": ["complaint"],
        "CloudWatchDestination": {
            "DimensionConfigurations": [
                {
                    "DimensionName": "campaign",
                    "DimensionValueSource": "messageTag",
                    "DefaultDimensionValue": "none",
                }
            ]
        },
    }
    ses.create_configuration_set_event_destination(
        ConfigurationSetName="cs", EventDestination=cloudwatch
    )

    assert _describe(ses, "cs") == [
        _v1_sns("to-sns", ["send", "bounce"]),
        {**firehose, "Enabled": False},  # Enabled defaults to false
        cloudwatch,
    ]
    plain = ses.describe_configuration_set(ConfigurationSetName="cs")
    assert "EventDestinations" not in plain  # only when asked for

    ses.update_configuration_set_event_destination(
        ConfigurationSetName="cs", EventDestination=_v1_sns("to-sns", ["delivery"])
    )
    ses.delete_configuration_set_event_destination(
        ConfigurationSetName="cs", EventDestinationName="to-cloudwatch"
    )
    assert [item["Name"] for item in _describe(ses, "cs")] == ["to-sns", "to-firehose"]
    assert _describe(ses, "cs")[0]["MatchingEventTypes"] == ["delivery"]


def test_v1_destination_errors(sessim: SesSim, ses: Any, topic: str) -> None:
    ses.create_configuration_set(ConfigurationSet={"Name": "cs"})
    ses.create_configuration_set_event_destination(
        ConfigurationSetName="cs", EventDestination=_v1_sns("to-sns", ["send"])
    )

    with pytest.raises(ses.exceptions.EventDestinationAlreadyExistsException) as info:
        ses.create_configuration_set_event_destination(
            ConfigurationSetName="cs", EventDestination=_v1_sns("to-sns", ["send"])
        )
    assert _error(info) == (
        "EventDestinationAlreadyExists",
        "An event destination with name <to-sns> already exists for configuration set <cs>.",
        400,
    )

    for call in (
        lambda: ses.update_configuration_set_event_destination(
            ConfigurationSetName="cs", EventDestination=_v1_sns("ghost", ["send"])
        ),
        lambda: ses.delete_configuration_set_event_destination(
            ConfigurationSetName="cs", EventDestinationName="ghost"
        ),
    ):
        with pytest.raises(ses.exceptions.EventDestinationDoesNotExistException) as missing:
            call()
        assert _error(missing) == (
            "EventDestinationDoesNotExist",
            "No EventDestination found for cs",
            400,
        )

    with pytest.raises(ses.exceptions.ConfigurationSetDoesNotExistException) as no_set:
        ses.create_configuration_set_event_destination(
            ConfigurationSetName="nope", EventDestination=_v1_sns("to-sns", ["send"])
        )
    assert _error(no_set)[:2] == (
        "ConfigurationSetDoesNotExist",
        "Configuration set <nope> does not exist.",
    )


def test_v1_sns_destination_needs_an_existing_topic(sessim: SesSim, ses: Any) -> None:
    ses.create_configuration_set(ConfigurationSet={"Name": "cs"})
    missing = f"arn:aws:sns:{REGION}:{ACCOUNT}:no-such-topic"

    with pytest.raises(ses.exceptions.InvalidSNSDestinationException) as info:
        ses.create_configuration_set_event_destination(
            ConfigurationSetName="cs", EventDestination=_v1_sns("to-sns", ["send"], missing)
        )

    assert _error(info) == ("InvalidSNSDestination", f"SNS topic <{missing}> not found.", 400)


def test_v1_destination_shape_errors(sessim: SesSim, ses: Any, topic: str) -> None:
    ses.create_configuration_set(ConfigurationSet={"Name": "cs"})
    two = {
        **_v1_sns("two", ["send"]),
        "KinesisFirehoseDestination": {"IAMRoleARN": ROLE, "DeliveryStreamARN": STREAM},
    }
    with pytest.raises(ClientError) as info:
        ses.create_configuration_set_event_destination(
            ConfigurationSetName="cs", EventDestination=two
        )
    assert _error(info)[0] == "InvalidParameterValue"
    assert _error(info)[1].startswith("Please provide only one destination with each request.")

    with pytest.raises(ClientError) as bad_type:
        ses.create_configuration_set_event_destination(
            ConfigurationSetName="cs", EventDestination=_v1_sns("x", ["deliveryDelay"])
        )
    code, message, _ = _error(bad_type)
    assert code == "ValidationError"
    assert message.endswith(
        "[Member must satisfy enum value set: "
        "[click, bounce, send, open, complaint, delivery, renderingFailure, reject]]"
    )


# configuration-set event destinations, v2 -----------------------------------------
def test_v2_destinations_round_trip_and_v1_sees_them(
    sessim: SesSim, ses: Any, sesv2: Any, topic: str
) -> None:
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    definitions = {
        "to-sns": {
            "Enabled": True,
            "MatchingEventTypes": ["SEND", "DELIVERY_DELAY"],
            "SnsDestination": {"TopicArn": topic},
        },
        "to-bus": {
            "Enabled": True,
            "MatchingEventTypes": ["BOUNCE"],
            "EventBridgeDestination": {"EventBusArn": DEFAULT_BUS},
        },
        "to-cloudwatch": {
            "Enabled": False,
            "MatchingEventTypes": ["OPEN", "CLICK"],
            "CloudWatchDestination": {
                "DimensionConfigurations": [
                    {
                        "DimensionName": "ses:configuration-set",
                        "DimensionValueSource": "MESSAGE_TAG",
                        "DefaultDimensionValue": "cs",
                    }
                ]
            },
        },
    }
    for name, definition in definitions.items():
        sesv2.create_configuration_set_event_destination(
            ConfigurationSetName="cs", EventDestinationName=name, EventDestination=definition
        )

    got = sesv2.get_configuration_set_event_destinations(ConfigurationSetName="cs")
    assert got["EventDestinations"] == [
        {"Name": name, **definition} for name, definition in definitions.items()
    ]
    # v1 shows what it can express: lower-case types, no EventBridge destination
    assert _describe(ses, "cs") == [
        {
            "Name": "to-sns",
            "Enabled": True,
            "MatchingEventTypes": ["send"],
            "SNSDestination": {"TopicARN": topic},
        },
        {
            "Name": "to-cloudwatch",
            "Enabled": False,
            "MatchingEventTypes": ["open", "click"],
            "CloudWatchDestination": {
                "DimensionConfigurations": [
                    {
                        "DimensionName": "ses:configuration-set",
                        "DimensionValueSource": "messageTag",
                        "DefaultDimensionValue": "cs",
                    }
                ]
            },
        },
    ]

    sesv2.update_configuration_set_event_destination(
        ConfigurationSetName="cs",
        EventDestinationName="to-bus",
        EventDestination={**definitions["to-bus"], "Enabled": False},
    )
    sesv2.delete_configuration_set_event_destination(
        ConfigurationSetName="cs", EventDestinationName="to-sns"
    )
    remaining = sesv2.get_configuration_set_event_destinations(ConfigurationSetName="cs")
    assert [(d["Name"], d["Enabled"]) for d in remaining["EventDestinations"]] == [
        ("to-bus", False),
        ("to-cloudwatch", False),
    ]


def test_v2_destination_errors(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    bus = {"Enabled": True, "EventBridgeDestination": {"EventBusArn": DEFAULT_BUS}}
    sesv2.create_configuration_set_event_destination(
        ConfigurationSetName="cs", EventDestinationName="bus", EventDestination=bus
    )

    with pytest.raises(sesv2.exceptions.AlreadyExistsException) as exists:
        sesv2.create_configuration_set_event_destination(
            ConfigurationSetName="cs", EventDestinationName="bus", EventDestination=bus
        )
    assert _error(exists)[1:] == (
        "An event destination with name <bus> already exists for configuration set <cs>.",
        400,
    )

    for call in (
        lambda: sesv2.update_configuration_set_event_destination(
            ConfigurationSetName="cs", EventDestinationName="ghost", EventDestination=bus
        ),
        lambda: sesv2.delete_configuration_set_event_destination(
            ConfigurationSetName="cs", EventDestinationName="ghost"
        ),
    ):
        with pytest.raises(sesv2.exceptions.NotFoundException) as missing:
            call()
        assert _error(missing)[1:] == (
            "An event destination with name <ghost> does not exist for configuration set <cs>.",
            404,
        )

    with pytest.raises(sesv2.exceptions.NotFoundException) as no_set:
        sesv2.get_configuration_set_event_destinations(ConfigurationSetName="nope")
    assert _error(no_set)[1:] == ("Configuration set <nope> does not exist.", 404)

    with pytest.raises(sesv2.exceptions.BadRequestException) as none:
        sesv2.create_configuration_set_event_destination(
            ConfigurationSetName="cs", EventDestinationName="x", EventDestination={"Enabled": True}
        )
    assert _error(none)[1] == "Event destination is not provided."
