"""The run's base seed, from ``--sessim-seed`` or the ini option (kept light: the report
header reads it in every run, whether or not a test uses the simulator)."""

from __future__ import annotations

import pytest


def base_seed(config: pytest.Config) -> int:
    option = config.getoption("sessim_seed", None)
    if option is not None:
        return int(option)
    ini = config.getini("sessim_seed")
    return int(ini) if ini else 0
