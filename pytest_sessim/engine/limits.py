"""SES quotas the service models do not encode, from the developer guide's quotas page
and the API references: destinations per bulk send, templates and identities per Region,
template size. (Recipients per message, message size and the counts of other resources
are checked where those are kept.) SES's texts for these refusals are not recorded; the
texts here follow its style."""

from __future__ import annotations

from collections.abc import Sized

from .errors import ErrorKind, SesError, invalid_parameter

# "You can specify up to 50 Destination objects within a Destinations array" (v1
# SendBulkTemplatedEmail); the quotas page's 50 destinations per templated send holds for
# SESv2 SendBulkEmail's entries too.
MAX_BULK_DESTINATIONS = 50
MAX_TEMPLATES = 10_000  # email templates per Region
MAX_TEMPLATE_BYTES = 500 * 1024  # an email template, its parts together
MAX_IDENTITIES = 10_000  # identities (addresses and domains) per Region


def check_bulk_destinations(count: int, api: str) -> None:
    """A bulk send names at most 50 destinations (v1) or entries (SESv2)."""
    if count > MAX_BULK_DESTINATIONS:
        what = "Destination" if api == "ses" else "Bulk email entry"
        raise invalid_parameter(f"{what} count exceeds {MAX_BULK_DESTINATIONS}.")


def check_template_size(*parts: str | None) -> None:
    """A template's subject, text and HTML parts hold at most 500 KB together (UTF-8)."""
    size = sum(len(part.encode("utf-8", "surrogatepass")) for part in parts if part)
    if size > MAX_TEMPLATE_BYTES:
        raise invalid_parameter(
            f"Template size exceeds the limit of {MAX_TEMPLATE_BYTES} bytes: '{size}'."
        )


def check_room(kept: Sized, limit: int, what: str) -> None:
    """One more ``what`` (templates, identities) fits in the Region."""
    if len(kept) >= limit:
        raise SesError(ErrorKind.LIMIT_EXCEEDED, f"Maximum number of {what} ({limit}) reached.")
