"""A case: one call of the student's function, with the reference answer beside it.

Everything in a case is plain data (float64 arrays, numbers, strings and the small
descriptions of `autograder.collecting`: graph specs, functions, seeds), so a case can be
rebuilt anywhere: by the answer key (`autograder.exercises`, which builds the seeded suites)
or from the visible suites shipped as data (`autograder.shipped`).

A grading-time `seed` (a non-negative int) keeps a suite's structure — the same cases,
names, kinds and order — and draws other random values; `seed=None` is the suite as
written, the one the notebooks show.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .collecting.calls import Call

SUITES = ("visible", "hidden")


@dataclass(frozen=True)
class Case:
    """One call of the student's function.

    name: what the case is, for the student ("x = ±1000", "random 3×4").
    kind: "edge", "random", "probe" (a variation that tells mistakes apart), "kink",
        "stability" or "engine" (a run inside the reference engine).
    args: the arguments in the student's call order (plain data).
    expected: the reference result, one entry per component the student returns.
    numerical: central-difference estimates of the same components (or None).
    pair: for a probe, the index of the case it varies (same inputs, other upstream gradient).
    rtol, atol: how close to `expected` counts as correct.
    info: extra plain data the mistake detectors use (e.g. the batch size N).
    call: the call of the student's function, as the collect side receives it (`Call`: the
        arguments and how to prepare them, never the expected values); `Exercise.cases`
        fills it in.
    """

    name: str
    kind: str
    args: tuple
    expected: tuple
    numerical: tuple | None = None
    pair: int | None = None
    rtol: float = 1e-6
    atol: float = 1e-9
    info: dict = field(default_factory=dict)
    call: Call | None = None

    @property
    def size(self) -> int:
        """How big the case is (to show the student the smallest failing one)."""
        if "size" in self.info:
            return int(self.info["size"])
        return sum(int(np.size(a)) for a in self.args if isinstance(a, (np.ndarray, float, int)))


def frozen(values, dtype=np.float64) -> np.ndarray:
    """A read-only array copy: case data cannot be changed by anybody's code."""
    array = np.array(values, dtype=dtype, copy=True)
    array.setflags(write=False)
    return array


def derived_seed(base: int, seed: int | None) -> int:
    """A fixed seed of a suite (a model's, a graph's, a test function's): `base` itself
    when `seed` is None, else another one drawn from (base, seed)."""
    if seed is None:
        return base
    return int(seed_sequence([base], seed).generate_state(1)[0])


def seed_sequence(entropy: list, seed: int | None) -> np.random.SeedSequence:
    """The suite's own entropy; a grading-time seed enters as a spawn key, which (unlike an
    appended zero) always gives another stream."""
    if checked_seed(seed) is None:
        return np.random.SeedSequence(entropy)
    return np.random.SeedSequence(entropy, spawn_key=(seed,))


def checked_seed(seed) -> int | None:
    """`seed` itself, if it is None or a non-negative int; else a ValueError."""
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0):
        raise ValueError(f"seed must be None or a non-negative int, got {seed!r}")
    return None if seed is None else int(seed)
