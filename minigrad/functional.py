"""The ops as plain functions: `F.sigmoid(x)`, `F.cross_entropy(logits, labels)`, ...

Each accepts tensors or array-likes (which become constants, needing no gradient).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import ops
from .tensor import Tensor

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    Axis = int | tuple[int, ...] | None


def _t(x: Tensor | ArrayLike, like: Tensor | ArrayLike | None = None) -> Tensor:
    if isinstance(x, Tensor):
        return x
    dtype = like.data.dtype if isinstance(like, Tensor) else None
    return Tensor(x, dtype=dtype)


def add(a: Tensor | ArrayLike, b: Tensor | ArrayLike) -> Tensor:
    return ops.Add.apply(_t(a, b), _t(b, a))


def sub(a: Tensor | ArrayLike, b: Tensor | ArrayLike) -> Tensor:
    return ops.Sub.apply(_t(a, b), _t(b, a))


def mul(a: Tensor | ArrayLike, b: Tensor | ArrayLike) -> Tensor:
    return ops.Mul.apply(_t(a, b), _t(b, a))


def div(a: Tensor | ArrayLike, b: Tensor | ArrayLike) -> Tensor:
    return ops.Div.apply(_t(a, b), _t(b, a))


def neg(x: Tensor | ArrayLike) -> Tensor:
    return ops.Neg.apply(_t(x))


def pow(x: Tensor | ArrayLike, exponent: float) -> Tensor:  # noqa: A001 - mirrors the operator's name
    return _t(x) ** exponent


def matmul(a: Tensor | ArrayLike, b: Tensor | ArrayLike) -> Tensor:
    return ops.MatMul.apply(_t(a, b), _t(b, a))


def linear(x: Tensor | ArrayLike, weight: Tensor | ArrayLike, bias: Tensor | ArrayLike) -> Tensor:
    """x @ weight + bias, as one op (weight has shape (D_in, D_out))."""
    return ops.Linear.apply(_t(x, weight), _t(weight), _t(bias, weight))


def sum(x: Tensor | ArrayLike, axis: Axis = None, keepdims: bool = False) -> Tensor:  # noqa: A001
    return _t(x).sum(axis=axis, keepdims=keepdims)


def mean(x: Tensor | ArrayLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    return _t(x).mean(axis=axis, keepdims=keepdims)


def reshape(x: Tensor | ArrayLike, shape: tuple[int, ...]) -> Tensor:
    return _t(x).reshape(shape)


def transpose(x: Tensor | ArrayLike, axes: tuple[int, ...] | None = None) -> Tensor:
    return _t(x).transpose(axes) if axes is not None else _t(x).transpose()


def exp(x: Tensor | ArrayLike) -> Tensor:
    return ops.Exp.apply(_t(x))


def log(x: Tensor | ArrayLike) -> Tensor:
    return ops.Log.apply(_t(x))


def sigmoid(x: Tensor | ArrayLike) -> Tensor:
    return ops.Sigmoid.apply(_t(x))


def tanh(x: Tensor | ArrayLike) -> Tensor:
    return ops.Tanh.apply(_t(x))


def relu(x: Tensor | ArrayLike) -> Tensor:
    return ops.ReLU.apply(_t(x))


def softmax(x: Tensor | ArrayLike, axis: int = -1) -> Tensor:
    return ops.Softmax.apply(_t(x), axis=axis)


def log_softmax(x: Tensor | ArrayLike, axis: int = -1) -> Tensor:
    return ops.LogSoftmax.apply(_t(x), axis=axis)


def mse_loss(pred: Tensor | ArrayLike, target: Tensor | ArrayLike) -> Tensor:
    """Mean of squared differences over all elements."""
    return ops.MSELoss.apply(_t(pred, target), _t(target, pred))


def cross_entropy(logits: Tensor | ArrayLike, labels: Tensor | ArrayLike) -> Tensor:
    """Mean of −log softmax(logits)[label] over the batch; labels are integer class indices."""
    labels = labels.data if isinstance(labels, Tensor) else labels
    labels = np.asarray(labels)
    if labels.dtype.kind == "f" and np.all(labels == np.round(labels)):
        labels = labels.astype(np.int64)
    return ops.CrossEntropy.apply(_t(logits), labels=labels)
