"""SESv2 Deliverability dashboard: its subscription, predictive inbox placement tests
(deterministic results, complete 24 hours later on the simulator's clock) and domain
campaigns computed from the simulator's record."""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ..account.infrastructure import TestReport
from ..errors import ErrorKind, SesError, invalid_parameter
from ..mail.addresses import parse_mailbox
from ..mail.mime import Body, MessageContent, build_simple, parse_raw
from ..records import SentMessage
from ..sending.switches import ACCOUNT_PAUSED
from ..templates.template import TemplateContent, parse_template_data, render
from .common import listing, stored_template
from .configuration_set_options import one_error, verified_domain
from .registry import operation
from .tagging import check_tags, put_tags

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"
TEST_ISPS = ("AOL", "Gmail", "Hotmail", "Yahoo")
NOT_ENABLED = "The Deliverability dashboard is not enabled for this account."


# the dashboard --------------------------------------------------------------------
@operation(API, "PutDeliverabilityDashboardOption")
def put_deliverability_dashboard_option(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Turns the dashboard on (for verified domains) or off."""
    enabled = params.get("DashboardEnabled")
    if enabled is None:
        raise one_error("dashboardEnabled", "Member must not be null")
    dashboard = engine.account.infrastructure.dashboard
    if not enabled:
        dashboard.enabled, dashboard.domains = False, []
        return {}
    domains: list[dict[str, Any]] = []
    for option in params.get("SubscribedDomains") or ():
        domain = option.get("Domain") or ""
        if not verified_domain(engine.account, domain):
            raise SesError(ErrorKind.NOT_FOUND, f"Domain <{domain}> is not verified.")
        domains.append({"SubscriptionStartDate": engine.clock.now(), **option})
    dashboard.enabled, dashboard.domains = True, domains
    return {}


@operation(API, "GetDeliverabilityDashboardOptions")
def get_deliverability_dashboard_options(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Whether the dashboard is on, and the domains it tracks."""
    dashboard = engine.account.infrastructure.dashboard
    shown: dict[str, Any] = {
        "DashboardEnabled": dashboard.enabled,
        "AccountStatus": "ACTIVE" if dashboard.enabled else "DISABLED",
    }
    if dashboard.enabled:
        shown["ActiveSubscribedDomains"] = [dict(option) for option in dashboard.domains]
    return shown


# predictive inbox placement tests -------------------------------------------------------
def _sample(engine: Engine, sender: str, content: Mapping[str, Any]) -> MessageContent:
    if "Raw" in content:
        return parse_raw(content["Raw"].get("Data", b""))
    if "Template" in content:
        spec = content["Template"]
        inline = spec.get("TemplateContent")
        template = (
            TemplateContent(
                spec.get("TemplateName") or "",
                inline.get("Subject"),
                inline.get("Text"),
                inline.get("Html"),
            )
            if inline is not None
            else stored_template(engine, spec.get("TemplateName") or "")
        )
        rendered = render(template, parse_template_data(spec.get("TemplateData") or "{}", api="v2"))
        subject, text, html = rendered.subject, rendered.text, rendered.html
    else:
        simple = content.get("Simple") or {}
        body = simple.get("Body") or {}
        subject = (simple.get("Subject") or {}).get("Data", "")
        text = (body.get("Text") or {}).get("Data")
        html = (body.get("Html") or {}).get("Data")
    return build_simple(
        from_=sender,
        to=[],
        cc=[],
        reply_to=[],
        subject=Body(subject or ""),
        text=Body(text) if text is not None else None,
        html=Body(html) if html is not None else None,
        extra_headers=[],
        attachments=[],
        boundary=engine.boundary,
    )


@operation(API, "CreateDeliverabilityTestReport")
def create_deliverability_test_report(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Starts a predictive inbox placement test (IN_PROGRESS for 24 simulated hours)."""
    account = engine.account
    sender = params.get("FromEmailAddress") or ""
    box = parse_mailbox(sender)
    tags = check_tags(params.get("Tags"))
    if not account.infrastructure.dashboard.enabled:
        raise invalid_parameter(NOT_ENABLED)
    if not account.sending_enabled:
        raise SesError(ErrorKind.ACCOUNT_SENDING_PAUSED, ACCOUNT_PAUSED)
    if account.verified_identity_for(box.address) is None:
        raise SesError(
            ErrorKind.MESSAGE_REJECTED,
            "Email address is not verified. The following identities failed the check in "
            f"region {account.region.upper()}: {sender}",
        )
    sample = _sample(engine, sender, params.get("Content") or {})
    report_id = engine.ids.uuid().replace("-", "")
    report = TestReport(
        id=report_id,
        name=params.get("ReportName"),
        from_address=sender,
        subject=sample.subject or "",
        message=sample.raw().decode("utf-8", "replace"),
        created=engine.clock.now(),
    )
    account.infrastructure.test_reports[report_id] = report
    put_tags(engine, account.arn(f"deliverability-test-report/{report_id}"), tags)
    return {"ReportId": report_id, "DeliverabilityTestStatus": "IN_PROGRESS"}


def _report_summary(engine: Engine, report: TestReport) -> dict[str, Any]:
    shown: dict[str, Any] = {"ReportId": report.id}
    if report.name is not None:
        shown["ReportName"] = report.name
    status = "COMPLETED" if report.completed(engine.clock.now()) else "IN_PROGRESS"
    shown.update(
        {
            "Subject": report.subject,
            "FromEmailAddress": report.from_address,
            "CreateDate": report.created,
            "DeliverabilityTestStatus": status,
        }
    )
    return shown


def _placement(engine: Engine, report: TestReport) -> dict[str, float]:
    """The simulator's mail reaches every inbox; DKIM passes for a verified domain."""
    domain = parse_mailbox(report.from_address).domain
    dkim = 100.0 if verified_domain(engine.account, domain) else 0.0
    return {
        "InboxPercentage": 100.0,
        "SpamPercentage": 0.0,
        "MissingPercentage": 0.0,
        "SpfPercentage": 100.0,
        "DkimPercentage": dkim,
    }


@operation(API, "GetDeliverabilityTestReport")
def get_deliverability_test_report(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Returns the test; once complete, its (deterministic) placement per ISP."""
    report_id = params.get("ReportId") or ""
    report = engine.account.infrastructure.test_reports.get(report_id)
    if report is None:
        raise SesError(
            ErrorKind.NOT_FOUND, f"Deliverability test report <{report_id}> does not exist."
        )
    done = report.completed(engine.clock.now())
    placement = _placement(engine, report) if done else {}
    arn = engine.account.arn(f"deliverability-test-report/{report.id}")
    return {
        "DeliverabilityTestReport": _report_summary(engine, report),
        "OverallPlacement": placement,
        "IspPlacements": [
            {"IspName": isp, "PlacementStatistics": dict(placement)} for isp in TEST_ISPS
        ]
        if done
        else [],
        "Message": report.message,
        "Tags": engine.account.tags.of(arn),
    }


@operation(API, "ListDeliverabilityTestReports")
def list_deliverability_test_reports(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists the Region's predictive inbox placement tests, oldest first."""
    reports = list(engine.account.infrastructure.test_reports.values())
    return listing(
        "DeliverabilityTestReports",
        reports,
        params,
        "PageSize",
        lambda report: _report_summary(engine, report),
    )


# campaigns --------------------------------------------------------------------------
def _campaign_id(domain: str, from_address: str, subject: str) -> str:
    key = f"{domain}\n{from_address}\n{subject}".encode()
    return f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}"


def _campaigns(engine: Engine, domain: str) -> dict[str, list[SentMessage]]:
    """The Region's messages from ``domain``, grouped as campaigns (sender and subject)."""
    groups: dict[str, list[SentMessage]] = {}
    for message in engine.outbox:
        if message.region != engine.account.region or not message.source:
            continue
        sender = parse_mailbox(message.source)
        if sender.domain.lower() != domain.lower():
            continue
        key = _campaign_id(domain, sender.address, message.subject or "")
        groups.setdefault(key, []).append(message)
    return groups


def _campaign(engine: Engine, campaign_id: str, messages: list[SentMessage]) -> dict[str, Any]:
    ids = {message.message_id for message in messages}
    events = [event for event in engine.events if event.message_id in ids]
    delivered = sum(len(e.recipients) for e in events if e.type == "Delivery")
    complained = sum(len(e.recipients) for e in events if e.type == "Complaint")
    opened = sum(len(e.recipients) for e in events if e.type == "Open")
    ips = sorted(
        {
            ip
            for e in events
            if e.type == "Delivery"
            for ip in e.record["mail"]["tags"].get("ses:outgoing-ip", [])
        }
    )
    first = messages[0]
    return {
        "CampaignId": campaign_id,
        "Subject": first.subject or "",
        "FromAddress": parse_mailbox(first.source).address,
        "SendingIps": ips,
        "FirstSeenDateTime": first.timestamp,
        "LastSeenDateTime": messages[-1].timestamp,
        "InboxCount": delivered,
        "SpamCount": complained,
        "ReadRate": opened / delivered if delivered else 0.0,
        "DeleteRate": 0.0,
        "ReadDeleteRate": 0.0,
        "ProjectedVolume": sum(len(message.destinations) for message in messages),
        "Esps": [],
    }


def _subscribed(engine: Engine, domain: str) -> None:
    dashboard = engine.account.infrastructure.dashboard
    if not any(option.get("Domain") == domain for option in dashboard.domains):
        raise SesError(
            ErrorKind.NOT_FOUND,
            f"Domain <{domain}> is not subscribed to the Deliverability dashboard.",
        )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


@operation(API, "ListDomainDeliverabilityCampaigns")
def list_domain_deliverability_campaigns(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """A subscribed domain's campaigns (same sender and subject) first seen in the dates."""
    domain = params.get("SubscribedDomain") or ""
    _subscribed(engine, domain)
    start, end = params.get("StartDate"), params.get("EndDate")
    if start is None or end is None:
        raise one_error("startDate" if start is None else "endDate", "Member must not be null")
    campaigns = [
        _campaign(engine, key, messages)
        for key, messages in _campaigns(engine, domain).items()
        if _aware(start) <= messages[0].timestamp <= _aware(end)
    ]
    return listing("DomainDeliverabilityCampaigns", campaigns, params, "PageSize", dict)


@operation(API, "GetDomainDeliverabilityCampaign")
def get_domain_deliverability_campaign(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """One campaign of a subscribed domain: inbox, spam and read counts from the record."""
    campaign_id = params.get("CampaignId") or ""
    for option in engine.account.infrastructure.dashboard.domains:
        found = _campaigns(engine, option.get("Domain") or "").get(campaign_id)
        if found:
            return {"DomainDeliverabilityCampaign": _campaign(engine, campaign_id, found)}
    raise SesError(ErrorKind.NOT_FOUND, f"Campaign <{campaign_id}> does not exist.")
