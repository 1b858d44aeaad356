"""Resource tags (SESv2 ``TagResource``, ``Tags`` on create operations), by resource ARN.

Every taggable resource (identities, configuration sets, contact lists, dedicated IP
pools, tenants, multi-Region endpoints...) keeps its tags here, so that the create
operations, ``TagResource``, ``UntagResource`` and ``ListTagsForResource`` see one store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


class TagStore:
    def __init__(self) -> None:
        self._tags: dict[str, dict[str, str]] = {}

    def put(self, arn: str, tags: Iterable[Mapping[str, str]]) -> None:
        """Add or overwrite ``tags`` (``[{"Key": ..., "Value": ...}]``) on a resource."""
        current = self._tags.setdefault(arn, {})
        for tag in tags:
            current[tag["Key"]] = tag.get("Value", "")

    def remove(self, arn: str, keys: Iterable[str]) -> None:
        current = self._tags.get(arn, {})
        for key in keys:
            current.pop(key, None)

    def of(self, arn: str) -> list[dict[str, str]]:
        """A resource's tags in the API's shape, in the order they were first set."""
        return [{"Key": key, "Value": value} for key, value in self._tags.get(arn, {}).items()]

    def forget(self, arn: str) -> None:
        """A deleted resource's tags go with it."""
        self._tags.pop(arn, None)
