"""The shared renderer: plain data in, one self-contained HTML page out."""

from __future__ import annotations

import base64
import hashlib
import re
from email.message import EmailMessage
from html import escape
from html.parser import HTMLParser
from typing import Any

import boto3

from pytest_sessim import SesSim, soft_bounce
from pytest_sessim.report import (
    AttachmentView,
    MessageView,
    SnsDelivery,
    SnsView,
    TestSection,
    TimelineEntry,
    message_views,
    render_messages,
    render_report,
    section_anchor,
    section_from_data,
    section_from_sim,
    section_to_data,
)
from pytest_sessim.report.scripts import FIT_FRAMES, LIVE_UPDATES

NOW = "2026-01-02T03:04:05+00:00"


def message(**changes: Any) -> MessageView:
    values: dict[str, Any] = {
        "message_id": "0100019b7ca98c88-aaaa-000000",
        "operation": "SendEmail",
        "api": "sesv2",
        "timestamp": NOW,
        "subject": "Hello",
        "from_": "orders@shop.example.com",
        "to": ("jane@example.com",),
        "text": "Hi Jane",
        "timeline": (
            TimelineEntry("Send", NOW, ("jane@example.com",)),
            TimelineEntry(
                "Delivery",
                "2026-01-02T03:04:05.494000+00:00",
                ("jane@example.com",),
                "250 2.6.0 Message received",
            ),
        ),
    }
    values.update(changes)
    return MessageView(**values)


class Tags(HTMLParser):
    """Every start tag with its attributes, after the browser's unescaping."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


def test_html_part_goes_escaped_into_a_sandboxed_srcdoc() -> None:
    html = "<p onclick=\"x()\">It's <b>5 &lt; 6</b></p><script>alert('x')</script>"
    page = render_messages([message(html=html, subject="<Subject & more>")])
    assert f'srcdoc="{escape(html, quote=True)}"' in page
    (frame,) = [attrs for tag, attrs in tags(page) if tag == "iframe"]
    # no allow-scripts: the mail runs nothing (same origin lets the page measure it)
    assert frame["sandbox"] == "allow-same-origin" and frame["srcdoc"] == html
    assert page.count("<script") == 1  # the page's own, which fits the frame
    assert "<h3>&lt;Subject &amp; more&gt;</h3>" in page


def sha256(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def test_the_page_loads_nothing_and_runs_only_its_own_script() -> None:
    page = render_report(
        [TestSection("t.py::test", "passed", messages=(message(html="<p>x</p>"),))]
    )
    csp = next(attrs for tag, attrs in tags(page) if attrs.get("http-equiv"))
    assert csp["content"] == (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
        f"script-src 'sha256-{sha256(FIT_FRAMES)}'"
    )
    assert f"<script>{FIT_FRAMES}</script>" in page
    for tag, attrs in tags(page):
        assert tag not in ("link", "img")
        assert not (attrs.get("src") or "").startswith(("http", "//"))


def test_a_live_page_may_also_poll_its_own_origin() -> None:
    page = render_messages([message()], version="0:1:2:0:0", poll_url="/_sessim/version")
    csp = next(attrs for tag, attrs in tags(page) if attrs.get("http-equiv"))
    assert csp["content"] == (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
        f"script-src 'sha256-{sha256(FIT_FRAMES)}' 'sha256-{sha256(LIVE_UPDATES)}'; "
        "connect-src 'self'"
    )
    assert '<main data-version="0:1:2:0:0" data-poll="/_sessim/version">' in page
    assert f"<script>{LIVE_UPDATES}</script>" in page


def test_server_page_is_headed_by_the_count() -> None:
    page = render_messages([message()], region="eu-west-1")
    assert "<h1>Captured SES messages (1) · eu-west-1</h1>" in page
    assert f'id="{message().message_id}"' in page
    assert "Nothing sent yet." in render_messages([])


def test_timeline_attachments_and_headers() -> None:
    view = message(
        html=None,
        attachments=(AttachmentView("invoice.pdf", "application/pdf", 2600),),
        headers=(("X-Campaign", "spring <sale>"),),
        tags=(("campaign", "spring"),),
        timeline=(
            TimelineEntry("Send", NOW),
            TimelineEntry(
                "Bounce",
                "2026-01-02T15:04:05+00:00",
                ("soft@example.com",),
                "Transient/MailboxFull",
                "Transient",
                sns=(
                    SnsView(
                        "arn:aws:sns:us-east-1:123456789012:bounces",
                        "notification",
                        NOW,
                        (SnsDelivery("https", "https://app.example/sns", 500, 2, NOW),),
                    ),
                ),
                feedback=("bounce email forwarded to orders@shop.example.com",),
            ),
        ),
    )
    page = render_messages([view])
    assert re.findall(r'<li class="ev-([^"]+)">', page) == ["send", "bounce-transient"]
    assert "15:04:05.000 (+12.0 h)" in page
    assert "invoice.pdf" in page and "2.5 KB" in page and "application/pdf" in page
    assert "<th>X-Campaign</th><td>spring &lt;sale&gt;</td>" in page
    assert "campaign=spring" in page
    assert '<span class="chip s-bad">500</span>' in page and "(attempt 2)" in page
    assert 'title="arn:aws:sns:us-east-1:123456789012:bounces">bounces</span>' in page
    assert "bounce email forwarded to orders@shop.example.com" in page


def test_sections_sort_by_run_order_and_link_from_the_table_of_contents() -> None:
    sections = [
        TestSection("b.py::test_late", "failed", order=2),
        TestSection("a.py::test_early", "passed", 7, "us-east-1", NOW, (message(),), order=1),
    ]
    page = render_report(sections)
    assert page.index("a.py::test_early") < page.index("b.py::test_late")
    assert f'href="#{section_anchor("b.py::test_late")}"' in page
    assert f'id="{section_anchor("b.py::test_late")}"' in page
    assert "2 tests used the simulator and they sent 1 message." in page


def test_sections_from_a_simulator_survive_plain_data() -> None:
    mail = EmailMessage()
    mail["From"] = "orders@shop.example.com"
    mail["To"] = "complaint@simulator.amazonses.com, soft@customers.example"
    mail["Subject"] = "Invoice"
    mail.set_content("See attached.")
    mail.add_alternative("<p>See <b>attached</b>.</p>", subtype="html")
    mail.add_attachment(b"%PDF" * 100, maintype="application", subtype="pdf", filename="a.pdf")
    with SesSim(verified=["shop.example.com"], now=NOW, seed=5) as sim:
        sim.route("soft@customers.example", soft_bounce("MailboxFull"))
        sns = boto3.client("sns", region_name="us-east-1")
        sqs = boto3.client("sqs", region_name="us-east-1")
        topic = sns.create_topic(Name="feedback")["TopicArn"]
        queue = sqs.create_queue(QueueName="feedback")["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn["Attributes"]["QueueArn"])
        ses = boto3.client("ses", region_name="us-east-1")
        for kind in ("Bounce", "Complaint", "Delivery"):
            ses.set_identity_notification_topic(
                Identity="shop.example.com", NotificationType=kind, SnsTopic=topic
            )
        ses.send_raw_email(RawMessage={"Data": mail.as_bytes()})
        sim.clock.advance(13 * 3600)
        section = section_from_sim(sim, "tests/test_mail.py::test_invoice", "passed")
        views = message_views(sim.outbox, sim.events, sim.notifications, sim.feedback_emails)

    assert section_from_data(section_to_data(section)) == section
    assert list(section.messages) == views
    (view,) = views
    assert view.html == "<p>See <b>attached</b>.</p>\n" and view.text == "See attached.\n"
    assert [(item.filename, item.size) for item in view.attachments] == [("a.pdf", 400)]
    types = [entry.type for entry in view.timeline]
    assert types[:3] == ["Send", "Delivery", "Complaint"]
    assert types[3:] == ["DeliveryDelay"] * 6 + ["Bounce"]
    by_type = {entry.type: entry for entry in view.timeline}
    assert by_type["Send"].sns == ()
    for kind in ("Delivery", "Complaint", "Bounce"):
        (published,) = by_type[kind].sns
        assert published.topic_arn == topic and published.form == "notification"
        assert [attempt.status for attempt in published.deliveries] == [200]
    assert by_type["Complaint"].feedback == (
        "complaint email forwarded to orders@shop.example.com",
    )
    assert by_type["Bounce"].subtype == "Transient"
    assert "MailboxFull" in by_type["Bounce"].detail
    assert "abuse" in by_type["Complaint"].detail
    page = render_report([section])
    assert "Invoice" in page and "a.pdf" in page and "Complaint" in page
