"""Routing on its own (the engine, no moto, no SNS layer): which payload goes where."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import pytest

from pytest_sessim.engine.publishing.deliveries import (
    Delivery,
    EventBridgeEvent,
    FirehoseRecord,
    MetricDatum,
    SnsMessage,
)
from pytest_sessim.engine.publishing.feedback_email import FeedbackEmail
from pytest_sessim.engine.service import Engine, Settings

NOW = datetime(2026, 3, 4, 5, 6, 7, 890000, tzinfo=timezone.utc)
TOPIC = "arn:aws:sns:us-east-1:123456789012:feedback"
OTHER_TOPIC = "arn:aws:sns:us-east-1:123456789012:other"
BUS = "arn:aws:events:us-east-1:123456789012:event-bus/default"
STREAM = "arn:aws:firehose:us-east-1:123456789012:deliverystream/events"
BOUNCE = "bounce@simulator.amazonses.com"
COMPLAINT = "complaint@simulator.amazonses.com"
SUCCESS = "success@simulator.amazonses.com"


class Recorder:
    """An engine whose outbound port keeps every delivery handed to it."""

    def __init__(self, seed: int = 3, verified: tuple[str, ...] = ("example.com",)) -> None:
        self.engine = Engine(Settings(seed=seed, now=NOW, verified=verified))
        self.deliveries: list[Delivery] = []
        self.engine.connect(self)

    def deliver(self, delivery: Delivery) -> None:
        self.deliveries.append(delivery)

    def topic_exists(self, topic_arn: str) -> bool:
        return True

    def v1(self, operation: str, **params: Any) -> dict[str, Any]:
        return self.engine.handle("ses", operation, params)

    def v2(self, operation: str, **params: Any) -> dict[str, Any]:
        return self.engine.handle("sesv2", operation, params)

    def send(self, to: str, source: str = "sender@example.com", **extra: Any) -> str:
        reply = self.v1(
            "SendEmail",
            Source=source,
            Destination={"ToAddresses": [to]},
            Message={"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi"}}},
            **extra,
        )
        message_id: str = reply["MessageId"]
        return message_id

    def of(self, kind: type[Any]) -> list[Any]:
        return [item for item in self.deliveries if isinstance(item, kind)]

    def sns(self, kind: str) -> list[SnsMessage]:
        return [item for item in self.of(SnsMessage) if item.kind == kind]

    def destination(self, name: str, **definition: Any) -> None:
        self.v2(
            "CreateConfigurationSetEventDestination",
            ConfigurationSetName="cs",
            EventDestinationName=name,
            EventDestination={"Enabled": True, **definition},
        )


@pytest.fixture
def sim() -> Recorder:
    return Recorder()


# identity notifications -----------------------------------------------------------
def test_bounce_notification_to_the_domain_topic(sim: Recorder) -> None:
    sim.v1(
        "SetIdentityNotificationTopic",
        Identity="example.com",
        NotificationType="Bounce",
        SnsTopic=TOPIC,
    )
    sim.deliveries.clear()
    message_id = sim.send(BOUNCE)

    [sent] = sim.sns("notification")
    assert (sent.topic_arn, sent.subject, sent.event_type) == (TOPIC, None, "Bounce")
    assert sent.message_id == message_id
    assert not sent.message.endswith("\n")
    assert ", " not in sent.message and '": ' not in sent.message  # compact
    body = json.loads(sent.message)
    assert list(body) == ["notificationType", "bounce", "mail"]
    assert body["notificationType"] == "Bounce" and "eventType" not in body
    assert body["mail"]["messageId"] == message_id
    # headers are off by default; tags never appear in identity notifications
    for key in ("headers", "headersTruncated", "commonHeaders", "tags"):
        assert key not in body["mail"]
    event = next(e for e in sim.engine.events if e.type == "Bounce")
    full = event.notification
    assert full is not None and "headers" in full["mail"]  # the record itself is untouched


def test_headers_are_included_when_enabled_for_that_type(sim: Recorder) -> None:
    for kind in ("Bounce", "Delivery"):
        sim.v1(
            "SetIdentityNotificationTopic",
            Identity="example.com",
            NotificationType=kind,
            SnsTopic=TOPIC,
        )
    sim.v1(
        "SetIdentityHeadersInNotificationsEnabled",
        Identity="example.com",
        NotificationType="Bounce",
        Enabled=True,
    )
    sim.send(BOUNCE)
    sim.send(SUCCESS)

    bodies = {m.event_type: json.loads(m.message) for m in sim.sns("notification")}
    assert list(bodies["Bounce"]["mail"])[-3:] == ["headersTruncated", "headers", "commonHeaders"]
    assert bodies["Bounce"]["mail"]["commonHeaders"]["subject"] == "Hello"
    assert "headers" not in bodies["Delivery"]["mail"]


def test_only_the_types_with_a_topic_are_notified(sim: Recorder) -> None:
    sim.v1(
        "SetIdentityNotificationTopic",
        Identity="example.com",
        NotificationType="Delivery",
        SnsTopic=TOPIC,
    )
    sim.send(BOUNCE)
    sim.send(COMPLAINT)

    assert [m.event_type for m in sim.sns("notification")] == ["Delivery"]  # complaint's


def test_a_verified_address_uses_its_own_settings_not_its_domains(sim: Recorder) -> None:
    sim.v1(
        "SetIdentityNotificationTopic",
        Identity="example.com",
        NotificationType="Bounce",
        SnsTopic=TOPIC,
    )
    sim.v1("VerifyEmailIdentity", EmailAddress="own@example.com")
    sim.engine.verify("own@example.com")  # its link followed: verified

    sim.send(BOUNCE, source="own@example.com")
    assert sim.sns("notification") == []  # the address identity has no topic
    [forwarded] = sim.of(FeedbackEmail)
    assert forwarded.to == "own@example.com"

    sim.v1(
        "SetIdentityNotificationTopic",
        Identity="own@example.com",
        NotificationType="Bounce",
        SnsTopic=OTHER_TOPIC,
    )
    sim.send(BOUNCE, source="own@example.com")
    sim.send(BOUNCE, source="someone@example.com")
    assert [m.topic_arn for m in sim.sns("notification")] == [OTHER_TOPIC, TOPIC]


def test_a_subdomain_sender_uses_the_parent_domain_identity(sim: Recorder) -> None:
    sim.v1(
        "SetIdentityNotificationTopic",
        Identity="example.com",
        NotificationType="Bounce",
        SnsTopic=TOPIC,
    )
    sim.send(BOUNCE, source="alerts@mail.example.com")
    [sent] = sim.sns("notification")
    assert json.loads(sent.message)["mail"]["sourceArn"].endswith(":identity/example.com")


def test_setting_a_topic_announces_the_subscription(sim: Recorder) -> None:
    sim.v1(
        "SetIdentityNotificationTopic",
        Identity="example.com",
        NotificationType="Complaint",
        SnsTopic=TOPIC,
    )
    sim.v1("SetIdentityNotificationTopic", Identity="example.com", NotificationType="Complaint")

    [setup] = sim.sns("setup")
    assert (setup.topic_arn, setup.subject) == (TOPIC, None)
    assert setup.message == (
        '{"notificationType":"AmazonSnsSubscriptionSucceeded","message":"You have '
        f"successfully subscribed your Amazon SNS topic '{TOPIC}' to receive 'Complaint' "
        "notifications from Amazon SES for identity 'example.com'.\"}\n"
    )


# event publishing -----------------------------------------------------------------
@pytest.fixture
def with_set(sim: Recorder) -> Recorder:
    sim.v2("CreateConfigurationSet", ConfigurationSetName="cs")
    return sim


def test_only_matching_types_reach_each_destination(with_set: Recorder) -> None:
    sim = with_set
    sim.destination("sends", MatchingEventTypes=["SEND"], SnsDestination={"TopicArn": TOPIC})
    sim.destination(
        "bad-news",
        MatchingEventTypes=["BOUNCE", "COMPLAINT"],
        SnsDestination={"TopicArn": OTHER_TOPIC},
    )
    sim.destination(
        "off",
        Enabled=False,
        MatchingEventTypes=["SEND", "BOUNCE"],
        SnsDestination={"TopicArn": OTHER_TOPIC},
    )
    [validated, also_validated, _] = sim.sns("setup")
    assert validated.message == "Successfully validated SNS topic for Amazon SES event publishing."
    assert also_validated.topic_arn == OTHER_TOPIC

    for to in (SUCCESS, BOUNCE, COMPLAINT):
        sim.send(to, ConfigurationSetName="cs")

    routed = [(m.topic_arn, m.event_type) for m in sim.sns("event")]
    assert routed == [
        (TOPIC, "Send"),
        (TOPIC, "Send"),
        (OTHER_TOPIC, "Bounce"),
        (TOPIC, "Send"),
        (OTHER_TOPIC, "Complaint"),
    ]
    for published in sim.sns("event"):
        assert published.subject == "Amazon SES Email Event Notification"
        assert published.message.endswith("}\n")
        record = json.loads(published.message)
        assert record["eventType"] == published.event_type
        assert record["mail"]["tags"]["ses:configuration-set"] == ["cs"]


def test_without_the_configuration_set_nothing_is_published(with_set: Recorder) -> None:
    with_set.destination(
        "all", MatchingEventTypes=["SEND", "DELIVERY"], SnsDestination={"TopicArn": TOPIC}
    )
    with_set.send(SUCCESS)
    assert with_set.sns("event") == []


def test_eventbridge_envelope(with_set: Recorder) -> None:
    sim = with_set
    sim.destination(
        "bus", MatchingEventTypes=list(_ALL), EventBridgeDestination={"EventBusArn": BUS}
    )
    message_id = sim.send(BOUNCE, ConfigurationSetName="cs")

    sent = sim.of(EventBridgeEvent)
    assert [e.detail_type for e in sent] == ["Email Sent", "Email Bounced"]
    envelope = sent[1].envelope
    assert list(envelope) == [
        "version",
        "id",
        "detail-type",
        "source",
        "account",
        "time",
        "region",
        "resources",
        "detail",
    ]
    assert envelope["version"] == "0" and envelope["source"] == "aws.ses"
    assert envelope["account"] == "123456789012" and envelope["region"] == "us-east-1"
    assert envelope["resources"] == ["arn:aws:ses:us-east-1:123456789012:configuration-set/cs"]
    assert envelope["time"].endswith("Z") and len(envelope["time"]) == 20
    event = next(e for e in sim.engine.events if e.type == "Bounce")
    assert envelope["detail"] == event.record and envelope["detail"] is not event.record
    assert sent[1].message_id == message_id and sent[1].bus_arn == BUS


_ALL = (
    "SEND",
    "REJECT",
    "BOUNCE",
    "COMPLAINT",
    "DELIVERY",
    "OPEN",
    "CLICK",
    "RENDERING_FAILURE",
    "DELIVERY_DELAY",
    "SUBSCRIPTION",
)


def test_rendering_failure_detail_type_and_firehose_record(with_set: Recorder) -> None:
    sim = with_set
    sim.destination(
        "bus", MatchingEventTypes=["RENDERING_FAILURE"], EventBridgeDestination={"EventBusArn": BUS}
    )
    sim.destination(
        "stream",
        MatchingEventTypes=["RENDERING_FAILURE", "SEND"],
        KinesisFirehoseDestination={
            "DeliveryStreamArn": STREAM,
            "IamRoleArn": "arn:aws:iam::123456789012:role/r",
        },
    )
    sim.v1(
        "CreateTemplate",
        Template={"TemplateName": "t", "SubjectPart": "Hi {{name}}", "TextPart": "x"},
    )
    sim.v1(
        "SendTemplatedEmail",
        Source="sender@example.com",
        Destination={"ToAddresses": [SUCCESS]},
        Template="t",
        TemplateData="{}",
        ConfigurationSetName="cs",
    )

    assert [e.detail_type for e in sim.of(EventBridgeEvent)] == ["Email Rendering Failed"]
    records = sim.of(FirehoseRecord)
    assert [r.record["eventType"] for r in records] == ["Send", "Rendering Failure"]
    for record in records:
        assert record.data.endswith(b"}\n") and record.data.count(b"\n") == 1
        assert record.stream_arn == STREAM


def _cloudwatch(sim: Recorder, *dimensions: tuple[str, str, str]) -> None:
    configurations = [
        {"DimensionName": name, "DimensionValueSource": source, "DefaultDimensionValue": default}
        for name, source, default in dimensions
    ]
    sim.destination(
        "metrics",
        MatchingEventTypes=["SEND", "DELIVERY", "BOUNCE"],
        CloudWatchDestination={"DimensionConfigurations": configurations},
    )


def test_cloudwatch_dimensions_from_tags_headers_and_defaults(with_set: Recorder) -> None:
    sim = with_set
    _cloudwatch(
        sim,
        ("campaign", "MESSAGE_TAG", "none"),
        ("ses:configuration-set", "MESSAGE_TAG", "unset"),
        ("X-Team", "EMAIL_HEADER", "nobody"),
    )
    sim.send(BOUNCE, ConfigurationSetName="cs", Tags=[{"Name": "campaign", "Value": "spring"}])
    raw = (
        "From: sender@example.com\r\nTo: success@simulator.amazonses.com\r\nSubject: s\r\n"
        "X-Team: growth\r\n\r\nbody\r\n"
    )
    sim.v1("SendRawEmail", RawMessage={"Data": raw.encode()}, ConfigurationSetName="cs")

    metrics = sim.of(MetricDatum)
    assert [(m.name, m.dimension_map, m.value) for m in metrics] == [
        ("Send", {"campaign": "spring", "ses:configuration-set": "cs", "X-Team": "nobody"}, 1.0),
        ("Bounce", {"campaign": "spring", "ses:configuration-set": "cs", "X-Team": "nobody"}, 1.0),
        ("Send", {"campaign": "none", "ses:configuration-set": "cs", "X-Team": "growth"}, 1.0),
        ("Delivery", {"campaign": "none", "ses:configuration-set": "cs", "X-Team": "growth"}, 1.0),
    ]
    assert {(m.namespace, m.unit) for m in metrics} == {("AWS/SES", "Count")}


def test_no_metric_when_a_dimension_value_has_other_characters(with_set: Recorder) -> None:
    _cloudwatch(with_set, ("X-Team", "EMAIL_HEADER", "nobody"))
    raw = (
        "From: sender@example.com\r\nTo: success@simulator.amazonses.com\r\nSubject: s\r\n"
        "X-Team: growth team\r\n\r\nbody\r\n"
    )
    with_set.v1("SendRawEmail", RawMessage={"Data": raw.encode()}, ConfigurationSetName="cs")
    assert with_set.of(MetricDatum) == []


def test_routing_is_seeded_and_leaves_message_ids_alone() -> None:
    def run(with_bus: bool) -> tuple[list[str], list[str]]:
        sim = Recorder(seed=11)
        sim.v2("CreateConfigurationSet", ConfigurationSetName="cs")
        if with_bus:
            sim.destination(
                "bus",
                MatchingEventTypes=["SEND", "DELIVERY"],
                EventBridgeDestination={"EventBusArn": BUS},
            )
        ids = [sim.send(SUCCESS, ConfigurationSetName="cs") for _ in range(3)]
        return ids, [e.id for e in sim.of(EventBridgeEvent)]

    ids, bus_ids = run(True)
    assert run(True) == (ids, bus_ids) and len(set(bus_ids)) == 6
    assert run(False)[0] == ids
