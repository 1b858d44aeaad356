"""Tenants, their resources and reputation entities through boto3, and sends that name
a tenant."""

from __future__ import annotations

from typing import Any

import pytest
from cs_helpers import arn, refused, simple

from pytest_sessim import SesSim, hard_bounce

pytestmark = pytest.mark.sessim(verified=["example.com"])

IDENTITY = arn("identity/example.com")
CONFIGURATION_SET = arn("configuration-set/acme-set")


def _send(sesv2: Any, **extra: Any) -> str:
    message_id: str = sesv2.send_email(
        FromEmailAddress="billing@example.com",
        Destination={"ToAddresses": ["success@simulator.amazonses.com"]},
        Content=simple(),
        **extra,
    )["MessageId"]
    return message_id


def test_tenant_lifecycle(sessim: SesSim, sesv2: Any) -> None:
    created = sesv2.create_tenant(TenantName="acme", Tags=[{"Key": "plan", "Value": "pro"}])
    sesv2.create_tenant(TenantName="beta")

    tenant_id = created["TenantId"]
    assert tenant_id.startswith("tn-") and len(tenant_id) == 33
    assert created["TenantArn"] == arn(f"tenant/acme/{tenant_id}")
    assert created["SendingStatus"] == "ENABLED"
    got = sesv2.get_tenant(TenantName="acme")["Tenant"]
    assert got["Tags"] == [{"Key": "plan", "Value": "pro"}]
    assert got["TenantId"] == tenant_id
    listed = sesv2.list_tenants()["Tenants"]
    assert [tenant["TenantName"] for tenant in listed] == ["acme", "beta"]
    assert "Tags" not in listed[0]

    assert refused(lambda: sesv2.create_tenant(TenantName="acme")) == (
        "AlreadyExistsException",
        "Tenant <acme> already exists.",
        400,
    )
    sesv2.delete_tenant(TenantName="acme")
    assert refused(lambda: sesv2.get_tenant(TenantName="acme")) == (
        "NotFoundException",
        "The requested tenant <acme> does not exist.",
        404,
    )
    assert refused(lambda: sesv2.create_tenant(TenantName="bad name!"))[1] == (
        "Invalid tenant name <bad name!>: only alphanumeric ASCII characters, '_', and '-' are "
        "allowed."
    )
    assert refused(lambda: sesv2.get_tenant(TenantName=" "))[1] == "TenantName cannot be empty"


def test_resource_associations(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_tenant(TenantName="acme")
    sesv2.create_tenant(TenantName="beta")
    sesv2.create_configuration_set(ConfigurationSetName="acme-set")
    for tenant in ("acme", "beta"):
        sesv2.create_tenant_resource_association(TenantName=tenant, ResourceArn=IDENTITY)
    sesv2.create_tenant_resource_association(TenantName="acme", ResourceArn=CONFIGURATION_SET)

    resources = sesv2.list_tenant_resources(TenantName="acme")["TenantResources"]
    assert resources == [
        {"ResourceType": "CONFIGURATION_SET", "ResourceArn": CONFIGURATION_SET},
        {"ResourceType": "EMAIL_IDENTITY", "ResourceArn": IDENTITY},
    ]
    only = sesv2.list_tenant_resources(
        TenantName="acme", Filter={"RESOURCE_TYPE": "EMAIL_IDENTITY"}
    )["TenantResources"]
    assert only == [{"ResourceType": "EMAIL_IDENTITY", "ResourceArn": IDENTITY}]
    tenants = sesv2.list_resource_tenants(ResourceArn=IDENTITY)["ResourceTenants"]
    assert [tenant["TenantName"] for tenant in tenants] == ["acme", "beta"]

    assert refused(
        lambda: sesv2.create_tenant_resource_association(TenantName="acme", ResourceArn=IDENTITY)
    ) == (
        "AlreadyExistsException",
        f"Resources {IDENTITY} has already been associated with tenant acme",
        400,
    )
    assert refused(lambda: sesv2.delete_configuration_set(ConfigurationSetName="acme-set")) == (
        "BadRequestException",
        f"Cannot delete <{CONFIGURATION_SET}> because it has tenant associations. Remove all "
        "tenant associations and try again.",
        400,
    )
    sesv2.delete_tenant_resource_association(TenantName="acme", ResourceArn=CONFIGURATION_SET)
    sesv2.delete_configuration_set(ConfigurationSetName="acme-set")


@pytest.mark.parametrize(
    ("resource", "message"),
    [
        (arn("contact-list/news"), "Unsupported resource type: contact-list"),
        (arn("identity/example.com", "eu-west-1"), "must be in the same region"),
        ("arn:aws:sqs:us-east-1:123456789012:q", "Provided ARN is not in SES resource ARN format"),
        (arn("template/none"), "No Template present with name: none"),
    ],
)
def test_association_arns_are_checked(
    sessim: SesSim, sesv2: Any, resource: str, message: str
) -> None:
    sesv2.create_tenant(TenantName="acme")

    _, text, _ = refused(
        lambda: sesv2.create_tenant_resource_association(TenantName="acme", ResourceArn=resource)
    )
    assert text.endswith(message)


def test_a_tenants_send_uses_only_its_resources(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_tenant(TenantName="acme")
    sesv2.create_configuration_set(ConfigurationSetName="acme-set")

    assert refused(lambda: _send(sesv2, TenantName="ghost")) == (
        "NotFoundException",
        "Tenant ghost for AwsAccountId 123456789012 not found.",
        404,
    )
    assert refused(lambda: _send(sesv2, TenantName="acme", ConfigurationSetName="acme-set")) == (
        "AccessDeniedException",
        f"Tenant not associated with resources [{IDENTITY}, {CONFIGURATION_SET}].",
        403,
    )
    sesv2.create_tenant_resource_association(TenantName="acme", ResourceArn=IDENTITY)
    sesv2.create_tenant_resource_association(TenantName="acme", ResourceArn=CONFIGURATION_SET)
    _send(sesv2, TenantName="acme", ConfigurationSetName="acme-set")
    _send(sesv2)

    assert [message.tenant for message in sessim.outbox] == ["acme", None]


def test_reputation_entities_follow_the_tenants(sessim: SesSim, sesv2: Any) -> None:
    tenant_arn = sesv2.create_tenant(TenantName="acme")["TenantArn"]
    sesv2.create_tenant_resource_association(TenantName="acme", ResourceArn=IDENTITY)

    entity = sesv2.get_reputation_entity(
        ReputationEntityType="RESOURCE", ReputationEntityReference=tenant_arn
    )["ReputationEntity"]
    assert entity["ReputationEntityReference"] == tenant_arn
    assert entity["CustomerManagedStatus"]["Status"] == "ENABLED"
    assert entity["AwsSesManagedStatus"]["Status"] == "ENABLED"
    assert entity["SendingStatusAggregate"] == "ENABLED"

    sesv2.update_reputation_entity_customer_managed_status(
        ReputationEntityType="RESOURCE",
        ReputationEntityReference=tenant_arn,
        SendingStatus="DISABLED",
    )
    sesv2.update_reputation_entity_policy(
        ReputationEntityType="RESOURCE",
        ReputationEntityReference=tenant_arn,
        ReputationEntityPolicy="arn:aws:ses:us-east-1:aws:reputation-policy/strict",
    )
    assert sesv2.get_tenant(TenantName="acme")["Tenant"]["SendingStatus"] == "DISABLED"
    (listed,) = sesv2.list_reputation_entities(Filter={"SENDING_STATUS": "DISABLED"})[
        "ReputationEntities"
    ]
    assert listed["ReputationManagementPolicy"].endswith("reputation-policy/strict")
    assert refused(lambda: _send(sesv2, TenantName="acme")) == (
        "SendingPausedException",
        "Sending paused for tenant <acme>.",
        400,
    )
    assert refused(
        lambda: sesv2.get_reputation_entity(
            ReputationEntityType="RESOURCE", ReputationEntityReference=IDENTITY
        )
    ) == ("NotFoundException", f"Reputation entity <{IDENTITY}> does not exist.", 404)


def test_recommendations_come_from_the_record(sessim: SesSim, sesv2: Any) -> None:
    sessim.route("*@bounces.example.net", hard_bounce())
    for index in range(3):
        sesv2.send_email(
            FromEmailAddress="billing@example.com",
            Destination={"ToAddresses": [f"user{index}@bounces.example.net"]},
            Content=simple(),
        )
    assert sesv2.list_recommendations()["Recommendations"] == []  # VDM is off

    sesv2.put_account_vdm_attributes(VdmAttributes={"VdmEnabled": "ENABLED"})
    (recommendation,) = sesv2.list_recommendations(Filter={"TYPE": "BOUNCE"})["Recommendations"]
    assert recommendation["ResourceArn"] == IDENTITY
    assert recommendation["Status"] == "OPEN"
    assert recommendation["Impact"] == "HIGH"
    assert "100.0%" in recommendation["Description"]
