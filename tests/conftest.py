"""Shared test configuration: hypothesis profiles, optional dependencies, common fixtures.

Sections (add new fixtures to the section they belong to, or start a new one):
  1. hypothesis profiles   "dev" locally; "ci" (derandomized) when the env variable CI is set
  2. optional dependencies  a missing optional package skips locally and FAILS in CI
  3. fixtures               small, generally useful ones (rng, torch)
"""
import importlib
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

IN_CI = bool(os.environ.get("CI"))

# ----- 1. hypothesis profiles -----------------------------------------------------------------
# Tests set their own `max_examples`; the profile decides determinism and timing.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if IN_CI else "dev")


# ----- 2. optional dependencies ---------------------------------------------------------------
def require(module_name: str):
    """Import an optional test dependency: skip if it is missing, unless we run in CI.

    In CI (env CI set) a missing package is an error, so a broken CI image cannot turn a
    whole test module into silent skips.
    """
    if IN_CI:
        return importlib.import_module(module_name)
    return pytest.importorskip(module_name)


# ----- 3. fixtures ----------------------------------------------------------------------------
@pytest.fixture
def rng():
    """A fresh, seeded numpy Generator per test (same numbers on every run)."""
    return np.random.default_rng(20240601)


@pytest.fixture(scope="session")
def torch():
    """PyTorch, float64-ready and single-threaded (see `require` for the CI rule)."""
    torch = require("torch")
    torch.set_num_threads(1)
    return torch
