"""Bad arguments fail early and clearly: one line, no traceback through pluggy."""

from __future__ import annotations

import pytest

from pytest_sessim.doors.regions import ses_regions

pytest_plugins = ["pytester"]

OUTCOME_NAMES = "success, bounce, ooto, complaint, suppressionlist"


def no_traceback(result: pytest.RunResult) -> None:
    text = result.stdout.str() + result.stderr.str()
    assert "Traceback" not in text
    assert "pluggy/" not in text and "_pytest/" not in text
    assert "INTERNALERROR" not in text


def test_ses_outcomes_takes_outcome_names(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        from pytest_sessim import Outcome

        @pytest.mark.ses_outcomes("bounce", "SUCCESS", Outcome.OOTO)
        def test_each(ses_outcome):
            assert isinstance(ses_outcome, Outcome)
        """
    )
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(
        [
            "*test_each?bounce? PASSED*",
            "*test_each?success? PASSED*",
            "*test_each?ooto? PASSED*",
        ]
    )


def test_a_wrong_outcome_is_a_one_line_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.ses_outcomes("nope", 3)
        def test_each(ses_outcome):
            pass
        """
    )
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert result.stderr.lines[0] == (
        "ERROR: test_a_wrong_outcome_is_a_one_line_usage_error.py::test_each: "
        "@pytest.mark.ses_outcomes takes Outcome members or their names "
        f"({OUTCOME_NAMES}), got 'nope', 3"
    )
    no_traceback(result)


def test_an_unknown_region_in_the_ini_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nsessim_region = mars-1\n")
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    regions = ", ".join(ses_regions())
    assert result.stderr.lines[0] == (
        "ERROR: ini option sessim_region: region= 'mars-1' is not a Region SES runs in; "
        f"SES Regions: {regions}"
    )
    assert "eu-west-1, eu-west-2" in regions and "us-gov-west-1" in regions
    no_traceback(result)


def test_an_unknown_region_in_a_marker_fails_the_test_in_one_line(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.sessim(region="us-east-9")
        def test_region(sessim):
            pass
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    regions = ", ".join(ses_regions())
    result.stdout.fnmatch_lines(
        [f"*::test_region: region= 'us-east-9' is not a Region SES runs in; SES Regions: {regions}"]
    )
    no_traceback(result)


def test_a_bad_seed_in_the_ini_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nsessim_seed = abc\n")
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert result.stderr.lines[0] == "ERROR: ini option sessim_seed: must be an int, not 'abc'"


def test_known_regions_pass() -> None:
    from pytest_sessim.doors.regions import unknown_region

    assert unknown_region("us-east-1") is None
    assert unknown_region("eu-west-1") is None


def test_a_marker_on_a_test_without_its_fixture_warns(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.sessim(seed=1)
        def test_forgot_the_fixture():
            pass

        @pytest.mark.ses_outcomes("bounce")
        def test_forgot_ses_outcome(sessim):
            pass
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=2, warnings=2)
    result.stdout.fnmatch_lines(
        [
            "*SessimMarkerWarning: @pytest.mark.sessim does nothing on "
            "test_a_marker_on_a_test_without_its_fixture_warns.py::test_forgot_the_fixture: "
            "the test does not use the sessim fixture",
            "*SessimMarkerWarning: @pytest.mark.ses_outcomes does nothing on "
            "test_a_marker_on_a_test_without_its_fixture_warns.py::test_forgot_ses_outcome: "
            "the test does not use the ses_outcome fixture",
        ]
    )


def test_a_module_marker_does_not_warn_on_tests_without_the_fixture(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        import pytest

        pytestmark = pytest.mark.sessim(seed=1)

        def test_helper():
            pass

        def test_uses_it(sessim):
            pass
        """
    )
    pytester.runpytest().assert_outcomes(passed=2)


def test_a_bad_smtp_scope_is_a_one_line_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nsessim_smtp_scope = forever\n")
    pytester.makepyfile("def test_smtp(sessim_smtp):\n    pass\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert result.stderr.lines[0] == (
        "ERROR: sessim_smtp_scope must be one of function, session, not 'forever'"
    )
    no_traceback(result)


def test_a_bad_boolean_ini_is_a_one_line_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nsessim_sandbox = maybe\n")
    pytester.makepyfile("def test_nothing(sessim):\n    pass\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert result.stderr.lines[0] == (
        "ERROR: ini option sessim_sandbox: invalid truth value 'maybe'"
    )
    no_traceback(result)
