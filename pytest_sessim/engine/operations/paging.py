"""Page sizes and page tokens of every SES list operation: one table, read by operation
name, so each operation's rule lives in one place.

The engine applies the rule before the operation runs (a request is validated before SES
looks anything up): a size outside the bounds is refused with the service framework's
validation text, or capped where SES documents that it caps it; a size left out becomes
the default; a NextToken that is not one SES could have given is refused. The operation
then lists one page with :func:`page` or :func:`listing`, which find the effective size in
the request.

Where SES documents a page size (the API references of both versions), the row says so
and follows it. Where it documents none, the simulator's choice is the same for every such
operation: at least 1, at most 1,000 a page (a larger size is capped, never refused), 1,000
by default.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..errors import ErrorKind, SesError

T = TypeVar("T")

REFUSE = "refuse"  # a size out of bounds is a validation error
CAP = "cap"  # a larger size lists the most a page holds
DEFAULT = "default"  # a smaller size lists the default page


@dataclass(frozen=True)
class PageRule:
    """How one list operation pages: the request member naming the size (None: SES fixes
    it), the size when none is given, the bounds, what a size past each bound gets, and
    whether SES documents the numbers (False: the simulator's choice)."""

    member: str | None
    default: int
    low: int
    high: int
    over: str = REFUSE
    under: str = REFUSE
    documented: bool = True
    base64_token: bool = False  # ListMultiRegionEndpoints' tokens are base64 (its model says)

    def size(self, value: Any) -> int:
        """The page size a request asks for, checked against the bounds."""
        if value is None or (value == 0 and self.low == 0):
            return self.default  # "at least 0": SES lists its default page for 0
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise _out_of_bounds(self, value, f"greater than or equal to {self.low}") from None
        if number > self.high:
            if self.over == CAP:
                return self.high
            raise _out_of_bounds(self, value, f"less than or equal to {self.high}")
        if number < max(self.low, 1):
            if self.under == DEFAULT:
                return self.default
            raise _out_of_bounds(self, value, f"greater than or equal to {self.low}")
        return number


def _undocumented(member: str = "PageSize") -> PageRule:
    return PageRule(member, 1000, 1, 1000, over=CAP, documented=False)


PAGING: dict[tuple[str, str], PageRule] = {
    # SES v1 API reference
    # "at least 1 and less than or equal to 100 ... more than 100 ... set to 100 ... 10 is
    # the default page size"
    ("ses", "ListTemplates"): PageRule("MaxItems", 10, 1, 100, over=CAP),
    # "Possible values are 1-1000 inclusive" (no default documented: the most)
    ("ses", "ListIdentities"): PageRule("MaxItems", 1000, 1, 1000),
    # "returns up to 1,000 configuration sets each time it is run"
    ("ses", "ListConfigurationSets"): PageRule("MaxItems", 1000, 1, 1000, over=CAP),
    # "If you do not specify a value, or if you specify a value less than 1 or greater
    # than 50, the operation returns up to 50 results"
    ("ses", "ListCustomVerificationEmailTemplates"): PageRule(
        "MaxResults", 50, 1, 50, over=CAP, under=DEFAULT
    ),
    # no size member; SES documents no page size: 100 rule sets a page
    ("ses", "ListReceiptRuleSets"): PageRule(None, 100, 100, 100, documented=False),
    # SESv2 API reference
    # "at least 1, and can be no more than 100" (the default is v1's documented 10)
    ("sesv2", "ListEmailTemplates"): PageRule("PageSize", 10, 1, 100),
    # "at least 0, and can be no more than 1000"
    ("sesv2", "ListEmailIdentities"): PageRule("PageSize", 1000, 0, 1000),
    ("sesv2", "ListDeliverabilityTestReports"): PageRule("PageSize", 1000, 0, 1000),
    # "at least 1, and can be no more than 50"
    ("sesv2", "ListCustomVerificationEmailTemplates"): PageRule("PageSize", 50, 1, 50),
    # "at least 1, and can be no more than 100"
    ("sesv2", "ListRecommendations"): PageRule("PageSize", 100, 1, 100),
    # the model's PageSizeV2: 1 to 1000
    ("sesv2", "ListMultiRegionEndpoints"): PageRule("PageSize", 1000, 1, 1000, base64_token=True),
    # no bounds documented
    ("sesv2", "GetDedicatedIps"): _undocumented(),
    ("sesv2", "ListConfigurationSets"): _undocumented(),
    ("sesv2", "ListContactLists"): _undocumented(),
    ("sesv2", "ListContacts"): _undocumented(),
    ("sesv2", "ListDedicatedIpPools"): _undocumented(),
    ("sesv2", "ListDomainDeliverabilityCampaigns"): _undocumented(),
    ("sesv2", "ListEmailIdentityCertificates"): _undocumented(),
    ("sesv2", "ListExportJobs"): _undocumented(),
    ("sesv2", "ListImportJobs"): _undocumented(),
    ("sesv2", "ListReputationEntities"): _undocumented(),
    ("sesv2", "ListResourceTenants"): _undocumented(),
    ("sesv2", "ListSuppressedDestinations"): _undocumented(),
    ("sesv2", "ListTenantResources"): _undocumented(),
    ("sesv2", "ListTenants"): _undocumented(),
}

# A NextToken SES could not have given: v1 answers InvalidParameterValue, SESv2
# BadRequestException (the text recorded from ListEmailTemplates), and
# ListSuppressedDestinations the InvalidNextTokenException its model names.
_TOKEN_ERRORS: dict[tuple[str, str], SesError] = {
    ("sesv2", "ListSuppressedDestinations"): SesError(
        ErrorKind.INVALID_NEXT_TOKEN, "The specified request includes an invalid or expired token."
    ),
}
_V1_TOKEN_TEXT = "Invalid NextToken."
_V2_TOKEN_TEXT = "Invalid PageToken"


def _out_of_bounds(rule: PageRule, value: Any, bound: str) -> SesError:
    member = rule.member or ""
    return SesError(
        ErrorKind.VALIDATION,
        f"1 validation error detected: Value '{value}' at '{member[:1].lower()}{member[1:]}' "
        f"failed to satisfy constraint: Member must have value {bound}",
    )


def token_error(api: str, operation: str) -> SesError:
    found = _TOKEN_ERRORS.get((api, operation))
    if found is not None:
        return SesError(found.kind, found.message)
    return SesError(ErrorKind.INVALID_PARAMETER, _V1_TOKEN_TEXT if api == "ses" else _V2_TOKEN_TEXT)


def offset_of(token: str, *, encoded: bool = False) -> int:
    """The position a page token stands for (ValueError: not a token this simulator gave)."""
    text = token
    if encoded:
        try:
            text = base64.b64decode(token, validate=True).decode("ascii")
        except (binascii.Error, UnicodeDecodeError) as error:
            raise ValueError(token) from error
    if not text.isascii() or not text.isdigit():
        raise ValueError(token)
    return int(text)


def token_for(offset: int, *, encoded: bool = False) -> str:
    text = str(offset)
    return base64.b64encode(text.encode()).decode() if encoded else text


def prepared(api: str, operation: str, params: Mapping[str, Any]) -> Mapping[str, Any]:
    """The request with its page size settled by the operation's rule (the default when
    none is given, capped where SES caps it); a size or token SES refuses raises. Requests
    of other operations come back as they are."""
    rule = PAGING.get((api, operation))
    if rule is None:
        return params
    size = rule.size(params.get(rule.member) if rule.member else None)
    token = params.get("NextToken")
    if token is not None and token != "":
        try:
            offset_of(str(token), encoded=rule.base64_token)
        except ValueError:
            raise token_error(api, operation) from None
    if rule.member is None:
        return params
    return {**params, rule.member: size}


def page(items: Sequence[T], token: str | None, size: int | None) -> tuple[list[T], str | None]:
    """One page of ``items`` and the token of the next (an offset, opaque to callers). A
    token past the end (items deleted since) lists nothing more."""
    try:
        start = offset_of(token) if token else 0
    except ValueError as error:
        raise SesError(ErrorKind.INVALID_PARAMETER, _V1_TOKEN_TEXT) from error
    start = min(start, len(items))
    stop = len(items) if not size else start + size
    return list(items[start:stop]), str(stop) if stop < len(items) else None


def listing(
    key: str,
    items: Sequence[T],
    params: Mapping[str, Any],
    size_key: str,
    describe: Callable[[T], Any],
) -> dict[str, Any]:
    """A list operation's result: one page of ``items`` under ``key``, and NextToken (the
    page size is the one :func:`prepared` settled under ``size_key``)."""
    size = params.get(size_key)
    assert size is not None, f"{size_key} is not the member the paging table names"
    shown, token = page(items, params.get("NextToken"), size)
    result: dict[str, Any] = {key: [describe(item) for item in shown]}
    if token:
        result["NextToken"] = token
    return result
