"""Students' solutions of `mul_backward`, `add_backward`: correct ones and planted mistakes
(see `registry`)."""
from __future__ import annotations

import numpy as np

from .registry import correct, planted


# ----- mul_backward ---------------------------------------------------------------------------
@correct("mul_backward")
def mul_backward(a, b, grad_output):
    return grad_output * b, grad_output * a


@correct("mul_backward")
def mul_backward_list(a, b, grad_output):
    return [np.multiply(b, grad_output), np.multiply(a, grad_output)]


@planted("mul_backward", "swapped")
def mul_backward_swapped(a, b, grad_output):
    return grad_output * a, grad_output * b


@planted("mul_backward", "ignored_upstream")
def mul_backward_local(a, b, grad_output):
    return b.copy(), a.copy()


@planted("mul_backward", "sign_error")
def mul_backward_negated(a, b, grad_output):
    return -grad_output * b, -grad_output * a


@planted("mul_backward", "in_place")
def mul_backward_in_place(a, b, grad_output):
    grad_a = grad_output * b
    grad_b = grad_output
    grad_b *= a
    return grad_a, grad_b


# ----- add_backward ---------------------------------------------------------------------------
def _sum_to(g, shape):
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and g.shape[axis] != 1:
            g = g.sum(axis=axis, keepdims=True)
    return g


@correct("add_backward")
def add_backward(a, b, grad_output):
    return _sum_to(grad_output, a.shape), _sum_to(grad_output, b.shape)


@correct("add_backward")
def add_backward_axes(a, b, grad_output):
    def reduce(shape):
        lead = grad_output.ndim - len(shape)
        axes = tuple(range(lead)) + tuple(lead + i for i, n in enumerate(shape) if n == 1)
        return grad_output.sum(axis=axes, keepdims=True).reshape(shape)
    return reduce(a.shape), reduce(b.shape)


@planted("add_backward", "missing_broadcast_sum")
def add_backward_unsummed(a, b, grad_output):
    return grad_output, grad_output


@planted("add_backward", "missing_broadcast_sum")
def add_backward_rows_only(a, b, grad_output):
    grad_a = grad_output if a.shape == grad_output.shape else grad_output.sum(axis=0)
    grad_b = grad_output if b.shape == grad_output.shape else grad_output.sum(axis=0)
    return grad_a, grad_b


@planted("add_backward", "ignored_upstream")
def add_backward_local(a, b, grad_output):
    return np.ones_like(a), np.ones_like(b)


@planted("add_backward", "sign_error")
def add_backward_negated(a, b, grad_output):
    return -_sum_to(grad_output, a.shape), -_sum_to(grad_output, b.shape)


@planted("add_backward", "in_place")
def add_backward_in_place(a, b, grad_output):
    grad = grad_output
    grad *= 1.0
    return _sum_to(grad, a.shape), _sum_to(grad, b.shape)


@planted("mul_backward", "missing_factor")
def mul_backward_power_rule(a, b, grad_output):
    return 2 * grad_output * b, 2 * grad_output * a


@planted("add_backward", "missing_factor")
def add_backward_shared(a, b, grad_output):
    """The upstream gradient split between the two inputs."""
    return _sum_to(grad_output / 2, a.shape), _sum_to(grad_output / 2, b.shape)


@planted("mul_backward", "wrong_product")
def mul_backward_matrix_products(a, b, grad_output):
    return grad_output @ b.T, a.T @ grad_output


@planted("add_backward", "swapped")
def add_backward_each_gets_the_other(a, b, grad_output):
    return _sum_to(grad_output, b.shape), _sum_to(grad_output, a.shape)

