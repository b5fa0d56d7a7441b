"""Students' solutions of `mse_backward`, `cross_entropy_backward`: correct ones and planted
mistakes (see `registry`)."""
from __future__ import annotations

import numpy as np

from .registry import correct, planted


# ----- mse_backward ---------------------------------------------------------------------------
@correct("mse_backward")
def mse_backward(pred, target, grad_output):
    return grad_output * 2 * (pred - target) / pred.size


@correct("mse_backward")
def mse_backward_mean_form(pred, target, grad_output):
    return 2.0 * grad_output * (pred - target) / np.prod(pred.shape)


@planted("mse_backward", "missing_factor")
def mse_backward_without_two(pred, target, grad_output):
    return grad_output * (pred - target) / pred.size


@planted("mse_backward", "missing_factor")
def mse_backward_without_mean(pred, target, grad_output):
    return grad_output * 2 * (pred - target)


@planted("mse_backward", "missing_factor")
def mse_backward_per_row(pred, target, grad_output):
    return grad_output * 2 * (pred - target) / len(pred)


@planted("mse_backward", "ignored_upstream")
def mse_backward_local(pred, target, grad_output):
    return 2 * (pred - target) / pred.size


@planted("mse_backward", "missing_onehot")
def mse_backward_without_target(pred, target, grad_output):
    return grad_output * 2 * pred / pred.size


@planted("mse_backward", "sign_error")
def mse_backward_negated(pred, target, grad_output):
    return grad_output * 2 * (target - pred) / pred.size


@planted("mse_backward", "in_place")
def mse_backward_in_place(pred, target, grad_output):
    diff = pred
    diff -= target
    return grad_output * 2 * diff / diff.size


# ----- cross_entropy_backward -----------------------------------------------------------------
def _softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _onehot(labels, classes):
    return np.eye(classes)[labels]


@correct("cross_entropy_backward")
def cross_entropy_backward(logits, labels, grad_output):
    p = _softmax(logits)
    return grad_output * (p - _onehot(labels, logits.shape[1])) / len(labels)


@correct("cross_entropy_backward")
def cross_entropy_backward_log_softmax(logits, labels, grad_output):
    shifted = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True)))
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / logits.shape[0]


@planted("cross_entropy_backward", "unstable")
def cross_entropy_backward_naive_softmax(logits, labels, grad_output):
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    return grad_output * (p - _onehot(labels, logits.shape[1])) / len(labels)


@planted("cross_entropy_backward", "missing_factor")
def cross_entropy_backward_summed(logits, labels, grad_output):
    return grad_output * (_softmax(logits) - _onehot(labels, logits.shape[1]))


@planted("cross_entropy_backward", "missing_onehot")
def cross_entropy_backward_probabilities(logits, labels, grad_output):
    return grad_output * _softmax(logits) / len(labels)


@planted("cross_entropy_backward", "sign_error")
def cross_entropy_backward_negated(logits, labels, grad_output):
    return grad_output * (_onehot(labels, logits.shape[1]) - _softmax(logits)) / len(labels)


@planted("cross_entropy_backward", "ignored_upstream")
def cross_entropy_backward_local(logits, labels, grad_output):
    return (_softmax(logits) - _onehot(labels, logits.shape[1])) / len(labels)


@planted("cross_entropy_backward", "in_place")
def cross_entropy_backward_shifting_logits(logits, labels, grad_output):
    logits -= logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    return grad_output * (p - _onehot(labels, logits.shape[1])) / len(labels)
