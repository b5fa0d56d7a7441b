"""The seeded random values of an exercise's suites; a case itself is `autograder.case.Case`.

The "hidden" suite (for `score`) uses other seeds and edge cases than the "visible" one (for
`check`); a grading-time `seed` draws other random values for the same cases.
"""
from __future__ import annotations

import numpy as np

from ..case import SUITES, Case, checked_seed, derived_seed, frozen, seed_sequence

__all__ = ["SUITES", "Case", "checked_seed", "derived_seed", "frozen", "rng_for"]


def rng_for(exercise_id: str, suite: str, salt: int = 0, seed: int | None = None) -> np.random.Generator:
    """The seeded random generator of one exercise's suite (different for each suite, and
    for each grading-time `seed`)."""
    if suite not in SUITES:
        raise ValueError(f"suite must be one of {SUITES}, got {suite!r}")
    code = sum(ord(c) * 31 ** i for i, c in enumerate(exercise_id)) % 2**32
    return np.random.default_rng(seed_sequence([code, SUITES.index(suite), salt], seed))
