"""The Regions SES runs in, as botocore's endpoint data lists them (every partition).

Read from botocore's data file without importing botocore's clients, once, and only
when a Region other than the default is asked for.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

DEFAULT_REGION = "us-east-1"


@cache
def ses_regions() -> tuple[str, ...]:
    data = json.loads(resources.files("botocore").joinpath("data/endpoints.json").read_text())
    found: set[str] = set()
    for partition in data.get("partitions", ()):
        endpoints = partition.get("services", {}).get("email", {}).get("endpoints", {})
        found.update(
            name
            for name, endpoint in endpoints.items()
            if not endpoint.get("deprecated") and "credentialScope" not in endpoint
        )
    return tuple(sorted(found))


def unknown_region(region: object) -> str | None:
    """Why ``region`` is not an SES Region (a sentence listing them), or None."""
    if region == DEFAULT_REGION:
        return None
    regions = ses_regions()
    if isinstance(region, str) and region in regions:
        return None
    return f"{region!r} is not a Region SES runs in; SES Regions: {', '.join(regions)}"
