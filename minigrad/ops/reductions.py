"""Sums and means. Backward spreads G back over every element that was reduced."""
import numpy as np

from ..op import Op


def _spread(grad_output, shape, axis, keepdims):
    """Copy G along the reduced axes so it has the input's shape again."""
    if axis is not None and not keepdims:
        grad_output = np.expand_dims(grad_output, axis)
    return np.broadcast_to(grad_output, shape).copy()


def _count(shape, axis):
    if axis is None:
        return int(np.prod(shape))
    axes = axis if isinstance(axis, tuple) else (axis,)
    return int(np.prod([shape[a] for a in axes]))


class Sum(Op):
    """y = Σ x over `axis` (all axes by default);  dL/dx[i] = G (repeated along the axis)."""

    name = "sum"

    @staticmethod
    def forward(ctx, x, axis=None, keepdims=False):
        ctx.save_for_backward(x.shape)
        return np.asarray(x.sum(axis=axis, keepdims=keepdims))

    @staticmethod
    def backward(ctx, grad_output):
        (shape,) = ctx.saved
        return _spread(grad_output, shape, ctx.params.get("axis"), ctx.params.get("keepdims", False))


class Mean(Op):
    """y = (1/n) Σ x over `axis`;  dL/dx[i] = G / n, n the number of elements averaged."""

    name = "mean"

    @staticmethod
    def forward(ctx, x, axis=None, keepdims=False):
        ctx.save_for_backward(x.shape)
        return np.asarray(x.mean(axis=axis, keepdims=keepdims))

    @staticmethod
    def backward(ctx, grad_output):
        (shape,) = ctx.saved
        axis = ctx.params.get("axis")
        grad = _spread(grad_output, shape, axis, ctx.params.get("keepdims", False))
        grad /= _count(shape, axis)
        return grad
