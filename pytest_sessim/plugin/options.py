"""The ``@pytest.mark.sessim`` keywords and ``sessim_*`` ini options, derived from
:data:`pytest_sessim.options.OPTIONS`: validated, and merged nearest first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from ..options import BY_NAME, NAMES, OPTIONS, OptionError
from .seed import base_seed


class MarkerError(Exception):
    pass


def add_options(parser: pytest.Parser) -> None:
    """The ini and command-line options, with their help, from the one declaration."""
    group = parser.getgroup("sessim", "pytest-sessim (Amazon SES simulator)")
    for option in OPTIONS:
        if option.command_line:
            group.addoption(
                f"--sessim-{option.name.replace('_', '-')}",
                dest=option.ini_name,
                default=None,
                type=option.from_ini,
                help=option.help,
            )
        if option.ini is not None:
            default = {"linelist": [], "string": ""}.get(option.ini, option.default)
            parser.addini(option.ini_name, option.help, type=option.ini, default=default)


def marker_help() -> str:
    return (
        f"sessim({', '.join(f'{name}=' for name in NAMES)}): "
        "configure the simulated SES account for a test"
    )


def marker_options(markers: Iterable[pytest.Mark]) -> dict[str, Any]:
    """Merge ``sessim`` markers nearest first: each keyword comes from the nearest marker
    that gives it (so ``verified=[]`` on a test clears what its module verified)."""
    merged: dict[str, Any] = {}
    for mark in reversed(list(markers)):
        if mark.args:
            raise MarkerError(f"@pytest.mark.sessim takes keywords only, got {mark.args!r}")
        unknown = sorted(set(mark.kwargs) - set(NAMES))
        if unknown:
            raise MarkerError(
                f"@pytest.mark.sessim got unexpected keyword(s): {', '.join(unknown)}. "
                f"Known keywords: {', '.join(NAMES)}."
            )
        for key, value in mark.kwargs.items():
            try:
                merged[key] = BY_NAME[key].check(value)
            except OptionError as error:
                raise MarkerError(str(error)) from None
    return merged


def check_ini(config: pytest.Config) -> None:
    """Every ini option that is set, checked when pytest starts: a wrong one is a usage
    error in one line before anything runs."""
    _ini_values(config)
    seed = str(config.getini("sessim_seed")).strip()
    if seed and not seed.lstrip("-").isdigit():
        raise pytest.UsageError(f"ini option sessim_seed: must be an int, not {seed!r}")


def _ini_values(config: pytest.Config) -> dict[str, Any]:
    """The ini options that are set, as ``SesSim`` keywords."""
    values: dict[str, Any] = {}
    for option in OPTIONS:
        if option.ini is None or option.name == "seed":  # the ini seed is the base seed
            continue
        try:
            raw = config.getini(option.ini_name)
        except (ValueError, pytest.UsageError) as error:  # pytest's own reading of a bool
            raise pytest.UsageError(f"ini option {option.ini_name}: {error}") from None
        if raw in ("", [], None) and option.ini != "bool":
            continue
        try:
            values[option.name] = option.check(option.from_ini(raw))
        except OptionError as error:
            raise pytest.UsageError(f"ini option {option.ini_name}: {error}") from None
    return values


def resolve(item: pytest.Item, config: pytest.Config) -> dict[str, Any]:
    """The ``SesSim`` keywords for a test: ini options, then its markers, nearest first;
    the seed derives from the run's base seed and the test's node id unless pinned."""
    from ..engine.ids import seed_for

    options = _ini_values(config)
    options.update(marker_options(item.iter_markers("sessim")))
    if "seed" not in options:
        options["seed"] = seed_for(item.nodeid, base_seed(config))
    return options
