"""Students' solutions of `matmul_backward`, `linear_backward`: correct ones and planted
mistakes (see `registry`)."""
from __future__ import annotations

import numpy as np

from .registry import correct, planted


# ----- matmul_backward ------------------------------------------------------------------------
@correct("matmul_backward")
def matmul_backward(a, b, grad_output):
    return grad_output @ b.T, a.T @ grad_output


@correct("matmul_backward")
def matmul_backward_einsum(a, b, grad_output):
    return np.einsum("nm,km->nk", grad_output, b), np.dot(a.T, grad_output)


@planted("matmul_backward", "transposed")
def matmul_backward_transposed(a, b, grad_output):
    return grad_output @ b.T, grad_output.T @ a


@planted("matmul_backward", "transposed")
def matmul_backward_no_transpose(a, b, grad_output):
    return grad_output @ b, a.T @ grad_output


@planted("matmul_backward", "wrong_product")
def matmul_backward_elementwise(a, b, grad_output):
    return grad_output * b, a * grad_output


@planted("matmul_backward", "ignored_upstream")
def matmul_backward_local(a, b, grad_output):
    ones = np.ones_like(grad_output)
    return ones @ b.T, a.T @ ones


@planted("matmul_backward", "sign_error")
def matmul_backward_negated(a, b, grad_output):
    return -(grad_output @ b.T), -(a.T @ grad_output)


@planted("matmul_backward", "in_place")
def matmul_backward_in_place(a, b, grad_output):
    bt = b.T
    bt *= 1.0
    return grad_output @ bt, a.T @ grad_output


# ----- linear_backward ------------------------------------------------------------------------
@correct("linear_backward")
def linear_backward(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.sum(axis=0)


@correct("linear_backward")
def linear_backward_einsum(x, W, b, grad_output):
    return (np.einsum("no,io->ni", grad_output, W), np.einsum("ni,no->io", x, grad_output),
            np.ones(len(x)) @ grad_output)


@planted("linear_backward", "transposed")
def linear_backward_weight_transposed(x, W, b, grad_output):
    return grad_output @ W.T, grad_output.T @ x, grad_output.sum(axis=0)


@planted("linear_backward", "missing_broadcast_sum")
def linear_backward_bias_unsummed(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output


@planted("linear_backward", "missing_factor")
def linear_backward_bias_averaged(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.mean(axis=0)


@planted("linear_backward", "wrong_product")
def linear_backward_elementwise(x, W, b, grad_output):
    return grad_output * W, x.T @ grad_output, grad_output.sum(axis=0)


@planted("linear_backward", "ignored_upstream")
def linear_backward_local(x, W, b, grad_output):
    ones = np.ones_like(grad_output)
    return ones @ W.T, x.T @ ones, ones.sum(axis=0)


@planted("linear_backward", "sign_error")
def linear_backward_negated(x, W, b, grad_output):
    return -(grad_output @ W.T), -(x.T @ grad_output), -grad_output.sum(axis=0)


@planted("linear_backward", "in_place")
def linear_backward_in_place(x, W, b, grad_output):
    g = grad_output
    g /= 1.0
    return g @ W.T, x.T @ g, g.sum(axis=0)


@planted("matmul_backward", "missing_factor")
def matmul_backward_doubled(a, b, grad_output):
    return 2 * grad_output @ b.T, 2 * a.T @ grad_output


@planted("matmul_backward", "swapped")
def matmul_backward_in_the_other_order(a, b, grad_output):
    return a.T @ grad_output, grad_output @ b.T


@planted("linear_backward", "swapped")
def linear_backward_weights_first(x, W, b, grad_output):
    return x.T @ grad_output, grad_output @ W.T, grad_output.sum(axis=0)
