"""Pointwise non-linearities z = h(s): backward is dL/ds = dL/dz · h'(s)."""
import numpy as np

from ..op import Op


def stable_sigmoid(x: np.ndarray) -> np.ndarray:
    """σ(x) = 1 / (1 + e^(−x)), computed without overflow even at |x| = 1e3.

    With e = e^(−|x|) ∈ (0, 1], σ(x) = 1 / (1 + e) for x ≥ 0 and e / (1 + e) for x < 0
    (multiply top and bottom by e^x): only e^(−|x|) is ever computed. For a handful of
    numbers the single ufunc σ(x) = exp(−log(1 + e^(−x))), with numpy's stable logaddexp,
    is cheaper; for arrays it is 2-3 times slower, hence the size switch. Both are exact
    to rounding.
    """
    if x.size <= 16:
        return np.exp(-np.logaddexp(0.0, -x))
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, e) / (1.0 + e)


class Exp(Op):
    """y = eˣ;  dL/dx = G · y."""

    name = "exp"
    student_gets_output = True

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
    student_gets_output = True

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
    student_gets_output = True

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
    student_gets_output = True

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
    student_gets_output = True

    @staticmethod
    def forward(ctx, x):
        positive = x > 0
        ctx.save_for_backward(positive)
        return np.maximum(x, 0.0)  # not x * positive (-inf * 0 is NaN); NaN stays NaN

    @staticmethod
    def backward(ctx, grad_output):
        (positive,) = ctx.saved
        return grad_output * positive
