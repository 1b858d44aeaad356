"""Shapes recorded from AWS that differ from the documentation examples."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from pytest_sessim import SesSim

SUCCESS = "success@simulator.amazonses.com"
pytestmark = pytest.mark.sessim(verified=["example.com"], now="2026-01-02T03:04:05Z")


def _names(mail: dict[str, Any]) -> list[str]:
    return [header["name"] for header in mail["headers"]]


def test_a_templated_send_is_recorded_before_it_is_rendered(sessim: SesSim, ses: Any) -> None:
    ses.create_template(
        Template={"TemplateName": "hello", "SubjectPart": "Hi {{n}}", "TextPart": "x {{n}}"}
    )
    ses.send_templated_email(
        Source="a@example.com",
        Destination={"ToAddresses": [SUCCESS]},
        Template="hello",
        TemplateData='{"n": "1"}',
    )
    send, delivery = (event.record["mail"] for event in sessim.events)
    assert "sourceArn" not in send
    assert _names(send) == ["From", "To", "MIME-Version"]
    assert list(send["commonHeaders"]) == ["from", "to", "messageId"]
    assert _names(delivery)[0] == "Date"
    assert delivery["commonHeaders"]["date"] == "Fri, 2 Jan 2026 03:04:05 +0000 (UTC)"
    assert "sourceArn" in delivery


def test_raw_send_with_empty_data_is_accepted(sessim: SesSim, ses: Any) -> None:
    ses.send_raw_email(Source="a@example.com", Destinations=[SUCCESS], RawMessage={"Data": b""})
    for event in sessim.events:
        mail = event.record["mail"]
        assert mail["headers"] == []
        assert mail["commonHeaders"] == {"messageId": event.message_id}
        assert "ses:from-domain" not in mail["tags"]


def test_empty_raw_data_without_source_is_refused(sessim: SesSim, ses: Any) -> None:
    with pytest.raises(ses.exceptions.ClientError) as refused:
        ses.send_raw_email(Destinations=[SUCCESS], RawMessage={"Data": b""})
    assert refused.value.response["Error"]["Message"] == "Illegal content."


def test_sns_stamps_a_notification_after_its_event(sessim: SesSim, ses: Any) -> None:
    sns = sessim.client("sns")
    topic = sns.create_topic(Name="deliveries")["TopicArn"]
    ses.set_identity_notification_topic(
        Identity="example.com", NotificationType="Delivery", SnsTopic=topic
    )
    message_id = ses.send_email(
        Source="a@example.com",
        Destination={"ToAddresses": [SUCCESS]},
        Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
    )["MessageId"]
    publication = sessim.notification_for(message_id, "Delivery")
    stamped = datetime.fromisoformat(publication.envelope["Timestamp"].replace("Z", "+00:00"))
    delivered = datetime.fromisoformat(
        publication.body["delivery"]["timestamp"].replace("Z", "+00:00")
    )
    sent = datetime.fromisoformat(publication.body["mail"]["timestamp"].replace("Z", "+00:00"))
    assert sent < delivered < stamped
