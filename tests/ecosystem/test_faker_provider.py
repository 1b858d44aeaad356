"""The Faker provider: on a plain ``Faker()``, and on the ``faker`` fixture of Faker's plugin."""

from __future__ import annotations

from typing import Any

import pytest
from faker import Faker

from pytest_sessim import Outcome, SesSimulatorProvider

pytest_plugins = ["pytester"]

ADDRESSES = {outcome.address for outcome in Outcome}


def seeded(seed: int) -> Any:
    fake = Faker()
    fake.add_provider(SesSimulatorProvider)
    fake.seed_instance(seed)
    return fake


def test_a_random_address_is_one_of_the_simulator_addresses() -> None:
    fake = seeded(1)
    drawn = {fake.ses_simulator_address() for _ in range(200)}
    assert drawn == ADDRESSES


def test_the_same_seed_draws_the_same_addresses_and_another_seed_others() -> None:
    def draws(seed: int) -> list[str]:
        fake = seeded(seed)
        return [fake.ses_simulator_address() for _ in range(20)]

    assert draws(7) == draws(7)
    assert draws(7) != draws(8)


@pytest.mark.parametrize(
    "outcome",
    [Outcome.BOUNCE, "BOUNCE", "bounce", " Bounce "],
    ids=["member", "NAME", "value", "padded"],
)
def test_an_outcome_is_a_member_or_its_name_in_any_case(outcome: Outcome | str) -> None:
    fake = seeded(0)
    assert fake.ses_simulator_address(outcome) == "bounce@simulator.amazonses.com"
    assert fake.ses_simulator_address(outcome, label="order-42") == (
        "bounce+order-42@simulator.amazonses.com"
    )


def test_an_unknown_outcome_name_is_refused_with_the_names() -> None:
    with pytest.raises(ValueError, match=r"'bouncer' \(one of SUCCESS, BOUNCE, OOTO, COMPLAINT"):
        seeded(0).ses_simulator_address("bouncer")


def test_a_bad_label_is_refused() -> None:
    with pytest.raises(ValueError, match="not a usable address label"):
        seeded(0).ses_bounce_address(label="a b")


def test_one_helper_per_outcome() -> None:
    fake = seeded(0)
    assert fake.ses_success_address() == Outcome.SUCCESS.address
    assert fake.ses_bounce_address("x") == "bounce+x@simulator.amazonses.com"
    assert fake.ses_ooto_address() == Outcome.OOTO.address
    assert fake.ses_complaint_address() == Outcome.COMPLAINT.address
    assert fake.ses_suppressionlist_address() == Outcome.SUPPRESSIONLIST.address
    assert isinstance(fake.ses_outcome(), Outcome)


def test_the_faker_fixture_of_this_suite_has_it(faker: Any) -> None:
    assert faker.ses_simulator_address(Outcome.OOTO) == Outcome.OOTO.address


def test_the_faker_fixture_has_it_seeded_by_faker_seed_and_in_every_locale(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeconftest(
        """
import pytest

@pytest.fixture
def faker_seed():
    return 1234
"""
    )
    pytester.makepyfile(
        test_one="""
import pytest
from pytest_sessim import Outcome

def test_addresses(faker, sessim):
    address = faker.ses_simulator_address(label="signup")
    assert address.endswith("@simulator.amazonses.com") and "+signup@" in address
    assert faker.ses_simulator_address("complaint") == Outcome.COMPLAINT.address
    print("DRAWN", [faker.ses_simulator_address() for _ in range(10)])

@pytest.fixture
def faker_locale():
    return ["en_US", "fr_FR"]

def test_several_locales(faker):
    assert faker.ses_bounce_address() == Outcome.BOUNCE.address
    assert faker.ses_simulator_address(Outcome.OOTO) == Outcome.OOTO.address
""",
    )
    first = pytester.runpytest("-s")
    first.assert_outcomes(passed=2)
    second = pytester.runpytest("-s")
    drawn = [line[line.index("DRAWN") :] for line in first.outlines if "DRAWN" in line]
    assert len(drawn) == 1
    assert drawn == [line[line.index("DRAWN") :] for line in second.outlines if "DRAWN" in line]


def test_a_conftest_faker_fixture_gets_it_too(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
import pytest
from faker import Faker

@pytest.fixture
def faker():
    return Faker("de_DE")
"""
    )
    pytester.makepyfile(
        """
def test_own_faker(faker):
    assert faker.ses_success_address("x") == "success+x@simulator.amazonses.com"
"""
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_the_provider_is_added_once_to_the_session_faker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
import pytest
from pytest_sessim import SesSimulatorProvider

@pytest.mark.parametrize("n", range(3))
def test_count(faker, n):
    providers = [p for p in faker.get_providers() if isinstance(p, SesSimulatorProvider)]
    assert len(providers) == 1
"""
    )
    pytester.runpytest().assert_outcomes(passed=3)
