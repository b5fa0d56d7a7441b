"""Pointwise non-linearities z = h(s): backward is dL/ds = dL/dz · h'(s)."""
import numpy as np

from ..function import Op


def stable_sigmoid(x: np.ndarray) -> np.ndarray:
    """σ(x) = 1 / (1 + e^(−x)), computed without overflow.

    For x ≥ 0 use 1 / (1 + e^(−x)); for x < 0 the same value e^x / (1 + e^x). Both only
    ever exponentiate −|x| ≤ 0, so nothing overflows even at |x| = 1e3.
    """
    e = np.exp(-np.abs(x))
    r = 1.0 / (1.0 + e)
    return np.where(x >= 0, r, e * r)


class Exp(Op):
    """y = eˣ;  dL/dx = G · y."""

    name = "exp"

    @staticmethod
    def forward(ctx, x):
        y = np.exp(x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        (y,) = ctx.saved
        return grad_output * y


class Log(Op):
    """y = ln x (x > 0);  dL/dx = G / x."""

    name = "log"

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return np.log(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved
        return grad_output / x


class Sigmoid(Op):
    """y = σ(x);  σ'(x) = σ(x)(1 − σ(x)), so dL/dx = G · y · (1 − y) from the saved output.

    (Not σ(x)·σ(1 − x): that slip evaluates the second factor at the wrong point.)
    """

    name = "sigmoid"

    @staticmethod
    def forward(ctx, x):
        y = stable_sigmoid(x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        (y,) = ctx.saved
        return grad_output * y * (1.0 - y)


class Tanh(Op):
    """y = tanh x;  dL/dx = G · (1 − y²) with y the saved *output*."""

    name = "tanh"

    @staticmethod
    def forward(ctx, x):
        y = np.tanh(x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        (y,) = ctx.saved
        return grad_output * (1.0 - y * y)


class ReLU(Op):
    """y = max(x, 0);  dL/dx = G where x > 0, else 0 (convention: relu'(0) = 0)."""

    name = "relu"

    @staticmethod
    def forward(ctx, x):
        positive = x > 0
        ctx.save_for_backward(positive)
        return np.maximum(x, 0.0)  # not x * positive (-inf * 0 is NaN); NaN stays NaN

    @staticmethod
    def backward(ctx, grad_output):
        (positive,) = ctx.saved
        return grad_output * positive
