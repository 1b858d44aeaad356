"""TagResource, UntagResource and ListTagsForResource over every taggable resource of
the Region, with SES's tag rules and texts."""

from __future__ import annotations

from typing import Any

import pytest
from cs_helpers import arn, refused

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(verified=["example.com"])


def _tags(sesv2: Any, resource: str) -> list[dict[str, str]]:
    tags: list[dict[str, str]] = sesv2.list_tags_for_resource(ResourceArn=resource)["Tags"]
    return tags


def test_create_tags_and_tag_resource_share_one_store(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_configuration_set(
        ConfigurationSetName="cs", Tags=[{"Key": "team", "Value": "mail"}]
    )
    resource = arn("configuration-set/cs")

    sesv2.tag_resource(
        ResourceArn=resource,
        Tags=[{"Key": "team", "Value": "growth"}, {"Key": "cost-center", "Value": "42"}],
    )
    assert _tags(sesv2, resource) == [
        {"Key": "team", "Value": "growth"},
        {"Key": "cost-center", "Value": "42"},
    ]
    assert sesv2.get_configuration_set(ConfigurationSetName="cs")["Tags"] == _tags(sesv2, resource)

    sesv2.untag_resource(ResourceArn=resource, TagKeys=["team", "never-set"])
    assert _tags(sesv2, resource) == [{"Key": "cost-center", "Value": "42"}]


def test_every_taggable_resource(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_email_identity(EmailIdentity="owner@example.com")
    sesv2.create_email_template(
        TemplateName="welcome", TemplateContent={"Subject": "Hi", "Text": "Hello"}
    )
    sesv2.create_dedicated_ip_pool(PoolName="pool")
    tenant = sesv2.create_tenant(TenantName="acme", Tags=[{"Key": "plan", "Value": "pro"}])
    sesv2.create_multi_region_endpoint(
        EndpointName="global", Details={"RoutesDetails": [{"Region": "us-west-2"}]}
    )
    resources = [
        arn("identity/owner@example.com"),
        arn("template/welcome"),
        arn("dedicated-ip-pool/pool"),
        tenant["TenantArn"],
        arn("multi-region-endpoint/global"),
    ]
    for resource in resources:
        sesv2.tag_resource(ResourceArn=resource, Tags=[{"Key": "env", "Value": "test"}])

    assert [_tags(sesv2, resource) for resource in resources] == [
        [{"Key": "env", "Value": "test"}],
        [{"Key": "env", "Value": "test"}],
        [{"Key": "env", "Value": "test"}],
        [{"Key": "plan", "Value": "pro"}, {"Key": "env", "Value": "test"}],
        [{"Key": "env", "Value": "test"}],
    ]
    # a tenant's tags come back sorted by key from GetTenant
    assert sesv2.get_tenant(TenantName="acme")["Tenant"]["Tags"] == [
        {"Key": "env", "Value": "test"},
        {"Key": "plan", "Value": "pro"},
    ]


@pytest.mark.parametrize(
    ("resource", "message"),
    [
        ("configuration-set/nope", "No ConfigurationSet present with name: nope"),
        ("identity/nobody@example.org", "No EmailIdentity present with name: nobody@example.org"),
        ("template/nope", "No Template present with name: nope"),
        ("dedicated-ip-pool/nope", "No DedicatedIpPool present with name: nope"),
        (
            "tenant/acme/tn-000000000000000000000000000000",
            "No Tenant present with name: acmewith tenantId: tn-000000000000000000000000000000",
        ),
    ],
)
def test_a_missing_resource_is_not_found(
    sessim: SesSim, sesv2: Any, resource: str, message: str
) -> None:
    assert refused(
        lambda: sesv2.tag_resource(ResourceArn=arn(resource), Tags=[{"Key": "k", "Value": "v"}])
    ) == ("NotFoundException", message, 404)
    assert refused(lambda: sesv2.list_tags_for_resource(ResourceArn=arn(resource))) == (
        "NotFoundException",
        message,
        404,
    )


def test_arns_of_other_accounts_regions_and_services(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    tag = [{"Key": "k", "Value": "v"}]

    assert refused(
        lambda: sesv2.tag_resource(
            ResourceArn="arn:aws:ses:us-east-1:999999999999:configuration-set/cs", Tags=tag
        )
    ) == (
        "BadRequestException",
        "Operations on a resource created in a different account is not allowed",
        400,
    )
    other_region = arn("configuration-set/cs", region="eu-west-1")
    assert refused(lambda: sesv2.tag_resource(ResourceArn=other_region, Tags=tag))[1] == (
        "Failed to tag resource"
    )
    assert refused(lambda: sesv2.untag_resource(ResourceArn=other_region, TagKeys=["k"]))[1] == (
        "Failed to untag resource"
    )
    assert _tags(sesv2, other_region) == []  # the set exists here; that ARN has no tags
    assert refused(
        lambda: sesv2.tag_resource(ResourceArn="arn:aws:sqs:us-east-1:123456789012:q", Tags=tag)
    )[1] == ("Provided ARN is not in SES resource ARN format")
    assert refused(lambda: sesv2.tag_resource(ResourceArn="not-an-arn", Tags=tag))[1] == (
        "Provided resource identifier is not an SES resource"
    )


CHARSET = (
    "Tags can only contain letters, numbers, spaces, and the following special characters: "
    "_ . : / = + - @"
)


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        (
            [{"Key": f"k{i}", "Value": "v"} for i in range(51)],
            "Maximum of 50 user tags are allowed per resource, consider reducing the number of "
            "tags in the request",
        ),
        ([{"Key": "bad!key", "Value": "v"}], CHARSET),
        ([{"Key": "k", "Value": "bad!value"}], CHARSET),
        (
            [{"Key": "k" * 129, "Value": "v" * 257}],
            "2 validation errors detected: Value at 'tags.1.member.value' failed to satisfy "
            "constraint: Member must have length less than or equal to 256; Value at "
            "'tags.1.member.key' failed to satisfy constraint: Member must have length less than "
            "or equal to 128",
        ),
        (
            [{"Key": "dup", "Value": "1"}, {"Key": "dup", "Value": "2"}],
            "Cannot provide multiple tags with the same key",
        ),
        (
            [{"Key": "AWS:created-by", "Value": "v"}],
            "Caller is an end user and not allowed to mutate system tags",
        ),
    ],
)
def test_tag_rules(
    sessim: SesSim, unchecked_sesv2: Any, tags: list[dict[str, str]], message: str
) -> None:
    assert refused(
        lambda: unchecked_sesv2.create_configuration_set(ConfigurationSetName="cs", Tags=tags)
    ) == ("BadRequestException", message, 400)
    assert refused(lambda: unchecked_sesv2.get_configuration_set(ConfigurationSetName="cs"))[0] == (
        "NotFoundException"
    )


def test_fifty_tags_at_most_after_merging(sessim: SesSim, sesv2: Any) -> None:
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    resource = arn("configuration-set/cs")
    sesv2.tag_resource(
        ResourceArn=resource, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(50)]
    )
    sesv2.tag_resource(ResourceArn=resource, Tags=[{"Key": "k0", "Value": "changed"}])

    assert refused(
        lambda: sesv2.tag_resource(ResourceArn=resource, Tags=[{"Key": "k50", "Value": "v"}])
    ) == (
        "BadRequestException",
        "Maximum of 50 user tags are allowed per resource, consider reducing the number of tags "
        "in the request or delete existing tags and retry",
        400,
    )
    assert refused(lambda: sesv2.untag_resource(ResourceArn=resource, TagKeys=["aws:x"]))[1] == (
        "Caller is an end user and not allowed to mutate system tags"
    )
