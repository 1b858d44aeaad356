"""The engine on its own: plain params in, plain results and records out. No pytest fixtures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from pytest_sessim.engine.errors import ErrorKind, SesError
from pytest_sessim.engine.outcomes.scripts import Bounce, Outcome, Script
from pytest_sessim.engine.service import Engine, NotModelled, Settings

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def engine(**settings: Any) -> Engine:
    return Engine(Settings(seed=7, now=NOW, verified=("example.com",), **settings))


def simple(to: list[str], source: str = "a@example.com", **extra: Any) -> dict[str, Any]:
    return {
        "Source": source,
        "Destination": {"ToAddresses": to},
        "Message": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}},
        **extra,
    }


def refusal(call: Callable[[], object]) -> SesError:
    try:
        call()
    except SesError as error:
        return error
    raise AssertionError("expected SES to refuse the request")


def test_send_returns_the_id_every_event_carries() -> None:
    sim = engine()
    message_id = sim.handle("ses", "SendEmail", simple([Outcome.COMPLAINT.address]))["MessageId"]
    assert [e.type for e in sim.events] == ["Send", "Delivery", "Complaint"]
    assert {e.message_id for e in sim.events} == {message_id}
    assert message_id.startswith("0100019b7ca98c88-") and message_id.endswith("-000000")
    assert sim.outbox[0].message_id == message_id


def test_each_recipient_gets_its_own_outcome_and_bounces_combine() -> None:
    sim = engine()
    to = [Outcome.BOUNCE.address, "x@other.example", Outcome.SUPPRESSIONLIST.address]
    sim.handle("ses", "SendEmail", simple(to))
    types = [(e.type, e.recipients) for e in sim.events]
    assert types == [
        ("Send", to),
        ("Delivery", ["x@other.example"]),
        ("Bounce", [Outcome.BOUNCE.address, Outcome.SUPPRESSIONLIST.address]),
    ]
    bounce = sim.events[-1].notification
    assert bounce is not None
    assert [r["emailAddress"] for r in bounce["bounce"]["bouncedRecipients"]] == to[::2]


def test_unlisted_simulator_address_is_globally_suppressed() -> None:
    sim = engine()
    sim.handle("ses", "SendEmail", simple(["blacklist@simulator.amazonses.com"]))
    (bounce,) = [e for e in sim.events if e.type == "Bounce"]
    assert (bounce.bounce_type, bounce.bounce_subtype) == ("Permanent", "Suppressed")
    assert bounce.detail["reportingMTA"] == "dns; amazonses.com"
    assert "remoteMtaIp" not in bounce.detail


def test_unverified_sender_is_refused_with_ses_text_and_recorded() -> None:
    sim = engine()
    error = refusal(
        lambda: sim.handle("ses", "SendEmail", simple(["b@x.com"], source="a@nope.com"))
    )
    assert error.kind is ErrorKind.MESSAGE_REJECTED
    assert error.message == (
        "Email address is not verified. The following identities failed the check in region "
        "US-EAST-1: a@nope.com"
    )
    assert sim.outbox == [] and sim.events == []
    (refused,) = sim.refused
    assert (refused.code, refused.http_status) == ("MessageRejected", 400)


def test_v2_words_the_same_refusal_with_its_own_code() -> None:
    sim = engine()
    params = {
        "FromEmailAddress": "a@example.com",
        "Destination": {"ToAddresses": ["nobody"]},
        "Content": {"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}},
    }
    error = refusal(lambda: sim.handle("sesv2", "SendEmail", params))
    assert error.message == "Missing final '@domain'"
    assert sim.refused[0].code == "BadRequestException"


def test_recipient_limit() -> None:
    sim = engine()
    to = [f"r{i}@x.com" for i in range(51)]
    assert refusal(lambda: sim.handle("ses", "SendEmail", simple(to))).message == (
        "Recipient count exceeds 50."
    )
    sim.handle("ses", "SendEmail", simple(to[:50]))


def test_subdomains_of_a_verified_domain_may_send() -> None:
    sim = engine()
    sim.handle("ses", "SendEmail", simple(["b@x.com"], source="a@mail.example.com"))
    record = sim.events[0].record
    assert record["mail"]["sourceArn"] == "arn:aws:ses:us-east-1:123456789012:identity/example.com"


def test_routes_win_over_the_simulator_and_later_routes_win() -> None:
    sim = engine()
    soft = Script("mailbox full", (Bounce("Transient", "MailboxFull", "4.2.2", "smtp; 452 4.2.2"),))
    sim.router.add("*@corp.example", Outcome.BOUNCE)
    sim.router.add("ceo@corp.example", soft)
    sim.handle("ses", "SendEmail", simple(["ceo@corp.example", "cfo@corp.example"]))
    bounces = [(e.recipients, e.bounce_subtype) for e in sim.events if e.type == "Bounce"]
    assert bounces == [(["ceo@corp.example"], "MailboxFull"), (["cfo@corp.example"], "General")]


def test_raw_send_reads_envelope_and_tags_from_headers() -> None:
    sim = engine()
    sim.account.configuration_sets.clear()
    sim.handle("sesv2", "CreateConfigurationSet", {"ConfigurationSetName": "marketing"})
    raw = (
        b"From: Shop <a@example.com>\r\nTo: b@x.com\r\nCc: c@x.com\r\nSubject: Hi\r\n"
        b"X-SES-CONFIGURATION-SET: marketing\r\nX-SES-MESSAGE-TAGS: campaign=spring, tier=gold\r\n"
        b"\r\nHello\r\n"
    )
    sim.handle(
        "ses",
        "SendRawEmail",
        {"RawMessage": {"Data": raw}, "Destinations": ["b@x.com", "c@x.com", "d@x.com"]},
    )
    message = sim.outbox[0]
    assert (message.to, message.cc, message.bcc) == (["b@x.com"], ["c@x.com"], ["d@x.com"])
    assert message.configuration_set == "marketing"
    assert message.tags == {"campaign": "spring", "tier": "gold"}
    tags = sim.events[0].record["mail"]["tags"]
    assert tags["ses:configuration-set"] == ["marketing"] and tags["campaign"] == ["spring"]
    headers = [h["name"] for h in sim.events[0].record["mail"]["headers"]]
    assert "X-SES-CONFIGURATION-SET" in headers


def test_unknown_configuration_set_is_refused() -> None:
    sim = engine()
    error = refusal(
        lambda: sim.handle("ses", "SendEmail", simple(["b@x.com"], ConfigurationSetName="nope"))
    )
    assert (error.kind.v1_code, error.message) == (
        "ConfigurationSetDoesNotExist",
        "Configuration set <nope> does not exist.",
    )


def test_raw_without_from_is_refused() -> None:
    sim = engine()
    params = {"RawMessage": {"Data": b"To: b@x.com\r\nSubject: s\r\n\r\nbody"}}
    assert refusal(lambda: sim.handle("ses", "SendRawEmail", params)).message == (
        "Missing required header 'From'."
    )


def test_templated_and_bulk_sends_share_templates_across_apis() -> None:
    sim = engine()
    sim.handle(
        "sesv2",
        "CreateEmailTemplate",
        {
            "TemplateName": "welcome",
            "TemplateContent": {"Subject": "Hi {{name}}", "Text": "Hello {{name}}"},
        },
    )
    assert (
        sim.handle("ses", "GetTemplate", {"TemplateName": "welcome"})["Template"]["SubjectPart"]
        == "Hi {{name}}"
    )
    sim.handle(
        "ses",
        "SendTemplatedEmail",
        {
            "Source": "a@example.com",
            "Destination": {"ToAddresses": ["b@x.com"]},
            "Template": "welcome",
            "TemplateData": '{"name": "Ann"}',
        },
    )
    result = sim.handle(
        "ses",
        "SendBulkTemplatedEmail",
        {
            "Source": "a@example.com",
            "Template": "welcome",
            "DefaultTemplateData": '{"name": "friend"}',
            "Destinations": [
                {
                    "Destination": {"ToAddresses": ["c@x.com"]},
                    "ReplacementTemplateData": '{"name": "Cy"}',
                },
                {"Destination": {"ToAddresses": ["bad-address"]}},
                {"Destination": {"ToAddresses": ["d@x.com"]}},
            ],
        },
    )
    statuses = [entry["Status"] for entry in result["Status"]]
    assert statuses == ["Success", "InvalidParameterValue", "Success"]
    assert [m.subject for m in sim.outbox] == ["Hi Ann", "Hi Cy", "Hi friend"]
    assert sim.outbox[1].template == "welcome" and sim.outbox[1].template_data == {"name": "Cy"}
    assert len(sim.refused) == 1


def test_missing_template_data_gives_a_rendering_failure_not_a_delivery() -> None:
    sim = engine()
    sim.handle(
        "ses", "CreateTemplate", {"Template": {"TemplateName": "t", "SubjectPart": "Hi {{name}}"}}
    )
    sim.handle(
        "ses",
        "SendTemplatedEmail",
        {
            "Source": "a@example.com",
            "Destination": {"ToAddresses": ["b@x.com"]},
            "Template": "t",
            "TemplateData": "{}",
        },
    )
    assert [e.type for e in sim.events] == ["Send", "Rendering Failure"]
    failure = sim.events[1].record
    assert failure["eventType"] == "Rendering Failure"
    assert failure["failure"]["templateName"] == "t"
    assert sim.events[1].notification is None


def test_identities_are_shared_by_v1_and_v2() -> None:
    sim = Engine(Settings(seed=1, now=NOW))
    sim.handle("ses", "VerifyEmailIdentity", {"EmailAddress": "a@example.com"})
    token = sim.handle("ses", "VerifyDomainIdentity", {"Domain": "example.org"})[
        "VerificationToken"
    ]
    assert len(token) == 44 and token.endswith("=")  # 32 bytes in base64, as SES's
    names = [
        i["IdentityName"] for i in sim.handle("sesv2", "ListEmailIdentities", {})["EmailIdentities"]
    ]
    assert names == ["a@example.com", "example.org"]
    first = sim.handle("ses", "ListIdentities", {"MaxItems": 1})
    assert first == {"Identities": ["a@example.com"], "NextToken": "1"}
    attrs = sim.handle(
        "ses", "GetIdentityVerificationAttributes", {"Identities": ["example.org", "x.org"]}
    )
    assert attrs["VerificationAttributes"] == {
        "example.org": {"VerificationStatus": "Pending", "VerificationToken": token}
    }
    sim.handle("sesv2", "DeleteEmailIdentity", {"EmailIdentity": "example.org"})
    assert (
        refusal(
            lambda: sim.handle("sesv2", "GetEmailIdentity", {"EmailIdentity": "example.org"})
        ).kind
        is ErrorKind.NOT_FOUND
    )


def test_quota_counts_recipients_but_not_the_simulator_and_expires_after_a_day() -> None:
    sim = engine()
    sim.handle("ses", "SendEmail", simple(["b@x.com", "c@x.com", Outcome.SUCCESS.address]))
    assert sim.handle("ses", "GetSendQuota", {})["SentLast24Hours"] == 2.0
    assert sim.handle("sesv2", "GetAccount", {})["SendQuota"]["SentLast24Hours"] == 2.0
    sim.clock.advance(timedelta(hours=24))
    assert sim.handle("ses", "GetSendQuota", {})["SentLast24Hours"] == 0.0
    points = sim.handle("ses", "GetSendStatistics", {})["SendDataPoints"]
    assert points[0]["DeliveryAttempts"] == 3


def test_unmodelled_operations_are_reported() -> None:
    try:
        engine().handle("ses", "NotAnOperationYet", {})
    except NotModelled as missing:
        assert (missing.api, missing.operation) == ("ses", "NotAnOperationYet")
    else:
        raise AssertionError("expected NotModelled")


def test_same_seed_same_ids_other_seed_other_ids() -> None:
    def ids(seed: int) -> list[str]:
        sim = Engine(Settings(seed=seed, now=NOW, verified=("example.com",)))
        sim.handle("ses", "SendEmail", simple([Outcome.BOUNCE.address]))
        return [str(e.record) for e in sim.events]

    assert ids(1) == ids(1)
    assert ids(1) != ids(2)


def test_records_are_fresh_copies() -> None:
    sim = engine()
    sim.handle("ses", "SendEmail", simple([Outcome.BOUNCE.address]))
    bounce = sim.events[1]
    assert bounce.notification is not None
    bounce.notification["bounce"]["bounceType"] = "tampered"
    assert bounce.record["bounce"]["bounceType"] == "Permanent"


def test_engagement_follows_delivery_in_time() -> None:
    from pytest_sessim import clicked, delivered, opened

    for seed in range(20):
        sim = Engine(Settings(seed=seed, now=NOW, verified=("example.com",)))
        sim.router.add("r@x.example", delivered() + opened() + clicked())
        sim.handle("ses", "SendEmail", simple(["r@x.example"]))
        stamps = [event.timestamp for event in sim.events]
        assert stamps == sorted(stamps), seed


def test_raw_reply_to_comes_from_the_header() -> None:
    sim = engine()
    raw = (
        b"From: a@example.com\r\nTo: b@x.com\r\nReply-To: help@example.com\r\nSubject: s\r\n\r\nhi"
    )
    sim.handle("ses", "SendRawEmail", {"RawMessage": {"Data": raw}})
    assert sim.outbox[0].reply_to == ["help@example.com"]
