"""A Faker provider for SES mailbox-simulator addresses.

With the plugin active, the ``faker`` fixture of Faker's own pytest plugin has it
already; elsewhere, add it to any ``Faker()``::

    from faker import Faker
    from pytest_sessim import SesSimulatorProvider

    fake = Faker()
    fake.add_provider(SesSimulatorProvider)
    fake.ses_simulator_address()                       # a random outcome
    fake.ses_simulator_address("bounce", label="o-42")  # bounce+o-42@simulator.amazonses.com

Random choices come from the Faker instance's own random generator, so a seeded
instance (``seed_instance``, or the ``faker_seed`` fixture) repeats them.
"""

from __future__ import annotations

from typing import Any

from faker.providers import BaseProvider

from .engine.outcomes.scripts import Outcome, simulator_address

_OUTCOMES = tuple(Outcome)


def as_outcome(outcome: Outcome | str) -> Outcome:
    """An ``Outcome`` from a member or its name/value in any case (``"BOUNCE"``, ``"bounce"``)."""
    if isinstance(outcome, Outcome):
        return outcome
    if isinstance(outcome, str):
        wanted = outcome.strip().lower()
        for member in _OUTCOMES:
            if wanted in (member.name.lower(), member.value):
                return member
    names = ", ".join(member.name for member in _OUTCOMES)
    raise ValueError(f"not a mailbox-simulator outcome: {outcome!r} (one of {names})")


class SesSimulatorProvider(BaseProvider):
    """Mailbox-simulator addresses: ``success@``, ``bounce@``, ``ooto@``, ``complaint@`` and
    ``suppressionlist@simulator.amazonses.com``, with an optional ``+label``."""

    def ses_outcome(self) -> Outcome:
        """A random ``Outcome``."""
        return self.random_element(_OUTCOMES)

    def ses_simulator_address(
        self, outcome: Outcome | str | None = None, label: str | None = None
    ) -> str:
        """The simulator address of ``outcome`` (an ``Outcome`` or its name; a random one
        when None), with ``+label`` when a label is given."""
        chosen = self.ses_outcome() if outcome is None else as_outcome(outcome)
        return simulator_address(chosen, label)

    def ses_success_address(self, label: str | None = None) -> str:
        """``success@simulator.amazonses.com``: delivered."""
        return simulator_address(Outcome.SUCCESS, label)

    def ses_bounce_address(self, label: str | None = None) -> str:
        """``bounce@simulator.amazonses.com``: a Permanent/General bounce."""
        return simulator_address(Outcome.BOUNCE, label)

    def ses_ooto_address(self, label: str | None = None) -> str:
        """``ooto@simulator.amazonses.com``: delivered, then a Transient/General bounce."""
        return simulator_address(Outcome.OOTO, label)

    def ses_complaint_address(self, label: str | None = None) -> str:
        """``complaint@simulator.amazonses.com``: delivered, then an abuse complaint."""
        return simulator_address(Outcome.COMPLAINT, label)

    def ses_suppressionlist_address(self, label: str | None = None) -> str:
        """``suppressionlist@simulator.amazonses.com``: a Permanent/Suppressed bounce."""
        return simulator_address(Outcome.SUPPRESSIONLIST, label)


def add_to(fake: Any) -> None:
    """Add the provider to a ``Faker`` (every locale's generator) or a bare ``Generator``,
    once; anything else is left alone."""
    factories = getattr(fake, "factories", None)
    generators = factories if isinstance(factories, list) else [fake]
    for generator in generators:
        if not callable(getattr(generator, "add_provider", None)):
            continue
        if not hasattr(generator, "ses_simulator_address"):
            generator.add_provider(SesSimulatorProvider)
