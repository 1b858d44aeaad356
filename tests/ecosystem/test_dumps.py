"""``--sessim-dump``: folder names safe everywhere, .eml files that parse back, JSON beside them."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest

from pytest_sessim.dumps import NAME_LIMIT, eml, safe_name, ses_message_id, write_dump
from pytest_sessim.engine.service import Engine, Settings

pytest_plugins = ["pytester"]

NOW = datetime(2026, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
FORBIDDEN = re.compile(r'[:?*<>|"\\/\x00-\x1f]')


@pytest.mark.parametrize(
    "node_id",
    [
        "tests/test_shop.py::test_order",
        'tests/test_shop.py::TestMail::test_x[bounce-order:42?*<>|"/\\ é\t]',
        "a/" * 200 + "test_long.py::test_" + "x" * 300,
        "con.py::test_a",
        "aux::nul",
        "...::...",
    ],
)
def test_a_folder_name_is_safe_on_every_file_system(node_id: str) -> None:
    name = safe_name(node_id)
    assert not FORBIDDEN.search(name)
    assert len(name) <= NAME_LIMIT
    assert name.isascii() and name == name.strip(". ")
    assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}
    assert re.search(r"-[0-9a-f]{8}$", name)
    assert safe_name(node_id) == name


def test_names_stay_readable() -> None:
    assert safe_name("tests/test_shop.py::TestMail::test_x[bounce]").startswith(
        "tests_test_shop.py--TestMail--test_x[bounce]-"
    )


def test_ids_differing_in_case_or_past_the_limit_get_different_folders() -> None:
    names = [
        safe_name("t.py::test_A"),
        safe_name("t.py::test_a"),
        safe_name("t.py::test_" + "x" * 200 + "1"),
        safe_name("t.py::test_" + "x" * 200 + "2"),
        safe_name("t.py::test[a:b]"),
        safe_name("t.py::test[a?b]"),
    ]
    assert len({name.lower() for name in names}) == len(names)


def engine(region: str = "us-east-1") -> Engine:
    return Engine(Settings(seed=3, now=NOW, region=region, verified=("example.com",)))


def parse(data: bytes) -> EmailMessage:
    parsed = message_from_bytes(data, policy=default)
    assert isinstance(parsed, EmailMessage)
    return parsed


@pytest.mark.parametrize(
    ("region", "host"),
    [("us-east-1", "email.amazonses.com"), ("eu-west-1", "eu-west-1.amazonses.com")],
)
def test_an_eml_carries_the_message_id_and_date_ses_sets(region: str, host: str) -> None:
    sim = engine(region)
    raw = (
        b"From: Shop <shop@example.com>\r\nTo: jane@example.org\r\n"
        b"Message-ID: <client-1@shop>\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\n"
        b"Subject: Your order\r\nX-Long: folded\r\n continued\r\n\r\nThanks!\r\n"
    )
    sim.handle("ses", "SendRawEmail", {"RawMessage": {"Data": raw}})
    (message,) = sim.outbox
    parsed = parse(eml(message, region))
    assert parsed.get_all("Message-ID") == [f"<{message.message_id}@{host}>"]
    assert ses_message_id(message.message_id, region) == f"<{message.message_id}@{host}>"
    assert parsed.get_all("Date") == ["Wed, 06 May 2026 07:08:09 +0000"]
    assert parsed["Subject"] == "Your order" and parsed["X-Long"] == "folded continued"
    assert parsed.get_content().strip() == "Thanks!"


def test_an_eml_of_a_simple_send_has_both_parts() -> None:
    sim = engine()
    sim.handle(
        "sesv2",
        "SendEmail",
        {
            "FromEmailAddress": "shop@example.com",
            "Destination": {"ToAddresses": ["jane@example.org"]},
            "Content": {
                "Simple": {
                    "Subject": {"Data": "Grüße"},
                    "Body": {"Text": {"Data": "plain é"}, "Html": {"Data": "<b>html é</b>"}},
                }
            },
        },
    )
    parsed = parse(eml(sim.outbox[0], "us-east-1"))
    assert parsed["Subject"] == "Grüße"
    text, html = parsed.get_body(("plain",)), parsed.get_body(("html",))
    assert text is not None and html is not None
    assert text.get_content().strip() == "plain é"
    assert html.get_content().strip() == "<b>html é</b>"


def test_write_dump_outside_pytest(tmp_path: Path) -> None:
    from pytest_sessim import SesSim

    with SesSim(moto=False, seed=5, now=NOW, verified=["example.com"]) as sim:
        sim.engine.handle(
            "ses",
            "SendEmail",
            {
                "Source": "shop@example.com",
                "Destination": {"ToAddresses": ["bounce@simulator.amazonses.com"]},
                "Message": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
            },
        )
    files = write_dump(sim, tmp_path / "run", {"name": "by hand"})
    names = [path.name for path in files]
    assert names[0] == f"001-{sim.outbox[0].message_id}.eml"
    assert "events.json" in names and names[-1] == "test.json"
    manifest = json.loads((tmp_path / "run" / "test.json").read_text())
    assert manifest["name"] == "by hand" and manifest["seed"] == 5
    assert manifest["files"] == names[:-1]
    events = json.loads((tmp_path / "run" / "events.json").read_text())
    assert [e["type"] for e in events] == ["Send", "Bounce"]
    assert events[1]["record"]["eventType"] == "Bounce"
    assert events[1]["notification"]["notificationType"] == "Bounce"
    assert events[0]["notification"] is None
    # a second dump into the same folder replaces the first
    (tmp_path / "run" / "stale.eml").write_text("x")
    write_dump(sim, tmp_path / "run")
    assert not (tmp_path / "run" / "stale.eml").exists()


SUITE = """
import boto3
import pytest
from pytest_sessim import Outcome

pytestmark = pytest.mark.sessim(verified=["shop.example.com"])

def send(to, subject="Your order"):
    return boto3.client("ses", region_name="us-east-1").send_email(
        Source="orders@shop.example.com",
        Destination={"ToAddresses": to},
        Message={"Subject": {"Data": subject}, "Body": {"Text": {"Data": "Thanks for " + subject}}},
    )["MessageId"]

@pytest.mark.parametrize("who", ["Jane:Doe?", "jane*doe"])
def test_order(sessim, who):
    send([Outcome.SUCCESS.address, Outcome.BOUNCE.address], subject=who)

def test_fails(sessim):
    send([Outcome.COMPLAINT.address])
    assert False, "on purpose"

def test_without_sessim():
    pass
"""


NOTIFIED = """
import boto3
import pytest
from pytest_sessim import Outcome

@pytest.mark.sessim(verified=["shop.example.com"])
def test_notified(sessim):
    sns = boto3.client("sns", region_name="us-east-1")
    topic = sns.create_topic(Name="ses-bounces")["TopicArn"]
    ses = boto3.client("ses", region_name="us-east-1")
    ses.set_identity_notification_topic(
        Identity="shop.example.com", NotificationType="Bounce", SnsTopic=topic
    )
    ses.send_email(
        Source="orders@shop.example.com",
        Destination={"ToAddresses": [Outcome.BOUNCE.address]},
        Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
    )
    assert sessim.notifications
"""


def folders(root: Path) -> dict[str, Path]:
    return {
        json.loads((folder / "test.json").read_text())["nodeid"]: folder
        for folder in root.iterdir()
    }


def test_the_dump_option_writes_one_folder_per_sessim_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_shop=SUITE)
    result = pytester.runpytest("--sessim-dump=dump")
    result.assert_outcomes(passed=3, failed=1)
    root = pytester.path / "dump"
    found = folders(root)
    assert sorted(found) == [
        "test_shop.py::test_fails",
        "test_shop.py::test_order[Jane:Doe?]",
        "test_shop.py::test_order[jane*doe]",
    ]
    folder = found["test_shop.py::test_order[Jane:Doe?]"]
    assert folder.name.startswith("test_shop.py--test_order[Jane_Doe_]-")
    manifest = json.loads((folder / "test.json").read_text())
    assert manifest["outcome"] == "passed" and manifest["region"] == "us-east-1"
    (message,) = manifest["messages"]
    parsed = parse((folder / message["file"]).read_bytes())
    assert parsed["Subject"] == "Jane:Doe?"
    assert parsed["Message-ID"] == f"<{message['messageId']}@email.amazonses.com>"
    assert parsed.get_content().strip() == "Thanks for Jane:Doe?"
    events = json.loads((folder / "events.json").read_text())
    assert [event["type"] for event in events] == ["Send", "Delivery", "Bounce"]
    assert {event["messageId"] for event in events} == {message["messageId"]}
    assert not (folder / "notifications.json").exists()

    failed = found["test_shop.py::test_fails"]
    assert json.loads((failed / "test.json").read_text())["outcome"] == "failed"
    (eml_file,) = failed.glob("0*.eml")
    (feedback,) = failed.glob("feedback-*.eml")  # the complaint SES forwarded by email
    assert feedback.name == "feedback-001-complaint.eml"
    assert parse(feedback.read_bytes())["Subject"] == "Complaint Notification"
    result.stdout.fnmatch_lines(
        [
            "*- sessim: captured SES activity -*",
            f"dumped to {failed}:",
            f"  {eml_file}",
            f"  {failed / 'events.json'}",
            f"  {feedback}",
        ]
    )


def test_sns_notifications_are_dumped_too(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_notify=NOTIFIED)
    result = pytester.runpytest_subprocess("--sessim-dump=dump")
    result.assert_outcomes(passed=1)
    (folder,) = folders(pytester.path / "dump").values()
    publications = json.loads((folder / "notifications.json").read_text())
    (bounce,) = [p for p in publications if p["body"].get("notificationType") == "Bounce"]
    assert bounce["topic_arn"].endswith(":ses-bounces")
    assert json.loads(bounce["envelope"]["Message"]) == bounce["body"]
    assert bounce["envelope"]["Type"] == "Notification"


def test_without_the_option_nothing_is_written_or_linked(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_shop=SUITE)
    result = pytester.runpytest()
    result.assert_outcomes(passed=3, failed=1)
    assert "dumped to" not in result.stdout.str()
    assert not (pytester.path / "dump").exists()


def test_an_unrendered_template_still_gets_a_file_that_says_so() -> None:
    sim = engine()
    sim.handle(
        "ses",
        "CreateTemplate",
        {"Template": {"TemplateName": "welcome", "SubjectPart": "Hi {{name}}", "TextPart": "x"}},
    )
    sim.handle(
        "ses",
        "SendTemplatedEmail",
        {
            "Source": "shop@example.com",
            "Destination": {"ToAddresses": ["jane@example.org"]},
            "Template": "welcome",
            "TemplateData": "{}",
        },
    )
    parsed = parse(eml(sim.outbox[0], "us-east-1"))
    assert parsed["Subject"] == "(template 'welcome' not rendered)"
    assert parsed["To"] == "jane@example.org"
    assert "Rendering Failure" in parsed.get_content()
