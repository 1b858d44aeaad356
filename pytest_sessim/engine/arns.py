"""Amazon Resource Names: read one into its parts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Arn:
    partition: str
    service: str
    region: str
    account: str
    resource: str

    @property
    def name(self) -> str:
        """The last path segment of the resource (``event-bus/default`` -> ``default``)."""
        return self.resource.rsplit("/", 1)[-1]

    def __str__(self) -> str:
        return ":".join(
            ("arn", self.partition, self.service, self.region, self.account, self.resource)
        )


def parse_arn(arn: str) -> Arn | None:
    """The parts of ``arn``, or None if it is not an ARN."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn":
        return None
    return Arn(*parts[1:])


def arn_with_defaults(arn: str, *, region: str, account: str) -> Arn:
    """The parts of ``arn``; a part it leaves empty falls back to the given ones, and a
    bare name is taken as the resource."""
    found = parse_arn(arn)
    if found is None:
        return Arn("aws", "", region, account, arn)
    return Arn(
        found.partition,
        found.service,
        found.region or region,
        found.account or account,
        found.resource,
    )
