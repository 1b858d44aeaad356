"""The simulator's options, declared once.

``OPTIONS`` is the one list. From it come ``SesSim``'s keywords (and their checks),
the ``@pytest.mark.sessim`` keywords, the ``sessim_*`` ini options, the
``--sessim-*`` command-line options and every help text. ``SimOptions`` spells the
same keywords for type checkers (a test keeps the two in step).

Kept light (no engine import): the plugin reads it when pytest starts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TypedDict

if TYPE_CHECKING:
    from .engine.outcomes.routes import Pattern
    from .engine.outcomes.scripts import Outcome, Script


class OptionError(TypeError, ValueError):
    """A keyword or value the simulator does not take; the message says which and why."""


IniType = Literal["string", "bool", "linelist"]


@dataclass(frozen=True)
class Option:
    name: str
    help: str
    default: Any
    check: Callable[[Any], Any]
    """Validates (and normalises) a value given to ``SesSim`` or the marker."""
    ini: IniType | None = None
    """The type of the ``sessim_<name>`` ini option, or None for no ini option."""
    from_ini: Callable[[Any], Any] = lambda value: value
    """Turns the ini option's value into what ``check`` takes."""
    command_line: bool = False
    """Whether ``--sessim-<name>`` exists."""

    @property
    def ini_name(self) -> str:
        return f"sessim_{self.name}"


def _bad(name: str, wanted: str, value: Any) -> NoReturn:
    raise OptionError(f"{name}= must be {wanted}, not {value!r}")


def _int(name: str) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        _bad(name, "an int", value)

    return check


def _bool(name: str) -> Callable[[Any], bool]:
    def check(value: Any) -> bool:
        if isinstance(value, bool):
            return value
        _bad(name, "True or False", value)

    return check


def _positive(name: str) -> Callable[[Any], float | None]:
    def check(value: Any) -> float | None:
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            return float(value)
        raise OptionError(f"{name}= must be a positive number, not {value!r}")

    return check


def parse_now(value: Any) -> datetime | None:
    """``now=``: a datetime, an ISO 8601 string (``Z`` allowed), or None."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
    raise OptionError(f"now= must be a datetime or an ISO 8601 string, not {value!r}")


def _region(value: Any) -> str:
    from .doors.regions import unknown_region  # botocore's endpoint data, read lazily

    why = unknown_region(value)
    if why is not None:
        raise OptionError(f"region= {why}")
    return str(value)


def _verified(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple | set | frozenset) and all(isinstance(v, str) for v in value):
        return list(value)
    raise OptionError(f"verified= must be a list of strings, not {value!r}")


def _account_id(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and value.isdigit() and len(value) == 12):
        return value
    _bad("account_id", "a 12-digit string", value)


def _routes(value: Any) -> list[tuple[Any, Any]]:
    from .engine.outcomes.scripts import Outcome, Script

    pairs: Iterable[Any] = value.items() if isinstance(value, Mapping) else value
    routes: list[tuple[Any, Any]] = []
    for pair in pairs:
        if not (
            isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[1], Outcome | Script)
        ):
            raise OptionError(
                "routes= takes {pattern: outcome} or [(pattern, outcome)], "
                f"with Outcome or Script values; got {pair!r}"
            )
        routes.append((pair[0], pair[1]))
    return routes


def _text_int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise OptionError(f"must be an int, not {value!r}") from None


OPTIONS: tuple[Option, ...] = (
    Option(
        "seed",
        "base seed of generated ids; each test's seed derives from it and its node id "
        "(on the marker: the test's own seed)",
        0,
        _int("seed"),
        ini="string",
        from_ini=_text_int,
        command_line=True,
    ),
    Option(
        "now",
        "start of the simulator clock: a datetime or ISO 8601 string (default: the wall "
        "clock, or the frozen time under time-machine/freezegun)",
        None,
        parse_now,
        ini="string",
    ),
    Option("region", "SES Region of the simulated account", "us-east-1", _region, ini="string"),
    Option(
        "verified",
        "verified email addresses and domains (ini: one per line)",
        (),
        _verified,
        ini="linelist",
    ),
    Option("sandbox", "start the account in the SES sandbox", False, _bool("sandbox"), ini="bool"),
    Option(
        "auto_verify",
        "verify identities created through the API at once, with no verification mail or "
        "DNS step (as moto does)",
        False,
        _bool("auto_verify"),
        ini="bool",
    ),
    Option(
        "moto",
        "run under moto's mock_aws, joining an active one, so SNS, SQS and the rest exist",
        True,
        _bool("moto"),
        ini="bool",
    ),
    Option(
        "account_id",
        "the simulated AWS account (default moto's 123456789012)",
        None,
        _account_id,
        ini="string",
    ),
    Option("routes", "{pattern: outcome} or [(pattern, outcome)]", (), _routes),
    Option(
        "external_webhooks",
        "POST SNS deliveries to HTTP(S) endpoints that are neither mounted nor on loopback "
        "(by default nothing leaves the machine)",
        False,
        _bool("external_webhooks"),
        ini="bool",
    ),
    Option(
        "max_24_hour_send",
        "daily quota (recipients), enforced",
        None,
        _positive("max_24_hour_send"),
    ),
    Option(
        "max_send_rate",
        "maximum send rate (per second), enforced",
        None,
        _positive("max_send_rate"),
    ),
)

BY_NAME = {option.name: option for option in OPTIONS}
NAMES = tuple(BY_NAME)


class SimOptions(TypedDict, total=False):
    """``SesSim``'s keywords, for type checkers (``OPTIONS`` holds their checks)."""

    seed: int
    now: datetime | str | None
    region: str
    verified: Iterable[str]
    sandbox: bool
    auto_verify: bool
    moto: bool
    account_id: str | None
    routes: Mapping[Pattern, Outcome | Script] | Iterable[tuple[Pattern, Outcome | Script]]
    external_webhooks: bool
    max_24_hour_send: float | None
    max_send_rate: float | None


def unknown(keywords: Iterable[str]) -> list[str]:
    return sorted(set(keywords) - set(BY_NAME))


def checked(values: Mapping[str, Any]) -> dict[str, Any]:
    """Every option: the checked value given, else its default. Raises OptionError."""
    extra = unknown(values)
    if extra:
        raise OptionError(
            f"unexpected keyword(s): {', '.join(extra)}. Known keywords: {', '.join(NAMES)}."
        )
    return {
        option.name: option.check(values[option.name])
        if option.name in values
        else option.check(option.default)
        for option in OPTIONS
    }


def signature_text() -> str:
    """``seed=, now=, ...``: the keywords as the marker's help shows them."""
    return ", ".join(f"{name}=" for name in NAMES)


def keyword_signature() -> Any:
    """``SesSim.__init__``'s signature, keyword-only, for ``help()`` and ``inspect``."""
    import inspect

    self = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    keywords = [
        inspect.Parameter(option.name, inspect.Parameter.KEYWORD_ONLY, default=option.default)
        for option in OPTIONS
    ]
    return inspect.Signature([self, *keywords], return_annotation=None)
