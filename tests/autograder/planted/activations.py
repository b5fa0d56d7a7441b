"""Students' solutions of `sigmoid`, `sigmoid_backward`, `tanh_backward`, `relu_backward`:
correct ones and planted mistakes (see `registry`)."""
from __future__ import annotations

import numpy as np

from .registry import correct, planted


def stable_sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


# ----- sigmoid (forward) ----------------------------------------------------------------------
@correct("sigmoid")
def sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


@correct("sigmoid")
def sigmoid_logaddexp(x):
    return np.exp(-np.logaddexp(0.0, -x))


@correct("sigmoid")
def sigmoid_tanh(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


@planted("sigmoid", "unstable")
def sigmoid_textbook(x):
    return 1 / (1 + np.exp(-x))


@planted("sigmoid", "unstable")
def sigmoid_exp_ratio(x):
    return np.exp(x) / (1 + np.exp(x))


@planted("sigmoid", "sign_error")
def sigmoid_flipped(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, e / (1 + e), 1 / (1 + e))


@planted("sigmoid", "in_place")
def sigmoid_reusing_x(x):
    z = x
    z *= -1
    return 1 / (1 + np.exp(z))


# ----- sigmoid_backward -----------------------------------------------------------------------
@correct("sigmoid_backward")
def sigmoid_backward(x, out, grad_output):
    return grad_output * out * (1.0 - out)


@correct("sigmoid_backward")
def sigmoid_backward_from_input(x, out, grad_output):
    s = stable_sigmoid(x)
    return grad_output * s * (1 - s)


@correct("sigmoid_backward")
def sigmoid_backward_symmetric(x, out, grad_output):
    return grad_output * stable_sigmoid(x) * stable_sigmoid(-x)


@planted("sigmoid_backward", "ignored_upstream")
def sigmoid_backward_local(x, out, grad_output):
    return out * (1 - out)


@planted("sigmoid_backward", "wrong_point")
def sigmoid_backward_typo(x, out, grad_output):
    return grad_output * stable_sigmoid(x) * stable_sigmoid(1 - x)


@planted("sigmoid_backward", "wrong_point")
def sigmoid_backward_at_input(x, out, grad_output):
    return grad_output * x * (1 - x)


@planted("sigmoid_backward", "sign_error")
def sigmoid_backward_negated(x, out, grad_output):
    return grad_output * out * (out - 1)


@planted("sigmoid_backward", "in_place")
def sigmoid_backward_in_place(x, out, grad_output):
    out *= 1 - out
    return grad_output * out


@planted("sigmoid_backward", "unstable")
def sigmoid_backward_recomputed(x, out, grad_output):
    s = 1 / (1 + np.exp(-x))
    return grad_output * s * (1 - s)


# ----- tanh_backward --------------------------------------------------------------------------
@correct("tanh_backward")
def tanh_backward(x, out, grad_output):
    return grad_output * (1 - out ** 2)


@correct("tanh_backward")
def tanh_backward_from_input(x, out, grad_output):
    return grad_output * (1 - np.tanh(x) * np.tanh(x))


@planted("tanh_backward", "ignored_upstream")
def tanh_backward_local(x, out, grad_output):
    return 1 - out ** 2


@planted("tanh_backward", "wrong_point")
def tanh_backward_at_input(x, out, grad_output):
    return grad_output * (1 - x ** 2)


@planted("tanh_backward", "sign_error")
def tanh_backward_negated(x, out, grad_output):
    return grad_output * (out ** 2 - 1)


@planted("tanh_backward", "in_place")
def tanh_backward_in_place(x, out, grad_output):
    grad_output *= 1 - out ** 2
    return grad_output


@planted("tanh_backward", "unstable")
def tanh_backward_cosh(x, out, grad_output):
    return grad_output / np.cosh(x) ** 2


# ----- relu_backward --------------------------------------------------------------------------
@correct("relu_backward")
def relu_backward(x, out, grad_output):
    return grad_output * (x > 0)


@correct("relu_backward")
def relu_backward_from_output(x, out, grad_output):
    return np.where(out > 0, grad_output, 0.0)


@correct("relu_backward")
def relu_backward_heaviside(x, out, grad_output):
    return grad_output * np.heaviside(x, 0.0)


@planted("relu_backward", "kink_convention")
def relu_backward_at_zero_one(x, out, grad_output):
    return grad_output * (x >= 0)


@planted("relu_backward", "wrong_point")
def relu_backward_mask_from_upstream(x, out, grad_output):
    return np.maximum(grad_output, 0.0)


@planted("relu_backward", "ignored_upstream")
def relu_backward_mask_only(x, out, grad_output):
    return (x > 0).astype(float)


@planted("relu_backward", "sign_error")
def relu_backward_negated(x, out, grad_output):
    return -grad_output * (x > 0)


@planted("relu_backward", "in_place")
def relu_backward_in_place(x, out, grad_output):
    grad_output[x <= 0] = 0
    return grad_output


# ----- members of the families the detectors name (issue 13), beyond the first planted form ---------
@planted("sigmoid_backward", "wrong_point")
def sigmoid_backward_mixed_point(x, out, grad_output):
    return grad_output * stable_sigmoid(x) * (1 - x)


@planted("sigmoid_backward", "missing_factor")
def sigmoid_backward_halved(x, out, grad_output):
    return 0.5 * grad_output * out * (1 - out)


@planted("tanh_backward", "wrong_point")
def tanh_backward_tanh_of_out(x, out, grad_output):
    return grad_output * (1 - np.tanh(out) ** 2)


@planted("tanh_backward", "missing_factor")
def tanh_backward_doubled(x, out, grad_output):
    return 2 * grad_output * (1 - out ** 2)


@planted("relu_backward", "kink_convention")
def relu_backward_half_at_zero(x, out, grad_output):
    return grad_output * np.heaviside(x, 0.5)
