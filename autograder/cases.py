"""A case: one call of the student's function, with the reference answer beside it.

Everything in a case is plain data (float64 arrays, numbers, strings and the small
descriptions in `autograder.graphs`, `autograder.functions`), so a grading pipeline can
rebuild the same cases anywhere: the suites are seeded, and the "hidden" suite (for
`score`) uses other seeds and edge cases than the "visible" one (for `check`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

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


def rng_for(exercise_id: str, suite: str, salt: int = 0) -> np.random.Generator:
    """The seeded random generator of one exercise's suite (different for each suite)."""
    if suite not in SUITES:
        raise ValueError(f"suite must be one of {SUITES}, got {suite!r}")
    code = sum(ord(c) * 31 ** i for i, c in enumerate(exercise_id)) % 2**32
    return np.random.default_rng([code, SUITES.index(suite), salt])


def read_only_copy(array: np.ndarray) -> np.ndarray:
    """A fresh copy the student's function cannot write into (nor make writable again)."""
    owner = np.array(array, copy=True)
    owner.setflags(write=False)
    view = owner.view()
    view.setflags(write=False)
    return view
