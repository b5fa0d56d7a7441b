"""Students' solutions of `jacobian_fd`, `jacobian_reverse`, `chain_gradients`: correct ones
and planted mistakes (see `registry`)."""
from __future__ import annotations

import numpy as np

import minigrad as mg

from .registry import correct, planted


# ----- jacobian_fd ----------------------------------------------------------------------------
@correct("jacobian_fd")
def jacobian_fd(f, x, eps=1e-6):
    columns = []
    for j in range(len(x)):
        step = np.zeros_like(x)
        step[j] = eps
        columns.append((f(x + step) - f(x - step)) / (2 * eps))
    return np.stack(columns, axis=1)


@correct("jacobian_fd")
def jacobian_fd_restoring(f, x, eps=1e-6):
    J = np.zeros((len(f(x)), len(x)))
    for j in range(len(x)):
        old = x[j]
        x[j] = old + eps
        up = np.array(f(x))     # a copy: f may return a view of x (set 5), which the next line would change
        x[j] = old - eps
        down = np.array(f(x))
        x[j] = old
        J[:, j] = (up - down) / (2 * eps)
    return J


@planted("jacobian_fd", "transposed")
def jacobian_fd_by_rows(f, x, eps=1e-6):
    return np.array([(f(x + eps * e) - f(x - eps * e)) / (2 * eps) for e in np.eye(len(x))])


@planted("jacobian_fd", "forward_difference")
def jacobian_fd_forward(f, x, eps=1e-6):
    return np.stack([(f(x + eps * e) - f(x)) / eps for e in np.eye(len(x))], axis=1)


@planted("jacobian_fd", "missing_factor")
def jacobian_fd_over_eps(f, x, eps=1e-6):
    return np.stack([(f(x + eps * e) - f(x - eps * e)) / eps for e in np.eye(len(x))], axis=1)


@planted("jacobian_fd", "sign_error")
def jacobian_fd_reversed(f, x, eps=1e-6):
    return np.stack([(f(x - eps * e) - f(x + eps * e)) / (2 * eps) for e in np.eye(len(x))], axis=1)


@planted("jacobian_fd", "fixed_step")
def jacobian_fd_own_step(f, x, eps=1e-6):
    h = 1e-6
    return np.stack([(f(x + h * e) - f(x - h * e)) / (2 * h) for e in np.eye(len(x))], axis=1)


@planted("jacobian_fd", "in_place")
def jacobian_fd_aliasing(f, x, eps=1e-6):
    columns = []
    for j in range(len(x)):
        x_plus = x
        x_plus[j] += eps
        up = f(x_plus)
        x_plus[j] -= eps
        x_minus = x
        down = f(x_minus)
        columns.append((up - down) / (2 * eps))
    return np.stack(columns, axis=1)


@planted("jacobian_fd", "in_place")
def jacobian_fd_not_restoring(f, x, eps=1e-6):
    columns = []
    for j in range(len(x)):
        x[j] += eps
        up = f(x)
        x[j] -= 2 * eps
        down = f(x)
        columns.append((up - down) / (2 * eps))
    return np.stack(columns, axis=1)


# ----- jacobian_reverse -----------------------------------------------------------------------
@correct("jacobian_reverse")
def jacobian_reverse(f, x):
    x = mg.Tensor(x, requires_grad=True)
    y = f(x)
    rows = []
    for unit in np.eye(y.shape[0]):
        x.grad = None
        y.backward(unit)
        rows.append(x.grad.copy())
    return np.stack(rows)


@correct("jacobian_reverse")
def jacobian_reverse_fresh_graphs(f, x):
    rows = []
    for i in range(len(f(mg.Tensor(x)).data)):
        leaf = mg.Tensor(x, requires_grad=True)
        y = f(leaf)
        y.backward(np.eye(y.shape[0])[i])
        rows.append(leaf.grad)
    return np.array(rows)


@planted("jacobian_reverse", "stale_gradient")
def jacobian_reverse_never_cleared(f, x):
    x = mg.Tensor(x, requires_grad=True)
    y = f(x)
    rows = []
    for unit in np.eye(y.shape[0]):
        y.backward(unit)
        rows.append(x.grad.copy())
    return np.stack(rows)


@planted("jacobian_reverse", "transposed")
def jacobian_reverse_columns(f, x):
    return jacobian_reverse(f, x).T


@planted("jacobian_reverse", "wrong_order")
def jacobian_reverse_prepended(f, x):
    rows = list(jacobian_reverse(f, x))
    return np.stack(rows[::-1])


@planted("jacobian_reverse", "sign_error")
def jacobian_reverse_negated(f, x):
    x = mg.Tensor(x, requires_grad=True)
    y = f(x)
    rows = []
    for unit in np.eye(y.shape[0]):
        x.grad = None
        y.backward(-unit)
        rows.append(x.grad.copy())
    return np.stack(rows)


# ----- chain_gradients ------------------------------------------------------------------------
@correct("chain_gradients")
def chain_gradients(input_jacobians, grad_last):
    grads = [np.asarray(grad_last, dtype=float)]
    for J in reversed(input_jacobians):
        grads.append(grads[-1] @ J)
    return grads[::-1]


@correct("chain_gradients")
def chain_gradients_by_index(input_jacobians, grad_last):
    rows = [None] * (len(input_jacobians) + 1)
    rows[-1] = np.array(grad_last, dtype=float)
    for k in range(len(input_jacobians) - 1, -1, -1):
        rows[k] = input_jacobians[k].T @ rows[k + 1]      # (row J)ᵀ = Jᵀ rowᵀ: the same numbers
    return rows


@correct("chain_gradients")
def chain_gradients_inserting(input_jacobians, grad_last):
    rows = [grad_last]
    for J in input_jacobians[::-1]:
        rows.insert(0, np.dot(rows[0], J))
    return rows


@planted("chain_gradients", "wrong_order")
def chain_gradients_top_first(input_jacobians, grad_last):
    grads = [np.asarray(grad_last, dtype=float)]
    for J in reversed(input_jacobians):
        grads.append(grads[-1] @ J)
    return grads


@planted("chain_gradients", "wrong_order")
def chain_gradients_from_the_bottom(input_jacobians, grad_last):
    grads = [grad_last]
    for J in input_jacobians:
        grads.append(grads[-1] @ J)
    return grads[::-1]


@planted("chain_gradients", "transposed")
def chain_gradients_column_vectors(input_jacobians, grad_last):
    grads = [grad_last]
    for J in reversed(input_jacobians):
        grads.append(J @ grads[-1])
    return grads[::-1]


@planted("chain_gradients", "in_place")
def chain_gradients_reversing_the_list(input_jacobians, grad_last):
    input_jacobians.reverse()
    grads = [grad_last]
    for J in input_jacobians:
        grads.append(grads[-1] @ J)
    return grads[::-1]


@planted("jacobian_reverse", "missing_factor")
def jacobian_reverse_through_a_square(f, x):
    """Each row seeded with 2·e_i instead of e_i."""
    x = mg.Tensor(x, requires_grad=True)
    y = f(x)
    rows = []
    for unit in np.eye(y.shape[0]):
        x.grad = None
        y.backward(2 * unit)
        rows.append(x.grad.copy())
    return np.stack(rows)


@planted("jacobian_fd", "missing_factor")
def jacobian_fd_without_the_step(f, x, eps=1e-6):
    columns = []
    for j in range(len(x)):
        step = np.zeros_like(x)
        step[j] = eps
        columns.append((f(x + step) - f(x - step)) / 2)
    return np.stack(columns, axis=1)
