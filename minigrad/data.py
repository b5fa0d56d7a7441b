"""Small seeded data sets for the course, a train/test split and minibatches.

Every generator takes the number of samples `n` and a `seed`, and returns the same arrays
for the same arguments: X is float64, classification labels y are int64 (0, 1, ...).
The 2-D classification sets are shuffled, so any slice of them mixes the classes.

    X, y = moons(n=200, noise=0.1, seed=0)
    for X_batch, y_batch in minibatches(X, y, batch_size=32, seed=rng):
        ...

`DATASETS` maps a name to each 2-D classification set (for a widget's dropdown).
Only numpy is needed, except `load_digits` (scikit-learn's bundled copy of the digits).
"""
from __future__ import annotations

import numbers
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from numpy.typing import ArrayLike, DTypeLike

    Arrays = tuple[np.ndarray, np.ndarray]


# ----- regression -----------------------------------------------------------------------
def regression_1d(n: int = 100, noise: float = 0.1, seed: int = 0) -> Arrays:
    """A smooth 1-D regression target: y = sin(x) + noise · ε.

    x is drawn uniformly from [-3, 3] and ε ~ N(0, 1). Returns X of shape (n, 1) and y of
    shape (n,), both float64.
    """
    _check_count("n", n)
    _check_noise(noise)
    rng = np.random.default_rng(seed)
    X = rng.uniform(-3.0, 3.0, size=(n, 1))
    y = np.sin(X[:, 0]) + noise * rng.standard_normal(n)
    return X, y


def regression_2d(n: int = 200, noise: float = 0.1, seed: int = 0, weights: Sequence[float] = (2.0, -3.0)) -> Arrays:
    """Two-parameter linear regression: y = X · w + noise · ε, no intercept.

    The rows of X are drawn from N(0, I₂) and ε ~ N(0, 1). Its mean squared error is a
    quadratic bowl over (w₁, w₂) with its minimum near `weights`, which is why the course
    plots its loss surface. Returns X (n, 2) and y (n,), float64.
    """
    _check_count("n", n)
    _check_noise(noise)
    weights = np.asarray(weights, dtype=np.float64)
    if weights.shape != (2,):
        raise ValueError(f"regression_2d needs two weights, e.g. weights=(2.0, -3.0); got shape {weights.shape}.")
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 2))
    y = X @ weights + noise * rng.standard_normal(n)
    return X, y


# ----- 2-D classification ---------------------------------------------------------------
def blobs(n: int = 300, centers: int = 3, spread: float = 0.6, seed: int = 0) -> Arrays:
    """Gaussian clusters: class k is N(c_k, spread² · I₂).

    The `centers` cluster centres c_k sit evenly on a circle of radius 2.5, so the classes
    are separable by straight lines when `spread` is small. Classes get n // centers points
    each (the first n % centers classes one more). Returns X (n, 2) float64, y (n,) int64.
    """
    _check_count("n", n)
    _check_count("centers", centers, minimum=1)
    _check_noise(spread, "spread")
    rng = np.random.default_rng(seed)
    y = _balanced_labels(n, centers)
    angles = 2 * np.pi * np.arange(centers) / centers + np.pi / 2
    means = 2.5 * np.column_stack([np.cos(angles), np.sin(angles)])
    X = means[y] + spread * rng.standard_normal((n, 2))
    return _shuffled(X, y, rng)


def moons(n: int = 200, noise: float = 0.1, seed: int = 0) -> Arrays:
    """Two interleaving half circles (as in scikit-learn's `make_moons`).

    Class 0: (cos t, sin t); class 1: (1 − cos t, 0.5 − sin t), t evenly in [0, π]; then
    Gaussian noise of standard deviation `noise` is added to both coordinates. No straight
    line separates them. Returns X (n, 2) float64, y (n,) int64.
    """
    _check_count("n", n, minimum=2)
    _check_noise(noise)
    rng = np.random.default_rng(seed)
    y = np.sort(_balanced_labels(n, 2))
    t = np.concatenate([np.linspace(0, np.pi, np.count_nonzero(y == k)) for k in (0, 1)])
    outer = np.column_stack([np.cos(t), np.sin(t)])
    inner = np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])
    X = np.where((y == 0)[:, None], outer, inner) + noise * rng.standard_normal((n, 2))
    return _shuffled(X, y, rng)


def spirals(n: int = 300, classes: int = 3, noise: float = 0.2, seed: int = 0) -> Arrays:
    """Interleaved spiral arms, one per class (the CS231n spiral set).

    Along arm k the radius r grows evenly from 0 to 1 while the angle runs over
    [4k, 4(k + 1)] radians plus N(0, noise²) jitter; the point is r · (sin θ, cos θ).
    Classes are balanced as in `blobs`. Returns X (n, 2) float64, y (n,) int64.
    """
    _check_count("n", n)
    _check_count("classes", classes, minimum=2)
    _check_noise(noise)
    rng = np.random.default_rng(seed)
    y = np.sort(_balanced_labels(n, classes))
    radius = np.concatenate([np.linspace(0.0, 1.0, np.count_nonzero(y == k)) for k in range(classes)])
    angle = 4 * (y + radius) + noise * rng.standard_normal(n)
    X = radius[:, None] * np.column_stack([np.sin(angle), np.cos(angle)])
    return _shuffled(X, y, rng)


def xor(n: int = 200, noise: float = 0.1, seed: int = 0) -> Arrays:
    """The XOR problem: label 1 where the two coordinates have different signs.

    Points are drawn uniformly from [-1, 1]², labelled y = [x₁ > 0] xor [x₂ > 0], then
    moved by Gaussian noise of standard deviation `noise` (so labels near the axes blur).
    Returns X (n, 2) float64, y (n,) int64.
    """
    _check_count("n", n)
    _check_noise(noise)
    rng = np.random.default_rng(seed)
    clean = rng.uniform(-1.0, 1.0, size=(n, 2))
    y = ((clean[:, 0] > 0) != (clean[:, 1] > 0)).astype(np.int64)
    X = clean + noise * rng.standard_normal((n, 2))
    return X, y


DATASETS = {"blobs": blobs, "moons": moons, "spirals": spirals, "xor": xor}
"""The 2-D classification sets by name; each accepts `n=` and `seed=` (and its own extras)."""


# ----- a real data set ------------------------------------------------------------------
def load_digits(dtype: DTypeLike = np.float64) -> Arrays:
    """The 8×8 handwritten digits (1797 images, 10 classes) from scikit-learn's own copy.

    Returns X of shape (1797, 64), the pixel intensities scaled from 0..16 to [0, 1], in
    `dtype`, and the labels y (1797,) int64. Nothing is downloaded.
    """
    try:
        from sklearn.datasets import load_digits as sklearn_load_digits
    except ImportError:
        raise ImportError("load_digits needs scikit-learn, which ships the digits images. Install the "
                          "course extras: pip install scikit-learn (or pip install 'minigrad[course]').") from None
    digits = sklearn_load_digits()
    X = (digits.data / 16.0).astype(dtype)
    y = digits.target.astype(np.int64)
    return X, y


# ----- splitting and batching -----------------------------------------------------------
def train_test_split(X: ArrayLike, y: ArrayLike, test_fraction: float = 0.25,
                     seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle the samples and hold out round(test_fraction · N) of them for testing.

    Returns X_train, X_test, y_train, y_test (scikit-learn's order). Both parts keep at
    least one sample.
    """
    X, y = _matching_arrays(X, y)
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must lie strictly between 0 and 1 (e.g. 0.25); got {test_fraction}.")
    n = len(X)
    if n < 2:
        raise ValueError(f"train_test_split needs at least 2 samples to make two parts; got {n}.")
    n_test = min(max(int(round(test_fraction * n)), 1), n - 1)
    order = np.random.default_rng(seed).permutation(n)
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


def minibatch_indices(n: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Split `rng.permutation(n)` into consecutive batches of `batch_size` indices.

    The last batch holds the n % batch_size left-over indices when batch_size does not
    divide n. batch_size = n is full-batch gradient descent, batch_size = 1 is SGD.
    """
    _check_batch_size(batch_size, n)
    return _consecutive_batches(rng.permutation(n), batch_size)


def minibatches(X: ArrayLike, y: ArrayLike, batch_size: int, shuffle: bool = True,
                seed: int | np.random.Generator | None = 0) -> Iterator[Arrays]:
    """Iterate over (X_batch, y_batch) pairs that together hold every sample once.

    With `shuffle`, the order is a random permutation drawn from `seed`: an int gives the
    same order on every call; a numpy Generator gives a new order on every call, so one
    generator serves all the epochs of a training loop::

        rng = np.random.default_rng(0)
        for epoch in range(10):
            for X_batch, y_batch in minibatches(X, y, 32, seed=rng):
                ...

    Without `shuffle` the samples come in their stored order. The arguments are checked
    right away, not at the first batch.
    """
    X, y = _matching_arrays(X, y)
    _check_batch_size(batch_size, len(X))
    if shuffle:
        batches = minibatch_indices(len(X), batch_size, np.random.default_rng(seed))
    else:
        batches = _consecutive_batches(np.arange(len(X)), batch_size)
    return ((X[index], y[index]) for index in batches)


# ----- helpers --------------------------------------------------------------------------
def _consecutive_batches(order: np.ndarray, batch_size: int) -> list:
    return [order[start:start + batch_size] for start in range(0, len(order), batch_size)]


def _balanced_labels(n: int, classes: int) -> np.ndarray:
    """Labels 0..classes-1 repeated in turn: class sizes differ by at most one."""
    return np.arange(n, dtype=np.int64) % classes


def _shuffled(X, y, rng):
    order = rng.permutation(len(X))
    return X[order], y[order]


def _matching_arrays(X, y):
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim == 0 or y.ndim == 0:
        raise ValueError("X and y must be arrays with one row (or entry) per sample, not single numbers.")
    if len(X) != len(y):
        raise ValueError(f"X and y must have one entry per sample, but X has {len(X)} rows and y has {len(y)}.")
    return X, y


def _check_batch_size(batch_size, n: int) -> None:
    if isinstance(batch_size, bool) or not isinstance(batch_size, numbers.Integral):
        raise ValueError(f"batch_size must be a whole number from 1 to {n} (the number of samples); "
                         f"got {batch_size!r}.")
    if not 1 <= batch_size <= n:
        raise ValueError(f"batch_size must be from 1 (SGD) to {n} (full batch, the number of samples); "
                         f"got {batch_size}.")


def _check_count(name: str, value, minimum: int = 1) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be a whole number of at least {minimum}; got {value!r}.")


def _check_noise(value, name: str = "noise") -> None:
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} is a standard deviation and must be 0 or more; got {value!r}.")
