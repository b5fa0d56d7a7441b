"""Minibatches: `minibatch_indices(n, batch_size, rng)` splits `rng.permutation(n)` into
consecutive batches of batch_size indices (the last one may be smaller)."""
from __future__ import annotations

import numpy as np

from minigrad.data import minibatch_indices as reference

from ..collecting.functions import Seed
from ..kinds.batches import BatchExercise, BatchSignature
from .cases import Case, derived_seed, frozen

SIZES = {"visible": [(10, 3), (8, 4), (5, 5), (4, 1), (1, 1), (50, 16)],
         "hidden": [(17, 5), (1, 1), (12, 12), (9, 2), (100, 32), (6, 4), (5, 1), (12, 3)]}


def _cases(suite, seed=None):
    cases = []
    for k, (n, size) in enumerate(SIZES[suite]):
        rng_seed = derived_seed(100 * (suite == "hidden") + k, seed)
        batches = reference(n, size, np.random.default_rng(rng_seed))
        what = ("full batch" if size == n else "one sample per batch (SGD)" if size == 1
                else "the last batch is smaller" if n % size else "batches of equal size")
        cases.append(Case(f"n = {n}, batch_size = {size}: {what}", "edge", (n, size, Seed(rng_seed)),
                          tuple(frozen(b, np.int64) for b in batches), info={"size": n}))
    return cases


minibatch_indices = BatchExercise(
    "minibatch_indices", "minibatch_indices(n, batch_size, rng)", ("n", "batch_size", "rng"), ("the batches",),
    _cases, (BatchSignature("no_shuffle"), BatchSignature("drops_last"), BatchSignature("ignores_rng")))

EXERCISES = (minibatch_indices,)
