"""Softmax and log-softmax along an axis, stable for inputs of any magnitude.

Both subtract the row maximum m first: softmax(x) = e^(x−m) / Σ e^(x−m) is the same
value, and e^(x−m) ≤ 1 cannot overflow.
"""
import numpy as np

from ..op import Op


def log_softmax_array(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """log softmax(x) = (x − m) − log Σ e^(x−m)."""
    shifted = x - x.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def softmax_array(x: np.ndarray, axis: int = -1) -> np.ndarray:
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


class Softmax(Op):
    """y = softmax(x);  dL/dx = y ⊙ (G − Σ_j G_j y_j)  (the Jacobian diag(y) − y yᵀ applied to G)."""

    name = "softmax"
    student_gets_output = True

    @staticmethod
    def forward(ctx, x, axis=-1):
        y = softmax_array(x, axis)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        (y,) = ctx.saved
        axis = ctx.params.get("axis", -1)
        return y * (grad_output - (grad_output * y).sum(axis=axis, keepdims=True))


class LogSoftmax(Op):
    """y = log softmax(x);  dL/dx = G − softmax(x) · Σ_j G_j."""

    name = "log_softmax"
    student_gets_output = True

    @staticmethod
    def forward(ctx, x, axis=-1):
        y = log_softmax_array(x, axis)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        (y,) = ctx.saved
        axis = ctx.params.get("axis", -1)
        return grad_output - np.exp(y) * grad_output.sum(axis=axis, keepdims=True)
