"""Students' solutions of `minibatch_indices`: correct ones and planted mistakes (see
`registry`)."""
from __future__ import annotations

import numpy as np

from .registry import correct, planted


# ----- minibatch_indices ----------------------------------------------------------------------
@correct("minibatch_indices")
def minibatch_indices(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


@correct("minibatch_indices")
def minibatch_indices_split(n, batch_size, rng):
    return np.array_split(rng.permutation(n), range(batch_size, n, batch_size))


@planted("minibatch_indices", "no_shuffle")
def minibatch_indices_in_order(n, batch_size, rng):
    order = np.arange(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


@planted("minibatch_indices", "drops_last")
def minibatch_indices_full_only(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[k * batch_size:(k + 1) * batch_size] for k in range(n // batch_size)]


@planted("minibatch_indices", "ignores_rng")
def minibatch_indices_global_rng(n, batch_size, rng):
    order = np.random.default_rng(2024).permutation(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]
