"""Blind set 2: student-style solutions, wrong and unusual-but-correct, for every exercise.

Written on 2026-12-02 by a blind helper session (branch `blind2`), from the exercise contract and the catalogue
of mistake names only. Rule it was written under: no access to the checks' code, to the planted
mistakes, to any earlier blind set, or to the tests; only `minigrad/`, `course/notebooks/` and the
contract were read. Each function was run on inputs built by hand, and each CORRECT one compared
with a careful computation (finite differences, the engine) in a scratch script outside the repo.
"""
from __future__ import annotations

import math
from collections import defaultdict, deque

import numpy as np

import minigrad as mg
from tests.autograder.blind.entry import Blind


def _sig(x):
    """A stable sigmoid the 'students' below reuse (their own earlier exercise)."""
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


# ----- numerical_derivative ----------------------------------------------------------------

def nd_forward(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h


def nd_hardcoded_h(f, x, h=1e-5):
    step = 0.001
    return (f(x + step) - f(x - step)) / (2 * step)


def nd_divides_by_h(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / h


def nd_backwards_difference_order(f, x, h=1e-5):
    return (f(x - h) - f(x + h)) / (2 * h)


def nd_copy_keeps_int_dtype(f, x, h=1e-5):
    x = np.array(x)
    up = x.copy()
    down = x.copy()
    up[...] = x + h          # an integer x keeps its integer dtype: the step is lost
    down[...] = x - h
    return (f(up) - f(down)) / (2 * h)


def nd_half_over_h(f, x, h=1e-5):
    return 0.5 / h * (f(x + h) - f(x - h))


def nd_loop(f, x, h=1e-5):
    arr = np.asarray(x, dtype=float)
    out = np.empty(arr.shape)
    for idx in np.ndindex(arr.shape):
        v = arr[idx]
        out[idx] = (f(np.float64(v + h)) - f(np.float64(v - h))) / (2 * h)
    return out if arr.ndim else float(out)


# ----- gradient_descent_update -------------------------------------------------------------

def gd_in_place(x, gradx, learning_rate):
    x -= learning_rate * gradx
    return x


def gd_plus(x, gradx, learning_rate):
    return x + learning_rate * gradx


def gd_no_rate(x, gradx, learning_rate):
    return x - gradx


def gd_double(x, gradx, learning_rate):
    return x - 2 * learning_rate * gradx


def gd_uses_x(x, gradx, learning_rate):
    return x - learning_rate * x


def gd_numpy_funcs(x, gradx, learning_rate):
    return np.subtract(x, np.multiply(learning_rate, gradx))


def gd_negated_rate(x, gradx, learning_rate):
    step = -learning_rate
    return np.array(x, dtype=float) + step * np.asarray(gradx, dtype=float)


# ----- gradient_check_error ----------------------------------------------------------------

def gce_absolute(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n)))


def gce_mean_relative(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.mean(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_forward(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + h) - _sig(x)) / h
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_no_upstream_in_numeric(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_passes_x_as_out(backward, x, grad_output, h=1e-5):
    a = backward(x, x, grad_output)
    n = grad_output * (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_fixed_h(backward, x, grad_output, h=1e-5):
    eps = 1e-5
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + eps) - _sig(x - eps)) / (2 * eps)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_no_floor(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / (np.abs(a) + np.abs(n))))


def gce_norm_ratio(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.linalg.norm(a - n) / max(1e-8, np.linalg.norm(a) + np.linalg.norm(n)))


def _scalar_sigmoid(v):
    e = math.exp(-abs(v))
    return 1.0 / (1.0 + e) if v >= 0 else e / (1.0 + e)


def gce_loop(backward, x, grad_output, h=1e-5):
    xs = np.asarray(x, dtype=float)
    gs = np.broadcast_to(np.asarray(grad_output, dtype=float), xs.shape)
    analytic = np.broadcast_to(np.asarray(backward(x, _sig(x), grad_output), dtype=float), xs.shape)
    worst = 0.0
    for idx in np.ndindex(xs.shape):
        v = xs[idx]
        sp = _scalar_sigmoid(v + h)
        sm = _scalar_sigmoid(v - h)
        num = gs[idx] * (sp - sm) / (2 * h)
        ana = analytic[idx]
        worst = max(worst, abs(ana - num) / max(1e-8, abs(ana) + abs(num)))
    return float(worst)


def gce_own_sigmoid(backward, x, grad_output, h=1e-5):
    def s(v):
        v = np.asarray(v, dtype=float)
        return np.exp(np.minimum(v, 0.0)) / (1.0 + np.exp(-np.abs(v)))
    a = np.asarray(backward(x, s(x), grad_output), dtype=float)
    n = grad_output * (s(x + h) - s(x - h)) / (2 * h)
    denominator = np.fmax(np.abs(a) + np.abs(n), 1e-8)
    return float((np.abs(a - n) / denominator).max())


# ----- parabola_rates ----------------------------------------------------------------------

def _pr_forgot_two():
    def step_factor(learning_rate):
        return 1 - learning_rate
    return (step_factor, 1.0, 2.0)


def _pr_plus():
    def step_factor(learning_rate):
        return 1 + 2 * learning_rate
    return (step_factor, 0.5, 1.0)


def _pr_unstable_two():
    def step_factor(learning_rate):
        return 1 - 2 * learning_rate
    return (step_factor, 0.5, 2.0)


def _pr_change_not_factor():
    def step_factor(learning_rate):
        return -2 * learning_rate          # the change of x per unit x, not the factor
    return (step_factor, 0.5, 1.0)


def _pr_one_step_one():
    def step_factor(learning_rate):
        return 1 - 2 * learning_rate
    return (step_factor, 1.0, 1.0)


def _pr_fraction_forms():
    def step_factor(learning_rate):
        return (1 - learning_rate) - learning_rate
    return (step_factor, np.float64(1) / 2, 1)


# ----- hand_gradients ----------------------------------------------------------------------

# ----- topological_sort --------------------------------------------------------------------

def topo_no_visited(root):
    order = []

    def visit(t):
        for p in t.parents:
            visit(p)
        order.append(t)
    visit(root)
    return order


def topo_bfs_reversed(root):
    seen, queue, order = {root}, deque([root]), []
    while queue:
        t = queue.popleft()
        order.append(t)
        for p in t.parents:
            if p not in seen:
                seen.add(p)
                queue.append(p)
    return order[::-1]


def topo_preorder(root):
    order, seen, stack = [], set(), [root]
    while stack:
        t = stack.pop()
        if t in seen:
            continue
        seen.add(t)
        order.append(t)
        stack.extend(t.parents)
    order.reverse()          # reversed pre-order is not a topological order
    return order


def topo_only_grad_nodes(root):
    order, seen = [], set()

    def visit(t):
        if t in seen or not t.requires_grad:
            return
        seen.add(t)
        for p in t.parents:
            visit(p)
        order.append(t)
    visit(root)
    return order


def topo_recursive(root):
    order, seen = [], set()

    def visit(t):
        if t in seen:
            return
        seen.add(t)
        for p in t.parents:
            visit(p)
        order.append(t)
    visit(root)
    return order


def topo_kahn(root):
    nodes, stack, seen = [], [root], {root}
    while stack:
        t = stack.pop()
        nodes.append(t)
        for p in t.parents:
            if p not in seen:
                seen.add(p)
                stack.append(p)
    waiting = {t: len(t.parents) for t in nodes}
    children = defaultdict(list)
    for t in nodes:
        for p in t.parents:
            children[p].append(t)
    ready = deque(t for t in nodes if waiting[t] == 0)
    order = []
    while ready:
        t = ready.popleft()
        order.append(t)
        for c in children[t]:
            waiting[c] -= 1
            if waiting[c] == 0:
                ready.append(c)
    return tuple(order)


def topo_stack_with_ids(root):
    order, done, stack = [], set(), [(root, iter(root.parents))]
    on_stack = {id(root)}
    while stack:
        node, parents = stack[-1]
        nxt = next(parents, None)
        if nxt is None:
            stack.pop()
            done.add(id(node))
            order.append(node)
        elif id(nxt) not in done and id(nxt) not in on_stack:
            on_stack.add(id(nxt))
            stack.append((nxt, iter(nxt.parents)))
    return order


# ----- backward_pass -----------------------------------------------------------------------

def _topo(root):
    order, placed, stack = [], set(), [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
            continue
        if node in placed:
            continue
        placed.add(node)
        stack.append((node, True))
        for p in node.parents:
            if p not in placed:
                stack.append((p, False))
    return order


def bp_overwrite(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(_topo(root)):
        if node not in grads or not node.parents:
            continue
        for p, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g is not None:
                grads[p] = g
    return grads


def bp_forward_order(root):
    grads = {root: np.ones_like(root.data)}
    for node in _topo(root):
        if node not in grads or not node.parents:
            continue
        for p, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g is not None:
                grads[p] = grads[p] + g if p in grads else g
    return grads


def bp_breadth_first(root):
    grads = {root: np.ones_like(root.data)}
    queue, queued = deque([root]), {root}
    while queue:
        node = queue.popleft()
        if not node.parents:
            continue
        for p, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g is None:
                continue
            grads[p] = grads[p] + g if p in grads else g
            if p not in queued:
                queued.add(p)
                queue.append(p)
    return grads


def bp_calls_backward(root):
    root.backward()
    grads = {}
    for node in _topo(root):
        if node.requires_grad and node.grad is not None:
            grads[node] = np.array(node.grad)
    return grads


def bp_unvisited_topo(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(topo_no_visited(root)):
        if node not in grads or not node.parents:
            continue
        for p, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g is not None:
                grads[p] = grads[p] + g if p in grads else g
    return grads


def bp_get_zero(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(_topo(root)):
        if not node.parents:
            continue
        for p, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            grads[p] = grads.get(p, 0) + g       # a constant parent gives None: crashes
    return grads


def bp_leaves_only(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(_topo(root)):
        if node not in grads or not node.parents:
            continue
        for p, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g is not None:
                grads[p] = grads[p] + g if p in grads else g
    return {t: g for t, g in grads.items() if not t.parents}


def bp_defaultdict(root):
    grads = defaultdict(lambda: None)
    grads[root] = np.ones(root.shape)
    for node in topo_kahn(root)[::-1]:
        g = grads[node]
        if g is None or node.is_leaf:
            continue
        for p, gp in zip(node.parents, mg.input_gradients(node, g)):
            if gp is None:
                continue
            grads[p] = gp.copy() if grads[p] is None else np.add(grads[p], gp)
    return {t: g for t, g in grads.items() if g is not None}


def bp_pending_counts(root):
    order = _topo(root)
    consumers = defaultdict(int)
    for t in order:
        for p in t.parents:
            consumers[p] += 1
    grads = {root: np.ones_like(root.data, dtype=float)}
    ready = [root]
    while ready:
        node = ready.pop()
        if not node.parents:
            continue
        for p, gp in zip(node.parents, mg.input_gradients(node, grads[node])):
            if gp is not None:
                grads[p] = grads[p] + gp if p in grads else gp
            consumers[p] -= 1
            if consumers[p] == 0 and p in grads:
                ready.append(p)
    return grads


# ----- bfs_counterexample ------------------------------------------------------------------

def bfs_leaf_fanout():
    w = mg.Tensor(0.7, requires_grad=True)
    return w * w + w, w


def bfs_with_neg():
    w = mg.Tensor(1.2, requires_grad=True)
    x = w * w
    return mg.functional.add(mg.functional.neg(mg.functional.neg(x)), x), w


def bfs_not_scalar():
    w = mg.Tensor([0.3, -0.4, 1.1], requires_grad=True)
    x = mg.exp(w)
    return x + x * x, w


def bfs_equal_paths():
    w = mg.Tensor(0.5, requires_grad=True)
    x = mg.exp(w)
    return x * 2.0 + x * 3.0, w


def bfs_const_w():
    w = mg.Tensor(0.5)
    x = mg.exp(w)
    return x + x * x, w


def bfs_scaled_shortcut():
    w = mg.Tensor(-0.8, requires_grad=True)
    s = w * 3.0
    return s + mg.exp(s) * 1.5, w


def bfs_vector_tanh():
    w = mg.Tensor([0.2, -1.0, 0.6], requires_grad=True)
    x = w.tanh()
    return (x + x * x).sum(), w


def bfs_long_and_short():
    w = mg.Tensor(0.25, requires_grad=True)
    h = mg.sigmoid(w * w)
    far = mg.exp(mg.exp(h) * 0.5)
    return mg.functional.add(far, h), w


# ----- sigmoid ---------------------------------------------------------------------------

def sig_naive(x):
    return 1.0 / (1.0 + np.exp(-x))


def sig_exp_ratio(x):
    e = np.exp(x)
    return e / (1.0 + e)


def sig_swapped_branches(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, e / (1 + e), 1 / (1 + e))


def sig_clip10(x):
    x = np.clip(np.asarray(x, dtype=float), -10, 10)
    return 1.0 / (1.0 + np.exp(-x))


def sig_where_both(x):
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def sig_min_exp(x):
    x = np.asarray(x, dtype=float)
    return np.exp(np.minimum(x, 0.0)) / (1.0 + np.exp(-np.abs(x)))


def sig_logaddexp(x):
    return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=float)))


def sig_masks(x):
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ez = np.exp(x[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


# ----- sigmoid_backward --------------------------------------------------------------------

def sb_at_x(x, out, grad_output):
    return grad_output * x * (1 - x)


def sb_no_upstream(x, out, grad_output):
    return out * (1 - out)


def sb_sign(x, out, grad_output):
    return grad_output * out * (out - 1)


def sb_sigmoid_of_out(x, out, grad_output):
    s = _sig(out)
    return grad_output * s * (1 - s)


def sb_tanh_formula(x, out, grad_output):
    return grad_output * (1 - out ** 2)


def sb_from_x(x, out, grad_output):
    return grad_output * _sig(x) * _sig(-x)


def sb_expanded(x, out, grad_output):
    return grad_output * (out - out * out)


# ----- tanh_backward -----------------------------------------------------------------------

def tb_at_x(x, out, grad_output):
    return grad_output * (1 - x ** 2)


def tb_no_upstream(x, out, grad_output):
    return 1 - out ** 2


def tb_tanh_of_out(x, out, grad_output):
    return grad_output * (1 - np.tanh(out) ** 2)


def tb_square_diff(x, out, grad_output):
    return grad_output * (1 - out) ** 2


def tb_sign(x, out, grad_output):
    return grad_output * (out ** 2 - 1)


def tb_factored(x, out, grad_output):
    return (1.0 - out) * (1.0 + out) * grad_output


# ----- relu_backward -----------------------------------------------------------------------

def rb_ge(x, out, grad_output):
    return grad_output * (x >= 0)


def rb_mask_only(x, out, grad_output):
    return (x > 0).astype(float)


def rb_relu_of_upstream(x, out, grad_output):
    return np.where(grad_output > 0, grad_output, 0.0)


def rb_sign(x, out, grad_output):
    return grad_output * np.sign(x)


def rb_in_place(x, out, grad_output):
    g = grad_output
    g[x <= 0] = 0
    return g


def rb_out_mask(x, out, grad_output):
    return grad_output * (out > 0)


def rb_heaviside(x, out, grad_output):
    return grad_output * np.heaviside(x, 0.0)


# ----- mul_backward ----------------------------------------------------------------------

def mb_swapped(a, b, grad_output):
    return grad_output * a, grad_output * b


def mb_no_upstream(a, b, grad_output):
    return np.array(b, dtype=float), np.array(a, dtype=float)


def mb_matrix(a, b, grad_output):
    return grad_output @ b.T, a.T @ grad_output


def mb_b_twice(a, b, grad_output):
    return grad_output * b, grad_output * b


def mb_list_einsum(a, b, grad_output):
    return [np.einsum("...,...->...", grad_output, b), np.einsum("...,...->...", grad_output, a)]


# ----- add_backward ------------------------------------------------------------------------

def ab_no_sum(a, b, grad_output):
    return grad_output.copy(), grad_output.copy()


def ab_mean(a, b, grad_output):
    ga, gb = grad_output, grad_output
    if np.ndim(a) < grad_output.ndim:
        ga = grad_output.mean(axis=0)
    if np.ndim(b) < grad_output.ndim:
        gb = grad_output.mean(axis=0)
    return np.array(ga), np.array(gb)


def ab_leading_only(a, b, grad_output):
    def reduce(g, shape):
        while g.ndim > len(shape):
            g = g.sum(axis=0)
        return np.array(g)
    return reduce(grad_output, np.shape(a)), reduce(grad_output, np.shape(b))


def ab_bias_always(a, b, grad_output):
    return np.array(grad_output), grad_output.sum(axis=0)


def ab_wrong_axis(a, b, grad_output):
    def reduce(g, shape):
        while g.ndim > len(shape):
            g = g.sum(axis=-1)
        return np.array(g)
    return reduce(grad_output, np.shape(a)), reduce(grad_output, np.shape(b))


def ab_ones_sum_trick(a, b, grad_output):
    def reduce(g, shape):
        shape = tuple(shape)
        padded = (1,) * (g.ndim - len(shape)) + shape
        axes = tuple(i for i, (n, m) in enumerate(zip(padded, g.shape)) if n == 1 and m != 1)
        return np.sum(g, axis=axes, keepdims=True).reshape(shape).astype(float)
    return reduce(grad_output, np.shape(a)), reduce(grad_output, np.shape(b))


def ab_broadcast_to_loop(a, b, grad_output):
    out = []
    for arr in (a, b):
        shape = np.shape(arr)
        g = np.zeros(shape)
        for idx in np.ndindex(grad_output.shape):
            src = tuple(0 if s == 1 else i for i, s in zip(idx[len(idx) - len(shape):], shape))
            g[src] += grad_output[idx]
        out.append(g)
    return tuple(out)


# ----- matmul_backward ---------------------------------------------------------------------

def mm_transposed(a, b, grad_output):
    return grad_output @ b, a @ grad_output


def mm_db_transposed(a, b, grad_output):
    return grad_output @ b.T, grad_output.T @ a


def mm_elementwise(a, b, grad_output):
    return grad_output * b.T, a.T * grad_output


def mm_swapped(a, b, grad_output):
    return a.T @ grad_output, grad_output @ b.T


def mm_ones(a, b, grad_output):
    ones = np.ones_like(grad_output)
    return ones @ b.T, a.T @ ones


def mm_einsum(a, b, grad_output):
    return np.einsum("nm,km->nk", grad_output, b), np.einsum("nk,nm->km", a, grad_output)


def mm_outer_loop(a, b, grad_output):
    da = np.zeros(a.shape)
    db = np.zeros(b.shape)
    for n in range(a.shape[0]):
        da[n] = b @ grad_output[n]
        db += np.outer(a[n], grad_output[n])
    return da, db


# ----- linear_backward ---------------------------------------------------------------------

def lb_mean_bias(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.mean(axis=0)


def lb_no_bias_sum(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, np.array(grad_output)


def lb_dw_transposed(x, W, b, grad_output):
    return grad_output @ W.T, grad_output.T @ x, grad_output.sum(axis=0)


def lb_dx_no_transpose(x, W, b, grad_output):
    return grad_output @ W, x.T @ grad_output, grad_output.sum(axis=0)


def lb_bias_axis1(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.sum(axis=1)


def lb_order(x, W, b, grad_output):
    return x.T @ grad_output, grad_output @ W.T, grad_output.sum(axis=0)


def lb_einsum_list(x, W, b, grad_output):
    return [np.einsum("no,io->ni", grad_output, W), np.einsum("ni,no->io", x, grad_output),
            np.einsum("no->o", grad_output)]


def lb_sample_loop(x, W, b, grad_output):
    dx = np.zeros(x.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for n in range(x.shape[0]):
        dx[n] = W @ grad_output[n]
        dW += x[n][:, None] * grad_output[n][None, :]
        db += grad_output[n]
    return dx, dW, db


# ----- mse_backward ------------------------------------------------------------------------

def mse_no_upstream(pred, target, grad_output):
    return 2 * (pred - target) / pred.size


def mse_no_two(pred, target, grad_output):
    return grad_output * (pred - target) / pred.size


def mse_no_mean(pred, target, grad_output):
    return grad_output * 2 * (pred - target)


def mse_sign(pred, target, grad_output):
    return grad_output * 2 * (target - pred) / pred.size


def mse_len(pred, target, grad_output):
    return grad_output * 2 * (pred - target) / len(pred)


def mse_np_funcs(pred, target, grad_output):
    return np.multiply(np.subtract(pred, target), 2.0 / np.size(pred)) * grad_output


def mse_flat_loop(pred, target, grad_output):
    flat_p = np.ravel(pred)
    flat_t = np.ravel(target)
    n = flat_p.size
    g = np.array([2.0 * (p - t) / n for p, t in zip(flat_p, flat_t)], dtype=float)
    return g.reshape(np.shape(pred)) * grad_output


# ----- cross_entropy_backward --------------------------------------------------------------

def ce_no_shift(logits, labels, grad_output):
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / len(labels)


def ce_no_onehot(logits, labels, grad_output):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return grad_output * p / len(labels)


def ce_no_mean(logits, labels, grad_output):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p


def ce_no_upstream(logits, labels, grad_output):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return p / len(labels)


def ce_axis0(logits, labels, grad_output):
    e = np.exp(logits - logits.max(axis=0, keepdims=True))
    p = e / e.sum(axis=0, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / len(labels)


def ce_in_place_shift(logits, labels, grad_output):
    logits -= logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / len(labels)


def ce_onehot_minus(logits, labels, grad_output):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    onehot = np.eye(logits.shape[1])[labels]
    return grad_output * (onehot - p) / len(labels)


def ce_global_shift(logits, labels, grad_output):
    e = np.exp(logits - logits.max())          # one max for the whole batch
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / len(labels)


def ce_logsumexp_eye(logits, labels, grad_output):
    m = logits.max(axis=1, keepdims=True)
    lse = m + np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    onehot = np.eye(logits.shape[1])[labels]
    return (np.exp(logits - lse) - onehot) * (grad_output / logits.shape[0])


def ce_row_loop(logits, labels, grad_output):
    n = logits.shape[0]
    grad = np.zeros(logits.shape)
    for i in range(n):
        row = logits[i] - np.max(logits[i])
        p = np.exp(row) / np.sum(np.exp(row))
        p[int(labels[i])] -= 1.0
        grad[i] = p * grad_output / n
    return grad


# ----- jacobian_fd -----------------------------------------------------------------------

def jfd_forward(f, x, eps=1e-6):
    fx = np.asarray(f(x), dtype=float)
    cols = []
    for j in range(len(x)):
        xp = x.copy()
        xp[j] += eps
        cols.append((np.asarray(f(xp)) - fx) / eps)
    return np.stack(cols, axis=1)


def jfd_transposed(f, x, eps=1e-6):
    rows = []
    for j in range(len(x)):
        step = np.zeros(len(x))
        step[j] = eps
        rows.append((f(x + step) - f(x - step)) / (2 * eps))
    return np.array(rows)


def jfd_not_restored(f, x, eps=1e-6):
    cols = []
    for j in range(len(x)):
        x[j] += eps
        up = np.array(f(x), dtype=float)
        x[j] -= 2 * eps
        down = np.array(f(x), dtype=float)
        cols.append((up - down) / (2 * eps))
    return np.column_stack(cols)


def jfd_fixed_eps(f, x, eps=1e-6):
    e = 1e-6
    cols = []
    for j in range(len(x)):
        step = np.zeros_like(x)
        step[j] = e
        cols.append((f(x + step) - f(x - step)) / (2 * e))
    return np.stack(cols, axis=1)


def jfd_over_eps(f, x, eps=1e-6):
    cols = []
    for j in range(len(x)):
        step = np.zeros_like(x)
        step[j] = eps
        cols.append((f(x + step) - f(x - step)) / eps)
    return np.stack(cols, axis=1)


def jfd_drift_restore(f, x, eps=1e-6):
    cols = []
    for j in range(len(x)):
        x[j] += eps
        up = np.array(f(x), dtype=float)
        x[j] -= 2 * eps
        down = np.array(f(x), dtype=float)
        x[j] += eps                 # arithmetic put-back: may not give the same float
        cols.append((up - down) / (2 * eps))
    return np.stack(cols, axis=1)


def jfd_exact_restore(f, x, eps=1e-6):
    m = np.asarray(f(x)).shape[0]
    J = np.empty((m, x.shape[0]))
    for j in range(x.shape[0]):
        keep = x[j]
        x[j] = keep + eps
        up = np.array(f(x), dtype=float)
        x[j] = keep - eps
        down = np.array(f(x), dtype=float)
        x[j] = keep
        J[:, j] = (up - down) / (2 * eps)
    return J


def jfd_eye_rows(f, x, eps=1e-6):
    base = np.array(x, dtype=float)
    steps = eps * np.eye(base.size)
    diffs = [np.asarray(f(base + s), dtype=float) - np.asarray(f(base - s), dtype=float) for s in steps]
    return np.array(diffs).T / (2 * eps)


# ----- jacobian_reverse --------------------------------------------------------------------

def jr_no_reset(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    rows = []
    for e in np.eye(y.shape[0]):
        y.backward(e)
        rows.append(leaf.grad.copy())
    return np.array(rows)


def jr_columns(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    cols = []
    for e in np.eye(y.shape[0]):
        leaf.grad = None
        y.backward(e)
        cols.append(leaf.grad.copy())
    return np.stack(cols, axis=1)


def jr_one_backward(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    y.backward(np.ones(y.shape))
    return np.tile(leaf.grad, (y.shape[0], 1))


def jr_zero_grad_wrong_tensor(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    rows = []
    for e in np.eye(y.shape[0]):
        y.grad = None                    # clears the output, not the leaf
        y.backward(e)
        rows.append(np.array(leaf.grad))
    return np.array(rows)


def jr_fresh_graph(f, x):
    m = f(mg.Tensor(x)).shape[0]
    J = np.zeros((m, len(x)))
    for i in range(m):
        leaf = mg.Tensor(x, requires_grad=True)
        out = f(leaf)
        e = np.zeros(m)
        e[i] = 1.0
        out.backward(mg.Tensor(e))
        if leaf.grad is not None:
            J[i] = leaf.grad
    return J


def jr_subtract_previous(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    J = []
    before = np.zeros(len(x))
    for i in range(y.shape[0]):
        e = np.zeros(y.shape[0])
        e[i] = 1.0
        y.backward(e)
        now = np.zeros(len(x)) if leaf.grad is None else leaf.grad.copy()
        J.append(now - before)            # gradients add up: take the difference
        before = now
    return np.vstack(J)


# ----- chain_gradients ---------------------------------------------------------------------

def cg_matrix_vector(input_jacobians, grad_last):
    grads = [np.asarray(grad_last, dtype=float)]
    for J in reversed(input_jacobians):
        grads.append(J @ grads[-1])
    return grads[::-1]


def cg_not_reversed_output(input_jacobians, grad_last):
    grads = [np.asarray(grad_last, dtype=float)]
    for J in reversed(input_jacobians):
        grads.append(grads[-1] @ J)
    return grads


def cg_reverse_list(input_jacobians, grad_last):
    input_jacobians.reverse()
    grads = [np.asarray(grad_last, dtype=float)]
    for J in input_jacobians:
        grads.append(grads[-1] @ J)
    return grads[::-1]


def cg_no_last(input_jacobians, grad_last):
    g = np.asarray(grad_last, dtype=float)
    out = []
    for J in input_jacobians[::-1]:
        g = g @ J
        out.insert(0, g)
    return out


def cg_forward_walk(input_jacobians, grad_last):
    grads = [np.asarray(grad_last, dtype=float)]
    for J in input_jacobians:
        grads.append(grads[-1] @ J)
    return grads[::-1]


def cg_transpose_J(input_jacobians, grad_last):
    grads = [np.asarray(grad_last, dtype=float)]
    for J in reversed(input_jacobians):
        grads.append(grads[-1] @ J.T)
    return grads[::-1]


def cg_recursive(input_jacobians, grad_last):
    def rec(k):
        if k == len(input_jacobians):
            return [np.array(grad_last, dtype=float)]
        rest = rec(k + 1)
        return [rest[0] @ input_jacobians[k]] + rest
    return rec(0)


def cg_full_products(input_jacobians, grad_last):
    K = len(input_jacobians)
    out = []
    for k in range(K + 1):
        g = np.array(grad_last, dtype=float)
        for J in input_jacobians[k:][::-1]:
            g = np.einsum("i,ij->j", g, J)
        out.append(g)
    return out


# ----- loglog_slope ------------------------------------------------------------------------

def ll_axes_swapped(sizes, times):
    return float(np.polyfit(np.log(times), np.log(sizes), 1)[0])


def ll_endpoints(sizes, times):
    return float((np.log(times[-1]) - np.log(times[0])) / (np.log(sizes[-1]) - np.log(sizes[0])))


def ll_no_logs(sizes, times):
    return float(np.polyfit(np.asarray(sizes, dtype=float), np.asarray(times, dtype=float), 1)[0])


def ll_log_times_only(sizes, times):
    return float(np.polyfit(np.asarray(sizes, dtype=float), np.log(times), 1)[0])


def ll_mixed_bases(sizes, times):
    return float(np.polyfit(np.log2(sizes), np.log(times), 1)[0])


def ll_mean_pair_slopes(sizes, times):
    ls = np.log(np.asarray(sizes, dtype=float))
    lt = np.log(np.asarray(times, dtype=float))
    return float(np.mean(np.diff(lt) / np.diff(ls)))


def ll_covariance(sizes, times):
    u = np.log10(np.asarray(sizes, dtype=float))
    v = np.log10(np.asarray(times, dtype=float))
    du = u - u.mean()
    return float(np.sum(du * (v - v.mean())) / np.sum(du * du))


def ll_lstsq(sizes, times):
    u = np.log(np.asarray(sizes, dtype=float))
    A = np.column_stack([u, np.ones_like(u)])
    coef, *_ = np.linalg.lstsq(A, np.log(np.asarray(times, dtype=float)), rcond=None)
    return float(coef[0])


# ----- largest_stable_learning_rate --------------------------------------------------------

def lr_smallest(X):
    H = 2.0 / len(X) * X.T @ X
    return float(2.0 / np.linalg.eigvalsh(H)[0])


def lr_no_two_in_hessian(X):
    H = X.T @ X / len(X)
    return float(2.0 / np.linalg.eigvalsh(H).max())


def lr_one_over(X):
    H = 2.0 / len(X) * X.T @ X
    return float(1.0 / np.linalg.eigvalsh(H).max())


def lr_eig_first(X):
    H = 2.0 / len(X) * X.T @ X
    return float(2.0 / np.real(np.linalg.eig(H)[0][0]))


def lr_singular_value(X):
    return float(2.0 / (2.0 / len(X) * np.linalg.svd(X, compute_uv=False)[0]))


def lr_divides_by_d(X):
    H = 2.0 / X.shape[1] * X.T @ X
    return float(2.0 / np.linalg.eigvalsh(H)[-1])


def lr_gram(X):
    G = 2.0 / X.shape[0] * X @ X.T
    return float(2.0 / np.linalg.eigvalsh(G)[-1])


def lr_spectral_norm(X):
    P = X.shape[0]
    return float(P / np.linalg.norm(X, 2) ** 2)


# ----- mse_gradient ------------------------------------------------------------------------

def mg_no_two(w, X_batch, y_batch):
    return X_batch.T @ (X_batch @ w - y_batch) / len(y_batch)


def mg_sign(w, X_batch, y_batch):
    return 2.0 / len(y_batch) * X_batch.T @ (y_batch - X_batch @ w)


def mg_features(w, X_batch, y_batch):
    return 2.0 / X_batch.shape[1] * X_batch.T @ (X_batch @ w - y_batch)


def mg_mean_all(w, X_batch, y_batch):
    r = X_batch @ w - y_batch
    return 2.0 * np.mean(X_batch * r[:, None], axis=0) / X_batch.shape[1]


def mg_int_division(w, X_batch, y_batch):
    return (2 // len(y_batch)) * X_batch.T @ (X_batch @ w - y_batch)


def mg_residual_left(w, X_batch, y_batch):
    r = X_batch @ w - y_batch
    return (2 / r.shape[0]) * (r @ X_batch)


def mg_row_loop(w, X_batch, y_batch):
    g = np.zeros(np.shape(w))
    B = len(X_batch)
    for xi, yi in zip(X_batch, y_batch):
        g += 2.0 * (xi @ w - yi) * xi / B
    return g


def mg_einsum(w, X_batch, y_batch):
    r = np.einsum("bd,d->b", X_batch, w) - y_batch
    return np.einsum("bd,b->d", X_batch, r) * (2.0 / X_batch.shape[0])


# ----- minibatch_indices -------------------------------------------------------------------

def mbi_arange(n, batch_size, rng):
    order = np.arange(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def mbi_global_random(n, batch_size, rng):
    order = np.random.permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def mbi_floor_batches(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[k * batch_size:(k + 1) * batch_size] for k in range(n // batch_size)]


def mbi_choice(n, batch_size, rng):
    order = rng.choice(n, size=n, replace=False)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def mbi_permutation_per_batch(n, batch_size, rng):
    batches = []
    for i in range(0, n, batch_size):
        batches.append(rng.permutation(n)[i:i + batch_size])
    return batches


def mbi_extra_batch(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[k * batch_size:(k + 1) * batch_size] for k in range(n // batch_size + 1)]


def mbi_array_split(n, batch_size, rng):
    order = rng.permutation(n)
    return np.array_split(order, math.ceil(n / batch_size))


def mbi_shuffle_arange(n, batch_size, rng):
    order = np.arange(n)
    rng.shuffle(order)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def mbi_np_split(n, batch_size, rng):
    return list(np.split(rng.permutation(n), np.arange(batch_size, n, batch_size)))


def mbi_while(n, batch_size, rng):
    remaining = list(rng.permutation(n))
    batches = []
    while remaining:
        batches.append(np.array(remaining[:batch_size], dtype=np.int64))
        remaining = remaining[batch_size:]
    return batches


WRONG = [
    # numerical_derivative
    Blind("numerical_derivative", "forward_difference", "(f(x + h) − f(x)) / h", nd_forward),
    Blind("numerical_derivative", "fixed_step", "uses its own step 0.001 instead of h", nd_hardcoded_h),
    Blind("numerical_derivative", "missing_factor", "central difference divided by h, not 2h", nd_divides_by_h),
    Blind("numerical_derivative", "sign_error", "(f(x − h) − f(x + h)) / 2h", nd_backwards_difference_order),
    Blind("numerical_derivative", None, "writes x ± h into a copy of x: an integer x keeps its dtype and the step is "
          "truncated away", nd_copy_keeps_int_dtype),
    # gradient_descent_update
    Blind("gradient_descent_update", "in_place", "x -= learning_rate * gradx; return x", gd_in_place),
    Blind("gradient_descent_update", "sign_error", "x + learning_rate · gradx (climbs)", gd_plus),
    Blind("gradient_descent_update", "fixed_step", "x − gradx: the learning rate is never used", gd_no_rate),
    Blind("gradient_descent_update", "missing_factor", "x − 2 · learning_rate · gradx", gd_double),
    # label fixed in review after set 5 (was None): x stands where the gradient belongs, which is the
    # catalogue's wrong_point, "the right formula evaluated at the wrong quantity"; set 5's writer labelled
    # the same slip wrong_point
    Blind("gradient_descent_update", "wrong_point", "x − learning_rate · x: steps along x, not along the gradient",
          gd_uses_x),
    # gradient_check_error
    Blind("gradient_check_error", "wrong_error_measure", "largest absolute error, not relative", gce_absolute),
    Blind("gradient_check_error", "wrong_error_measure", "mean of the relative errors, not the largest",
          gce_mean_relative),
    Blind("gradient_check_error", "forward_difference", "numeric reference from a forward difference", gce_forward),
    Blind("gradient_check_error", "ignored_upstream", "numeric reference not multiplied by grad_output",
          gce_no_upstream_in_numeric),
    Blind("gradient_check_error", "wrong_point", "calls backward(x, x, G): passes x where σ(x) belongs",
          gce_passes_x_as_out),
    Blind("gradient_check_error", "fixed_step", "numeric reference always with 1e-5, ignoring h", gce_fixed_h),
    Blind("gradient_check_error", None, "relative error without the 1e-8 floor: 0/0 = nan when both are zero",
          gce_no_floor),
    Blind("gradient_check_error", "wrong_error_measure", "ratio of norms ‖a − n‖ / (‖a‖ + ‖n‖) instead of the "
          "largest elementwise relative error", gce_norm_ratio),
    # parabola_rates
    Blind("parabola_rates", "missing_factor", "step factor 1 − η (forgot the 2 of f' = 2x), rates 1 and 2",
          _pr_forgot_two),
    Blind("parabola_rates", "sign_error", "step factor 1 + 2η, the other two right", _pr_plus),
    Blind("parabola_rates", None, "first unstable rate 2 (thinks |1 − 2η| = 1 at η = 2)", _pr_unstable_two),
    Blind("parabola_rates", None, "step_factor returns the change −2η instead of the factor 1 − 2η",
          _pr_change_not_factor),
    Blind("parabola_rates", None, "one-step rate 1 (the step equal to x's size)", _pr_one_step_one),
    # hand_gradients
    Blind("hand_gradients", "overwrite_fanout", "df/dx = −6: only the path through q = x·y, the direct x "
          "factor's path forgotten", lambda: (-6.0, 4.0, 2.0)),
    Blind("hand_gradients", "overwrite_fanout", "df/dx = −2: only the direct path r, the path through x·y lost",
          lambda: (-2.0, 4.0, 2.0)),
    Blind("hand_gradients", "sign_error", "df/dx = 8", lambda: (8.0, 4.0, 2.0)),
    Blind("hand_gradients", None, "df/dy = 2 (forgot the outer ·x) and df/dz = 1", lambda: (-8.0, 2.0, 1.0)),
    Blind("hand_gradients", None, "df/dz = 4: wrote the value of z", lambda: (-8.0, 4.0, 4.0)),
    # topological_sort
    Blind("topological_sort", "repeated_nodes", "recursive DFS without a visited set: shared nodes appear "
          "several times", topo_no_visited),
    Blind("topological_sort", "wrong_order", "breadth-first order from the root, reversed", topo_bfs_reversed),
    Blind("topological_sort", "wrong_order", "reversed pre-order DFS (node placed before its parents are "
          "explored)", topo_preorder),
    Blind("topological_sort", None, "skips tensors without requires_grad (constants left out)",
          topo_only_grad_nodes),
    Blind("topological_sort", None, "recursive DFS with a visited set: right, but RecursionError on a long chain",
          topo_recursive),
    # backward_pass
    Blind("backward_pass", "overwrite_fanout", "grads[parent] = g: a second path overwrites the first",
          bp_overwrite),
    Blind("backward_pass", "wrong_order", "walks the topological order forwards, not reversed", bp_forward_order),
    Blind("backward_pass", "wrong_order", "breadth-first from the loss (notebook's bfs_backward)",
          bp_breadth_first),
    Blind("backward_pass", "stale_gradient", "calls root.backward() and copies .grad: gradients left from an "
          "earlier pass add in", bp_calls_backward),
    Blind("backward_pass", "repeated_nodes", "order from a DFS without visited set: shared nodes send their "
          "gradient several times", bp_unvisited_topo),
    Blind("backward_pass", None, "grads.get(p, 0) + g without skipping None: crashes on a constant parent",
          bp_get_zero),
    Blind("backward_pass", None, "returns only the leaves' gradients, intermediates dropped", bp_leaves_only),
    # bfs_counterexample
    Blind("bfs_counterexample", None, "w·w + w: fan-out at a leaf, which breadth-first handles right",
          bfs_leaf_fanout),
    Blind("bfs_counterexample", None, "copies the notebook's neg(neg(x)) example", bfs_with_neg),
    Blind("bfs_counterexample", None, "a loss of three elements (x + x·x, no sum)", bfs_not_scalar),
    Blind("bfs_counterexample", None, "x·2 + x·3: two paths of the same length, breadth-first is right",
          bfs_equal_paths),
    Blind("bfs_counterexample", None, "w created without requires_grad", bfs_const_w),
    # sigmoid
    Blind("sigmoid", "unstable", "1 / (1 + exp(−x)): overflows for large negative x", sig_naive),
    Blind("sigmoid", "unstable", "exp(x) / (1 + exp(x)): inf/inf = nan for large x", sig_exp_ratio),
    Blind("sigmoid", "sign_error", "stable branches swapped: computes σ(−x)", sig_swapped_branches),
    Blind("sigmoid", None, "clips x to [−10, 10] first: σ(1000) = 0.99995", sig_clip10),
    Blind("sigmoid", "unstable", "np.where over both naive branches: both are evaluated, overflow warnings",
          sig_where_both),
    # sigmoid_backward
    Blind("sigmoid_backward", "wrong_point", "G · x(1 − x): uses x where σ(x) belongs", sb_at_x),
    Blind("sigmoid_backward", "ignored_upstream", "out(1 − out), no grad_output", sb_no_upstream),
    Blind("sigmoid_backward", "sign_error", "G · out(out − 1)", sb_sign),
    Blind("sigmoid_backward", "wrong_point", "σ applied again to out: G · σ(out)(1 − σ(out))",
          sb_sigmoid_of_out),
    Blind("sigmoid_backward", None, "uses tanh's derivative: G · (1 − out²)", sb_tanh_formula),
    # tanh_backward
    Blind("tanh_backward", "wrong_point", "G · (1 − x²)", tb_at_x),
    Blind("tanh_backward", "ignored_upstream", "1 − out², no grad_output", tb_no_upstream),
    Blind("tanh_backward", "wrong_point", "G · (1 − tanh(out)²)", tb_tanh_of_out),
    Blind("tanh_backward", None, "G · (1 − out)²", tb_square_diff),
    Blind("tanh_backward", "sign_error", "G · (out² − 1)", tb_sign),
    # relu_backward
    Blind("relu_backward", "kink_convention", "G · (x >= 0): slope 1 at 0", rb_ge),
    Blind("relu_backward", "ignored_upstream", "the mask (x > 0) alone", rb_mask_only),
    Blind("relu_backward", "wrong_point", "relu of grad_output: keeps G where G > 0", rb_relu_of_upstream),
    Blind("relu_backward", None, "G · sign(x): −G for negative x", rb_sign),
    Blind("relu_backward", "in_place", "zeroes grad_output in place and returns it", rb_in_place),
    # mul_backward
    Blind("mul_backward", "swapped", "(G·a, G·b)", mb_swapped),
    Blind("mul_backward", "ignored_upstream", "(b, a)", mb_no_upstream),
    Blind("mul_backward", "wrong_product", "matrix products G @ bᵀ, aᵀ @ G", mb_matrix),
    Blind("mul_backward", None, "G·b for both inputs", mb_b_twice),
    # add_backward
    Blind("add_backward", "missing_broadcast_sum", "returns grad_output for both", ab_no_sum),
    Blind("add_backward", "missing_factor", "mean over the broadcast rows instead of the sum", ab_mean),
    Blind("add_backward", "missing_broadcast_sum", "sums the leading axes only; a size-1 axis ((1, D), (N, 1)) "
          "is not summed", ab_leading_only),
    Blind("add_backward", None, "assumes b is always the bias: b's gradient always summed over axis 0, a never",
          ab_bias_always),
    Blind("add_backward", "missing_broadcast_sum", "sums over the last axis instead of the broadcast one",
          ab_wrong_axis),
    # matmul_backward
    Blind("matmul_backward", "transposed", "(G @ b, a @ G): no transposes", mm_transposed),
    Blind("matmul_backward", "transposed", "dL/db = Gᵀ @ a, the transpose of aᵀ @ G", mm_db_transposed),
    Blind("matmul_backward", "wrong_product", "elementwise G * bᵀ and aᵀ * G", mm_elementwise),
    Blind("matmul_backward", "swapped", "(aᵀ @ G, G @ bᵀ)", mm_swapped),
    Blind("matmul_backward", "ignored_upstream", "ones in place of grad_output", mm_ones),
    # linear_backward
    Blind("linear_backward", "missing_factor", "dL/db = mean of G over rows", lb_mean_bias),
    Blind("linear_backward", "missing_broadcast_sum", "dL/db = G, not summed over the batch", lb_no_bias_sum),
    Blind("linear_backward", "transposed", "dL/dW = Gᵀ @ x", lb_dw_transposed),
    Blind("linear_backward", "transposed", "dL/dx = G @ W (no transpose)", lb_dx_no_transpose),
    Blind("linear_backward", "missing_broadcast_sum", "dL/db summed over axis 1 instead of the batch axis",
          lb_bias_axis1),
    Blind("linear_backward", "swapped", "returns (dL/dW, dL/dx, dL/db)", lb_order),
    # mse_backward
    Blind("mse_backward", "ignored_upstream", "2(pred − target)/n, no grad_output", mse_no_upstream),
    Blind("mse_backward", "missing_factor", "G (pred − target)/n, the 2 forgotten", mse_no_two),
    Blind("mse_backward", "missing_factor", "G · 2(pred − target), no division by n", mse_no_mean),
    Blind("mse_backward", "sign_error", "G · 2(target − pred)/n", mse_sign),
    Blind("mse_backward", "missing_factor", "divides by len(pred) (rows), not pred.size", mse_len),
    # cross_entropy_backward
    Blind("cross_entropy_backward", "unstable", "softmax without subtracting the max", ce_no_shift),
    Blind("cross_entropy_backward", "missing_onehot", "softmax/N, the −onehot forgotten", ce_no_onehot),
    Blind("cross_entropy_backward", "missing_factor", "no division by the number of rows", ce_no_mean),
    Blind("cross_entropy_backward", "ignored_upstream", "(softmax − onehot)/N, no grad_output", ce_no_upstream),
    Blind("cross_entropy_backward", None, "softmax over axis 0 (over the batch)", ce_axis0),
    Blind("cross_entropy_backward", "in_place", "logits -= max in place", ce_in_place_shift),
    Blind("cross_entropy_backward", "sign_error", "(onehot − softmax)/N", ce_onehot_minus),
    Blind("cross_entropy_backward", "unstable", "subtracts one max over the whole batch: a row far below it "
          "underflows to 0/0", ce_global_shift),
    # jacobian_fd
    Blind("jacobian_fd", "forward_difference", "(f(x + εe_j) − f(x)) / ε", jfd_forward),
    Blind("jacobian_fd", "transposed", "stacks the columns as rows: shape (n, m)", jfd_transposed),
    Blind("jacobian_fd", "in_place", "perturbs x in place and leaves it at x − ε", jfd_not_restored),
    Blind("jacobian_fd", "fixed_step", "always 1e-6, ignoring eps", jfd_fixed_eps),
    Blind("jacobian_fd", "missing_factor", "central difference divided by ε, not 2ε", jfd_over_eps),
    Blind("jacobian_fd", "in_place", "restores x by += ε after −= 2ε: rounding leaves x changed",
          jfd_drift_restore),
    # jacobian_reverse
    Blind("jacobian_reverse", "stale_gradient", "never resets leaf.grad between rows", jr_no_reset),
    Blind("jacobian_reverse", "transposed", "puts each vector-Jacobian product in a column", jr_columns),
    Blind("jacobian_reverse", None, "one backward with all ones, the row repeated m times", jr_one_backward),
    Blind("jacobian_reverse", "stale_gradient", "resets y.grad instead of the leaf's grad",
          jr_zero_grad_wrong_tensor),
    # chain_gradients
    Blind("chain_gradients", "transposed", "J @ g instead of g @ J", cg_matrix_vector),
    Blind("chain_gradients", "wrong_order", "list returned last stage first", cg_not_reversed_output),
    Blind("chain_gradients", "in_place", "input_jacobians.reverse() reorders the caller's list", cg_reverse_list),
    Blind("chain_gradients", None, "grad_last left out of the list", cg_no_last),
    Blind("chain_gradients", "wrong_order", "multiplies by J_0 first, walking the stages forwards",
          cg_forward_walk),
    Blind("chain_gradients", "transposed", "g @ Jᵀ", cg_transpose_J),
    # loglog_slope
    Blind("loglog_slope", "wrong_axes", "fits log size against log time", ll_axes_swapped),
    Blind("loglog_slope", "not_least_squares", "slope between the first and last points", ll_endpoints),
    Blind("loglog_slope", "wrong_axes", "fits time against size, no logs", ll_no_logs),
    Blind("loglog_slope", "wrong_axes", "log of the times only", ll_log_times_only),
    Blind("loglog_slope", "missing_factor", "log2 of sizes but natural log of times: slope off by ln 2",
          ll_mixed_bases),
    Blind("loglog_slope", "not_least_squares", "average of the slopes between neighbouring points",
          ll_mean_pair_slopes),
    # largest_stable_learning_rate
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "eigvalsh(H)[0]: the smallest eigenvalue",
          lr_smallest),
    Blind("largest_stable_learning_rate", "missing_factor", "H = XᵀX / P, the 2 forgotten", lr_no_two_in_hessian),
    Blind("largest_stable_learning_rate", "missing_factor", "1 / λ_max instead of 2 / λ_max", lr_one_over),
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "np.linalg.eig(H)[0][0]: eig does not sort, the "
          "first is not always the largest", lr_eig_first),
    Blind("largest_stable_learning_rate", None, "uses the largest singular value of X, not its square",
          lr_singular_value),
    Blind("largest_stable_learning_rate", "missing_factor", "H = (2/d) XᵀX: divides by the number of features",
          lr_divides_by_d),
    # mse_gradient
    Blind("mse_gradient", "missing_factor", "(1/|B|) Xᵀ r, the 2 forgotten", mg_no_two),
    Blind("mse_gradient", "sign_error", "(2/|B|) Xᵀ (y − Xw)", mg_sign),
    Blind("mse_gradient", "missing_factor", "divides by the number of features instead of the batch size",
          mg_features),
    Blind("mse_gradient", "missing_factor", "mean over rows, then divided by the number of features again",
          mg_mean_all),
    Blind("mse_gradient", "missing_factor", "integer division 2 // |B|: 0 for batches of more than 2",
          mg_int_division),
    # minibatch_indices
    Blind("minibatch_indices", "no_shuffle", "np.arange(n) cut into batches", mbi_arange),
    Blind("minibatch_indices", "ignores_rng", "np.random.permutation(n)", mbi_global_random),
    Blind("minibatch_indices", "drops_last", "n // batch_size batches: the smaller last one is lost",
          mbi_floor_batches),
    Blind("minibatch_indices", "ignores_rng", "rng.choice(n, n, replace=False) instead of rng.permutation(n)",
          mbi_choice),
    Blind("minibatch_indices", None, "a fresh rng.permutation(n) for every batch: samples repeat and go missing",
          mbi_permutation_per_batch),
    Blind("minibatch_indices", None, "n // batch_size + 1 batches: an empty batch when batch_size divides n",
          mbi_extra_batch),
    Blind("minibatch_indices", None, "np.array_split into ceil(n/bs) near-equal batches, not batches of "
          "batch_size", mbi_array_split),
]

CORRECT = [
    Blind("numerical_derivative", None, "0.5/h times the difference", nd_half_over_h),
    Blind("numerical_derivative", None, "a loop over the elements with np.ndindex", nd_loop),
    Blind("gradient_descent_update", None, "np.subtract / np.multiply", gd_numpy_funcs),
    Blind("gradient_descent_update", None, "adds −learning_rate times a float copy of gradx", gd_negated_rate),
    Blind("gradient_check_error", None, "a Python loop over elements with math.exp", gce_loop),
    Blind("gradient_check_error", None, "its own one-line stable sigmoid, np.fmax for the floor",
          gce_own_sigmoid),
    Blind("parabola_rates", None, "step factor written (1 − η) − η, a numpy 1/2 and the int 1", _pr_fraction_forms),
    Blind("hand_gradients", None, "integers, as expressions", lambda: (2 * 2 * -3 + 4, 2 ** 2, 2)),
    Blind("topological_sort", None, "Kahn's algorithm, returned as a tuple", topo_kahn),
    Blind("topological_sort", None, "iterative DFS with parent iterators, sets of ids", topo_stack_with_ids),
    Blind("backward_pass", None, "defaultdict and the Kahn order reversed", bp_defaultdict),
    Blind("backward_pass", None, "counts each node's consumers and releases it when all have reported",
          bp_pending_counts),
    Blind("bfs_counterexample", None, "s = 3w; loss = s + 1.5·exp(s)", bfs_scaled_shortcut),
    Blind("bfs_counterexample", None, "vector w, x = tanh(w), loss = (x + x·x).sum()", bfs_vector_tanh),
    Blind("bfs_counterexample", None, "h = σ(w²) reaches the loss directly and through two exps",
          bfs_long_and_short),
    Blind("sigmoid", None, "one formula: exp(min(x, 0)) / (1 + exp(−|x|))", sig_min_exp),
    Blind("sigmoid", None, "exp(−logaddexp(0, −x))", sig_logaddexp),
    Blind("sigmoid", None, "boolean masks, each branch on its own half", sig_masks),
    Blind("sigmoid_backward", None, "recomputes from x: G · σ(x) σ(−x)", sb_from_x),
    Blind("sigmoid_backward", None, "G · (out − out²)", sb_expanded),
    Blind("tanh_backward", None, "(1 − out)(1 + out) G", tb_factored),
    Blind("relu_backward", None, "mask from the output: out > 0", rb_out_mask),
    Blind("relu_backward", None, "np.heaviside(x, 0)", rb_heaviside),
    Blind("mul_backward", None, "einsum, returned as a list", mb_list_einsum),
    Blind("add_backward", None, "pads the shape with ones and sums the stretched axes", ab_ones_sum_trick),
    Blind("add_backward", None, "element-by-element accumulation loop", ab_broadcast_to_loop),
    Blind("matmul_backward", None, "einsum", mm_einsum),
    Blind("matmul_backward", None, "loop over rows with outer products", mm_outer_loop),
    Blind("linear_backward", None, "einsum, returned as a list", lb_einsum_list),
    Blind("linear_backward", None, "loop over samples", lb_sample_loop),
    Blind("mse_backward", None, "np.multiply / np.subtract, 2/size first", mse_np_funcs),
    Blind("mse_backward", None, "a list comprehension over the flattened arrays", mse_flat_loop),
    Blind("cross_entropy_backward", None, "log-sum-exp and np.eye one-hot", ce_logsumexp_eye),
    Blind("cross_entropy_backward", None, "row loop", ce_row_loop),
    Blind("jacobian_fd", None, "perturbs x in place and restores each entry exactly", jfd_exact_restore),
    Blind("jacobian_fd", None, "all steps from eps·eye, transposed at the end", jfd_eye_rows),
    Blind("jacobian_reverse", None, "a fresh leaf and graph for every row, grad passed as a Tensor",
          jr_fresh_graph),
    Blind("jacobian_reverse", None, "never resets, takes differences of the accumulated gradient",
          jr_subtract_previous),
    Blind("chain_gradients", None, "recursion", cg_recursive),
    Blind("chain_gradients", None, "each gradient from grad_last through the full product, einsum",
          cg_full_products),
    Blind("loglog_slope", None, "covariance formula with log10", ll_covariance),
    Blind("loglog_slope", None, "np.linalg.lstsq with an intercept column", ll_lstsq),
    Blind("largest_stable_learning_rate", None, "eigenvalues of the P×P Gram matrix (2/P) XXᵀ", lr_gram),
    Blind("largest_stable_learning_rate", None, "P / ‖X‖₂²", lr_spectral_norm),
    Blind("mse_gradient", None, "residual @ X", mg_residual_left),
    Blind("mse_gradient", None, "loop over rows", mg_row_loop),
    Blind("mse_gradient", None, "einsum", mg_einsum),
    Blind("minibatch_indices", None, "rng.shuffle(np.arange(n)), the same stream as rng.permutation(n)",
          mbi_shuffle_arange),
    Blind("minibatch_indices", None, "np.split at multiples of batch_size", mbi_np_split),
    Blind("minibatch_indices", None, "while loop over a Python list", mbi_while),
]
