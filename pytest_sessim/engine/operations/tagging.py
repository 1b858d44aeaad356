"""SESv2 resource tags: TagResource, UntagResource, ListTagsForResource, and the tag
rules every operation that takes ``Tags`` applies.

Each taggable resource type registers how to find a resource of its type by name
(``@taggable("contact-list", "ContactList")``); the tags live in the Region's one
tag store, under the resource's ARN.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..arns import parse_arn
from ..errors import ErrorKind, SesError, invalid_parameter
from .registry import operation

if TYPE_CHECKING:
    from ..account.state import Account
    from ..service import Engine

API = "sesv2"
TAG_LIMIT = 50
KEY_LIMIT = 128
VALUE_LIMIT = 256
TOO_MANY = (
    "Maximum of 50 user tags are allowed per resource, consider reducing the number of tags "
    "in the request"
)
CHARSET = (
    "Tags can only contain letters, numbers, spaces, and the following special characters: "
    "_ . : / = + - @"
)
DUPLICATE = "Cannot provide multiple tags with the same key"
SYSTEM_TAG = "Caller is an end user and not allowed to mutate system tags"
OTHER_ACCOUNT = "Operations on a resource created in a different account is not allowed"
NOT_SES = "Provided resource identifier is not an SES resource"
NOT_SES_FORMAT = "Provided ARN is not in SES resource ARN format"
_SPECIALS = set("_.:/=+-@")

# a resource type's look-up: (account, name in the ARN) -> its canonical ARN, or None
Finder = Callable[["Account", str], "str | None"]
_TAGGABLE: dict[str, tuple[str, Finder]] = {}


def taggable(kind: str, label: str) -> Callable[[Finder], Finder]:
    """Register a taggable resource type: ``kind`` as in its ARN (``configuration-set``),
    ``label`` as SES names it in "No <label> present with name: ..."."""

    def register(finder: Finder) -> Finder:
        _TAGGABLE[kind] = (label, finder)
        return finder

    return register


def _allowed(text: str) -> bool:
    return all(ch in _SPECIALS or unicodedata.category(ch)[0] in "LNZ" for ch in text)


def _validation(problems: list[str]) -> SesError:
    count = len(problems)
    plural = "error" if count == 1 else "errors"
    return invalid_parameter(f"{count} validation {plural} detected: " + "; ".join(problems))


def check_tags(tags: Iterable[Mapping[str, Any]] | None) -> list[dict[str, str]]:
    """SES's checks of a request's ``Tags``, in SES's order; the tags as given."""
    given = [{"Key": tag.get("Key"), "Value": tag.get("Value")} for tag in tags or ()]
    if len(given) > TAG_LIMIT:
        raise invalid_parameter(TOO_MANY)
    for tag in given:
        key, value = tag["Key"], tag["Value"]
        if not isinstance(value, str) or not _allowed(value) or not _allowed(key or ""):
            raise invalid_parameter(CHARSET)
    problems: list[str] = []
    for index, tag in enumerate(given, start=1):
        if len(tag["Value"] or "") > VALUE_LIMIT:
            problems.append(_too_long(f"tags.{index}.member.value", VALUE_LIMIT))
        if len(tag["Key"] or "") > KEY_LIMIT:
            problems.append(_too_long(f"tags.{index}.member.key", KEY_LIMIT))
    if problems:
        raise _validation(problems)
    keys = [tag["Key"] or "" for tag in given]
    if not all(keys):
        raise invalid_parameter("")  # SES answers a tag without a key with no message
    if len(set(keys)) != len(keys):
        raise invalid_parameter(DUPLICATE)
    if any(key.lower().startswith("aws:") for key in keys):
        raise invalid_parameter(SYSTEM_TAG)
    return [{"Key": tag["Key"] or "", "Value": tag["Value"] or ""} for tag in given]


def _too_long(where: str, limit: int) -> str:
    return (
        f"Value at '{where}' failed to satisfy constraint: Member must have length less "
        f"than or equal to {limit}"
    )


def put_tags(engine: Engine, arn: str, tags: Iterable[Mapping[str, Any]] | None) -> None:
    """Store a new resource's tags (already checked with ``check_tags``)."""
    engine.account.tags.put(arn, list(tags or ()))


# resolving an ARN -----------------------------------------------------------------
def _resource(engine: Engine, arn: str, refusal: str | None) -> tuple[str, bool]:
    """The canonical ARN of the resource ``arn`` names, and whether it is in the request's
    Region; ``refusal`` is the text for an ARN of another Region (None: allowed)."""
    account = engine.account
    parsed = parse_arn(arn)
    if parsed is None:
        raise invalid_parameter(NOT_SES)
    if parsed.service != "ses":
        raise invalid_parameter(NOT_SES_FORMAT)
    if parsed.account != account.account_id:
        raise invalid_parameter(OTHER_ACCOUNT)
    same_region = parsed.region == account.region
    if not same_region and refusal is not None:
        raise invalid_parameter(refusal)
    kind, _, name = parsed.resource.partition("/")
    if kind == "tenant":
        return _tenant(account, name), same_region
    if kind not in _TAGGABLE:
        raise invalid_parameter(f"Unsupported resource type: {kind}")
    label, finder = _TAGGABLE[kind]
    found = finder(account, name)
    if found is None:
        raise SesError(ErrorKind.NOT_FOUND, f"No {label} present with name: {name}")
    return found, same_region


def resource_arn(engine: Engine, arn: str) -> str:
    """The canonical ARN of the existing resource ``arn`` names (SES's NotFound if none)."""
    return _resource(engine, arn, None)[0]


def _tenant(account: Account, rest: str) -> str:
    """Tenant ARNs (``tenant/<name>/<id>``) resolve by the id alone."""
    name, sep, tenant_id = rest.rpartition("/")
    tenants = account.infrastructure.tenants
    found = tenants.by_id(tenant_id)
    if found is None:
        # SES's own wording, without a space before "with"
        shown = name if sep else "null"
        raise SesError(
            ErrorKind.NOT_FOUND, f"No Tenant present with name: {shown}with tenantId: {tenant_id}"
        )
    return found.arn


@operation(API, "TagResource")
def tag_resource(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Adds or replaces tags of any taggable resource of the Region (50 at most)."""
    target, _ = _resource(engine, params.get("ResourceArn", ""), "Failed to tag resource")
    tags = check_tags(params.get("Tags"))
    store = engine.account.tags
    keys = {tag["Key"] for tag in store.of(target)} | {tag["Key"] for tag in tags}
    if len(keys) > TAG_LIMIT:
        raise invalid_parameter(TOO_MANY + " or delete existing tags and retry")
    store.put(target, tags)
    return {}


@operation(API, "UntagResource")
def untag_resource(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Removes tags by key (keys the resource does not have are ignored)."""
    target, _ = _resource(engine, params.get("ResourceArn", ""), "Failed to untag resource")
    keys = list(params.get("TagKeys", ()))
    if any(key.lower().startswith("aws:") for key in keys):
        raise invalid_parameter(SYSTEM_TAG)
    engine.account.tags.remove(target, keys)
    return {}


@operation(API, "ListTagsForResource")
def list_tags_for_resource(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Lists a resource's tags; an ARN naming another Region finds none, as in SES."""
    target, same_region = _resource(engine, params.get("ResourceArn", ""), None)
    return {"Tags": engine.account.tags.of(target) if same_region else []}


# the resource types this package knows -------------------------------------------
@taggable("configuration-set", "ConfigurationSet")
def _configuration_set(account: Account, name: str) -> str | None:
    return account.arn(f"configuration-set/{name}") if name in account.configuration_sets else None


@taggable("identity", "EmailIdentity")
def _identity(account: Account, name: str) -> str | None:
    found = account.identities.get(name.lower())
    return account.arn(f"identity/{found.name}") if found is not None else None


@taggable("template", "Template")
def _template(account: Account, name: str) -> str | None:
    return account.arn(f"template/{name}") if name in account.templates else None


@taggable("dedicated-ip-pool", "DedicatedIpPool")
def _pool(account: Account, name: str) -> str | None:
    pools = account.infrastructure.dedicated_ips.pools
    return account.arn(f"dedicated-ip-pool/{name}") if name in pools else None


@taggable("deliverability-test-report", "DeliverabilityTestReport")
def _report(account: Account, name: str) -> str | None:
    reports = account.infrastructure.test_reports
    return account.arn(f"deliverability-test-report/{name}") if name in reports else None


@taggable("multi-region-endpoint", "MultiRegionEndpoint")
def _endpoint(account: Account, name: str) -> str | None:
    endpoints = account.infrastructure.endpoints
    return account.arn(f"multi-region-endpoint/{name}") if name in endpoints else None
