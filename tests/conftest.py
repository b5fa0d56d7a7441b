"""Shared test configuration: hypothesis profiles, optional dependencies, common fixtures.

Sections (add new fixtures to the section they belong to, or start a new one):
  1. hypothesis profiles   "dev" locally; "ci" (derandomized) when the env variable CI is set
  2. dependencies          `require` lives in tests/helpers/dependencies.py: a missing package fails
  3. fixtures               small, generally useful ones (rng, torch)
  4. reports               the course notebooks' nbval time, printed at the end of a run
  5. a clean checkout      the run fails if it created or changed a file in the checkout
                           (tests work in tmp_path; kept output goes to artifacts/)
"""
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

from tests.helpers import REPO, checkout
from tests.helpers.dependencies import require

IN_CI = bool(os.environ.get("CI"))

# ----- 1. hypothesis profiles -----------------------------------------------------------------
# Tests set their own `max_examples`; the profile decides determinism and timing.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if IN_CI else "dev")


# ----- 2. dependencies: see tests/helpers/dependencies.py (a missing one fails, never skips) -


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


# ----- 4. reports -----------------------------------------------------------------------------
def pytest_terminal_summary(terminalreporter):
    _report_checkout_changes(terminalreporter)
    _report_nbval_times(terminalreporter)


def _report_nbval_times(terminalreporter):
    """How long the course's notebooks took under nbval, per notebook and in all (a figure, not a test)."""
    seconds = {}
    for reports in terminalreporter.stats.values():
        for report in reports:
            nodeid = getattr(report, "nodeid", "")
            if nodeid.startswith("course/notebooks/") and hasattr(report, "duration"):
                notebook = nodeid.split("::")[0].split("/")[2]
                seconds[notebook] = seconds.get(notebook, 0.0) + report.duration
    if seconds:
        each = ", ".join(f"{name[:2]} {s:.1f} s" for name, s in sorted(seconds.items()))
        terminalreporter.write_line(f"course notebooks under nbval: {sum(seconds.values()):.0f} s in all ({each}); "
                                    "target on the 2-core machine: under 3 minutes")


# ----- 5. a clean checkout ----------------------------------------------------------------------
# `git status` before and after the run (tests/helpers/checkout.py): a test that writes into the
# checkout (nbgrader's release/ and gradebook.db, a notebook's output...) fails the whole run.
# Tests write to tmp_path; what is meant to be kept goes to artifacts/ (git ignores it).
_CHECKOUT = {}


def pytest_sessionstart(session):
    try:
        _CHECKOUT["before"] = checkout.snapshot(REPO)
    except checkout.NotACheckout as error:
        _CHECKOUT["error"] = str(error)


def pytest_sessionfinish(session, exitstatus):
    if "before" in _CHECKOUT:
        try:
            _CHECKOUT["changes"] = checkout.changes(_CHECKOUT["before"], checkout.snapshot(REPO))
        except checkout.NotACheckout as error:
            _CHECKOUT["error"] = str(error)
    if (_CHECKOUT.get("changes") or "error" in _CHECKOUT) and session.exitstatus in (0, 5):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _report_checkout_changes(terminalreporter):
    if "error" in _CHECKOUT:
        terminalreporter.section("the checkout could not be checked", red=True)
        terminalreporter.write_line(
            f"{_CHECKOUT['error']}. The suite checks that it leaves the checkout unchanged with `git status`: "
            "run it in a git clone (git clone, then bash scripts/run-tests.sh). The run counts as failed.", red=True)
    elif _CHECKOUT.get("changes"):
        terminalreporter.section("the test run changed the checkout", red=True)
        for change in _CHECKOUT["changes"]:
            terminalreporter.write_line(f"  {change}", red=True)
        terminalreporter.write_line(
            "A test wrote into the repository: make it work in tmp_path (or write kept output to artifacts/). "
            "Files edited by hand while the suite ran show up here too. The run counts as failed.", red=True)
