"""What every system runs: the cases, the data and the initial weights, identical for all.

A training case is one SGD step (lr 0.1) of an MLP  x -> Linear -> ReLU -> Linear -> logits
with the mean cross-entropy loss. The orchestrator draws the weights and the minibatches
once and writes them to one .npz file; every worker process reads that file, so the three
systems start from the same numbers and see the same batches in the same order.

Weights are stored as minigrad's nn.Linear holds them: W of shape (in, out), y = x W + b.
PyTorch's nn.Linear holds Wᵀ, of shape (out, in).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LEARNING_RATE = 0.1
SEED = 0


@dataclass(frozen=True)
class TrainingCase:
    """One SGD step of an MLP with layer sizes `sizes` on a minibatch of `batch` rows."""

    name: str
    sizes: tuple
    batch: int
    dtype: str
    data: str  # "digits" (the 8x8 digits, scaled to [0, 1]) or "random" (seeded normal)

    @property
    def key(self) -> str:
        return f"{self.name}-{self.dtype}"


@dataclass(frozen=True)
class OpCase:
    """One op on 1x1 float64 tensors that require gradients; `backward` adds c.backward(ones)."""

    op: str  # add, mul, matmul or sigmoid
    backward: bool = False

    @property
    def key(self) -> str:
        return f"{self.op} forward+backward" if self.backward else f"{self.op} forward"


TRAINING_CASES = [
    TrainingCase("digits 64-32-10, batch 64", (64, 32, 10), 64, dtype, "digits")
    for dtype in ("float32", "float64")
] + [
    TrainingCase("random 256-256-10, batch 1024", (256, 256, 10), 1024, dtype, "random")
    for dtype in ("float32", "float64")
]

OP_CASES = [OpCase("add"), OpCase("mul"), OpCase("matmul"), OpCase("sigmoid"), OpCase("mul", backward=True)]


def initial_weights(sizes, seed: int = SEED) -> list:
    """[(W, b), ...] in float64, uniform in ±1/√fan_in like nn.Linear (minigrad's and PyTorch's)."""
    rng = np.random.default_rng(seed)
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        bound = 1.0 / np.sqrt(n_in)
        layers.append((rng.uniform(-bound, bound, (n_in, n_out)), rng.uniform(-bound, bound, n_out)))
    return layers


def dataset(case: TrainingCase, seed: int = SEED):
    """X (float64) and integer labels y for a case."""
    if case.data == "digits":
        from sklearn.datasets import load_digits  # bundled with scikit-learn: nothing is downloaded

        digits = load_digits()
        return digits.data / 16.0, digits.target.astype(np.int64)
    rng = np.random.default_rng(seed)
    n = 4 * case.batch
    return rng.standard_normal((n, case.sizes[0])), rng.integers(0, case.sizes[-1], n)


def minibatches(case: TrainingCase, seed: int = SEED) -> list:
    """The full minibatches of one shuffled pass over the data set, as (X, y) pairs."""
    X, y = dataset(case, seed)
    order = np.random.default_rng(seed).permutation(len(X))
    count = len(X) // case.batch
    return [(X[idx], y[idx]) for idx in np.split(order[: count * case.batch], count)]


def write(path, cases) -> None:
    """Store the batches and initial weights of every case in one .npz file."""
    arrays = {}
    for case in cases:
        for i, (X, y) in enumerate(minibatches(case)):
            arrays[f"{case.key}/X{i}"] = X.astype(case.dtype)
            arrays[f"{case.key}/y{i}"] = y
        for i, (W, b) in enumerate(initial_weights(case.sizes)):
            arrays[f"{case.key}/W{i}"] = W.astype(case.dtype)
            arrays[f"{case.key}/b{i}"] = b.astype(case.dtype)
    np.savez(path, **arrays)


def read(path, case: TrainingCase):
    """(batches, weights) of one case from a file made by `write`."""
    with np.load(path) as stored:
        batches = [(stored[f"{case.key}/X{i}"], stored[f"{case.key}/y{i}"])
                   for i in range(sum(k.startswith(f"{case.key}/X") for k in stored.files))]
        weights = [(stored[f"{case.key}/W{i}"], stored[f"{case.key}/b{i}"]) for i in range(len(case.sizes) - 1)]
    return batches, weights
