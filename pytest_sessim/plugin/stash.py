"""Where a test item keeps the simulator its ``sessim`` fixture made, for the report hooks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ..simulator import SesSim

SIMULATOR: pytest.StashKey[SesSim] = pytest.StashKey()
