"""The options are declared once (pytest_sessim.options.OPTIONS); everything else derives."""

from __future__ import annotations

import inspect

import pytest

from pytest_sessim import SesSim
from pytest_sessim.options import NAMES, OPTIONS, OptionError, SimOptions, checked


def test_the_typed_keywords_are_the_declared_options() -> None:
    assert list(SimOptions.__annotations__) == list(NAMES)


def test_sessim_signature_derives_from_the_declaration() -> None:
    parameters = inspect.signature(SesSim).parameters
    assert list(parameters) == list(NAMES)
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters.values())
    assert {name: p.default for name, p in parameters.items()} == {
        option.name: option.default for option in OPTIONS
    }


def test_sessim_checks_its_keywords_as_the_marker_does() -> None:
    with pytest.raises(TypeError, match=r"unexpected keyword\(s\): verfied\. Known keywords: seed"):
        SesSim(verfied=["x.example"])  # type: ignore[call-arg]
    with pytest.raises(ValueError, match=r"seed= must be an int, not '7'"):
        SesSim(seed="7")  # type: ignore[arg-type]
    assert checked({"now": "2026-01-02T03:04:05Z"})["now"].isoformat() == (
        "2026-01-02T03:04:05+00:00"
    )
    with pytest.raises(OptionError):
        checked({"max_send_rate": 0})


def test_ini_and_command_line_options_come_from_the_declaration(
    pytester: pytest.Pytester,
) -> None:
    result = pytester.runpytest("--help")
    for option in OPTIONS:
        if option.ini is not None:
            result.stdout.fnmatch_lines([f"  {option.ini_name} (*"])
    result.stdout.fnmatch_lines(["*--sessim-seed=SESSIM_SEED*"])


def test_ini_options_configure_every_test(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        """
[pytest]
sessim_region = eu-west-1
sessim_account_id = 111122223333
sessim_now = 2026-01-02T03:04:05Z
sessim_verified =
    shop.example.com
"""
    )
    pytester.makepyfile(
        """
def test_configured(sessim):
    assert sessim.region == "eu-west-1"
    assert sessim.engine.settings.account_id == "111122223333"
    assert sessim.clock.now().isoformat() == "2026-01-02T03:04:05+00:00"
    assert sessim.engine.account.verified_identity_for("a@shop.example.com")
"""
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_a_bad_ini_value_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nsessim_now = yesterday\n")
    pytester.makepyfile("def test_any(sessim):\n    pass\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR  # when pytest starts, in one line
    assert result.stderr.lines[0] == (
        "ERROR: ini option sessim_now: now= must be a datetime or an ISO 8601 string, "
        "not 'yesterday'"
    )
