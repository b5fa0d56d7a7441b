"""Shared test configuration: hypothesis profiles, optional dependencies, common fixtures.

Sections (add new fixtures to the section they belong to, or start a new one):
  1. hypothesis profiles   "dev" locally; "ci" (derandomized) when the env variable CI is set
  2. dependencies          `require` lives in dependencies.py: a missing package fails
  3. fixtures               small, generally useful ones (rng, torch)
"""
import os

import numpy as np
import pytest
from dependencies import require
from hypothesis import HealthCheck, settings

IN_CI = bool(os.environ.get("CI"))

# ----- 1. hypothesis profiles -----------------------------------------------------------------
# Tests set their own `max_examples`; the profile decides determinism and timing.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if IN_CI else "dev")


# ----- 2. dependencies: see dependencies.py (a missing one fails, never skips) --------------


# ----- 3. fixtures ----------------------------------------------------------------------------
@pytest.fixture
def rng():
    """A fresh, seeded numpy Generator per test (same numbers on every run)."""
    return np.random.default_rng(20240601)


@pytest.fixture(scope="session")
def torch():
    """PyTorch, float64-ready and single-threaded (a missing torch fails the test)."""
    torch = require("torch")
    torch.set_num_threads(1)
    return torch
