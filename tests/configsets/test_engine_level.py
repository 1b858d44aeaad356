"""The engine on its own for what the installed botocore cannot send yet (members and
operations of the newest SES models) and for the pieces behind the applied options.
No pytest fixtures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from pytest_sessim.engine.account.configuration_sets import ConfigurationSetOptions, DeliveryOptions
from pytest_sessim.engine.account.state import ConfigurationSet
from pytest_sessim.engine.errors import ErrorKind, SesError
from pytest_sessim.engine.mail.tracking import Tracking, tracked_html
from pytest_sessim.engine.outcomes.catalog import delayed, delivered, soft_bounce
from pytest_sessim.engine.outcomes.delivery_options import apply_delivery_options
from pytest_sessim.engine.outcomes.scripts import Bounce, Delay
from pytest_sessim.engine.service import Engine, Settings

NOW = datetime(2026, 1, 20, 12, 0, tzinfo=timezone.utc)


def engine() -> Engine:
    return Engine(Settings(seed=3, now=NOW, verified=("example.com",)))


def refusal(call: Callable[[], object]) -> SesError:
    try:
        call()
    except SesError as error:
        return error
    raise AssertionError("expected SES to refuse the request")


def v2(sim: Engine, operation: str, **params: Any) -> dict[str, Any]:
    return sim.handle("sesv2", operation, params)


def test_newest_configuration_set_members() -> None:
    sim = engine()
    security = {"SigningScheme": {"SmimeScheme": {"SignatureFormat": "DETACHED"}}}
    validation = {"ConditionThreshold": {"ConditionThresholdEnabled": "ENABLED"}}
    v2(
        sim,
        "CreateConfigurationSet",
        ConfigurationSetName="newest",
        DeliveryOptions={"SharedPoolDeliveryMode": "REGIONAL"},
        SuppressionOptions={
            "SuppressedReasons": ["BOUNCE"],
            "SuppressionScope": "TENANT",
            "ValidationOptions": validation,
        },
    )
    v2(
        sim,
        "UpdateConfigurationSet",
        ConfigurationSetName="newest",
        MessageSecurityOptions=security,
    )

    shown = v2(sim, "GetConfigurationSet", ConfigurationSetName="newest")
    assert shown["DeliveryOptions"] == {"SharedPoolDeliveryMode": "REGIONAL"}
    assert shown["SuppressionOptions"] == {
        "SuppressedReasons": ["BOUNCE"],
        "SuppressionScope": "TENANT",
        "ValidationOptions": validation,
    }
    assert shown["MessageSecurityOptions"] == security
    v2(sim, "CreateConfigurationSet", ConfigurationSetName="other")
    listed = v2(sim, "ListConfigurationSets", Filter={"CONFIGURATION_SET_NAME_CONTAINS": "new"})[
        "ConfigurationSets"
    ]
    assert listed == ["newest"]
    assert (
        refusal(lambda: v2(sim, "UpdateConfigurationSet", ConfigurationSetName="ghost")).kind
        is ErrorKind.CONFIGURATION_SET_NOT_FOUND
    )


def test_pricing_plan_changes_with_the_next_month() -> None:
    sim = engine()
    assert v2(sim, "GetAccount")["PricingAttributes"] == {"CurrentPlan": "NONE"}

    v2(sim, "PutAccountPricingAttributes", Plan="PRO")
    assert v2(sim, "GetAccount")["PricingAttributes"] == {"CurrentPlan": "NONE", "NextPlan": "PRO"}
    sim.clock.advance(timedelta(days=12))  # February 1st
    assert v2(sim, "GetAccount")["PricingAttributes"] == {"CurrentPlan": "PRO"}
    assert (
        "enum value set: [NONE, ESSENTIALS, PRO, ENTERPRISE]"
        in refusal(lambda: v2(sim, "PutAccountPricingAttributes", Plan="FREE")).message
    )


def test_delivery_and_suppression_validation_attributes() -> None:
    sim = engine()
    validation = {
        "ConditionThreshold": {
            "ConditionThresholdEnabled": "ENABLED",
            "OverallConfidenceThreshold": {"ConfidenceVerdictThreshold": "HIGH"},
        }
    }
    v2(sim, "PutAccountDeliveryAttributes", SharedPoolDeliveryMode="REGIONAL")
    v2(
        sim,
        "PutAccountSuppressionAttributes",
        SuppressedReasons=[],
        ValidationAttributes=validation,
    )

    account = v2(sim, "GetAccount")
    assert account["DeliveryAttributes"] == {"SharedPoolDeliveryMode": "REGIONAL"}
    assert account["SuppressionAttributes"] == {
        "SuppressedReasons": [],
        "ValidationAttributes": validation,
    }
    assert refusal(
        lambda: v2(sim, "PutAccountDeliveryAttributes", SharedPoolDeliveryMode="ACCOUNT")
    ).message.endswith("Member must satisfy enum value set: [GLOBAL, REGIONAL]")


def test_tenant_suppression_attributes() -> None:
    sim = engine()
    created = v2(
        sim,
        "CreateTenant",
        TenantName="acme",
        SuppressionAttributes={"SuppressedReasons": ["BOUNCE"], "SuppressionScope": "TENANT"},
    )
    assert created["SuppressionAttributes"] == {
        "SuppressedReasons": ["BOUNCE"],
        "SuppressionScope": "TENANT",
    }
    texts = [
        (
            {"SuppressedReasons": ["BOUNCE"]},
            "SuppressedReasons cannot be specified without SuppressionScope.",
        ),
        (
            {"SuppressionScope": "ACCOUNT"},
            "SuppressionScope cannot be specified without SuppressedReasons.",
        ),
        (
            {"SuppressedReasons": ["BOUNCE", "BOUNCE"], "SuppressionScope": "ACCOUNT"},
            "Each suppressed reason can only be specified at most once",
        ),
        (
            {"SuppressionScope": "GLOBAL", "SuppressedReasons": []},
            "1 validation error detected: Value at 'suppressionScope' failed to satisfy "
            "constraint: Member must satisfy enum value set: [TENANT, ACCOUNT]",
        ),
    ]
    for params, text in texts:
        assert (
            refusal(
                lambda params=params: v2(
                    sim, "PutTenantSuppressionAttributes", TenantName="acme", **params
                )
            ).message
            == text
        )
    v2(sim, "PutTenantSuppressionAttributes", TenantName="acme")  # neither: cleared
    assert "SuppressionAttributes" not in v2(sim, "GetTenant", TenantName="acme")["Tenant"]
    assert (
        refusal(
            lambda: v2(
                sim,
                "PutTenantSuppressionAttributes",
                TenantName="ghost",
                SuppressedReasons=["BOUNCE"],
                SuppressionScope="TENANT",
            )
        ).message
        == "The requested tenant <ghost> does not exist."
    )
    v2(sim, "CreateTenant", TenantName="beta")
    listed = v2(sim, "ListTenants", Filter={"TENANT_NAME_CONTAINS": "et"})["Tenants"]
    assert [tenant["TenantName"] for tenant in listed] == ["beta"]


def _set(**delivery: Any) -> ConfigurationSet:
    options = ConfigurationSetOptions(delivery=DeliveryOptions(**delivery))
    return ConfigurationSet("cs", NOW, options=options)


def test_the_delivery_window_cuts_retries() -> None:
    window = _set(max_delivery_seconds=1800)

    assert apply_delivery_options(delivered(), window) == delivered()
    short = delayed(after=timedelta(minutes=10))
    shaped = apply_delivery_options(short, window)
    assert shaped.steps[0] == Delay(
        "TransientCommunicationFailure",
        retry_for=timedelta(minutes=10),
        expires_after=timedelta(minutes=30),
    )
    cut = apply_delivery_options(soft_bounce("General"), window).steps
    assert isinstance(cut[0], Delay) and cut[0].retry_for == timedelta(minutes=30)
    assert cut[1] == Bounce(
        "Transient",
        "General",
        "4.4.7",
        "smtp; 550 4.4.7 Message expired, unable to deliver in 30 minutes."
        "<450 4.0.0 Temporary failure, try again later>",
    )
    assert len(cut) == 2


def test_tls_required_turns_a_plain_delivery_into_retries() -> None:
    required = _set(tls_policy="REQUIRE")

    assert apply_delivery_options(delivered(), required) == delivered()
    steps = apply_delivery_options(delivered(tls=False), required).steps
    assert isinstance(steps[0], Delay) and steps[0].retry_for == timedelta(hours=12)
    assert isinstance(steps[1], Bounce) and steps[1].bounce_type == "Transient"
    assert apply_delivery_options(delivered(tls=False), _set(tls_policy="OPTIONAL")) == delivered(
        tls=False
    )


def test_tracked_html_places_the_open_image() -> None:
    tracking = Tracking("https://t.example.com", None)

    placed = tracked_html("<p>{{ses:openTracker}}Hi</p>{{ses:openTracker}}", tracking, "m1")
    assert placed.startswith('<p><img alt="" src="https://t.example.com/I0/m1/')
    assert placed.count("<img") == 1 and "{{ses:openTracker}}" not in placed
    assert tracked_html("<b>Hi</b>", tracking, "m1").startswith("<b>Hi</b><img")
    clicks_only = Tracking(None, "http://t.example.com")
    assert tracked_html('<a href="http://x.example/">x</a>', clicks_only, "m1").startswith(
        '<a href="http://t.example.com/CL0/http%3A%2F%2Fx.example%2F/1/m1/'
    )
