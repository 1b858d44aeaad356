"""Marketing tests set the account up in a fixture instead of a marker."""

import pytest

from shop import mailer


@pytest.fixture(autouse=True)
def ses_account(sessim):
    """The account as production has it: the shop's domain verified, templates installed."""
    sessim.verify("shop.example.com")
    mailer.install_templates()
