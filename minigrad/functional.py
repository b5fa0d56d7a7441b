"""The ops as plain functions: `F.sigmoid(x)`, `F.cross_entropy(logits, labels)`, ...

Each accepts tensors or array-likes (which become constants, needing no gradient).
"""
from __future__ import annotations

import numpy as np

from . import ops
from .tensor import Tensor


def _t(x, like=None) -> Tensor:
    if isinstance(x, Tensor):
        return x
    dtype = like.data.dtype if isinstance(like, Tensor) else None
    return Tensor(x, dtype=dtype)


def add(a, b):
    return ops.Add.apply(_t(a, b), _t(b, a))


def sub(a, b):
    return ops.Sub.apply(_t(a, b), _t(b, a))


def mul(a, b):
    return ops.Mul.apply(_t(a, b), _t(b, a))


def div(a, b):
    return ops.Div.apply(_t(a, b), _t(b, a))


def neg(x):
    return ops.Neg.apply(_t(x))


def pow(x, exponent: float):  # noqa: A001 - mirrors the operator's name
    return _t(x) ** exponent


def matmul(a, b):
    return ops.MatMul.apply(_t(a, b), _t(b, a))


def linear(x, weight, bias):
    """x @ weight + bias, as one op (weight has shape (D_in, D_out))."""
    return ops.Linear.apply(_t(x, weight), _t(weight), _t(bias, weight))


def sum(x, axis=None, keepdims=False):  # noqa: A001
    return _t(x).sum(axis=axis, keepdims=keepdims)


def mean(x, axis=None, keepdims=False):
    return _t(x).mean(axis=axis, keepdims=keepdims)


def reshape(x, shape):
    return _t(x).reshape(shape)


def transpose(x, axes=None):
    return _t(x).transpose(axes) if axes is not None else _t(x).transpose()


def exp(x):
    return ops.Exp.apply(_t(x))


def log(x):
    return ops.Log.apply(_t(x))


def sigmoid(x):
    return ops.Sigmoid.apply(_t(x))


def tanh(x):
    return ops.Tanh.apply(_t(x))


def relu(x):
    return ops.ReLU.apply(_t(x))


def softmax(x, axis=-1):
    return ops.Softmax.apply(_t(x), axis=axis)


def log_softmax(x, axis=-1):
    return ops.LogSoftmax.apply(_t(x), axis=axis)


def mse_loss(pred, target):
    """Mean of squared differences over all elements."""
    return ops.MSELoss.apply(_t(pred, target), _t(target, pred))


def cross_entropy(logits, labels):
    """Mean of −log softmax(logits)[label] over the batch; labels are integer class indices."""
    labels = labels.data if isinstance(labels, Tensor) else labels
    labels = np.asarray(labels)
    if labels.dtype.kind == "f" and np.all(labels == np.round(labels)):
        labels = labels.astype(np.int64)
    return ops.CrossEntropy.apply(_t(logits), labels=labels)
