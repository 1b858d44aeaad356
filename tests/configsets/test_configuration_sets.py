"""Configuration sets through boto3: every option stored and returned, v1 and v2 seeing
one state, and SES's checks and texts."""

from __future__ import annotations

from typing import Any

import pytest
from cs_helpers import ARCHIVE, arn, refused

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(verified=["example.com"])

EVERY_OPTION: dict[str, Any] = {
    "TrackingOptions": {"CustomRedirectDomain": "track.example.com", "HttpsPolicy": "REQUIRE"},
    "DeliveryOptions": {"TlsPolicy": "REQUIRE", "MaxDeliverySeconds": 600},
    "ReputationOptions": {"ReputationMetricsEnabled": False},
    "SendingOptions": {"SendingEnabled": False},
    "Tags": [{"Key": "team", "Value": "mail"}],
    "SuppressionOptions": {"SuppressedReasons": ["COMPLAINT"]},
    "VdmOptions": {
        "DashboardOptions": {"EngagementMetrics": "ENABLED"},
        "GuardianOptions": {"OptimizedSharedDelivery": "DISABLED"},
    },
    "ArchivingOptions": {"ArchiveArn": ARCHIVE},
}


def _get(sesv2: Any, name: str) -> dict[str, Any]:
    reply: dict[str, Any] = sesv2.get_configuration_set(ConfigurationSetName=name)
    reply.pop("ResponseMetadata")
    return reply


def test_create_keeps_every_option_and_get_returns_them(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_configuration_set(ConfigurationSetName="all", **EVERY_OPTION)

    assert _get(sesv2, "all") == {"ConfigurationSetName": "all", **EVERY_OPTION}


def test_a_plain_set_has_sesv2_defaults(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_configuration_set(ConfigurationSetName="plain")

    assert _get(sesv2, "plain") == {
        "ConfigurationSetName": "plain",
        "ReputationOptions": {"ReputationMetricsEnabled": True},
        "SendingOptions": {"SendingEnabled": True},
        "Tags": [],
    }


def test_an_empty_sending_options_block_pauses_the_set(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_configuration_set(ConfigurationSetName="cs", SendingOptions={})

    assert _get(sesv2, "cs")["SendingOptions"] == {"SendingEnabled": False}


def test_put_operations_change_one_option_each(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_dedicated_ip_pool(PoolName="marketing")
    sesv2.create_configuration_set(ConfigurationSetName="cs")

    sesv2.put_configuration_set_tracking_options(
        ConfigurationSetName="cs", CustomRedirectDomain="example.com"
    )
    sesv2.put_configuration_set_delivery_options(
        ConfigurationSetName="cs", TlsPolicy="OPTIONAL", SendingPoolName="marketing"
    )
    sesv2.put_configuration_set_reputation_options(ConfigurationSetName="cs")
    sesv2.put_configuration_set_sending_options(ConfigurationSetName="cs", SendingEnabled=False)
    sesv2.put_configuration_set_suppression_options(ConfigurationSetName="cs", SuppressedReasons=[])
    sesv2.put_configuration_set_vdm_options(
        ConfigurationSetName="cs",
        VdmOptions={"DashboardOptions": {"EngagementMetrics": "DISABLED"}},
    )
    sesv2.put_configuration_set_archiving_options(ConfigurationSetName="cs", ArchiveArn=ARCHIVE)

    assert _get(sesv2, "cs") == {
        "ConfigurationSetName": "cs",
        "TrackingOptions": {"CustomRedirectDomain": "example.com"},
        "DeliveryOptions": {"TlsPolicy": "OPTIONAL", "SendingPoolName": "marketing"},
        "ReputationOptions": {"ReputationMetricsEnabled": False},  # absent member: off
        "SendingOptions": {"SendingEnabled": False},
        "Tags": [],
        "SuppressionOptions": {"SuppressedReasons": []},
        "VdmOptions": {"DashboardOptions": {"EngagementMetrics": "DISABLED"}},
        "ArchivingOptions": {"ArchiveArn": ARCHIVE},
    }

    # an empty request clears tracking, delivery, VDM and archiving options
    sesv2.put_configuration_set_tracking_options(ConfigurationSetName="cs")
    sesv2.put_configuration_set_delivery_options(ConfigurationSetName="cs")
    sesv2.put_configuration_set_vdm_options(ConfigurationSetName="cs")
    sesv2.put_configuration_set_archiving_options(ConfigurationSetName="cs")
    shown = _get(sesv2, "cs")
    for cleared in ("TrackingOptions", "DeliveryOptions", "VdmOptions", "ArchivingOptions"):
        assert cleared not in shown


def test_v1_and_v2_see_one_configuration_set(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    ses.create_configuration_set(ConfigurationSet={"Name": "shared"})
    ses.create_configuration_set_tracking_options(
        ConfigurationSetName="shared", TrackingOptions={"CustomRedirectDomain": "example.com"}
    )
    ses.put_configuration_set_delivery_options(
        ConfigurationSetName="shared", DeliveryOptions={"TlsPolicy": "Require"}
    )
    ses.update_configuration_set_reputation_metrics_enabled(
        ConfigurationSetName="shared", Enabled=True
    )
    ses.update_configuration_set_sending_enabled(ConfigurationSetName="shared", Enabled=False)

    shown = _get(sesv2, "shared")
    assert shown["TrackingOptions"] == {"CustomRedirectDomain": "example.com"}
    assert shown["DeliveryOptions"] == {"TlsPolicy": "REQUIRE"}
    assert shown["ReputationOptions"] == {"ReputationMetricsEnabled": True}
    assert shown["SendingOptions"] == {"SendingEnabled": False}

    sesv2.put_configuration_set_delivery_options(
        ConfigurationSetName="shared", TlsPolicy="OPTIONAL"
    )
    described = ses.describe_configuration_set(
        ConfigurationSetName="shared",
        ConfigurationSetAttributeNames=["trackingOptions", "deliveryOptions", "reputationOptions"],
    )
    assert described["TrackingOptions"] == {"CustomRedirectDomain": "example.com"}
    assert described["DeliveryOptions"] == {"TlsPolicy": "Optional"}
    assert described["ReputationOptions"] == {
        "SendingEnabled": False,
        "ReputationMetricsEnabled": True,
    }
    assert sesv2.list_configuration_sets()["ConfigurationSets"] == ["shared"]
    assert ses.list_configuration_sets()["ConfigurationSets"] == [{"Name": "shared"}]


def test_v1_creates_sets_without_reputation_metrics(sessim: SesSim, ses: Any) -> None:
    ses.create_configuration_set(ConfigurationSet={"Name": "v1"})

    described = ses.describe_configuration_set(
        ConfigurationSetName="v1", ConfigurationSetAttributeNames=["reputationOptions"]
    )
    assert described["ReputationOptions"] == {
        "SendingEnabled": True,
        "ReputationMetricsEnabled": False,
    }


def test_v1_tracking_options_lifecycle(sessim: SesSim, ses: Any) -> None:
    ses.create_configuration_set(ConfigurationSet={"Name": "cs"})
    tracking = {"CustomRedirectDomain": "links.example.com"}
    ses.create_configuration_set_tracking_options(
        ConfigurationSetName="cs", TrackingOptions=tracking
    )

    assert refused(
        lambda: ses.create_configuration_set_tracking_options(
            ConfigurationSetName="cs", TrackingOptions=tracking
        )
    ) == (
        "TrackingOptionsAlreadyExistsException",
        "Tracking options already exist for configuration set <cs>.",
        400,
    )
    ses.update_configuration_set_tracking_options(
        ConfigurationSetName="cs", TrackingOptions={"CustomRedirectDomain": "example.com"}
    )
    ses.delete_configuration_set_tracking_options(ConfigurationSetName="cs")
    described = ses.describe_configuration_set(
        ConfigurationSetName="cs", ConfigurationSetAttributeNames=["trackingOptions"]
    )
    assert "TrackingOptions" not in described
    missing = (
        "TrackingOptionsDoesNotExistException",
        "Tracking options do not exist for configuration set <cs>.",
        400,
    )
    assert (
        refused(lambda: ses.delete_configuration_set_tracking_options(ConfigurationSetName="cs"))
        == missing
    )
    assert (
        refused(
            lambda: ses.update_configuration_set_tracking_options(
                ConfigurationSetName="cs", TrackingOptions=tracking
            )
        )
        == missing
    )


def test_the_tracking_domain_is_checked_before_the_set(
    sessim: SesSim, ses: Any, sesv2: Any
) -> None:
    unverified = {"CustomRedirectDomain": "links.elsewhere.example"}
    assert refused(
        lambda: ses.create_configuration_set_tracking_options(
            ConfigurationSetName="ghost", TrackingOptions=unverified
        )
    ) == (
        "InvalidTrackingOptions",
        "Domain <links.elsewhere.example> is not verified under this account.",
        400,
    )
    assert refused(
        lambda: ses.create_configuration_set_tracking_options(
            ConfigurationSetName="ghost", TrackingOptions={"CustomRedirectDomain": "example.com"}
        )
    ) == ("ConfigurationSetDoesNotExist", "Configuration set <ghost> does not exist.", 400)

    sesv2.create_configuration_set(ConfigurationSetName="cs")
    assert refused(
        lambda: sesv2.put_configuration_set_tracking_options(
            ConfigurationSetName="cs", HttpsPolicy="REQUIRE"
        )
    ) == ("BadRequestException", "CustomRedirectDomain must be specified.", 400)
    assert refused(
        lambda: sesv2.put_configuration_set_tracking_options(
            ConfigurationSetName="cs", CustomRedirectDomain="example.com", HttpsPolicy="SOMETIMES"
        )
    ) == (
        "BadRequestException",
        "1 validation error detected: Value at 'httpsPolicy' failed to satisfy constraint: "
        "Member must satisfy enum value set: [OPTIONAL, REQUIRE, REQUIRE_OPEN_ONLY]",
        400,
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"TlsPolicy": "MAYBE"},
            "1 validation error detected: Value at 'tlsPolicy' failed to satisfy constraint: "
            "Member must satisfy enum value set: [OPTIONAL, REQUIRE]",
        ),
        (
            {"MaxDeliverySeconds": 299},
            "1 validation error detected: Value at 'maxDeliverySeconds' failed to satisfy "
            "constraint: Member must have value greater than or equal to 300",
        ),
        (
            {"MaxDeliverySeconds": 50401},
            "1 validation error detected: Value at 'maxDeliverySeconds' failed to satisfy "
            "constraint: Member must have value less than or equal to 50400",
        ),
        ({"SendingPoolName": "ghost-pool"}, "SendingPool <ghost-pool> doesn't exist"),
        ({"SendingPoolName": "  "}, "sendingPoolName can't be blank."),
    ],
)
def test_delivery_options_are_checked(
    sessim: SesSim, unchecked_sesv2: Any, options: dict[str, Any], message: str
) -> None:
    unchecked_sesv2.create_configuration_set(ConfigurationSetName="cs")

    assert refused(
        lambda: unchecked_sesv2.put_configuration_set_delivery_options(
            ConfigurationSetName="cs", **options
        )
    ) == ("BadRequestException", message, 400)


def test_invalid_options_leave_no_set_behind(sessim: SesSim, sesv2: Any) -> None:
    assert refused(
        lambda: sesv2.create_configuration_set(
            ConfigurationSetName="cs", SuppressionOptions={"SuppressedReasons": ["SPAM"]}
        )
    ) == (
        "BadRequestException",
        "1 validation error detected: Value at 'suppressionOptions.suppressedReasons' failed "
        "to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value "
        "set: [BOUNCE, COMPLAINT]]",
        400,
    )
    assert refused(
        lambda: sesv2.create_configuration_set(
            ConfigurationSetName="cs",
            VdmOptions={"DashboardOptions": {"EngagementMetrics": "SOMETIMES"}},
        )
    ) == (
        "BadRequestException",
        "1 validation error detected: Value at 'vdmOptions.dashboardOptions.engagementMetrics' "
        "failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]",
        400,
    )
    assert refused(lambda: sesv2.get_configuration_set(ConfigurationSetName="cs"))[0] == (
        "NotFoundException"
    )
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    assert refused(
        lambda: sesv2.put_configuration_set_suppression_options(
            ConfigurationSetName="cs", SuppressedReasons=["SPAM"]
        )
    ) == ("BadRequestException", "Reason SPAM is invalid, must be one of [BOUNCE, COMPLAINT].", 400)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "a.b",
            "Invalid configuration set name <a.b>: only alphanumeric ASCII characters, "
            "'_', and '-' are allowed.",
        ),
        ("x" * 65, "Configuration set name cannot exceed 64 characters."),
        ("", "The configuration set name must be specified."),
    ],
)
def test_set_names_are_checked_by_both_apis(
    sessim: SesSim, ses: Any, unchecked_sesv2: Any, name: str, message: str
) -> None:
    sesv2 = unchecked_sesv2
    assert refused(lambda: ses.create_configuration_set(ConfigurationSet={"Name": name})) == (
        "InvalidParameterValue",
        message,
        400,
    )
    assert refused(lambda: sesv2.create_configuration_set(ConfigurationSetName=name)) == (
        "BadRequestException",
        message,
        400,
    )
    if name:
        assert refused(lambda: ses.describe_configuration_set(ConfigurationSetName=name))[1] == (
            message
        )


def test_describe_refuses_unknown_attribute_names(sessim: SesSim, ses: Any) -> None:
    ses.create_configuration_set(ConfigurationSet={"Name": "cs"})

    assert refused(
        lambda: ses.describe_configuration_set(
            ConfigurationSetName="cs", ConfigurationSetAttributeNames=["tracking"]
        )
    ) == (
        "ValidationError",
        "1 validation error detected: Value '[tracking]' at 'configurationSetAttributeNames' "
        "failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy "
        "enum value set: [eventDestinations, trackingOptions, deliveryOptions, "
        "reputationOptions]]",
        400,
    )


def test_existing_sets_and_the_destination_limit(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    assert refused(lambda: ses.create_configuration_set(ConfigurationSet={"Name": "cs"})) == (
        "ConfigurationSetAlreadyExists",
        "Configuration set <cs> already exists.",
        400,
    )
    assert refused(lambda: sesv2.create_configuration_set(ConfigurationSetName="cs"))[:2] == (
        "AlreadyExistsException",
        "Configuration set <cs> already exists.",
    )
    bus = {
        "Enabled": True,
        "EventBridgeDestination": {
            "EventBusArn": arn("event-bus/default").replace("ses", "events")
        },
    }
    for index in range(10):
        sesv2.create_configuration_set_event_destination(
            ConfigurationSetName="cs", EventDestinationName=f"d{index}", EventDestination=bus
        )
    assert refused(
        lambda: sesv2.create_configuration_set_event_destination(
            ConfigurationSetName="cs", EventDestinationName="d10", EventDestination=bus
        )
    ) == (
        "LimitExceededException",
        "Configuration set <cs> already has the maximum number of event destinations (10).",
        400,
    )
    assert refused(
        lambda: sesv2.create_configuration_set_event_destination(
            ConfigurationSetName="cs", EventDestinationName="bad name", EventDestination=bus
        )
    )[1] == (
        "Invalid event destination name <bad name>: only alphanumeric ASCII characters, '_', "
        "and '-' are allowed."
    )


def test_deleting_a_set_takes_its_tags(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_configuration_set(
        ConfigurationSetName="cs", Tags=[{"Key": "team", "Value": "mail"}]
    )
    sesv2.delete_configuration_set(ConfigurationSetName="cs")
    sesv2.create_configuration_set(ConfigurationSetName="cs")

    assert sesv2.list_tags_for_resource(ResourceArn=arn("configuration-set/cs"))["Tags"] == []
