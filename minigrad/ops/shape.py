"""Ops that move numbers around without changing them: their backward moves G back."""
import numpy as np

from ..op import Op


class Reshape(Op):
    """y = x viewed with another shape;  dL/dx = G reshaped to x's shape."""

    name = "reshape"

    @staticmethod
    def forward(ctx, x, shape):
        ctx.save_for_backward(x.shape)
        return x.reshape(shape)

    @staticmethod
    def backward(ctx, grad_output):
        (shape,) = ctx.saved
        return grad_output.reshape(shape)


class Transpose(Op):
    """y = x with its axes permuted (reversed by default);  dL/dx = G permuted back."""

    name = "transpose"

    @staticmethod
    def forward(ctx, x, axes=None):
        return np.transpose(x, axes)

    @staticmethod
    def backward(ctx, grad_output):
        axes = ctx.params.get("axes")
        if axes is None:
            return np.transpose(grad_output)
        # normalise negative axes first: argsort((0, -1, 1)) is not the inverse of (0, 2, 1)
        return np.transpose(grad_output, np.argsort([a % grad_output.ndim for a in axes]))
