"""Students' solutions of `mse_gradient`, `largest_stable_learning_rate`: correct ones and
planted mistakes (see `registry`)."""
from __future__ import annotations

import numpy as np

from .registry import correct, planted


# ----- mse_gradient ---------------------------------------------------------------------------
@correct("mse_gradient")
def mse_gradient(w, X_batch, y_batch):
    residual = X_batch @ w - y_batch
    return 2.0 / len(y_batch) * (X_batch.T @ residual)


@correct("mse_gradient")
def mse_gradient_sample_by_sample(w, X_batch, y_batch):
    total = np.zeros_like(w, dtype=float)
    for x, target in zip(X_batch, y_batch):
        total = total + 2 * (x @ w - target) * x
    return total / len(y_batch)


@correct("mse_gradient")
def mse_gradient_row_vector(w, X_batch, y_batch):
    return 2 * np.mean((X_batch @ w - y_batch)[:, None] * X_batch, axis=0)


@planted("mse_gradient", "missing_factor")
def mse_gradient_summed(w, X_batch, y_batch):
    return 2.0 * X_batch.T @ (X_batch @ w - y_batch)


@planted("mse_gradient", "missing_factor")
def mse_gradient_without_two(w, X_batch, y_batch):
    return X_batch.T @ (X_batch @ w - y_batch) / len(y_batch)


@planted("mse_gradient", "missing_onehot")
def mse_gradient_without_target(w, X_batch, y_batch):
    return 2.0 * X_batch.T @ (X_batch @ w) / len(y_batch)


@planted("mse_gradient", "sign_error")
def mse_gradient_target_first(w, X_batch, y_batch):
    return 2.0 / len(y_batch) * X_batch.T @ (y_batch - X_batch @ w)


@planted("mse_gradient", "transposed")
def mse_gradient_untransposed(w, X_batch, y_batch):
    return 2.0 / len(y_batch) * X_batch @ (X_batch @ w - y_batch)


@planted("mse_gradient", "in_place")
def mse_gradient_scaling_inputs(w, X_batch, y_batch):
    X_batch *= 2.0 / len(y_batch)
    return X_batch.T @ (X_batch @ w - y_batch) * len(y_batch) / 2.0


# ----- largest_stable_learning_rate ---------------------------------------------------------------
@correct("largest_stable_learning_rate")
def largest_stable_learning_rate(X):
    hessian = 2.0 / len(X) * X.T @ X
    return float(2.0 / np.linalg.eigvalsh(hessian)[-1])


@correct("largest_stable_learning_rate")
def largest_stable_learning_rate_from_singular_values(X):
    sigma = np.linalg.svd(X, compute_uv=False)[0]          # λ_max(XᵀX) = σ_max²
    return float(len(X) / sigma ** 2)


@planted("largest_stable_learning_rate", "wrong_eigenvalue")
def largest_stable_learning_rate_first_eigenvalue(X):
    return float(2.0 / np.linalg.eigvalsh(2.0 / len(X) * X.T @ X)[0])


@planted("largest_stable_learning_rate", "missing_factor")
def largest_stable_learning_rate_one_over_lambda(X):
    return float(1.0 / np.linalg.eigvalsh(2.0 / len(X) * X.T @ X)[-1])


@planted("largest_stable_learning_rate", "missing_factor")
def largest_stable_learning_rate_gram_matrix(X):
    return float(2.0 / np.linalg.eigvalsh(X.T @ X)[-1])


@planted("largest_stable_learning_rate", "in_place")
def largest_stable_learning_rate_scaling_X(X):
    X *= np.sqrt(2.0 / len(X))
    return float(2.0 / np.linalg.eigvalsh(X.T @ X)[-1])


@planted("largest_stable_learning_rate", "wrong_eigenvalue")
def largest_stable_learning_rate_second_largest(X):
    eigenvalues = np.linalg.eigvalsh(2.0 / len(X) * X.T @ X)
    return float(2.0 / eigenvalues[-2]) if len(eigenvalues) > 1 and eigenvalues[-2] > 1e-12 else \
        float(2.0 / eigenvalues[-1])
