"""Django set up in code for the recipe's tests: settings module, apps, an in-memory
database with the tables made once, emptied after each test."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

django = pytest.importorskip("django", reason="the Django recipe needs Django: pip install django")

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "django_app.settings")
django.setup()


@pytest.fixture(scope="session")
def django_db() -> None:
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0)


@pytest.fixture(autouse=True)
def _empty_tables(django_db: None) -> Iterator[None]:
    yield
    from django_app.models import Bounce

    Bounce.objects.all().delete()
