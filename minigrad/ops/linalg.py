"""Matrix products. Row-vector convention: a batch of inputs is X of shape (N, D_in)."""
import numpy as np

from ..errors import ShapeError
from ..op import Op


def _check_inner(a, b, what="matmul"):
    if a.ndim == 0 or b.ndim == 0:
        raise ShapeError(f"{what} needs vectors or matrices, not single numbers "
                         f"(shapes {a.shape} and {b.shape}); use * to scale.")
    k_b = b.shape[0] if b.ndim == 1 else b.shape[-2]
    if a.shape[-1] != k_b:
        where = "size" if b.ndim == 1 else "second-to-last size"
        raise ShapeError(
            f"{what}: cannot multiply shape {a.shape} by shape {b.shape}: the last size of the "
            f"first ({a.shape[-1]}) must equal the {where} of the second ({k_b}). "
            "Is one of them transposed?")


class MatMul(Op):
    """Y = A @ B.

    dL/dA = G @ Bᵀ and dL/dB = Aᵀ @ G — each gradient has its own input's shape.
    A 1-D operand is read as a row (on the left) or a column (on the right), as numpy does.
    """

    name = "matmul"

    @staticmethod
    def forward(ctx, a, b):
        _check_inner(a, b)
        ctx.save_for_backward(a, b)
        return a @ b

    @staticmethod
    def backward(ctx, grad_output):
        a, b = ctx.saved
        need_a, need_b = ctx.needs_input_grad
        if a.ndim == 2 and b.ndim == 2:
            return (grad_output @ b.T if need_a else None, a.T @ grad_output if need_b else None)
        if a.ndim == 1 and b.ndim == 1:  # dot product y = a·b: grad_output is a single number
            return (grad_output * b if need_a else None, grad_output * a if need_b else None)
        a2 = a[None, :] if a.ndim == 1 else a
        b2 = b[:, None] if b.ndim == 1 else b
        g = grad_output
        if a.ndim == 1:
            g = np.expand_dims(g, -2)
        if b.ndim == 1:
            g = np.expand_dims(g, -1)
        grad_a = grad_b = None
        if need_a:
            grad_a = g @ np.swapaxes(b2, -1, -2)
            if a.ndim == 1:
                grad_a = grad_a[..., 0, :]
        if need_b:
            grad_b = np.swapaxes(a2, -1, -2) @ g
            if b.ndim == 1:
                grad_b = grad_b[..., 0]
        return grad_a, grad_b


class Linear(Op):
    """Y = X @ W + b, the fully connected layer, with W of shape (D_in, D_out).

    dL/dX = G @ Wᵀ,   dL/dW = Xᵀ @ G,   dL/db = Σ_rows G  (b was added to every row).
    """

    name = "linear"

    @staticmethod
    def forward(ctx, x, weight, bias):
        if x.ndim not in (1, 2) or weight.ndim != 2:
            raise ShapeError(f"linear needs x of shape (N, D_in) or (D_in,) and a weight of shape "
                             f"(D_in, D_out); got {x.shape} and {weight.shape}. Flatten x first.")
        _check_inner(x, weight, "linear")
        if bias.shape != (weight.shape[-1],):
            raise ShapeError(f"linear: the bias has shape {bias.shape} but the weight {weight.shape} "
                             f"makes {weight.shape[-1]} outputs; the bias needs shape ({weight.shape[-1]},).")
        ctx.save_for_backward(x, weight)
        out = x @ weight
        out += bias
        return out

    @staticmethod
    def backward(ctx, grad_output):
        x, weight = ctx.saved
        need_x, need_w, need_b = ctx.needs_input_grad
        g = grad_output
        grad_x = g @ weight.T if need_x else None
        grad_w = grad_b = None
        if need_w:
            grad_w = np.outer(x, g) if x.ndim == 1 else x.T @ g
        if need_b:
            grad_b = g if g.ndim == 1 else g.sum(axis=0)
        return grad_x, grad_w, grad_b
