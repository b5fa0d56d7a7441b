"""Blind set 7: student-style solutions of the minigrad course's 25 exercises.

Written on 2026-12-03 by the helper session "blind7" (branch blind7) under the blind rule: its writer read
only docs/exercises.md (the contract and the input classes), minigrad/, course/notebooks/,
the catalogue of mistake names in plain words (/work/briefs/catalogue.md),
tests/autograder/blind/entry.py and the first 20 lines of set 3 (the header's format). It never
saw the checks, the detectors, the planted mistakes (docs/mistakes.md), the other blind sets or
any other test, and never ran a check on these functions; each one was verified against
hand-made references in a scratch script outside the repository (/tmp/blind7/verify.py).

WRONG holds slips a student could make, each labelled before anything was measured with the
catalogue name that best fits (`family`, None when none fits) and the other names a fair
teacher would accept (`also`). Some are wrong only on an edge class of input (integer input,
a batch of one, a diamond graph, a row far below the batch's largest logit, ...). CORRECT holds
right but unusual solutions (einsum, recursion, generators, np.add.at, in-place work on copies).
"""
import itertools
import math
from collections import defaultdict, deque
from fractions import Fraction

import numpy as np

import minigrad as mg
from tests.autograder.blind.entry import Blind


def _sig(x):
    """A stable sigmoid the students write for themselves in gradient_check_error."""
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


# ----------------------------------------------------------------------------- numerical_derivative
def nd_forward(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h


def nd_fixed_h(f, x, h=1e-5):
    step = 1e-5
    return (f(x + step) - f(x - step)) / (2 * step)


def nd_over_h(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / h


def nd_backwards(f, x, h=1e-5):
    return (f(x - h) - f(x + h)) / (2 * h)


def nd_int_buffer(f, x, h=1e-5):
    plus = np.empty_like(np.asarray(x))
    minus = np.empty_like(np.asarray(x))
    plus[...] = np.asarray(x) + h
    minus[...] = np.asarray(x) - h
    out = (f(plus) - f(minus)) / (2 * h)
    return out if np.ndim(x) else out[()]


def nd_shift_in_place(f, x, h=1e-5):
    x = np.asarray(x, dtype=float)
    x += h
    up = f(x)
    x -= 2 * h
    down = f(x)
    x += h
    return (up - down) / (2 * h)


def nd_ok_stencil(f, x, h=1e-5):
    xs = np.asarray(x, dtype=float)
    total = sum(c * np.asarray(f(xs + k * h), dtype=float) for c, k in ((0.5, 1), (-0.5, -1)))
    out = total / h
    return out if np.ndim(x) else float(out)


def nd_ok_copy(f, x, h=1e-5):
    base = np.array(x, dtype=np.float64)
    hi, lo = base.copy(), base.copy()
    hi += h
    lo -= h
    return np.divide(np.subtract(f(hi), f(lo)), 2.0 * h)


# ----------------------------------------------------------------------------- gradient_descent_update
def gd_plus(x, gradx, learning_rate):
    return x + learning_rate * gradx


def gd_in_place(x, gradx, learning_rate):
    x -= learning_rate * gradx
    return x


def gd_int_buffer(x, gradx, learning_rate):
    new = np.zeros_like(x)
    new[...] = x - learning_rate * gradx
    return new if np.ndim(x) else new[()]


def gd_fixed_rate(x, gradx, learning_rate):
    lr = 0.01
    return x - lr * gradx


def gd_averaged(x, gradx, learning_rate):
    return x - learning_rate * gradx / np.size(x)


def gd_ok_subtract(x, gradx, learning_rate):
    return np.subtract(np.asarray(x, dtype=float), np.multiply(learning_rate, gradx))


def gd_ok_copy(x, gradx, learning_rate):
    y = np.array(x, dtype=np.float64, copy=True)
    y -= learning_rate * np.asarray(gradx, dtype=np.float64)
    return y if y.ndim else float(y)


# ----------------------------------------------------------------------------- gradient_check_error
def _numeric(x, grad_output, h):
    return grad_output * (_sig(x + h) - _sig(x - h)) / (2 * h)


def gce_mean(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = _numeric(x, grad_output, h)
    return float(np.mean(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_absolute(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = _numeric(x, grad_output, h)
    return float(np.max(np.abs(a - n)))


def gce_no_floor(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = _numeric(x, grad_output, h)
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(np.max(np.abs(a - n) / (np.abs(a) + np.abs(n))))


def gce_forward(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + h) - _sig(x)) / h
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_fixed_h(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = _numeric(x, grad_output, 1e-5)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_numeric_without_g(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_passes_x_as_out(backward, x, grad_output, h=1e-5):
    a = backward(x, np.asarray(x, dtype=float), grad_output)
    n = _numeric(x, grad_output, h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_max_denominator(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = _numeric(x, grad_output, h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.maximum(np.abs(a), np.abs(n)))))


def gce_ok_loop(backward, x, grad_output, h=1e-5):
    out = 1.0 / (1.0 + np.exp(-np.clip(np.asarray(x, dtype=float), -500, 500)))
    a = np.broadcast_to(np.asarray(backward(x, out, grad_output), dtype=float), np.shape(out)).ravel()
    xs = np.asarray(x, dtype=float)
    g = np.broadcast_to(np.asarray(grad_output, dtype=float), xs.shape).ravel()
    worst = 0.0
    for ai, xi, gi in zip(a, xs.ravel(), g):
        ni = gi * (1 / (1 + math.exp(-(xi + h))) - 1 / (1 + math.exp(-(xi - h)))) / (2 * h)
        worst = max(worst, abs(ai - ni) / max(1e-8, abs(ai) + abs(ni)))
    return float(worst)


def gce_ok_where_floor(backward, x, grad_output, h=1e-5):
    def s(v):
        v = np.asarray(v, dtype=float)
        e = np.exp(-np.abs(v))
        return np.where(v >= 0, 1.0, e) / (1.0 + e)
    a = backward(x, s(x), grad_output)
    n = grad_output * (s(x + h) - s(x - h)) / (2 * h)
    denom = np.abs(a) + np.abs(n)
    return np.max(np.abs(a - n) / np.where(denom > 1e-8, denom, 1e-8)).item()


# ----------------------------------------------------------------------------- parabola_rates
def pr_sign():
    return (lambda lr: 1 + 2 * lr), 0.5, 1.0


def pr_no_two():
    return (lambda lr: 1 - lr), 1.0, 2.0


def pr_oscillation_is_unstable():
    return (lambda lr: 1 - 2 * lr), 0.5, 0.5


def pr_hessian_one():
    return (lambda lr: 1 - 2 * lr), 0.5, 2.0


def pr_magnitude():
    return (lambda lr: abs(1 - 2 * lr)), 0.5, 1.0


def pr_ok_fraction():
    return (lambda lr: float(1 - Fraction(2) * Fraction(lr))), float(Fraction(1, 2)), float(Fraction(1))


def pr_ok_one_step():
    def step_factor(learning_rate):
        x = 3.0
        return (x - learning_rate * 2 * x) / x
    return step_factor, 1 / 2, 2 / 2


# ----------------------------------------------------------------------------- hand_gradients
def hg_outer_path_only():
    return -2.0, 4.0, 2.0


def hg_inner_path_only():
    return -6.0, 4.0, 2.0


def hg_dy_sign():
    return -8.0, -4.0, 2.0


def hg_dz_local():
    return -8.0, 4.0, 1.0


def hg_dy_local():
    return -8.0, 2.0, 2.0


def hg_dy_dz_swapped():
    return -8.0, 2.0, 4.0


def hg_ok_numbers():
    return -8, 4, 2


def hg_ok_worked():
    x, y, z = 2.0, -3.0, 4.0
    inner = x * y + z
    return inner + x * y, x * x, x


# ----------------------------------------------------------------------------- topological_sort
def ts_no_visited(root):
    order = []

    def visit(t):
        for p in t.parents:
            visit(p)
        order.append(t)
    visit(root)
    return order


def ts_reversed_bfs(root):
    seen, queue, order = {root}, deque([root]), []
    while queue:
        t = queue.popleft()
        order.append(t)
        for p in t.parents:
            if p not in seen:
                seen.add(p)
                queue.append(p)
    return order[::-1]


def ts_skips_constants(root):
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
    pre, seen, stack = [], set(), [root]
    while stack:
        t = stack.pop()
        if t in seen:
            continue
        seen.add(t)
        pre.append(t)
        stack.extend(reversed(t.parents))
    return pre[::-1]


def ts_root_first(root):
    order, seen = [], set()

    def visit(t):
        if t not in seen:
            seen.add(t)
            for p in t.parents:
                visit(p)
            order.append(t)
    visit(root)
    return list(reversed(order))


def ts_lone_leaf_missing(root):
    order, seen = [], set()

    def visit(t):
        for p in t.parents:
            if p not in seen:
                seen.add(p)
                visit(p)
                order.append(p)
    visit(root)
    if root.parents:
        order.append(root)
    return order


def ts_ok_kahn(root):
    consumers = defaultdict(int)
    nodes, stack = {root}, [root]
    while stack:
        t = stack.pop()
        for p in t.parents:
            consumers[p] += 1
            if p not in nodes:
                nodes.add(p)
                stack.append(p)
    ready, backwards = [root], []
    while ready:
        t = ready.pop()
        backwards.append(t)
        for p in t.parents:
            consumers[p] -= 1
            if consumers[p] == 0:
                ready.append(p)
    return backwards[::-1]


def ts_ok_depth(root):
    depth = {root: 0}  # longest distance from the root, by relaxation (no deep recursion)
    order = [root]
    changed = True
    while changed:
        changed = False
        for t in list(order):
            for p in t.parents:
                if depth.get(p, -1) < depth[t] + 1:
                    if p not in depth:
                        order.append(p)
                    depth[p] = depth[t] + 1
                    changed = True
    return sorted(order, key=lambda t: -depth[t])


def ts_ok_generator(root):
    def walk(t, seen):
        if t in seen:
            return
        seen.add(t)
        for p in t.parents:
            yield from walk(p, seen)
        yield t
    return tuple(walk(root, set()))


# ----------------------------------------------------------------------------- backward_pass
def _order(root):
    return ts_ok_kahn(root)


def bp_overwrite(root):
    grads = {root: np.ones_like(root.data)}
    for t in reversed(_order(root)):
        if t not in grads or not t.parents:
            continue
        for p, g in zip(t.parents, mg.input_gradients(t, grads[t])):
            if g is not None:
                grads[p] = g
    return grads


def bp_breadth_first(root):
    grads = {root: np.ones_like(root.data)}
    queue, queued = deque([root]), {root}
    while queue:
        t = queue.popleft()
        for p, g in zip(t.parents, mg.input_gradients(t, grads[t])):
            if g is None:
                continue
            grads[p] = grads[p] + g if p in grads else g
            if p not in queued:
                queued.add(p)
                queue.append(p)
    return grads


def bp_starts_from_grad(root):
    grads = {root: np.ones_like(root.data)}
    for t in reversed(_order(root)):
        if t not in grads or not t.parents:
            continue
        for p, g in zip(t.parents, mg.input_gradients(t, grads[t])):
            if g is None:
                continue
            if p not in grads:
                grads[p] = (p.grad if p.grad is not None else 0.0) + g
            else:
                grads[p] = grads[p] + g
    return grads


def bp_skips_zeros(root):
    grads = {root: np.ones_like(root.data)}
    for t in reversed(_order(root)):
        g_t = grads.get(t)
        if g_t is None or not t.parents or not np.any(g_t):
            continue
        for p, g in zip(t.parents, mg.input_gradients(t, g_t)):
            if g is not None and np.any(g):
                grads[p] = grads[p] + g if p in grads else g
    return grads


def bp_scalar_seed(root):
    grads = {root: np.float64(1.0)}
    for t in reversed(_order(root)):
        if t not in grads or not t.parents:
            continue
        for p, g in zip(t.parents, mg.input_gradients(t, grads[t])):
            if g is not None:
                grads[p] = grads[p] + g if p in grads else g
    grads[root] = np.asarray(grads[root])
    return grads


def bp_plus_equals(root):
    grads = {root: np.ones_like(root.data)}
    for t in reversed(_order(root)):
        if t not in grads or not t.parents:
            continue
        for p, g in zip(t.parents, mg.input_gradients(t, grads[t])):
            if g is None:
                continue
            if p in grads:
                grads[p] += g
            else:
                grads[p] = g
    return grads


def bp_leaves_only(root):
    grads = {root: np.ones_like(root.data)}
    for t in reversed(_order(root)):
        if t not in grads or not t.parents:
            continue
        for p, g in zip(t.parents, mg.input_gradients(t, grads[t])):
            if g is not None:
                grads[p] = grads[p] + g if p in grads else g
    return {t: g for t, g in grads.items() if not t.parents}


def bp_duplicated_order(root):
    grads = {root: np.ones_like(root.data)}
    for t in reversed(ts_no_visited(root)):
        if t not in grads or not t.parents:
            continue
        for p, g in zip(t.parents, mg.input_gradients(t, grads[t])):
            if g is not None:
                grads[p] = grads[p] + g if p in grads else g
    return grads


def bp_ok_defaultdict(root):
    order = ts_ok_generator(root)
    grads = defaultdict(lambda: None)
    grads[root] = np.ones(root.shape)
    for t in order[::-1]:
        if grads[t] is None:
            continue
        for p, g in zip(t.parents, mg.input_gradients(t, grads[t])):
            if g is None:
                continue
            grads[p] = np.array(g, dtype=float) if grads[p] is None else np.add(grads[p], g)
    return {t: g for t, g in grads.items() if g is not None}


def bp_ok_pending(root):
    consumers = defaultdict(int)
    seen, stack = {root}, [root]
    while stack:
        t = stack.pop()
        for p in t.parents:
            consumers[p] += 1
            if p not in seen:
                seen.add(p)
                stack.append(p)
    result = {}
    pending = {root: np.ones_like(root.data)}
    ready = [root]
    while ready:
        t = ready.pop()
        g_t = pending.pop(t)
        result[t] = g_t
        grads = mg.input_gradients(t, g_t) if t.parents else ()
        for i, p in enumerate(t.parents):
            g = grads[i] if grads[i] is not None else np.zeros_like(p.data)
            pending[p] = pending[p] + g if p in pending else np.array(g, dtype=float)
            consumers[p] -= 1
            if consumers[p] == 0:
                ready.append(p)
    return {t: g for t, g in result.items() if t.requires_grad or t is root}


# ----------------------------------------------------------------------------- bfs_counterexample
def bfs_fanout_on_leaf():
    w = mg.Tensor(0.5, requires_grad=True)
    loss = w * w + w
    return loss, w


def bfs_uses_neg():
    w = mg.Tensor(0.5, requires_grad=True)
    x = w * 2.0
    loss = mg.functional.neg(mg.functional.neg(x)) + x
    return loss, w


def bfs_vector_loss():
    w = mg.Tensor([0.5, -0.3, 1.2], requires_grad=True)
    x = mg.exp(w)
    loss = x + x * x
    return loss, w


def bfs_w_without_grad():
    w = mg.Tensor(0.5)
    x = mg.exp(w)
    loss = x + x * x
    return loss, w


def bfs_swapped_return():
    w = mg.Tensor(0.5, requires_grad=True)
    x = mg.exp(w)
    loss = x + x * x
    return w, loss


def bfs_zero_gradient():
    w = mg.Tensor(0.0, requires_grad=True)
    x = w * w
    loss = x + x * x
    return loss, w


def bfs_long_paths_to_leaf():
    w = mg.Tensor(0.3, requires_grad=True)
    loss = mg.exp(mg.exp(w)) + w
    return loss, w


def bfs_ok_exp_of_x():
    w = mg.Tensor(0.2, requires_grad=True)
    x = w * 3.0
    loss = x + mg.exp(x)
    return loss, w


def bfs_ok_vector_one():
    w = mg.Tensor([0.7], requires_grad=True)
    x = mg.tanh(w)
    loss = (x + mg.sigmoid(mg.exp(x))).sum()
    return loss, w


# ----------------------------------------------------------------------------- sigmoid
def sg_naive(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def sg_exp_ratio(x):
    e = np.exp(np.asarray(x, dtype=float))
    return e / (1.0 + e)


def sg_int_buffer(x):
    x = np.asarray(x)
    out = np.zeros_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def sg_branches_swapped(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, e / (1.0 + e), 1.0 / (1.0 + e))


def sg_where_both(x):
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, 1.0 / (1.0 + np.exp(-x)), np.exp(x) / (1.0 + np.exp(x)))


def sg_clip_twenty(x):
    x = np.clip(np.asarray(x, dtype=float), -20.0, 20.0)
    return 1.0 / (1.0 + np.exp(-x))


def sg_ok_logaddexp(x):
    return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=float)))


def sg_ok_tanh(x):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=np.float64)))


def sg_ok_clip500(x):
    return 1.0 / (1.0 + np.exp(-np.clip(np.asarray(x, dtype=float), -500.0, 500.0)))


# ----------------------------------------------------------------------------- sigmoid_backward
def sb_uses_x(x, out, grad_output):
    return grad_output * x * (1 - x)


def sb_no_upstream(x, out, grad_output):
    return out * (1.0 - out)


def sb_sign(x, out, grad_output):
    return grad_output * out * (out - 1.0)


def sb_from_x_exp(x, out, grad_output):
    e = np.exp(-x)
    return grad_output * e / (1.0 + e) ** 2


def sb_in_place(x, out, grad_output):
    s = out
    s *= 1.0 - out
    return grad_output * s


def sb_tanh_half(x, out, grad_output):
    return grad_output * 0.5 * (1.0 - np.tanh(x / 2.0) ** 2)


def sb_ok_multiply(x, out, grad_output):
    return np.multiply(grad_output, out * (1.0 - out))


def sb_ok_einsum(x, out, grad_output):
    return np.einsum("...,...,...->...", grad_output, out, 1.0 - out)


# ----------------------------------------------------------------------------- tanh_backward
def tb_uses_x(x, out, grad_output):
    return grad_output * (1.0 - x ** 2)


def tb_no_upstream(x, out, grad_output):
    return 1.0 - out * out


def tb_sign(x, out, grad_output):
    return grad_output * (out ** 2 - 1.0)


def tb_sech(x, out, grad_output):
    return grad_output / np.cosh(x) ** 2


def tb_tanh_of_out(x, out, grad_output):
    return grad_output * (1.0 - np.tanh(out) ** 2)


def tb_ok_factored(x, out, grad_output):
    return grad_output * (1.0 - out) * (1.0 + out)


def tb_ok_copy(x, out, grad_output):
    g = np.array(grad_output, dtype=float)
    g *= 1.0 - np.square(out)
    return g


# ----------------------------------------------------------------------------- relu_backward
def rb_kink_one(x, out, grad_output):
    return grad_output * (x >= 0)


def rb_no_upstream(x, out, grad_output):
    return (x > 0).astype(float)


def rb_relu_of_upstream(x, out, grad_output):
    return np.where(grad_output > 0, grad_output, 0.0)


def rb_in_place(x, out, grad_output):
    g = grad_output
    g[x <= 0] = 0.0
    return g


def rb_heaviside_half(x, out, grad_output):
    return grad_output * np.heaviside(x, 0.5)


def rb_ok_where(x, out, grad_output):
    return np.where(x > 0, grad_output, np.zeros_like(grad_output))


def rb_ok_sign_out(x, out, grad_output):
    return grad_output * np.sign(out)


# ----------------------------------------------------------------------------- mul_backward
def mb_swapped(a, b, grad_output):
    return grad_output * a, grad_output * b


def mb_no_upstream(a, b, grad_output):
    return b.copy(), a.copy()


def mb_matrix_product(a, b, grad_output):
    return grad_output @ b.T, a.T @ grad_output


def mb_in_place(a, b, grad_output):
    ga = grad_output
    ga *= b
    return ga, grad_output * a


def mb_copy_paste(a, b, grad_output):
    return grad_output * b, grad_output * b


def mb_ok_einsum(a, b, grad_output):
    return np.einsum("...,...->...", grad_output, b), np.einsum("...,...->...", a, grad_output)


def mb_ok_out(a, b, grad_output):
    da, db = np.empty(np.shape(a)), np.empty(np.shape(b))
    np.multiply(grad_output, b, out=da)
    np.multiply(grad_output, a, out=db)
    return da, db


# ----------------------------------------------------------------------------- add_backward
def _sum_to(g, shape):
    g = np.asarray(g, dtype=float)
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and g.shape[axis] != 1:
            g = g.sum(axis=axis, keepdims=True)
    return np.array(g)


def ab_no_sum(a, b, grad_output):
    return grad_output.copy(), grad_output.copy()


def ab_axis0_only(a, b, grad_output):
    ga = grad_output if np.shape(a) == grad_output.shape else grad_output.sum(axis=0)
    gb = grad_output if np.shape(b) == grad_output.shape else grad_output.sum(axis=0)
    return np.array(ga), np.array(gb)


def ab_leading_only(a, b, grad_output):
    def lead(g, shape):
        while g.ndim > len(shape):
            g = g.sum(axis=0)
        return np.array(g)
    return lead(grad_output, np.shape(a)), lead(grad_output, np.shape(b))


def ab_mean(a, b, grad_output):
    def shrink(g, shape):
        while g.ndim > len(shape):
            g = g.mean(axis=0)
        for axis, size in enumerate(shape):
            if size == 1 and g.shape[axis] != 1:
                g = g.mean(axis=axis, keepdims=True)
        return np.array(g)
    return shrink(grad_output, np.shape(a)), shrink(grad_output, np.shape(b))


def ab_shapes_swapped(a, b, grad_output):
    return _sum_to(grad_output, np.shape(b)), _sum_to(grad_output, np.shape(a))


def ab_sum_then_reshape(a, b, grad_output):
    def fit(g, shape):
        if g.shape == tuple(shape):
            return g.copy()
        return g.sum(axis=0).reshape(shape)
    return fit(grad_output, np.shape(a)), fit(grad_output, np.shape(b))


def ab_ok_axes(a, b, grad_output):
    def reduce(shape):
        shape = tuple(shape)
        lead = grad_output.ndim - len(shape)
        axes = tuple(range(lead)) + tuple(lead + i for i, n in enumerate(shape)
                                          if n == 1 and grad_output.shape[lead + i] != 1)
        return np.sum(grad_output, axis=axes).reshape(shape).astype(float)
    return reduce(np.shape(a)), reduce(np.shape(b))


def ab_ok_add_at(a, b, grad_output):
    def scatter(shape):
        full = np.broadcast_to(np.arange(int(np.prod(shape))).reshape(shape), grad_output.shape)
        acc = np.zeros(int(np.prod(shape)))
        np.add.at(acc, full.ravel(), grad_output.ravel())
        return acc.reshape(shape)
    return scatter(np.shape(a)), scatter(np.shape(b))


# ----------------------------------------------------------------------------- matmul_backward
def mm_db_transposed(a, b, grad_output):
    return grad_output @ b.T, grad_output.T @ a


def mm_left_right(a, b, grad_output):
    return b.T @ grad_output.T, a.T @ grad_output


def mm_elementwise(a, b, grad_output):
    return grad_output * b.T, a.T * grad_output


def mm_swapped(a, b, grad_output):
    return a.T @ grad_output, grad_output @ b.T


def mm_no_upstream(a, b, grad_output):
    ones = np.ones_like(grad_output)
    return ones @ b.T, a.T @ ones


def mm_squeezed(a, b, grad_output):
    return grad_output @ b.T, np.squeeze(a.T @ grad_output)


def mm_ok_einsum(a, b, grad_output):
    return np.einsum("nm,km->nk", grad_output, b), np.einsum("nk,nm->km", a, grad_output)


def mm_ok_outer(a, b, grad_output):
    db = np.zeros(b.shape)
    for n in range(a.shape[0]):
        db += np.outer(a[n], grad_output[n])
    da = np.stack([b @ grad_output[n] for n in range(a.shape[0])])
    return da, db


# ----------------------------------------------------------------------------- linear_backward
def lb_bias_unsummed(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.copy()


def lb_bias_axis1(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.sum(axis=1)


def lb_dw_transposed(x, W, b, grad_output):
    return grad_output @ W.T, grad_output.T @ x, grad_output.sum(axis=0)


def lb_bias_mean(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.mean(axis=0)


def lb_dx_no_transpose(x, W, b, grad_output):
    return grad_output @ W, x.T @ grad_output, grad_output.sum(axis=0)


def lb_dw_first(x, W, b, grad_output):
    return x.T @ grad_output, grad_output @ W.T, grad_output.sum(axis=0)


def lb_ok_einsum(x, W, b, grad_output):
    return (np.einsum("no,io->ni", grad_output, W), np.einsum("ni,no->io", x, grad_output),
            np.einsum("no->o", grad_output))


def lb_ok_loop(x, W, b, grad_output):
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    dx = np.zeros(x.shape)
    for row_x, row_g, i in zip(x, grad_output, range(len(x))):
        dW += np.outer(row_x, row_g)
        db += row_g
        dx[i] = W @ row_g
    return dx, dW, db


# ----------------------------------------------------------------------------- mse_backward
def ms_no_two(pred, target, grad_output):
    return grad_output * (pred - target) / pred.size


def ms_no_mean(pred, target, grad_output):
    return 2.0 * grad_output * (pred - target)


def ms_sign(pred, target, grad_output):
    return 2.0 * grad_output * (target - pred) / pred.size


def ms_len(pred, target, grad_output):
    return 2.0 * grad_output * (pred - target) / len(pred)


def ms_no_upstream(pred, target, grad_output):
    return 2.0 * (pred - target) / pred.size


def ms_ok_scaled(pred, target, grad_output):
    return np.subtract(pred, target) * (2.0 * np.asarray(grad_output, dtype=float) / np.size(pred))


def ms_ok_copy(pred, target, grad_output):
    d = np.array(pred, dtype=float)
    d -= target
    d *= 2.0 / d.size
    d *= grad_output
    return d


# ----------------------------------------------------------------------------- cross_entropy_backward
def _softmax_rows(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def ce_no_onehot(logits, labels, grad_output):
    return grad_output * _softmax_rows(logits) / len(labels)


def ce_no_shift(logits, labels, grad_output):
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1.0
    return grad_output * p / len(labels)


def ce_no_mean(logits, labels, grad_output):
    p = _softmax_rows(logits)
    p[np.arange(len(labels)), labels] -= 1.0
    return grad_output * p


def ce_global_max(logits, labels, grad_output):
    e = np.exp(logits - logits.max())
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1.0
    return grad_output * p / len(labels)


def ce_shift_in_place(logits, labels, grad_output):
    logits -= logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1.0
    return grad_output * p / len(labels)


def ce_column_softmax(logits, labels, grad_output):
    e = np.exp(logits - logits.max(axis=0, keepdims=True))
    p = e / e.sum(axis=0, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1.0
    return grad_output * p / len(labels)


def ce_no_upstream(logits, labels, grad_output):
    p = _softmax_rows(logits)
    p[np.arange(len(labels)), labels] -= 1.0
    return p / len(labels)


def ce_column_index(logits, labels, grad_output):
    p = _softmax_rows(logits)
    p[:, labels] -= 1.0
    return grad_output * p / len(labels)


def ce_ok_logsumexp(logits, labels, grad_output):
    m = np.max(logits, axis=-1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(logits - m), axis=-1, keepdims=True))
    p = np.exp(logits - lse)
    onehot = np.eye(logits.shape[-1])[labels]
    n = 1 if logits.ndim == 1 else logits.shape[0]
    return (p - onehot) * (grad_output / n)


def ce_ok_rows(logits, labels, grad_output):
    out = np.empty(logits.shape)
    for i, (row, label) in enumerate(zip(logits, labels)):
        e = np.exp(row - row.max())
        out[i] = e / e.sum()
        out[i, label] -= 1.0
    return out * grad_output / logits.shape[0]


# ----------------------------------------------------------------------------- jacobian_fd
def jf_forward(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    f0 = np.asarray(f(x), dtype=float)
    cols = []
    for j in range(x.size):
        xp = x.copy()
        xp[j] += eps
        cols.append((np.asarray(f(xp), dtype=float) - f0) / eps)
    return np.stack(cols, axis=1)


def jf_rows_are_inputs(f, x, eps=1e-6):
    rows = []
    for j in range(x.size):
        e = np.zeros(x.size)
        e[j] = eps
        rows.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * eps))
    return np.array(rows)


def jf_fixed_eps(f, x, eps=1e-6):
    step = 1e-6
    cols = [(np.asarray(f(x + step * e)) - np.asarray(f(x - step * e))) / (2 * step) for e in np.eye(x.size)]
    return np.column_stack(cols)


def jf_not_restored(f, x, eps=1e-6):
    cols = []
    for j in range(x.size):
        x[j] += eps
        up = np.array(f(x), dtype=float)
        x[j] -= 2 * eps
        down = np.array(f(x), dtype=float)
        cols.append((up - down) / (2 * eps))
    return np.stack(cols, axis=1)


def jf_view_kept(f, x, eps=1e-6):
    J = None
    for j in range(x.size):
        old = x[j]
        x[j] = old + eps
        up = f(x)
        x[j] = old - eps
        down = f(x)
        x[j] = old
        col = (up - down) / (2 * eps)
        if J is None:
            J = np.zeros((np.size(col), x.size))
        J[:, j] = col
    return J


def jf_over_eps(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    return np.stack([(np.asarray(f(x + eps * e)) - np.asarray(f(x - eps * e))) / eps for e in np.eye(x.size)], axis=1)


def jf_ok_in_place(f, x, eps=1e-6):
    cols = []
    for j in range(x.size):
        old = x[j]
        x[j] = old + eps
        up = np.array(f(x), dtype=float, copy=True)
        x[j] = old - eps
        down = np.array(f(x), dtype=float, copy=True)
        x[j] = old
        cols.append((up - down) / (2 * eps))
    return np.stack(cols, axis=-1).reshape(-1, x.size)


def jf_ok_steps(f, x, eps=1e-6):
    base = np.array(x, dtype=float)
    steps = np.eye(base.size) * eps
    diffs = [np.array(f(base + s), dtype=float) - np.array(f(base - s), dtype=float) for s in steps]
    return np.asarray(diffs).reshape(base.size, -1).T / (2 * eps)


# ----------------------------------------------------------------------------- jacobian_reverse
def jr_accumulates(f, x):
    leaf = mg.Tensor(np.array(x, dtype=float), requires_grad=True)
    y = f(leaf)
    rows = []
    for unit in np.eye(y.shape[0]):
        y.backward(unit)
        rows.append(leaf.grad.copy())
    return np.array(rows)


def jr_transposed(f, x):
    leaf = mg.Tensor(np.array(x, dtype=float), requires_grad=True)
    y = f(leaf)
    cols = []
    for unit in np.eye(y.shape[0]):
        leaf.grad = None
        y.backward(unit)
        cols.append(leaf.grad.copy())
    return np.stack(cols, axis=1)


def jr_one_pass(f, x):
    leaf = mg.Tensor(np.array(x, dtype=float), requires_grad=True)
    y = f(leaf)
    y.backward(np.ones(y.shape))
    return np.tile(leaf.grad, (y.shape[0], 1))


def jr_zeroed_buffer(f, x):
    leaf = mg.Tensor(np.array(x, dtype=float), requires_grad=True)
    y = f(leaf)
    rows = []
    for unit in np.eye(y.shape[0]):
        if leaf.grad is not None:
            leaf.grad *= 0.0
        y.backward(unit)
        rows.append(leaf.grad)
    return np.array(rows)


def jr_squeezed(f, x):
    leaf = mg.Tensor(np.array(x, dtype=float), requires_grad=True)
    y = f(leaf)
    rows = []
    for unit in np.eye(y.shape[0]):
        leaf.grad = None
        y.backward(unit)
        rows.append(leaf.grad.copy())
    return np.array(rows).squeeze()


def jr_ok_fresh_leaf(f, x):
    rows = []
    m = None
    i = 0
    while m is None or i < m:
        leaf = mg.Tensor(x, requires_grad=True)
        y = f(leaf)
        m = y.shape[0]
        y.backward(np.eye(m)[i])
        rows.append(np.zeros(leaf.shape) if leaf.grad is None else leaf.grad)
        i += 1
    return np.vstack(rows)


def jr_ok_preallocated(f, x):
    leaf = mg.Tensor(np.asarray(x, dtype=float), requires_grad=True)
    y = f(leaf)
    J = np.zeros((y.shape[0], leaf.shape[0]))
    for i in range(y.shape[0]):
        leaf.grad = None
        seed = np.zeros(y.shape)
        seed[i] = 1.0
        y.backward(seed)
        if leaf.grad is not None:
            J[i, :] = leaf.grad
    return J


# ----------------------------------------------------------------------------- chain_gradients
def cg_column(input_jacobians, grad_last):
    grads = [np.asarray(grad_last, dtype=float)]
    for J in reversed(input_jacobians):
        grads.append(J @ grads[-1])
    return grads[::-1]


def cg_forward_loop(input_jacobians, grad_last):
    grads = [np.asarray(grad_last, dtype=float)]
    for J in input_jacobians:
        grads.insert(0, grads[0] @ J)
    return grads


def cg_reverse_list(input_jacobians, grad_last):
    input_jacobians.reverse()
    grads = [grad_last]
    for J in input_jacobians:
        grads.append(grads[-1] @ J)
    return grads[::-1]


def cg_last_first(input_jacobians, grad_last):
    grads = [grad_last]
    for J in input_jacobians[::-1]:
        grads.append(grads[-1] @ J)
    return grads


def cg_without_last(input_jacobians, grad_last):
    g = grad_last
    grads = []
    for J in reversed(input_jacobians):
        g = g @ J
        grads.insert(0, g)
    return grads


def cg_empty(input_jacobians, grad_last):
    grads = []
    g = np.asarray(grad_last, dtype=float)
    for k in range(len(input_jacobians) - 1, -1, -1):
        if not grads:
            grads.append(g)
        g = g @ input_jacobians[k]
        grads.append(g)
    return grads[::-1]


def cg_ok_recursive(input_jacobians, grad_last):
    if not input_jacobians:
        return [np.array(grad_last, dtype=float)]
    rest = cg_ok_recursive(input_jacobians[1:], grad_last)
    return [rest[0] @ input_jacobians[0]] + rest


def cg_ok_accumulate(input_jacobians, grad_last):
    steps = itertools.accumulate(input_jacobians[::-1], lambda g, J: g @ J, initial=np.asarray(grad_last, float))
    return list(steps)[::-1]


# ----------------------------------------------------------------------------- loglog_slope
def ll_axes_swapped(sizes, times):
    return float(np.polyfit(np.log(times), np.log(sizes), 1)[0])


def ll_endpoints(sizes, times):
    s = np.log(np.asarray(sizes, dtype=float))
    t = np.log(np.asarray(times, dtype=float))
    return float((t[-1] - t[0]) / (s[-1] - s[0]))


def ll_times_unlogged(sizes, times):
    return float(np.polyfit(np.log(sizes), times, 1)[0])


def ll_through_origin(sizes, times):
    s = np.log(np.asarray(sizes, dtype=float))
    t = np.log(np.asarray(times, dtype=float))
    return float(np.dot(s, t) / np.dot(s, s))


def ll_mean_of_steps(sizes, times):
    s = np.log(np.asarray(sizes, dtype=float))
    t = np.log(np.asarray(times, dtype=float))
    return float(np.mean(np.diff(t) / np.diff(s)))


def ll_ok_covariance(sizes, times):
    s = np.log2(np.asarray(sizes, dtype=float))
    t = np.log2(np.asarray(times, dtype=float))
    sc, tc = s - s.mean(), t - t.mean()
    return float(np.sum(sc * tc) / np.sum(sc * sc))


def ll_ok_lstsq(sizes, times):
    s = np.log10(np.asarray(sizes, dtype=float))
    A = np.column_stack([s, np.ones_like(s)])
    coef, *_ = np.linalg.lstsq(A, np.log10(np.asarray(times, dtype=float)), rcond=None)
    return float(coef[0])


# ----------------------------------------------------------------------------- mse_gradient
def mg_no_two(w, X_batch, y_batch):
    return X_batch.T @ (X_batch @ w - y_batch) / len(y_batch)


def mg_no_mean(w, X_batch, y_batch):
    return 2.0 * X_batch.T @ (X_batch @ w - y_batch)


def mg_sign(w, X_batch, y_batch):
    return 2.0 / len(y_batch) * X_batch.T @ (y_batch - X_batch @ w)


def mg_per_feature(w, X_batch, y_batch):
    return 2.0 / X_batch.shape[1] * X_batch.T @ (X_batch @ w - y_batch)


def mg_per_entry(w, X_batch, y_batch):
    return 2.0 / X_batch.size * X_batch.T @ (X_batch @ w - y_batch)


def mg_at_zero(w, X_batch, y_batch):
    return -2.0 / len(y_batch) * X_batch.T @ y_batch


def mg_ok_einsum(w, X_batch, y_batch):
    r = np.einsum("bd,d...->b...", X_batch, w) - y_batch
    return np.einsum("bd,b...->d...", X_batch, r) * (2.0 / X_batch.shape[0])


def mg_ok_rows(w, X_batch, y_batch):
    g = np.zeros(np.shape(w))
    for row, target in zip(X_batch, y_batch):
        g = g + 2.0 * np.multiply.outer(row, row @ w - target).reshape(np.shape(w))
    return g / len(X_batch)


# ----------------------------------------------------------------------------- largest_stable_learning_rate
def ls_smallest(X):
    X = np.asarray(X, dtype=float)
    return float(2.0 / np.linalg.eigvalsh(2.0 / len(X) * X.T @ X)[0])


def ls_gram(X):
    X = np.asarray(X, dtype=float)
    return float(2.0 / np.linalg.eigvalsh(X.T @ X)[-1])


def ls_one_over(X):
    X = np.asarray(X, dtype=float)
    return float(1.0 / np.linalg.eigvalsh(2.0 / len(X) * X.T @ X)[-1])


def ls_singular(X):
    X = np.asarray(X, dtype=float)
    return float(2.0 / (2.0 / len(X) * np.linalg.norm(X, 2)))


def ls_trace(X):
    X = np.asarray(X, dtype=float)
    return float(2.0 / np.trace(2.0 / len(X) * X.T @ X))


def ls_by_features(X):
    X = np.asarray(X, dtype=float)
    return float(2.0 / np.linalg.eigvalsh(2.0 / X.shape[1] * X.T @ X)[-1])


def ls_ok_svd(X):
    X = np.asarray(X, dtype=float)
    s = np.linalg.svd(X, compute_uv=False)
    return float(X.shape[0] / s[0] ** 2)


def ls_ok_eigmax(X):
    X = np.asarray(X, dtype=np.float64)
    H = (2.0 / X.shape[0]) * np.einsum("pi,pj->ij", X, X)
    return 2.0 / float(np.max(np.linalg.eigvalsh(H)))


# ----------------------------------------------------------------------------- minibatch_indices
def mi_in_order(n, batch_size, rng):
    order = np.arange(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def mi_full_batches(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[i:i + batch_size] for i in range(0, n - batch_size + 1, batch_size)]


def mi_global_random(n, batch_size, rng):
    order = np.random.default_rng(0).permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def mi_choice(n, batch_size, rng):
    order = rng.choice(n, size=n, replace=False)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def mi_fresh_permutation(n, batch_size, rng):
    return [rng.permutation(n)[:min(batch_size, n - i)] for i in range(0, n, batch_size)]


def mi_array_split(n, batch_size, rng):
    order = rng.permutation(n)
    return np.array_split(order, math.ceil(n / batch_size))


def mi_ok_split_points(n, batch_size, rng):
    return list(np.split(rng.permutation(n), range(batch_size, n, batch_size)))


def mi_ok_generator(n, batch_size, rng):
    order = rng.permutation(n)

    def cut():
        start = 0
        while start < n:
            yield order[start:start + batch_size].copy()
            start += batch_size
    return list(cut())


def mi_ok_shuffle(n, batch_size, rng):
    order = np.arange(n)
    rng.shuffle(order)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


WRONG = [
    # numerical_derivative
    Blind("numerical_derivative", "forward_difference", "(f(x+h) - f(x)) / h", nd_forward),
    Blind("numerical_derivative", "fixed_step", "always steps by 1e-5, whatever h is given", nd_fixed_h),
    Blind("numerical_derivative", "missing_factor", "central difference divided by h, not 2h", nd_over_h),
    Blind("numerical_derivative", "sign_error", "(f(x-h) - f(x+h)) / 2h", nd_backwards),
    Blind("numerical_derivative", None, "x +/- h written into empty_like(x): integer x truncates the step away",
          nd_int_buffer),
    Blind("numerical_derivative", "in_place", "shifts x in place by +h, -2h, +h (x is read-only)",
          nd_shift_in_place),
    # gradient_descent_update
    Blind("gradient_descent_update", "sign_error", "x + lr * gradx", gd_plus),
    Blind("gradient_descent_update", "in_place", "x -= lr * gradx, returns x", gd_in_place),
    Blind("gradient_descent_update", None, "result written into zeros_like(x): integer x truncates",
          gd_int_buffer),
    Blind("gradient_descent_update", "fixed_step", "uses a learning rate of 0.01, not the one given",
          gd_fixed_rate),
    Blind("gradient_descent_update", "missing_factor", "divides the step by the number of entries of x",
          gd_averaged),
    # gradient_check_error
    Blind("gradient_check_error", "wrong_error_measure", "mean of the relative errors, not the max", gce_mean),
    Blind("gradient_check_error", "wrong_error_measure", "largest absolute error", gce_absolute),
    Blind("gradient_check_error", "wrong_error_measure", "relative error without the 1e-8 floor (NaN at G = 0)",
          gce_no_floor),
    Blind("gradient_check_error", "forward_difference", "numeric estimate by a forward difference",
          gce_forward),
    Blind("gradient_check_error", "fixed_step", "numeric estimate always with h = 1e-5", gce_fixed_h),
    Blind("gradient_check_error", "ignored_upstream", "numeric estimate without the factor G",
          gce_numeric_without_g),
    Blind("gradient_check_error", "wrong_point", "passes x as out to the backward", gce_passes_x_as_out),
    Blind("gradient_check_error", "wrong_error_measure", "denominator max(|a|, |n|) instead of |a| + |n|",
          gce_max_denominator),
    # parabola_rates
    Blind("parabola_rates", "sign_error", "step_factor = 1 + 2 lr (moved uphill)", pr_sign),
    Blind("parabola_rates", "missing_factor", "forgot the 2 of f'(x) = 2x: 1 - lr, 1, 2", pr_no_two),
    Blind("parabola_rates", None, "first_unstable_rate 0.5: takes oscillation for divergence",
          pr_oscillation_is_unstable),
    Blind("parabola_rates", "wrong_eigenvalue", "first_unstable_rate 2 = 2/1, curvature taken as 1",
          pr_hessian_one, also=("missing_factor",)),
    Blind("parabola_rates", None, "step_factor |1 - 2 lr|: the size of the factor, not the factor",
          pr_magnitude),
    # hand_gradients
    Blind("hand_gradients", "overwrite_fanout", "df/dx through the outer use of x only (xy + z)",
          hg_outer_path_only),
    Blind("hand_gradients", "overwrite_fanout", "df/dx through the inner use of x only (y * x)",
          hg_inner_path_only),
    Blind("hand_gradients", "sign_error", "df/dy = -x^2", hg_dy_sign),
    Blind("hand_gradients", "ignored_upstream", "df/dz = 1: local derivative of the sum, times nothing",
          hg_dz_local, also=("missing_factor",)),
    Blind("hand_gradients", "ignored_upstream", "df/dy = x: local derivative of x*y without the outer x",
          hg_dy_local, also=("missing_factor",)),
    Blind("hand_gradients", "swapped", "df/dy and df/dz swapped", hg_dy_dz_swapped),
    # topological_sort
    Blind("topological_sort", "repeated_nodes", "recursive post-order without a visited set",
          ts_no_visited),
    Blind("topological_sort", "wrong_order", "breadth-first from the root, reversed", ts_reversed_bfs),
    Blind("topological_sort", None, "skips parents that do not require a gradient (constants)",
          ts_skips_constants),
    Blind("topological_sort", "wrong_order", "depth-first pre-order, reversed (wrong on diamonds)",
          ts_reversed_preorder),
    Blind("topological_sort", "wrong_order", "post-order reversed: root first", ts_root_first),
    Blind("topological_sort", None, "appends only parents, then root if it has parents: a lone leaf gives []",
          ts_lone_leaf_missing),
    # backward_pass
    Blind("backward_pass", "overwrite_fanout", "grads[parent] = g, overwriting", bp_overwrite),
    Blind("backward_pass", "wrong_order", "breadth-first from the root", bp_breadth_first),
    Blind("backward_pass", "stale_gradient", "first contribution added to the parent's left-over .grad",
          bp_starts_from_grad),
    Blind("backward_pass", None, "skips zero gradients: nodes behind a dead relu get no entry", bp_skips_zeros),
    Blind("backward_pass", None, "seeds the root with the number 1, not ones of its shape", bp_scalar_seed),
    Blind("backward_pass", "in_place", "grads[p] += g on arrays shared between nodes", bp_plus_equals),
    Blind("backward_pass", None, "returns the leaves' gradients only", bp_leaves_only),
    Blind("backward_pass", "repeated_nodes", "order with shared nodes repeated: gradient sent twice",
          bp_duplicated_order),
    # bfs_counterexample
    Blind("bfs_counterexample", None, "w * w + w: fan-out on the leaf, BFS gets it right", bfs_fanout_on_leaf),
    Blind("bfs_counterexample", None, "uses neg", bfs_uses_neg),
    Blind("bfs_counterexample", None, "w of three entries: the loss has three elements", bfs_vector_loss),
    Blind("bfs_counterexample", None, "w without requires_grad", bfs_w_without_grad),
    Blind("bfs_counterexample", None, "returns (w, loss)", bfs_swapped_return),
    Blind("bfs_counterexample", None, "right graph at w = 0, where both give dL/dw = 0", bfs_zero_gradient),
    Blind("bfs_counterexample", None, "paths of different lengths only to the leaf", bfs_long_paths_to_leaf),
    # sigmoid
    Blind("sigmoid", "unstable", "1 / (1 + exp(-x))", sg_naive),
    Blind("sigmoid", "unstable", "exp(x) / (1 + exp(x))", sg_exp_ratio),
    Blind("sigmoid", None, "stable halves written into zeros_like(x): integer x gives integers", sg_int_buffer),
    Blind("sigmoid", "sign_error", "stable branches swapped: computes sigmoid(-x)", sg_branches_swapped),
    Blind("sigmoid", "unstable", "np.where evaluates both naive branches", sg_where_both),
    Blind("sigmoid", None, "x clipped to +/-20", sg_clip_twenty),
    # sigmoid_backward
    Blind("sigmoid_backward", "wrong_point", "G * x * (1 - x)", sb_uses_x),
    Blind("sigmoid_backward", "ignored_upstream", "out * (1 - out)", sb_no_upstream),
    Blind("sigmoid_backward", "sign_error", "G * out * (out - 1)", sb_sign),
    Blind("sigmoid_backward", "unstable", "G e^-x / (1 + e^-x)^2 from x", sb_from_x_exp),
    Blind("sigmoid_backward", "in_place", "out *= 1 - out", sb_in_place),
    Blind("sigmoid_backward", "missing_factor", "G (1 - tanh^2(x/2)) / 2 instead of / 4", sb_tanh_half),
    # tanh_backward
    Blind("tanh_backward", "wrong_point", "G * (1 - x^2)", tb_uses_x),
    Blind("tanh_backward", "ignored_upstream", "1 - out^2", tb_no_upstream),
    Blind("tanh_backward", "sign_error", "G * (out^2 - 1)", tb_sign),
    Blind("tanh_backward", "unstable", "G / cosh(x)^2 (overflows near 1000)", tb_sech),
    Blind("tanh_backward", "wrong_point", "G * (1 - tanh(out)^2): tanh applied twice", tb_tanh_of_out),
    # relu_backward
    Blind("relu_backward", "kink_convention", "G * (x >= 0)", rb_kink_one),
    Blind("relu_backward", "ignored_upstream", "(x > 0) as floats", rb_no_upstream),
    Blind("relu_backward", "wrong_point", "relu of the upstream gradient", rb_relu_of_upstream),
    Blind("relu_backward", "in_place", "grad_output[x <= 0] = 0", rb_in_place),
    Blind("relu_backward", "kink_convention", "G * heaviside(x, 0.5)", rb_heaviside_half),
    # mul_backward
    Blind("mul_backward", "swapped", "(G a, G b)", mb_swapped),
    Blind("mul_backward", "ignored_upstream", "(b, a)", mb_no_upstream),
    Blind("mul_backward", "wrong_product", "matrix products G @ b.T, a.T @ G", mb_matrix_product),
    Blind("mul_backward", "in_place", "ga = G; ga *= b", mb_in_place),
    Blind("mul_backward", "wrong_point", "copy-paste: dL/db = G * b", mb_copy_paste),
    # add_backward
    Blind("add_backward", "missing_broadcast_sum", "returns G for both", ab_no_sum),
    Blind("add_backward", "missing_broadcast_sum", "sums axis 0 without keepdims whenever shapes differ",
          ab_axis0_only),
    Blind("add_backward", "missing_broadcast_sum", "sums the leading axes, not the size-1 ones",
          ab_leading_only),
    Blind("add_backward", "missing_factor", "means over the broadcast axes instead of sums", ab_mean,
          also=("missing_broadcast_sum",)),
    Blind("add_backward", "swapped", "sums G to b's shape for a and to a's for b", ab_shapes_swapped,
          also=("missing_broadcast_sum",)),
    Blind("add_backward", "missing_broadcast_sum", "sums axis 0 and reshapes (wrong rows for an (N, 1) column)",
          ab_sum_then_reshape),
    # matmul_backward
    Blind("matmul_backward", "transposed", "dL/db = G.T @ a", mm_db_transposed),
    Blind("matmul_backward", "transposed", "dL/da = b.T @ G.T (transposed, factors reversed)", mm_left_right),
    Blind("matmul_backward", "wrong_product", "elementwise G * b.T, a.T * G", mm_elementwise),
    Blind("matmul_backward", "swapped", "(a.T @ G, G @ b.T)", mm_swapped, also=("transposed",)),
    Blind("matmul_backward", "ignored_upstream", "ones in place of G", mm_no_upstream),
    Blind("matmul_backward", None, "squeezes dL/db (wrong shape when K or M is 1)", mm_squeezed),
    # linear_backward
    Blind("linear_backward", "missing_broadcast_sum", "dL/db = G, not summed over rows", lb_bias_unsummed),
    Blind("linear_backward", "missing_broadcast_sum", "dL/db summed over axis 1", lb_bias_axis1),
    Blind("linear_backward", "transposed", "dL/dW = G.T @ x", lb_dw_transposed),
    Blind("linear_backward", "missing_factor", "dL/db = mean over rows", lb_bias_mean,
          also=("missing_broadcast_sum",)),
    Blind("linear_backward", "transposed", "dL/dx = G @ W", lb_dx_no_transpose),
    Blind("linear_backward", "swapped", "returns (dW, dx, db)", lb_dw_first),
    # mse_backward
    Blind("mse_backward", "missing_factor", "G (pred - target) / n: no 2", ms_no_two),
    Blind("mse_backward", "missing_factor", "2 G (pred - target): no mean", ms_no_mean),
    Blind("mse_backward", "sign_error", "2 G (target - pred) / n", ms_sign),
    Blind("mse_backward", "missing_factor", "divides by len(pred): wrong for a row or a matrix", ms_len),
    Blind("mse_backward", "ignored_upstream", "2 (pred - target) / n", ms_no_upstream),
    # cross_entropy_backward
    Blind("cross_entropy_backward", "missing_onehot", "softmax / N, no one-hot", ce_no_onehot),
    Blind("cross_entropy_backward", "unstable", "softmax without subtracting the max", ce_no_shift),
    Blind("cross_entropy_backward", "missing_factor", "no division by N", ce_no_mean),
    Blind("cross_entropy_backward", "unstable", "subtracts the batch's max, not each row's", ce_global_max),
    Blind("cross_entropy_backward", "in_place", "logits -= row max", ce_shift_in_place),
    Blind("cross_entropy_backward", None, "softmax over the batch axis (columns)", ce_column_softmax),
    Blind("cross_entropy_backward", "ignored_upstream", "(softmax - onehot) / N without G", ce_no_upstream),
    Blind("cross_entropy_backward", None, "p[:, labels] -= 1: whole columns", ce_column_index),
    # jacobian_fd
    Blind("jacobian_fd", "forward_difference", "forward differences", jf_forward),
    Blind("jacobian_fd", "transposed", "rows are the inputs: returns (n, m)", jf_rows_are_inputs),
    Blind("jacobian_fd", "fixed_step", "eps fixed at 1e-6", jf_fixed_eps),
    Blind("jacobian_fd", "in_place", "perturbs x in place and never puts it back", jf_not_restored),
    Blind("jacobian_fd", "in_place", "perturbs x in place, keeps f's result uncopied (f may return a view)",
          jf_view_kept),
    Blind("jacobian_fd", "missing_factor", "divides by eps, not 2 eps", jf_over_eps),
    # jacobian_reverse
    Blind("jacobian_reverse", "stale_gradient", "never clears leaf.grad between rows", jr_accumulates),
    Blind("jacobian_reverse", "transposed", "stacks the rows as columns", jr_transposed),
    Blind("jacobian_reverse", None, "one backward with ones, tiled: every row is the column sum", jr_one_pass),
    Blind("jacobian_reverse", "in_place", "zeroes leaf.grad in place; rows share that buffer",
          jr_zeroed_buffer, also=("stale_gradient",)),
    Blind("jacobian_reverse", None, "squeezes J: wrong shape when m or n is 1", jr_squeezed),
    # chain_gradients
    Blind("chain_gradients", "transposed", "J @ g instead of g @ J", cg_column),
    Blind("chain_gradients", "wrong_order", "takes the stages first to last", cg_forward_loop),
    Blind("chain_gradients", "in_place", "reverses the given list in place", cg_reverse_list),
    Blind("chain_gradients", "wrong_order", "returns the list last stage first", cg_last_first),
    Blind("chain_gradients", None, "leaves grad_last out of the list", cg_without_last),
    Blind("chain_gradients", None, "no stages gives []", cg_empty),
    # loglog_slope
    Blind("loglog_slope", "wrong_axes", "fits log size against log time", ll_axes_swapped),
    Blind("loglog_slope", "not_least_squares", "slope through the first and last points", ll_endpoints),
    Blind("loglog_slope", "wrong_axes", "times not logged", ll_times_unlogged),
    Blind("loglog_slope", None, "least squares through the origin (no intercept)", ll_through_origin),
    Blind("loglog_slope", "not_least_squares", "mean of the slopes between neighbouring points",
          ll_mean_of_steps),
    # mse_gradient
    Blind("mse_gradient", "missing_factor", "no 2", mg_no_two),
    Blind("mse_gradient", "missing_factor", "no division by the batch size", mg_no_mean),
    Blind("mse_gradient", "sign_error", "X.T (y - Xw)", mg_sign),
    Blind("mse_gradient", "missing_factor", "divides by the number of features", mg_per_feature),
    Blind("mse_gradient", "missing_factor", "divides by X.size (right for one feature)", mg_per_entry),
    Blind("mse_gradient", "wrong_point", "gradient at w = 0: ignores w", mg_at_zero),
    # largest_stable_learning_rate
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "smallest eigenvalue", ls_smallest),
    Blind("largest_stable_learning_rate", "missing_factor", "eigenvalue of X^T X, without 2/P", ls_gram,
          also=("wrong_eigenvalue",)),
    Blind("largest_stable_learning_rate", "missing_factor", "1 / lambda_max", ls_one_over),
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "largest singular value of X, not squared",
          ls_singular),
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "trace of H (sum of the eigenvalues)", ls_trace),
    Blind("largest_stable_learning_rate", "missing_factor", "Hessian 2/d X^T X (d features, not P rows)",
          ls_by_features),
    # minibatch_indices
    Blind("minibatch_indices", "no_shuffle", "arange(n) cut into batches", mi_in_order),
    Blind("minibatch_indices", "drops_last", "stops before the smaller last batch", mi_full_batches),
    Blind("minibatch_indices", "ignores_rng", "its own default_rng(0)", mi_global_random),
    Blind("minibatch_indices", "ignores_rng", "rng.choice(n, n, replace=False)", mi_choice),
    Blind("minibatch_indices", None, "a fresh permutation per batch: repeats and misses indices",
          mi_fresh_permutation),
    Blind("minibatch_indices", None, "array_split into ceil(n / b) near-equal parts", mi_array_split),
]

CORRECT = [
    Blind("numerical_derivative", None, "stencil weights summed in a generator", nd_ok_stencil),
    Blind("numerical_derivative", None, "float copies shifted in place", nd_ok_copy),
    Blind("gradient_descent_update", None, "np.subtract / np.multiply", gd_ok_subtract),
    Blind("gradient_descent_update", None, "float copy updated in place", gd_ok_copy),
    Blind("gradient_check_error", None, "a Python loop with math.exp", gce_ok_loop),
    Blind("gradient_check_error", None, "one-line stable sigmoid, floor with np.where", gce_ok_where_floor),
    Blind("parabola_rates", None, "fractions", pr_ok_fraction),
    Blind("parabola_rates", None, "step_factor from one real step at x = 3", pr_ok_one_step),
    Blind("hand_gradients", None, "integers", hg_ok_numbers),
    Blind("hand_gradients", None, "worked out from the expression", hg_ok_worked),
    Blind("topological_sort", None, "Kahn's algorithm on consumer counts", ts_ok_kahn),
    Blind("topological_sort", None, "sorted by longest distance from the root", ts_ok_depth),
    Blind("topological_sort", None, "recursive generator, returns a tuple", ts_ok_generator),
    Blind("backward_pass", None, "defaultdict over a generator's order", bp_ok_defaultdict),
    Blind("backward_pass", None, "sends a node's gradient once all consumers have sent theirs", bp_ok_pending),
    Blind("bfs_counterexample", None, "x + exp(x) with x = 3w", bfs_ok_exp_of_x),
    Blind("bfs_counterexample", None, "a one-entry vector w, tanh then sigmoid(exp(x)) + x, summed",
          bfs_ok_vector_one),
    Blind("sigmoid", None, "exp(-logaddexp(0, -x))", sg_ok_logaddexp),
    Blind("sigmoid", None, "(1 + tanh(x/2)) / 2", sg_ok_tanh),
    Blind("sigmoid", None, "naive form on x clipped to +/-500", sg_ok_clip500),
    Blind("sigmoid_backward", None, "np.multiply", sb_ok_multiply),
    Blind("sigmoid_backward", None, "einsum with ellipses", sb_ok_einsum),
    Blind("tanh_backward", None, "(1 - out)(1 + out)", tb_ok_factored),
    Blind("tanh_backward", None, "float copy of G scaled in place", tb_ok_copy),
    Blind("relu_backward", None, "np.where(x > 0, G, 0)", rb_ok_where),
    Blind("relu_backward", None, "G * sign(out)", rb_ok_sign_out),
    Blind("mul_backward", None, "einsum", mb_ok_einsum),
    Blind("mul_backward", None, "np.multiply into fresh arrays", mb_ok_out),
    Blind("add_backward", None, "one np.sum over the computed axes", ab_ok_axes),
    Blind("add_backward", None, "np.add.at scatter onto the input's entries", ab_ok_add_at),
    Blind("matmul_backward", None, "einsum", mm_ok_einsum),
    Blind("matmul_backward", None, "outer products row by row", mm_ok_outer),
    Blind("linear_backward", None, "einsum", lb_ok_einsum),
    Blind("linear_backward", None, "loop over samples", lb_ok_loop),
    Blind("mse_backward", None, "scaled difference", ms_ok_scaled),
    Blind("mse_backward", None, "float copy scaled in place", ms_ok_copy),
    Blind("cross_entropy_backward", None, "exp(logits - logsumexp) minus eye[labels]", ce_ok_logsumexp),
    Blind("cross_entropy_backward", None, "row by row", ce_ok_rows),
    Blind("jacobian_fd", None, "perturbs x in place, copies f's results, puts x back", jf_ok_in_place),
    Blind("jacobian_fd", None, "rows of eps * I, transposed at the end", jf_ok_steps),
    Blind("jacobian_reverse", None, "a fresh leaf and forward pass per row", jr_ok_fresh_leaf),
    Blind("jacobian_reverse", None, "preallocated J, grad cleared per row", jr_ok_preallocated),
    Blind("chain_gradients", None, "recursion over the stages", cg_ok_recursive),
    Blind("chain_gradients", None, "itertools.accumulate", cg_ok_accumulate),
    Blind("loglog_slope", None, "covariance over variance, base 2", ll_ok_covariance),
    Blind("loglog_slope", None, "lstsq, base 10", ll_ok_lstsq),
    Blind("mse_gradient", None, "einsum", mg_ok_einsum),
    Blind("mse_gradient", None, "loop over rows", mg_ok_rows),
    Blind("largest_stable_learning_rate", None, "P / s_max^2 from the SVD", ls_ok_svd),
    Blind("largest_stable_learning_rate", None, "einsum Hessian, max eigenvalue", ls_ok_eigmax),
    Blind("minibatch_indices", None, "np.split at multiples of batch_size", mi_ok_split_points),
    Blind("minibatch_indices", None, "generator of copies", mi_ok_generator),
    Blind("minibatch_indices", None, "rng.shuffle of arange(n)", mi_ok_shuffle),
]
