"""A configuration set's options applied to the sends that name it: sending pause,
suppression reasons, delivery window, TLS policy, sending pool, tracking domain,
archiving."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from cs_helpers import ARCHIVE, refused, simple

from pytest_sessim import SesSim, delivered, soft_bounce

pytestmark = pytest.mark.sessim(
    verified=["example.com"], now=datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
)

SENDER = "news@example.com"


def _send(sesv2: Any, to: str, configuration_set: str | None = None, **extra: Any) -> str:
    params: dict[str, Any] = {
        "FromEmailAddress": SENDER,
        "Destination": {"ToAddresses": [to]},
        "Content": extra.pop("content", simple()),
        **extra,
    }
    if configuration_set is not None:
        params["ConfigurationSetName"] = configuration_set
    message_id: str = sesv2.send_email(**params)["MessageId"]
    return message_id


def test_a_set_created_paused_refuses_sends(sessim: SesSim, ses: Any, sesv2: Any) -> None:
    sesv2.create_configuration_set(
        ConfigurationSetName="paused", SendingOptions={"SendingEnabled": False}
    )

    assert refused(lambda: _send(sesv2, "a@example.net", "paused")) == (
        "SendingPausedException",
        "Sending paused for configuration set <paused>.",
        400,
    )
    assert (
        refused(
            lambda: ses.send_email(
                Source=SENDER,
                Destination={"ToAddresses": ["a@example.net"]},
                Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
                ConfigurationSetName="paused",
            )
        )[0]
        == "ConfigurationSetSendingPausedException"
    )
    sesv2.put_configuration_set_sending_options(ConfigurationSetName="paused", SendingEnabled=True)
    _send(sesv2, "a@example.net", "paused")
    assert len(sessim.outbox) == 1


def test_create_time_suppression_options_override_the_account(sessim: SesSim, sesv2: Any) -> None:
    sessim.suppress("listed@example.net", "BOUNCE")
    sesv2.create_configuration_set(
        ConfigurationSetName="no-suppression", SuppressionOptions={"SuppressedReasons": []}
    )
    sesv2.create_configuration_set(
        ConfigurationSetName="complaints-only",
        SuppressionOptions={"SuppressedReasons": ["COMPLAINT"]},
    )

    _send(sesv2, "listed@example.net", "no-suppression")
    _send(sesv2, "listed@example.net", "complaints-only")
    _send(sesv2, "listed@example.net")

    assert [event.type for event in sessim.events if event.type != "Send"] == [
        "Delivery",
        "Delivery",
        "Bounce",
    ]
    assert sessim.bounces[0].bounce_subtype == "OnAccountSuppressionList"


def test_max_delivery_seconds_ends_the_retries_with_an_expiry_bounce(
    sessim: SesSim, sesv2: Any
) -> None:
    sessim.route("full@example.net", soft_bounce("MailboxFull"))
    sesv2.create_configuration_set(
        ConfigurationSetName="urgent", DeliveryOptions={"MaxDeliverySeconds": 900}
    )
    sent_at = sessim.clock.now()

    _send(sesv2, "full@example.net", "urgent")
    sessim.clock.advance(timedelta(minutes=14))
    assert sessim.bounces == []
    sessim.clock.advance(timedelta(minutes=2))

    delays = sessim.events_of("DeliveryDelay")
    assert delays and all(
        delay.detail["expirationTime"]
        == (sent_at + timedelta(seconds=900))
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z")
        for delay in delays
    )
    (bounce,) = sessim.bounces
    assert bounce.bounce_type == "Transient"
    assert bounce.bounce_subtype == "MailboxFull"
    recipient = bounce.detail["bouncedRecipients"][0]
    assert recipient["status"] == "4.4.7"
    assert recipient["diagnosticCode"] == (
        "smtp; 550 4.4.7 Message expired, unable to deliver in 15 minutes.<452 4.2.2 Mailbox full>"
    )
    assert sent_at + timedelta(minutes=15) <= bounce.timestamp < sent_at + timedelta(minutes=16)


def test_tls_required_never_delivers_to_a_server_without_tls(sessim: SesSim, sesv2: Any) -> None:
    sessim.route("plain@example.net", delivered(tls=False))
    sesv2.create_configuration_set(
        ConfigurationSetName="tls",
        DeliveryOptions={"TlsPolicy": "REQUIRE", "MaxDeliverySeconds": 3600},
    )
    sesv2.create_configuration_set(ConfigurationSetName="opportunistic")

    _send(sesv2, "plain@example.net", "opportunistic")
    _send(sesv2, "plain@example.net", "tls")
    sessim.clock.advance(timedelta(hours=2))

    assert [event.type for event in sessim.events if event.type in ("Delivery", "Bounce")] == [
        "Delivery",
        "Bounce",
    ]
    delay = sessim.events_of("DeliveryDelay")[0]
    assert "TLS is required" in delay.detail["delayedRecipients"][0]["diagnosticCode"]
    assert (
        sessim.bounces[0]
        .detail["bouncedRecipients"][0]["diagnosticCode"]
        .startswith("smtp; 550 4.4.7 Message expired, unable to deliver in 60 minutes.")
    )


def test_a_sending_pool_sends_from_its_dedicated_ips(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_dedicated_ip_pool(PoolName="transactional")
    sessim.add_dedicated_ip("198.51.100.7", pool="transactional")
    sessim.add_dedicated_ip("198.51.100.9")  # SES's default pool
    sesv2.create_configuration_set(
        ConfigurationSetName="pooled", DeliveryOptions={"SendingPoolName": "transactional"}
    )

    _send(sesv2, "success@simulator.amazonses.com", "pooled")
    _send(sesv2, "success@simulator.amazonses.com")

    pooled, default = sessim.deliveries
    assert pooled.record["mail"]["tags"]["ses:outgoing-ip"] == ["198.51.100.7"]
    assert default.record["mail"]["tags"]["ses:outgoing-ip"] == ["198.51.100.9"]


def test_without_dedicated_ips_messages_leave_from_shared_ips(sessim: SesSim, sesv2: Any) -> None:
    _send(sesv2, "success@simulator.amazonses.com")

    (delivery,) = sessim.deliveries
    assert delivery.record["mail"]["tags"]["ses:outgoing-ip"][0].startswith("54.240.")


HTML = (
    '<html><body><p><a href="https://example.com/offer?id=1">Offer</a> '
    '<a ses:no-track href="https://example.com/private">Private</a></p></body></html>'
)


def _tracked_set(sesv2: Any, name: str, **options: Any) -> None:
    sesv2.create_configuration_set(ConfigurationSetName=name, **options)
    sesv2.create_configuration_set_event_destination(
        ConfigurationSetName=name,
        EventDestinationName="engagement",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["OPEN", "CLICK"],
            "EventBridgeDestination": {
                "EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/default"
            },
        },
    )


def test_tracked_links_use_the_custom_redirect_domain(sessim: SesSim, sesv2: Any) -> None:
    _tracked_set(
        sesv2,
        "custom",
        TrackingOptions={"CustomRedirectDomain": "links.example.com", "HttpsPolicy": "REQUIRE"},
    )
    _tracked_set(sesv2, "default")
    sesv2.create_configuration_set(ConfigurationSetName="untracked")

    custom_id = _send(sesv2, "a@example.net", "custom", content=simple(html=HTML))
    default_id = _send(sesv2, "a@example.net", "default", content=simple(html=HTML))
    _send(sesv2, "a@example.net", "untracked", content=simple(html=HTML))

    custom, default, untracked = sessim.outbox
    html = custom.tracked_html
    assert html is not None
    assert (
        f'href="https://links.example.com/CL0/https%3A%2F%2Fexample.com%2Foffer%3Fid%3D1/1/'
        f"{custom_id}/" in html
    )
    assert 'href="https://example.com/private"' in html  # ses:no-track
    assert f'<img alt="" src="https://links.example.com/I0/{custom_id}/' in html
    assert html.endswith("</body></html>")
    assert "https://r.us-east-1.awstrack.me/CL0/" in (default.tracked_html or "")
    assert f"https://r.us-east-1.awstrack.me/I0/{default_id}/" in (default.tracked_html or "")
    assert untracked.tracked_html == HTML
    assert custom.html == HTML  # what was sent stays as it was


def test_archiving_records_the_archive_on_the_message(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_configuration_set(
        ConfigurationSetName="archived", ArchivingOptions={"ArchiveArn": ARCHIVE}
    )

    _send(sesv2, "a@example.net", "archived")
    _send(sesv2, "a@example.net")

    assert [message.archive_arn for message in sessim.outbox] == [ARCHIVE, None]


def test_sends_check_the_set_name(sessim: SesSim, ses: Any) -> None:
    assert refused(
        lambda: ses.send_email(
            Source=SENDER,
            Destination={"ToAddresses": ["a@example.net"]},
            Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
            ConfigurationSetName="x" * 65,
        )
    ) == ("InvalidParameterValue", "Configuration set name cannot exceed 64 characters.", 400)
