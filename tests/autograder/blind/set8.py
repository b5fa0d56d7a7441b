"""Blind set 8: student-style solutions of the minigrad course's 25 exercises.

Written on 2026-12-09 by the helper session "blind8" (branch blind8) under the blind rule: its writer read
only docs/exercises.md (the contract and the input classes), minigrad/, course/notebooks/,
the catalogue of mistake names in plain words (/work/briefs/catalogue.md),
tests/autograder/blind/entry.py and the first 20 lines of set 3 (the header format). It never
saw the checks, the detectors, the planted mistakes (docs/mistakes.md), the other blind sets or
any other test, and never ran a check on these functions; each one was verified against
hand-made references in a scratch script outside the repository (/tmp/blind8/verify.py).

WRONG holds slips a student could make, each labelled before anything was measured with the
catalogue name that best fits (`family`, None when none fits) and the other names a fair
teacher would accept (`also`). CORRECT holds right but unusual solutions.
"""
import math
from collections import deque

import numpy as np

import minigrad as mg
from tests.autograder.blind.entry import Blind


def _sig(x):
    """A stable sigmoid the student wrote once and reuses outside the sigmoid exercises."""
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, e) / (1.0 + e)


# ----------------------------------------------------------------------------- numerical_derivative
def nd_forward(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h


def nd_fixed_h(f, x, h=1e-5):
    step = 1e-5
    return (f(x + step) - f(x - step)) / (2 * step)


def nd_precedence(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / 2 * h


def nd_int_buffer(f, x, h=1e-5):
    up = np.array(x, copy=True)
    down = np.array(x, copy=True)
    up[...] = up + h
    down[...] = down - h
    return (f(up) - f(down)) / (2 * h)


def nd_reversed(f, x, h=1e-5):
    return (f(x - h) - f(x + h)) / (2 * h)


def nd_ok_loop(f, x, h=1e-5):
    x = np.asarray(x, dtype=float)
    total = np.zeros_like(x)
    for sign in (1.0, -1.0):
        total = total + sign * np.asarray(f(x + sign * h), dtype=float)
    return total / (2.0 * h)


def nd_ok_plain(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (h + h)


# ----------------------------------------------------------------------------- gradient_descent_update
def gd_in_place(x, gradx, learning_rate):
    x -= learning_rate * gradx
    return x


def gd_sign(x, gradx, learning_rate):
    return x + learning_rate * gradx


def gd_no_rate(x, gradx, learning_rate):
    return x - gradx


def gd_int_like(x, gradx, learning_rate):
    new = np.zeros_like(x)
    new[...] = x - learning_rate * np.asarray(gradx)
    return new


def gd_rounded(x, gradx, learning_rate):
    return np.round(x - learning_rate * np.asarray(gradx), 6)


def gd_ok(x, gradx, learning_rate):
    return np.subtract(x, np.multiply(learning_rate, gradx), dtype=float)


def gd_ok_copy(x, gradx, learning_rate):
    new = np.array(x, dtype=float)
    new -= learning_rate * np.asarray(gradx, dtype=float)
    return new if np.ndim(x) else float(new)


# ----------------------------------------------------------------------------- gradient_check_error
def gce_forward(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + h) - _sig(x)) / h
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_mean(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.mean(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_no_floor(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / (np.abs(a) + np.abs(n))))


def gce_absolute(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n)))


def gce_norms(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.linalg.norm(a - n) / max(1e-8, np.linalg.norm(a) + np.linalg.norm(n)))


def gce_out_is_x(backward, x, grad_output, h=1e-5):
    a = backward(x, x, grad_output)
    n = grad_output * (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_numeric_no_g(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_ok(backward, x, grad_output, h=1e-5):
    x = np.asarray(x, dtype=float)
    g = np.asarray(grad_output, dtype=float)
    a = np.asarray(backward(x, _sig(x), g), dtype=float)
    n = g * (_sig(x + h) - _sig(x - h)) / (2.0 * h)
    worst = 0.0
    for ai, ni in zip(np.ravel(a), np.ravel(np.broadcast_to(n, a.shape))):
        worst = max(worst, abs(ai - ni) / max(1e-8, abs(ai) + abs(ni)))
    return float(worst)


# ----------------------------------------------------------------------------- parabola_rates
def _pr(step_factor, one, unstable):
    return lambda: (step_factor, one, unstable)


pr_missing_two = _pr(lambda lr: 1 - lr, 1.0, 2.0)
pr_sign = _pr(lambda lr: 2 * lr - 1, 0.5, 1.0)
pr_unstable_half = _pr(lambda lr: 1 - 2 * lr, 0.5, 0.5)
pr_unstable_two = _pr(lambda lr: 1 - 2 * lr, 0.5, 2.0)
pr_step_only = _pr(lambda lr: -2 * lr, 0.5, 1.0)
pr_ok = _pr(lambda lr: (3 - 2 * 3 * lr) / 3, 1 / 2, 2 / 2)


# ----------------------------------------------------------------------------- hand_gradients
# f = (x*y + z)*x at (2, -3, 4): df/dx = 2xy + z = -8, df/dy = x^2 = 4, df/dz = x = 2
hg_outer_path = lambda: (-2.0, 4.0, 2.0)  # noqa: E731 - df/dx = xy + z only (the outer x)
hg_inner_path = lambda: (-6.0, 4.0, 2.0)  # noqa: E731 - df/dx = xy only (the inner x)
hg_sign = lambda: (8.0, 4.0, 2.0)  # noqa: E731
hg_order = lambda: (4.0, -8.0, 2.0)  # noqa: E731
hg_dy_x = lambda: (-8.0, 2.0, 2.0)  # noqa: E731 - df/dy = x, one factor x lost
hg_ok = lambda: (2 * 2.0 * -3 + 4, 2.0 ** 2, 2.0)  # noqa: E731


# ----------------------------------------------------------------------------- topological_sort
def ts_no_visited(root):
    order = []

    def visit(t):
        for p in t.parents:
            visit(p)
        order.append(t)

    visit(root)
    return order


def ts_bfs_reversed(root):
    seen, order, queue = {root}, [], deque([root])
    while queue:
        t = queue.popleft()
        order.append(t)
        for p in t.parents:
            if p not in seen:
                seen.add(p)
                queue.append(p)
    return order[::-1]


def ts_grad_only(root):
    order, seen = [], set()

    def visit(t):
        if t in seen:
            return
        seen.add(t)
        for p in t.parents:
            if p.requires_grad:
                visit(p)
        order.append(t)

    visit(root)
    return order


def ts_reversed_preorder(root):
    seen, pre, stack = set(), [], [root]
    while stack:
        t = stack.pop()
        if t in seen:
            continue
        seen.add(t)
        pre.append(t)
        stack.extend(t.parents)
    return pre[::-1]


def ts_set(root):
    found, stack = set(), [root]
    while stack:
        t = stack.pop()
        if t not in found:
            found.add(t)
            stack.extend(t.parents)
    found.discard(root)
    return sorted(found, key=lambda t: len(t.parents)) + [root]


def ts_ok_recursive(root):
    order, seen = [], set()

    def visit(t):
        seen.add(t)
        for p in t.parents:
            if p not in seen:
                visit(p)
        order.append(t)

    visit(root)
    return order


def ts_ok_kahn(root):
    nodes, stack = {root}, [root]
    while stack:
        for p in stack.pop().parents:
            if p not in nodes:
                nodes.add(p)
                stack.append(p)
    waiting = {t: len(set(t.parents)) for t in nodes}
    users = {t: [] for t in nodes}
    for t in nodes:
        for p in set(t.parents):
            users[p].append(t)
    ready = deque(t for t in nodes if waiting[t] == 0)
    order = []
    while ready:
        t = ready.popleft()
        order.append(t)
        for u in users[t]:
            waiting[u] -= 1
            if waiting[u] == 0:
                ready.append(u)
    return order


# ----------------------------------------------------------------------------- backward_pass
def _topo(root):
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        t, done = stack.pop()
        if done:
            order.append(t)
        elif t not in seen:
            seen.add(t)
            stack.append((t, True))
            stack.extend((p, False) for p in t.parents if p not in seen)
    return order


def bp_overwrite(root):
    grads = {root: np.ones_like(root.data)}
    for t in reversed(_topo(root)):
        if t in grads and t.parents:
            for p, g in zip(t.parents, mg.input_gradients(t, grads[t])):
                if g is not None:
                    grads[p] = g
    return grads


def bp_bfs(root):
    grads = {root: np.ones_like(root.data)}
    queue, seen = deque([root]), {root}
    while queue:
        t = queue.popleft()
        for p, g in zip(t.parents, mg.input_gradients(t, grads[t]) if t.parents else ()):
            if g is None:
                continue
            grads[p] = grads[p] + g if p in grads else g
            if p not in seen:
                seen.add(p)
                queue.append(p)
    return grads


def bp_into_grad(root):
    root.grad = np.ones_like(root.data) if root.grad is None else root.grad + 1.0
    out = {}
    for t in reversed(_topo(root)):
        if t.grad is None or not t.requires_grad:
            continue
        out[t] = t.grad
        for p, g in zip(t.parents, mg.input_gradients(t, t.grad) if t.parents else ()):
            if g is not None:
                p.grad = g if p.grad is None else p.grad + g
    return out


def bp_skip_zero(root):
    grads = {root: np.ones_like(root.data)}
    for t in reversed(_topo(root)):
        g = grads.get(t)
        if g is None or not t.parents or not np.any(g):
            continue
        for p, gp in zip(t.parents, mg.input_gradients(t, g)):
            if gp is not None:
                grads[p] = grads.get(p, 0) + gp
    return grads


def bp_recursive_total(root):
    grads = {}

    def send(t, g):
        grads[t] = grads[t] + g if t in grads else g
        for p, gp in zip(t.parents, mg.input_gradients(t, grads[t]) if t.parents else ()):
            if gp is not None:
                send(p, gp)

    send(root, np.ones_like(root.data))
    return grads


def bp_scalar_seed(root):
    grads = {root: np.ones(1)}
    for t in reversed(_topo(root)):
        if t in grads and t.parents:
            for p, g in zip(t.parents, mg.input_gradients(t, grads[t].reshape(t.data.shape))):
                if g is not None:
                    grads[p] = grads[p] + g if p in grads else g
    return {t: np.asarray(g).reshape(t.data.shape) for t, g in grads.items()}


def bp_ok(root):
    order = _topo(root)
    grads = {t: np.zeros_like(t.data) for t in order if t.requires_grad or t is root}
    grads[root] = np.ones_like(root.data)
    for t in reversed(order):
        if t not in grads or not t.parents:
            continue
        for p, g in zip(t.parents, mg.input_gradients(t, grads[t])):
            if g is not None:
                grads[p] = grads[p] + g
    return grads


def bp_ok_counted(root):
    users, stack, seen = {}, [root], {root}
    while stack:
        t = stack.pop()
        for p in t.parents:
            users[p] = users.get(p, 0) + 1
            if p not in seen:
                seen.add(p)
                stack.append(p)
    grads = {root: np.ones_like(root.data)}
    ready = [root]
    while ready:
        t = ready.pop()
        for p, g in zip(t.parents, mg.input_gradients(t, grads[t]) if t.parents else ()):
            if g is not None:
                grads[p] = grads[p] + g if p in grads else np.array(g, dtype=float)
            users[p] -= 1
            if users[p] == 0:
                if p not in grads:
                    grads[p] = np.zeros_like(p.data)
                ready.append(p)
    return {t: g for t, g in grads.items() if t.requires_grad or t is root}


# ----------------------------------------------------------------------------- bfs_counterexample
def ce_leaf_twice():
    w = mg.Tensor(0.5, requires_grad=True)
    loss = w + w * w
    return loss, w


def ce_with_neg():
    w = mg.Tensor(0.5, requires_grad=True)
    h = w * 2.0
    loss = mg.functional.neg(mg.functional.neg(h)) + h
    return loss, w


def ce_vector_loss():
    w = mg.Tensor([0.5, 1.5], requires_grad=True)
    h = mg.exp(w)
    loss = h + h * h
    return loss, w


def ce_w_not_leaf():
    v = mg.Tensor(0.5, requires_grad=True)
    w = v * 3.0
    loss = w + mg.exp(w) * w
    return loss, w


def ce_chain():
    w = mg.Tensor(0.3, requires_grad=True)
    loss = mg.tanh(mg.exp(w * 2.0))
    return loss, w


def ce_ok_mul():
    w = mg.Tensor(1.25, requires_grad=True)
    h = w * 3.0
    loss = h + h * h
    return loss, w


def ce_ok_sigmoid():
    w = mg.Tensor([[0.7]], requires_grad=True)
    h = mg.sigmoid(w)
    loss = (h + mg.tanh(h)).sum()
    return loss, w


# ----------------------------------------------------------------------------- sigmoid
def sg_naive(x):
    return 1.0 / (1.0 + np.exp(-x))


def sg_where_both(x):
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def sg_sign(x):
    e = np.exp(-np.abs(x))
    return np.where(np.asarray(x) >= 0, e, 1.0) / (1.0 + e)


def sg_int_buffer(x):
    x = np.asarray(x)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    out[~pos] = np.exp(x[~pos]) / (1 + np.exp(x[~pos]))
    return out


def sg_clip_in_place(x):
    x = np.asarray(x)
    np.clip(x, -500, 500, out=x)
    return 1 / (1 + np.exp(-x))


def sg_ok_tanh(x):
    return 0.5 * (1.0 + np.tanh(np.asarray(x, dtype=float) / 2.0))


def sg_ok_masks(x):
    x = np.array(x, dtype=float)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out


def sg_ok_logaddexp(x):
    return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=float)))


# ----------------------------------------------------------------------------- sigmoid_backward
def sb_no_g(x, out, grad_output):
    return out * (1 - out)


def sb_at_x(x, out, grad_output):
    return grad_output * x * (1 - x)


def sb_recompute_naive(x, out, grad_output):
    s = 1 / (1 + np.exp(-x))
    return grad_output * s * (1 - s)


def sb_tanh_form(x, out, grad_output):
    return grad_output * (1 - out ** 2)


def sb_plus(x, out, grad_output):
    return grad_output * out * (1 + out)


def sb_ok(x, out, grad_output):
    return grad_output * (out - out * out)


def sb_ok_prod(x, out, grad_output):
    return np.prod([grad_output, out, 1.0 - out], axis=0)


# ----------------------------------------------------------------------------- tanh_backward
def tb_at_x(x, out, grad_output):
    return grad_output * (1 - x ** 2)


def tb_cosh(x, out, grad_output):
    return grad_output / np.cosh(x) ** 2


def tb_sign(x, out, grad_output):
    return grad_output * (1 + out ** 2)


def tb_no_g(x, out, grad_output):
    return 1 - out * out


def tb_square_of_diff(x, out, grad_output):
    return grad_output * (1 - out) ** 2


def tb_ok(x, out, grad_output):
    return grad_output * (1 - out) * (1 + out)


def tb_ok_recompute(x, out, grad_output):
    return np.multiply(grad_output, 1.0 - np.square(np.tanh(x)))


# ----------------------------------------------------------------------------- relu_backward
def rb_kink(x, out, grad_output):
    return grad_output * (x >= 0)


def rb_mask_from_g(x, out, grad_output):
    return np.where(grad_output > 0, grad_output, 0.0)


def rb_no_g(x, out, grad_output):
    return (x > 0).astype(float)


def rb_in_place(x, out, grad_output):
    g = grad_output
    g[x <= 0] = 0.0
    return g


def rb_sign(x, out, grad_output):
    return grad_output * np.sign(x)


def rb_ok(x, out, grad_output):
    return np.where(out > 0, grad_output, 0.0)


def rb_ok_heaviside(x, out, grad_output):
    return grad_output * np.heaviside(x, 0.0)


# ----------------------------------------------------------------------------- mul_backward
def mb_swapped(a, b, grad_output):
    return grad_output * a, grad_output * b


def mb_no_g(a, b, grad_output):
    return np.array(b, dtype=float), np.array(a, dtype=float)


def mb_divide(a, b, grad_output):
    out = a * b
    return grad_output * out / a, grad_output * out / b


def mb_squeeze(a, b, grad_output):
    return np.squeeze(grad_output * b), np.squeeze(grad_output * a)


def mb_same(a, b, grad_output):
    g = grad_output * b
    return g, g


def mb_ok(a, b, grad_output):
    return np.multiply(b, grad_output), np.multiply(a, grad_output)


def mb_ok_einsum(a, b, grad_output):
    if a.ndim == 0:
        return grad_output * b, grad_output * a
    return np.einsum("...,...->...", grad_output, b), np.einsum("...,...->...", grad_output, a)


# ----------------------------------------------------------------------------- add_backward
def ab_no_sum(a, b, grad_output):
    return grad_output.copy(), grad_output.copy()


def ab_rows_only(a, b, grad_output):
    ga = grad_output if a.shape == grad_output.shape else grad_output.sum(axis=0).reshape(a.shape)
    gb = grad_output if b.shape == grad_output.shape else grad_output.sum(axis=0).reshape(b.shape)
    return ga, gb


def ab_leading_only(a, b, grad_output):
    def back(shape):
        g = grad_output
        while g.ndim > len(shape):
            g = g.sum(axis=0)
        return g

    return back(a.shape), back(b.shape)


def ab_b_only(a, b, grad_output):
    gb = grad_output
    while gb.ndim > b.ndim:
        gb = gb.sum(axis=0)
    for axis, n in enumerate(b.shape):
        if n == 1 and gb.shape[axis] != 1:
            gb = gb.sum(axis=axis, keepdims=True)
    return grad_output.copy(), gb


def ab_mean(a, b, grad_output):
    def back(shape):
        g = grad_output
        while g.ndim > len(shape):
            g = g.mean(axis=0)
        for axis, n in enumerate(shape):
            if n == 1 and g.shape[axis] != 1:
                g = g.mean(axis=axis, keepdims=True)
        return g

    return back(a.shape), back(b.shape)


def ab_ones(a, b, grad_output):
    ones = np.ones(np.broadcast_shapes(a.shape, b.shape))

    def back(shape):
        g = ones
        while g.ndim > len(shape):
            g = g.sum(axis=0)
        for axis, n in enumerate(shape):
            if n == 1 and g.shape[axis] != 1:
                g = g.sum(axis=axis, keepdims=True)
        return g

    return back(a.shape), back(b.shape)


def ab_ok(a, b, grad_output):
    def back(shape):
        g = np.asarray(grad_output, dtype=float)
        lead = g.ndim - len(shape)
        axes = tuple(range(lead)) + tuple(lead + i for i, n in enumerate(shape) if n == 1 and g.shape[lead + i] != 1)
        return g.sum(axis=axes).reshape(shape) if axes else g.copy()

    return back(a.shape), back(b.shape)


def ab_ok_add_at(a, b, grad_output):
    def back(shape):
        # dL/dinput[k] = sum of G over every output entry input[k] was copied into
        index = np.broadcast_to(np.arange(math.prod(shape)).reshape(shape), grad_output.shape)
        total = np.zeros(math.prod(shape))
        np.add.at(total, index.ravel(), np.ravel(grad_output))
        return total.reshape(shape)

    return back(a.shape), back(b.shape)


# ----------------------------------------------------------------------------- matmul_backward
def mm_transposed_a(a, b, grad_output):
    return grad_output @ b, a.T @ grad_output


def mm_transposed_b(a, b, grad_output):
    return grad_output @ b.T, grad_output.T @ a


def mm_swapped(a, b, grad_output):
    return a.T @ grad_output, grad_output @ b.T


def mm_batch_mean(a, b, grad_output):
    return grad_output @ b.T, a.T @ grad_output / a.shape[0]


def mm_no_g(a, b, grad_output):
    ones = np.ones_like(grad_output)
    return ones @ b.T, a.T @ ones


def mm_ok(a, b, grad_output):
    return np.einsum("nm,km->nk", grad_output, b), np.einsum("nk,nm->km", a, grad_output)


def mm_ok_outer(a, b, grad_output):
    gb = np.zeros(b.shape)
    for n in range(a.shape[0]):
        gb += np.outer(a[n], grad_output[n])
    return np.dot(grad_output, b.T), gb


# ----------------------------------------------------------------------------- linear_backward
def lb_bias_axis1(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.sum(axis=-1)


def lb_bias_mean(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.mean(axis=0)


def lb_bias_first_row(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output[0].copy()


def lb_dw_transposed(x, W, b, grad_output):
    return grad_output @ W.T, grad_output.T @ x, grad_output.sum(axis=0)


def lb_dx_transposed(x, W, b, grad_output):
    return grad_output @ W, x.T @ grad_output, grad_output.sum(axis=0)


def lb_order(x, W, b, grad_output):
    return x.T @ grad_output, grad_output @ W.T, grad_output.sum(axis=0)


def lb_ok(x, W, b, grad_output):
    return (np.einsum("no,io->ni", grad_output, W), np.einsum("ni,no->io", x, grad_output),
            np.einsum("no->o", grad_output))


def lb_ok_ones(x, W, b, grad_output):
    return grad_output.dot(W.T), x.T.dot(grad_output), np.ones(x.shape[0]) @ grad_output


# ----------------------------------------------------------------------------- mse_backward
def mse_len(pred, target, grad_output):
    return 2 * (pred - target) / len(pred) * grad_output


def mse_no_two(pred, target, grad_output):
    return grad_output * (pred - target) / pred.size


def mse_sign(pred, target, grad_output):
    return 2 * grad_output * (target - pred) / pred.size


def mse_no_g(pred, target, grad_output):
    return 2 * (pred - target) / pred.size


def mse_last_axis(pred, target, grad_output):
    return 2 * grad_output * (pred - target) / pred.shape[-1]


def mse_ok(pred, target, grad_output):
    diff = np.subtract(pred, target, dtype=float)
    return diff * (2.0 * float(grad_output) / max(diff.size, 1))


def mse_ok_mean(pred, target, grad_output):
    d = pred - target
    return 2 * grad_output * d / np.ones_like(d).sum()


# ----------------------------------------------------------------------------- cross_entropy_backward
def _rows(logits, labels):
    z = np.atleast_2d(logits)
    return z, np.atleast_1d(labels)


def ce_no_onehot(logits, labels, grad_output):
    z, lab = _rows(logits, labels)
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    return (p * grad_output / len(lab)).reshape(logits.shape)


def ce_unstable(logits, labels, grad_output):
    z, lab = _rows(logits, labels)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    p[np.arange(len(lab)), lab] -= 1
    return (p * grad_output / len(lab)).reshape(logits.shape)


def ce_global_max(logits, labels, grad_output):
    z, lab = _rows(logits, labels)
    e = np.exp(z - z.max())
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(lab)), lab] -= 1
    return (p * grad_output / len(lab)).reshape(logits.shape)


def ce_no_mean(logits, labels, grad_output):
    z, lab = _rows(logits, labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(lab)), lab] -= 1
    return (p * grad_output).reshape(logits.shape)


def ce_column_index(logits, labels, grad_output):
    z, lab = _rows(logits, labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[:, lab] -= 1
    return (p * grad_output / len(lab)).reshape(logits.shape)


def ce_sign(logits, labels, grad_output):
    z, lab = _rows(logits, labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    onehot = np.eye(z.shape[1])[lab]
    return ((onehot - p) * grad_output / len(lab)).reshape(logits.shape)


def ce_ok(logits, labels, grad_output):
    z, lab = _rows(logits, labels)
    logp = z - z.max(axis=1, keepdims=True)
    logp = logp - np.log(np.exp(logp).sum(axis=1, keepdims=True))
    onehot = np.arange(z.shape[1])[None, :] == lab[:, None]
    return ((np.exp(logp) - onehot) * (grad_output / len(lab))).reshape(logits.shape)


def ce_ok_loop(logits, labels, grad_output):
    z, lab = _rows(logits, labels)
    out = np.empty(z.shape)
    for i, (row, k) in enumerate(zip(z, lab)):
        e = np.exp(row - row.max())
        out[i] = e / e.sum()
        out[i, k] -= 1.0
    return (out * grad_output / len(lab)).reshape(logits.shape)


# ----------------------------------------------------------------------------- jacobian_fd
def jf_forward(f, x, eps=1e-6):
    f0 = np.array(f(x), dtype=float)
    cols = []
    for j in range(len(x)):
        xp = x.copy()
        xp[j] += eps
        cols.append((np.asarray(f(xp)) - f0) / eps)
    return np.stack(cols, axis=1)


def jf_fixed_eps(f, x, eps=1e-6):
    step = 1e-6
    cols = []
    for j in range(len(x)):
        e = np.zeros_like(x)
        e[j] = step
        cols.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * step))
    return np.stack(cols, axis=1)


def jf_transposed(f, x, eps=1e-6):
    rows = []
    for j in range(len(x)):
        e = np.zeros_like(x)
        e[j] = eps
        rows.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * eps))
    return np.array(rows)


def jf_not_restored(f, x, eps=1e-6):
    J = np.zeros((len(np.asarray(f(x))), len(x)))
    for j in range(len(x)):
        x[j] += eps
        up = np.array(f(x))
        x[j] -= 2 * eps
        down = np.array(f(x))
        J[:, j] = (up - down) / (2 * eps)
    return J


def jf_view(f, x, eps=1e-6):
    J = np.zeros((len(np.atleast_1d(f(x))), len(x)))
    for j in range(len(x)):
        old = x[j]
        x[j] = old + eps
        up = f(x)
        x[j] = old - eps
        down = f(x)
        x[j] = old
        J[:, j] = (up - down) / (2 * eps)
    return J


def jf_one_eps(f, x, eps=1e-6):
    cols = []
    for j in range(len(x)):
        e = np.zeros_like(x)
        e[j] = eps
        cols.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / eps)
    return np.stack(cols, axis=1)


def jf_ok(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    steps = np.eye(len(x)) * eps
    return np.stack([(np.array(f(x + s), dtype=float) - np.array(f(x - s), dtype=float)) / (2 * eps)
                     for s in steps], axis=-1)


def jf_ok_in_place(f, x, eps=1e-6):
    cols = []
    for j in range(x.shape[0]):
        old = x[j]
        x[j] = old + eps
        up = np.array(f(x), dtype=float, copy=True)
        x[j] = old - eps
        down = np.array(f(x), dtype=float, copy=True)
        x[j] = old
        cols.append((up - down) / (2.0 * eps))
    return np.column_stack(cols)


# ----------------------------------------------------------------------------- jacobian_reverse
def jr_stale(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    rows = []
    for i in range(y.shape[0]):
        y.backward(np.eye(y.shape[0])[i])
        rows.append(leaf.grad.copy())
    return np.array(rows)


def jr_transposed(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    m = y.shape[0]
    J = np.zeros((leaf.shape[0], m))
    for i in range(m):
        leaf.grad = None
        y.backward(np.eye(m)[i])
        J[:, i] = leaf.grad
    return J


def jr_shared_buffer(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    rows = []
    for unit in np.eye(y.shape[0]):
        if leaf.grad is not None:
            leaf.grad[...] = 0.0
        y.backward(unit)
        rows.append(leaf.grad)
    return np.array(rows)


def jr_sum(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    y.sum().backward()
    return np.tile(leaf.grad, (y.shape[0], 1))


def jr_ok(f, x):
    m = None
    rows = []
    i = 0
    while m is None or i < m:
        leaf = mg.Tensor(np.array(x, dtype=float), requires_grad=True)
        y = f(leaf)
        m = y.shape[0]
        seed = np.zeros(m)
        seed[i] = 1.0
        y.backward(seed)
        rows.append(np.zeros(len(x)) if leaf.grad is None else leaf.grad)
        i += 1
    return np.vstack(rows)


# ----------------------------------------------------------------------------- chain_gradients
def cg_transposed(input_jacobians, grad_last):
    grads = [grad_last]
    for J in reversed(input_jacobians):
        g = grads[0]
        grads.insert(0, np.dot(J, g) if J.shape[1] == g.shape[0] else np.dot(g, J))
    return grads


def cg_forward_order(input_jacobians, grad_last):
    grads = [grad_last]
    g = grad_last
    for J in input_jacobians:
        g = g @ J if g.shape[0] == J.shape[0] else g @ J.T
        grads.insert(0, g)
    return grads


def cg_reverse_list(input_jacobians, grad_last):
    input_jacobians.reverse()
    g, out = grad_last, [grad_last]
    for J in input_jacobians:
        g = g @ J
        out.append(g)
    return out[::-1]


def cg_reversed_result(input_jacobians, grad_last):
    g, out = grad_last, [grad_last]
    for J in input_jacobians[::-1]:
        g = g @ J
        out.append(g)
    return out


def cg_no_last(input_jacobians, grad_last):
    out = [None] * len(input_jacobians)
    g = grad_last
    for k in range(len(input_jacobians) - 1, -1, -1):
        g = g @ input_jacobians[k]
        out[k] = g
    return out if out else [grad_last]


def cg_ok(input_jacobians, grad_last):
    def back(k):
        if k == len(input_jacobians):
            return [np.asarray(grad_last, dtype=float)]
        rest = back(k + 1)
        return [rest[0] @ input_jacobians[k]] + rest

    return back(0)


def cg_ok_einsum(input_jacobians, grad_last):
    out = [np.array(grad_last, dtype=float)]
    for J in input_jacobians[::-1]:
        out.append(np.einsum("i,ij->j", out[-1], J))
    return out[::-1]


# ----------------------------------------------------------------------------- loglog_slope
def ll_endpoints(sizes, times):
    ls, lt = np.log(sizes), np.log(times)
    return float((lt[-1] - lt[0]) / (ls[-1] - ls[0]))


def ll_axes(sizes, times):
    return float(np.polyfit(np.log(times), np.log(sizes), 1)[0])


def ll_no_log_x(sizes, times):
    return float(np.polyfit(np.asarray(sizes, dtype=float), np.log(times), 1)[0])


def ll_int_buffer(sizes, times):
    lx = np.empty_like(sizes)
    lx[:] = np.log(sizes)
    return float(np.polyfit(lx, np.log(times), 1)[0])


def ll_mean_pairs(sizes, times):
    ls, lt = np.log(sizes), np.log(times)
    return float(np.mean(np.diff(lt) / np.diff(ls)))


def ll_ok(sizes, times):
    lx = np.log10(np.asarray(sizes, dtype=float))
    ly = np.log10(np.asarray(times, dtype=float))
    dx = lx - lx.mean()
    return float(dx @ (ly - ly.mean()) / (dx @ dx))


def ll_ok_lstsq(sizes, times):
    A = np.column_stack([np.log2(np.asarray(sizes, dtype=float)), np.ones(len(sizes))])
    coef, *_ = np.linalg.lstsq(A, np.log2(times), rcond=None)
    return float(coef[0])


# ----------------------------------------------------------------------------- mse_gradient
def mg_no_two(w, X_batch, y_batch):
    return X_batch.T @ (X_batch @ w - y_batch) / len(y_batch)


def mg_sign(w, X_batch, y_batch):
    return 2 * X_batch.T @ (y_batch - X_batch @ w) / len(y_batch)


def mg_features(w, X_batch, y_batch):
    return 2 * X_batch.T @ (X_batch @ w - y_batch) / X_batch.shape[1]


def mg_sum(w, X_batch, y_batch):
    return 2 * X_batch.T @ (X_batch @ w - y_batch)


def mg_all_entries(w, X_batch, y_batch):
    r = X_batch @ w - y_batch
    return 2 * (r @ X_batch) / X_batch.size


def mg_ok(w, X_batch, y_batch):
    r = X_batch @ w - y_batch
    return (2 * np.mean(X_batch * r[:, None], axis=0)).reshape(np.shape(w))


def mg_ok_einsum(w, X_batch, y_batch):
    r = np.einsum("bd,d->b", X_batch, w) - y_batch
    return np.einsum("bd,b->d", X_batch, r) * (2.0 / X_batch.shape[0])


# ----------------------------------------------------------------------------- largest_stable_learning_rate
def ls_no_scale(X):
    return float(2 / np.linalg.eigvalsh(X.T @ X)[-1])


def ls_smallest(X):
    H = 2 / len(X) * X.T @ X
    return float(2 / np.linalg.eigvalsh(H)[0])


def ls_singular(X):
    return float(2 / (2 / len(X) * np.linalg.svd(X, compute_uv=False)[0]))


def ls_one_over(X):
    H = 2 / len(X) * X.T @ X
    return float(1 / np.linalg.eigvalsh(H).max())


def ls_trace(X):
    H = 2 / len(X) * X.T @ X
    return float(2 / np.trace(H))


def ls_unsorted(X):
    H = 2 / len(X) * X.T @ X
    return float(2 / np.real(np.linalg.eigvals(H))[0])


def ls_ok(X):
    s = np.linalg.svd(np.asarray(X, dtype=float), compute_uv=False)
    return float(X.shape[0] / s[0] ** 2)


def ls_ok_gram(X):
    X = np.asarray(X, dtype=float)
    small = X @ X.T if X.shape[0] < X.shape[1] else X.T @ X
    return float(2.0 / (2.0 / X.shape[0] * np.linalg.eigvalsh(small).max()))


# ----------------------------------------------------------------------------- minibatch_indices
def mi_no_shuffle(n, batch_size, rng):
    order = np.arange(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def mi_global_rng(n, batch_size, rng):
    order = np.random.default_rng(0).permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def mi_drop_last(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[k * batch_size:(k + 1) * batch_size] for k in range(n // batch_size)]


def mi_array_split(n, batch_size, rng):
    order = rng.permutation(n)
    return np.array_split(order, math.ceil(n / batch_size))


def mi_choice(n, batch_size, rng):
    order = rng.choice(n, size=n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def mi_off_by_one(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[i:i + batch_size] for i in range(0, n - 1, batch_size)] if n > 1 else [order]


def mi_ok_shuffle(n, batch_size, rng):
    order = np.arange(n)
    rng.shuffle(order)
    out = []
    while order.size:
        out.append(order[:batch_size])
        order = order[batch_size:]
    return out


def mi_ok_split(n, batch_size, rng):
    return np.split(rng.permutation(n), range(batch_size, n, batch_size))


WRONG = [
    # numerical_derivative
    Blind("numerical_derivative", "forward_difference", "(f(x+h) - f(x)) / h", nd_forward),
    Blind("numerical_derivative", "fixed_step", "always uses h = 1e-5, ignoring the given h", nd_fixed_h),
    Blind("numerical_derivative", "missing_factor", "/ 2 * h: operator precedence multiplies by h", nd_precedence),
    Blind("numerical_derivative", None, "copies x into buffers of x's dtype: integer x truncates x+h to x",
          nd_int_buffer),
    Blind("numerical_derivative", "sign_error", "(f(x-h) - f(x+h)) / 2h", nd_reversed),
    # gradient_descent_update
    Blind("gradient_descent_update", "in_place", "x -= lr * g, changing the caller's x", gd_in_place),
    Blind("gradient_descent_update", "sign_error", "x + lr * g (ascent)", gd_sign),
    Blind("gradient_descent_update", "fixed_step", "x - g: the learning rate is ignored", gd_no_rate,
          also=("missing_factor",)),
    Blind("gradient_descent_update", None, "zeros_like(x) as the buffer: integer x truncates the result",
          gd_int_like),
    Blind("gradient_descent_update", None, "rounds the new x to 6 decimals: a tiny rate's step is lost",
          gd_rounded),
    # gradient_check_error
    Blind("gradient_check_error", "forward_difference", "numerical slope by a forward difference", gce_forward),
    Blind("gradient_check_error", "wrong_error_measure", "mean relative error instead of the largest", gce_mean),
    Blind("gradient_check_error", "wrong_error_measure", "no 1e-8 floor: tiny G and G = 0 blow up", gce_no_floor),
    Blind("gradient_check_error", "wrong_error_measure", "largest absolute error, not relative", gce_absolute),
    Blind("gradient_check_error", "wrong_error_measure", "ratio of norms instead of the largest entry",
          gce_norms),
    Blind("gradient_check_error", "wrong_point", "passes x as `out` to the backward", gce_out_is_x),
    Blind("gradient_check_error", "ignored_upstream", "numerical gradient without G", gce_numeric_no_g),
    # parabola_rates
    Blind("parabola_rates", "missing_factor", "forgets the 2 of f' = 2x: 1 - lr, 1, 2", pr_missing_two),
    Blind("parabola_rates", "sign_error", "step factor 2 lr - 1", pr_sign),
    Blind("parabola_rates", None, "first unstable rate 0.5 (confuses it with the one-step rate)",
          pr_unstable_half),
    Blind("parabola_rates", "missing_factor", "first unstable rate 2 (forgets f' = 2x there)", pr_unstable_two),
    Blind("parabola_rates", None, "step factor -2 lr: the change, not the factor", pr_step_only),
    # hand_gradients
    Blind("hand_gradients", "overwrite_fanout", "df/dx keeps only the outer x's path: xy + z",
          hg_outer_path),
    Blind("hand_gradients", "overwrite_fanout", "df/dx keeps only the inner x's path: xy", hg_inner_path),
    Blind("hand_gradients", "sign_error", "df/dx = +8", hg_sign),
    Blind("hand_gradients", "swapped", "df/dx and df/dy given in each other's place", hg_order,
          also=("wrong_order",)),
    Blind("hand_gradients", "missing_factor", "df/dy = x instead of x^2", hg_dy_x),
    # topological_sort
    Blind("topological_sort", "repeated_nodes", "recursive DFS without a visited set", ts_no_visited),
    Blind("topological_sort", "wrong_order", "breadth-first from the root, reversed", ts_bfs_reversed),
    Blind("topological_sort", None, "skips parents that do not require a gradient (constants)", ts_grad_only),
    Blind("topological_sort", "wrong_order", "pre-order DFS reversed", ts_reversed_preorder),
    Blind("topological_sort", "wrong_order", "a set of nodes sorted by number of parents, root last", ts_set),
    # backward_pass
    Blind("backward_pass", "overwrite_fanout", "grads[p] = g overwrites instead of adding", bp_overwrite),
    Blind("backward_pass", "wrong_order", "breadth-first from the root", bp_bfs),
    Blind("backward_pass", "stale_gradient", "accumulates into the tensors' .grad, keeping the left-overs",
          bp_into_grad),
    Blind("backward_pass", None, "skips nodes whose gradient is all zero: their parents get no entry",
          bp_skip_zero),
    Blind("backward_pass", "repeated_nodes", "recursion sends each node's running total down every path",
          bp_recursive_total),
    Blind("backward_pass", None, "seeds the root with np.ones(1), not ones of the root's shape", bp_scalar_seed),
    # bfs_counterexample
    Blind("bfs_counterexample", None, "w + w*w: fan-out only at the leaf, where BFS is right", ce_leaf_twice),
    Blind("bfs_counterexample", None, "uses neg, which the exercise forbids", ce_with_neg),
    Blind("bfs_counterexample", None, "a loss of two elements", ce_vector_loss),
    Blind("bfs_counterexample", None, "w is an intermediate, not a leaf", ce_w_not_leaf),
    Blind("bfs_counterexample", None, "a plain chain: BFS agrees with the engine", ce_chain),
    # sigmoid
    Blind("sigmoid", "unstable", "1 / (1 + exp(-x)): overflows at -1000", sg_naive),
    Blind("sigmoid", "unstable", "np.where evaluates both branches: overflow", sg_where_both),
    Blind("sigmoid", "sign_error", "the branches swapped: sigma(-x)", sg_sign),
    Blind("sigmoid", None, "np.empty_like(x): integer x gives an integer result", sg_int_buffer),
    Blind("sigmoid", "in_place", "clips x in place with out=x", sg_clip_in_place),
    # sigmoid_backward
    Blind("sigmoid_backward", "ignored_upstream", "out * (1 - out)", sb_no_g),
    Blind("sigmoid_backward", "wrong_point", "G * x * (1 - x)", sb_at_x),
    Blind("sigmoid_backward", "unstable", "recomputes 1/(1+exp(-x)): overflow at -1000", sb_recompute_naive),
    Blind("sigmoid_backward", None, "G * (1 - out^2), the tanh derivative", sb_tanh_form),
    Blind("sigmoid_backward", "sign_error", "G * out * (1 + out)", sb_plus),
    # tanh_backward
    Blind("tanh_backward", "wrong_point", "G * (1 - x^2)", tb_at_x),
    Blind("tanh_backward", "unstable", "G / cosh(x)^2: cosh overflows near 1000", tb_cosh),
    Blind("tanh_backward", "sign_error", "G * (1 + out^2)", tb_sign),
    Blind("tanh_backward", "ignored_upstream", "1 - out^2", tb_no_g),
    Blind("tanh_backward", None, "G * (1 - out)^2", tb_square_of_diff),
    # relu_backward
    Blind("relu_backward", "kink_convention", "G * (x >= 0): passes G at x = 0", rb_kink),
    Blind("relu_backward", "wrong_point", "masks by G > 0 instead of x > 0", rb_mask_from_g),
    Blind("relu_backward", "ignored_upstream", "(x > 0) as floats", rb_no_g),
    Blind("relu_backward", "in_place", "zeroes grad_output in place", rb_in_place),
    Blind("relu_backward", None, "G * sign(x): -G for negative x", rb_sign),
    # mul_backward
    Blind("mul_backward", "swapped", "(G*a, G*b)", mb_swapped),
    Blind("mul_backward", "ignored_upstream", "(b, a)", mb_no_g),
    Blind("mul_backward", None, "G*(a*b)/a: divides by zero where a has zeros", mb_divide),
    Blind("mul_backward", None, "squeezes the results: a 1x1 input gets a () gradient", mb_squeeze),
    Blind("mul_backward", None, "G*b for both inputs", mb_same),
    # add_backward
    Blind("add_backward", "missing_broadcast_sum", "returns G for both", ab_no_sum),
    Blind("add_backward", "missing_broadcast_sum", "sums over axis 0 only", ab_rows_only),
    Blind("add_backward", "missing_broadcast_sum", "sums the leading axes, not the stretched 1-axes",
          ab_leading_only),
    Blind("add_backward", "missing_broadcast_sum", "reduces b only: a broadcast on the left keeps G's shape",
          ab_b_only),
    Blind("add_backward", "missing_factor", "means instead of sums over the broadcast axes", ab_mean,
          also=("missing_broadcast_sum",)),
    Blind("add_backward", "ignored_upstream", "sums ones over the broadcast axes", ab_ones),
    # matmul_backward
    Blind("matmul_backward", "transposed", "dA = G @ B (B not transposed)", mm_transposed_a),
    Blind("matmul_backward", "transposed", "dB = G.T @ A", mm_transposed_b),
    Blind("matmul_backward", "swapped", "returns (dB-like, dA-like) in the wrong places", mm_swapped),
    Blind("matmul_backward", "missing_factor", "dB averaged over the N rows", mm_batch_mean),
    Blind("matmul_backward", "ignored_upstream", "ones instead of G", mm_no_g),
    # linear_backward
    Blind("linear_backward", "missing_broadcast_sum", "db sums over the output axis", lb_bias_axis1),
    Blind("linear_backward", "missing_factor", "db = mean of G over the rows", lb_bias_mean,
          also=("missing_broadcast_sum",)),
    Blind("linear_backward", "missing_broadcast_sum", "db = G's first row (right for one row)",
          lb_bias_first_row),
    Blind("linear_backward", "transposed", "dW = G.T @ x", lb_dw_transposed),
    Blind("linear_backward", "transposed", "dx = G @ W", lb_dx_transposed),
    Blind("linear_backward", "swapped", "returns (dW, dx, db)", lb_order, also=("wrong_order",)),
    # mse_backward
    Blind("mse_backward", "missing_factor", "divides by len(pred), the rows", mse_len),
    Blind("mse_backward", "missing_factor", "forgets the 2", mse_no_two),
    Blind("mse_backward", "sign_error", "2 G (target - pred) / n", mse_sign),
    Blind("mse_backward", "ignored_upstream", "2 (pred - target) / n", mse_no_g),
    Blind("mse_backward", "missing_factor", "divides by the last axis' length", mse_last_axis),
    # cross_entropy_backward
    Blind("cross_entropy_backward", "missing_onehot", "softmax * G / N", ce_no_onehot),
    Blind("cross_entropy_backward", "unstable", "softmax without subtracting the max", ce_unstable),
    Blind("cross_entropy_backward", "unstable", "subtracts the batch's max, not each row's", ce_global_max),
    Blind("cross_entropy_backward", "missing_factor", "no division by N", ce_no_mean),
    Blind("cross_entropy_backward", None, "p[:, labels] -= 1 subtracts in every row", ce_column_index),
    Blind("cross_entropy_backward", "sign_error", "(onehot - softmax) G / N", ce_sign),
    # jacobian_fd
    Blind("jacobian_fd", "forward_difference", "forward differences", jf_forward),
    Blind("jacobian_fd", "fixed_step", "ignores eps, always 1e-6", jf_fixed_eps),
    Blind("jacobian_fd", "transposed", "rows per input: shape (n, m)", jf_transposed),
    Blind("jacobian_fd", "in_place", "x[j] += eps, -= 2 eps: x left shifted by -eps", jf_not_restored),
    Blind("jacobian_fd", None, "keeps f's result without a copy: wrong when f returns a view of x", jf_view),
    Blind("jacobian_fd", "missing_factor", "divides by eps, not 2 eps", jf_one_eps),
    # jacobian_reverse
    Blind("jacobian_reverse", "stale_gradient", "never clears leaf.grad between rows", jr_stale),
    Blind("jacobian_reverse", "transposed", "one column per output: shape (n, m)", jr_transposed),
    Blind("jacobian_reverse", None, "zeroes leaf.grad in place: the rows kept earlier become zeros",
          jr_shared_buffer),
    Blind("jacobian_reverse", None, "one backward of y.sum(), tiled", jr_sum),
    # chain_gradients
    Blind("chain_gradients", "transposed", "J @ g whenever the shapes allow it (square stages)", cg_transposed),
    Blind("chain_gradients", "wrong_order", "takes the stages first to last", cg_forward_order,
          also=("transposed",)),
    Blind("chain_gradients", "in_place", "reverses the caller's list of Jacobians", cg_reverse_list),
    Blind("chain_gradients", "wrong_order", "returns dc/dz_K first", cg_reversed_result),
    Blind("chain_gradients", None, "leaves out grad_last (K entries instead of K+1)", cg_no_last),
    # loglog_slope
    Blind("loglog_slope", "not_least_squares", "slope through the first and last points", ll_endpoints),
    Blind("loglog_slope", "wrong_axes", "fits log sizes against log times", ll_axes),
    Blind("loglog_slope", "wrong_axes", "sizes not logged", ll_no_log_x),
    Blind("loglog_slope", None, "empty_like(sizes): integer sizes truncate their logs", ll_int_buffer),
    Blind("loglog_slope", "not_least_squares", "mean of the consecutive slopes", ll_mean_pairs),
    # mse_gradient
    Blind("mse_gradient", "missing_factor", "forgets the 2", mg_no_two),
    Blind("mse_gradient", "sign_error", "residual y - Xw", mg_sign),
    Blind("mse_gradient", "missing_factor", "divides by the number of features", mg_features),
    Blind("mse_gradient", "missing_factor", "sums over the batch, no mean", mg_sum),
    Blind("mse_gradient", "missing_factor", "divides by every entry of X (rows x features)", mg_all_entries),
    # largest_stable_learning_rate
    Blind("largest_stable_learning_rate", "missing_factor", "eigenvalue of X^T X, without 2/P", ls_no_scale),
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "eigvalsh(H)[0], the smallest eigenvalue", ls_smallest),
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "largest singular value of X, not squared",
          ls_singular),
    Blind("largest_stable_learning_rate", "missing_factor", "1 / lambda_max", ls_one_over),
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "the trace (sum of eigenvalues)", ls_trace),
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "np.linalg.eigvals(H)[0], unsorted", ls_unsorted),
    # minibatch_indices
    Blind("minibatch_indices", "no_shuffle", "np.arange(n) in order", mi_no_shuffle),
    Blind("minibatch_indices", "ignores_rng", "a fresh default_rng(0)", mi_global_rng),
    Blind("minibatch_indices", "drops_last", "n // batch_size batches", mi_drop_last),
    Blind("minibatch_indices", None, "np.array_split into ceil(n/b) near-equal parts", mi_array_split),
    Blind("minibatch_indices", "ignores_rng", "rng.choice(n, n) with replacement", mi_choice),
    Blind("minibatch_indices", "drops_last", "range(0, n - 1, b): a last batch of one is lost", mi_off_by_one),
]

CORRECT = [
    Blind("numerical_derivative", None, "loop over the two signs", nd_ok_loop),
    Blind("numerical_derivative", None, "plain central difference with a dead branch", nd_ok_plain),
    Blind("gradient_descent_update", None, "np.subtract with dtype=float", gd_ok),
    Blind("gradient_descent_update", None, "in-place on a float copy", gd_ok_copy),
    Blind("gradient_check_error", None, "an explicit loop over the entries", gce_ok),
    Blind("parabola_rates", None, "the factor worked out from x = 3", pr_ok),
    Blind("hand_gradients", None, "expressions", hg_ok),
    Blind("topological_sort", None, "recursive DFS post-order", ts_ok_recursive),
    Blind("topological_sort", None, "Kahn's algorithm from the leaves", ts_ok_kahn),
    Blind("backward_pass", None, "zeros for every node first, then reverse topological order", bp_ok),
    Blind("backward_pass", None, "counts each node's consumers and releases it when all have sent", bp_ok_counted),
    Blind("bfs_counterexample", None, "h = 3w; loss = h + h*h", ce_ok_mul),
    Blind("bfs_counterexample", None, "h = sigmoid(w) on a 1x1 w; loss = sum(h + tanh(h))", ce_ok_sigmoid),
    Blind("sigmoid", None, "(1 + tanh(x/2)) / 2", sg_ok_tanh),
    Blind("sigmoid", None, "boolean masks on a float copy", sg_ok_masks),
    Blind("sigmoid", None, "exp(-logaddexp(0, -x))", sg_ok_logaddexp),
    Blind("sigmoid_backward", None, "G * (out - out^2)", sb_ok),
    Blind("sigmoid_backward", None, "np.prod of the three factors stacked", sb_ok_prod),
    Blind("tanh_backward", None, "G (1 - out)(1 + out)", tb_ok),
    Blind("tanh_backward", None, "recomputes tanh(x) with np.square", tb_ok_recompute),
    Blind("relu_backward", None, "np.where(out > 0, G, 0)", rb_ok),
    Blind("relu_backward", None, "np.heaviside(x, 0)", rb_ok_heaviside),
    Blind("mul_backward", None, "np.multiply", mb_ok),
    Blind("mul_backward", None, "einsum", mb_ok_einsum),
    Blind("add_backward", None, "one sum over the leading and stretched axes", ab_ok),
    Blind("add_backward", None, "np.add.at over broadcast index maps", ab_ok_add_at),
    Blind("matmul_backward", None, "einsum", mm_ok),
    Blind("matmul_backward", None, "dB as a sum of outer products", mm_ok_outer),
    Blind("linear_backward", None, "einsum", lb_ok),
    Blind("linear_backward", None, "db = ones @ G", lb_ok_ones),
    Blind("mse_backward", None, "float(G), size floor of 1", mse_ok),
    Blind("mse_backward", None, "n counted as ones_like(d).sum()", mse_ok_mean),
    Blind("cross_entropy_backward", None, "log-softmax, then exp; boolean one-hot", ce_ok),
    Blind("cross_entropy_backward", None, "a loop over the rows", ce_ok_loop),
    Blind("jacobian_fd", None, "rows of eye(n) * eps as steps, stacked as columns", jf_ok),
    Blind("jacobian_fd", None, "perturbs x in place, copies f's result, restores x", jf_ok_in_place),
    Blind("jacobian_reverse", None, "a fresh leaf and forward pass per row", jr_ok),
    Blind("chain_gradients", None, "recursion from the first stage", cg_ok),
    Blind("chain_gradients", None, "einsum, collected backwards then reversed", cg_ok_einsum),
    Blind("loglog_slope", None, "centred closed form in log10", ll_ok),
    Blind("loglog_slope", None, "np.linalg.lstsq in log2", ll_ok_lstsq),
    Blind("mse_gradient", None, "mean of rows times residuals", mg_ok),
    Blind("mse_gradient", None, "einsum", mg_ok_einsum),
    Blind("largest_stable_learning_rate", None, "P / s_max^2 from the SVD", ls_ok),
    Blind("largest_stable_learning_rate", None, "the smaller Gram matrix", ls_ok_gram),
    Blind("minibatch_indices", None, "rng.shuffle(arange(n)), then peel off batches", mi_ok_shuffle),
    Blind("minibatch_indices", None, "np.split at multiples of batch_size", mi_ok_split),
]
