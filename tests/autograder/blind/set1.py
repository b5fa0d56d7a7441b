"""Blind set 1: student-style solutions, wrong and unusual-but-correct, for every exercise.

Written by a blind helper on 2026-12-02 under the blind rule: the writer saw only the
exercises' contract (signatures, what they return), the plain-language catalogue of mistake
names, the engine students use (`minigrad/`) and the course notebooks. No access to the
checks' code, the planted mistakes, or any test file. Each function was run on inputs the
writer built by hand; each CORRECT one was compared with a careful reference computation.
"""
from __future__ import annotations

from collections import deque

import numpy as np

import minigrad as mg
from tests.autograder.blind.entry import Blind


# =====================================================================================
# numerical_derivative
# =====================================================================================
def nd_forward(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h


def nd_precedence(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / 2 * h            # divides by 2, then MULTIPLIES by h


def nd_copy_then_add(f, x, h=1e-5):
    xp = np.array(x)                                # keeps an integer dtype for integer x
    xm = np.array(x)
    xp += h                                         # int array: += of a float fails (or truncates)
    xm -= h
    return (f(xp) - f(xm)) / (2 * h)


def nd_float32(f, x, h=1e-5):
    x32 = np.asarray(x, dtype=np.float32)
    return (f(x32 + np.float32(h)) - f(x32 - np.float32(h))) / (2 * h)


def nd_fixed_h(f, x, h=1e-5):
    step = 1e-5
    return (f(x + step) - f(x - step)) / (2 * step)


def nd_h_squared(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h * h)      # h squared in the denominator


def nd_ok_halfstep(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) * (0.5 / h)


def nd_ok_loop(f, x, h=1e-5):
    if np.ndim(x) == 0:
        return (f(x + h) - f(x - h)) / (2 * h)
    arr = np.asarray(x, dtype=float)
    out = np.empty(arr.shape)
    for idx in np.ndindex(arr.shape):
        out[idx] = (f(arr[idx] + h) - f(arr[idx] - h)) / (2 * h)
    return out


# =====================================================================================
# gradient_descent_update
# =====================================================================================
def gd_in_place(x, gradx, learning_rate):
    x -= learning_rate * gradx
    return x


def gd_plus(x, gradx, learning_rate):
    return x + learning_rate * gradx


def gd_hardcoded_rate(x, gradx, learning_rate):
    lr = 0.1
    return x - lr * gradx


def gd_into_zeros_like(x, gradx, learning_rate):
    new = np.zeros_like(x)                          # integer x gives an integer buffer
    new[...] = x - learning_rate * gradx
    return new


def gd_half(x, gradx, learning_rate):
    return x - 0.5 * learning_rate * gradx          # thinks of f = x**2 / 2


def gd_ok_ufuncs(x, gradx, learning_rate):
    return np.subtract(x, np.multiply(learning_rate, gradx))


def gd_ok_copy_then_isub(x, gradx, learning_rate):
    new = np.array(x, dtype=float, copy=True)
    new -= learning_rate * np.asarray(gradx, dtype=float)
    return new if np.ndim(x) else float(new)


# =====================================================================================
# gradient_check_error
# =====================================================================================
def _sig(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, e) / (1.0 + e)


def gce_forward(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + h) - _sig(x)) / h
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_mean(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.mean(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_absolute(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n)))


def gce_relative_to_numeric(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / np.abs(n)))


def gce_no_upstream_in_reference(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = (_sig(x + h) - _sig(x - h)) / (2 * h)       # forgot G on the numerical side
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_no_floor(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + h) - _sig(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / (np.abs(a) + np.abs(n))))   # 0/0 where G == 0


def gce_fixed_h(backward, x, grad_output, h=1e-5):
    a = backward(x, _sig(x), grad_output)
    n = grad_output * (_sig(x + 1e-5) - _sig(x - 1e-5)) / 2e-5
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_ok_tanh_sigmoid_loop(backward, x, grad_output, h=1e-5):
    def sig(t):
        return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(t, dtype=float)))
    a = np.asarray(backward(x, sig(x), grad_output), dtype=float)
    n = np.asarray(grad_output * (sig(x + h) - sig(x - h)) / (2 * h), dtype=float)
    worst = 0.0
    for ai, ni in zip(np.ravel(a), np.ravel(n)):
        worst = max(worst, abs(ai - ni) / max(1e-8, abs(ai) + abs(ni)))
    return float(worst)


# =====================================================================================
# parabola_rates  (f(x) = x**2: step factor 1 - 2η, one-step rate 1/2, first unstable 1)
# =====================================================================================
def _rates_no_two():
    def step_factor(learning_rate):
        return 1 - learning_rate
    return (step_factor, 1.0, 2.0)


def _rates_unstable_two():
    def step_factor(learning_rate):
        return 1 - 2 * learning_rate
    return (step_factor, 0.5, 2.0)


def _rates_plus():
    def step_factor(learning_rate):
        return 1 + 2 * learning_rate
    return (step_factor, 0.5, 1.0)


def _rates_abs():
    def step_factor(learning_rate):
        return abs(1 - 2 * learning_rate)           # "how much x shrinks": loses the sign above 0.5
    return (step_factor, 0.5, 1.0)


def _rates_unstable_half():
    def step_factor(learning_rate):
        return 1 - 2 * learning_rate
    return (step_factor, 0.5, 0.5)                  # confuses "starts to overshoot" with "diverges"


def _rates_ok_by_simulation():
    def step_factor(learning_rate):
        x = 3.0
        return (x - learning_rate * 2 * x) / x
    return (step_factor, 1 / 2, 2 / 2)


# =====================================================================================
# hand_gradients  (f = (x y + z) x at (2, -3, 4): (-8, 4, 2))
# =====================================================================================
# (lambdas below)


# =====================================================================================
# topological_sort
# =====================================================================================
def topo_bfs_reversed(root):
    order, seen, queue = [], {root}, deque([root])
    while queue:
        node = queue.popleft()
        order.append(node)
        for p in node.parents:
            if p not in seen:
                seen.add(p)
                queue.append(p)
    return order[::-1]


def topo_no_visited(root):
    order, stack = [], [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
            continue
        stack.append((node, True))
        for p in node.parents:
            stack.append((p, False))
    return order


def topo_preorder(root):
    order, seen, stack = [], set(), [root]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        order.append(node)
        stack.extend(node.parents)
    return order


def topo_no_leaves(root):
    order, placed, stack = [], set(), [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            if node.parents:
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


def topo_recursive(root):
    order, placed = [], set()

    def visit(node):
        if node in placed:
            return
        placed.add(node)
        for p in node.parents:
            visit(p)
        order.append(node)
    visit(root)
    return order


def topo_only_grad(root):
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
            if p.requires_grad and p not in placed:
                stack.append((p, False))
    return order


def topo_ok_kahn(root):
    reachable, stack = [], [root]
    seen = {root}
    while stack:
        node = stack.pop()
        reachable.append(node)
        for p in node.parents:
            if p not in seen:
                seen.add(p)
                stack.append(p)
    waiting = {t: len(set(t.parents)) for t in reachable}
    children = {t: [] for t in reachable}
    for t in reachable:
        for p in set(t.parents):
            children[p].append(t)
    ready = deque(t for t in reachable if waiting[t] == 0)
    order = []
    while ready:
        node = ready.popleft()
        order.append(node)
        for c in children[node]:
            waiting[c] -= 1
            if waiting[c] == 0:
                ready.append(c)
    return tuple(order)


def topo_ok_reverse_postorder_of_consumers(root):
    # every tensor once, via an explicit stack with an iterator per node
    order, placed = [], {root}
    stack = [(root, iter(root.parents))]
    while stack:
        node, parents = stack[-1]
        for p in parents:
            if p not in placed:
                placed.add(p)
                stack.append((p, iter(p.parents)))
                break
        else:
            stack.pop()
            order.append(node)
    return order


# =====================================================================================
# backward_pass
# =====================================================================================
def _topo(root):
    return topo_ok_reverse_postorder_of_consumers(root)


def bp_overwrite(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(_topo(root)):
        g = grads.get(node)
        if g is None or not node.parents:
            continue
        for p, gp in zip(node.parents, mg.input_gradients(node, g)):
            if gp is not None:
                grads[p] = gp
    return grads


def bp_breadth_first(root):
    grads = {root: np.ones_like(root.data)}
    queue, queued = deque([root]), {root}
    while queue:
        node = queue.popleft()
        if not node.parents:
            continue
        for p, gp in zip(node.parents, mg.input_gradients(node, grads[node])):
            if gp is None:
                continue
            grads[p] = grads[p] + gp if p in grads else gp
            if p not in queued:
                queued.add(p)
                queue.append(p)
    return grads


def bp_not_reversed(root):
    grads = {root: np.ones_like(root.data)}
    for node in _topo(root):
        g = grads.get(node)
        if g is None or not node.parents:
            continue
        for p, gp in zip(node.parents, mg.input_gradients(node, g)):
            if gp is not None:
                grads[p] = grads[p] + gp if p in grads else gp
    return grads


def bp_engine_grads(root):
    root.backward()                                 # .grad adds up over calls
    return {t: t.grad for t in _topo(root) if t.requires_grad}


def bp_iadd_aliasing(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(_topo(root)):
        g = grads.get(node)
        if g is None or not node.parents:
            continue
        for p, gp in zip(node.parents, mg.input_gradients(node, g)):
            if gp is None:
                continue
            if p in grads:
                grads[p] += gp                      # writes into an array that may be shared
            else:
                grads[p] = gp
    return grads


def bp_ok_pending_counts(root):
    nodes = _topo(root)
    consumers = dict.fromkeys(nodes, 0)
    for t in nodes:
        for p in t.parents:
            consumers[p] += 1
    grads = {root: np.ones(root.data.shape)}
    ready = [root]
    while ready:
        node = ready.pop()
        for p, gp in zip(node.parents, mg.input_gradients(node, grads[node]) if node.parents else ()):
            consumers[p] -= 1
            if gp is not None:
                grads[p] = np.add(grads[p], gp) if p in grads else np.array(gp)
            if consumers[p] == 0 and p in grads:
                ready.append(p)
    return {t: g for t, g in grads.items() if t.requires_grad}


# =====================================================================================
# bfs_counterexample
# =====================================================================================
def ce_ok_tanh_exp():
    w = mg.Tensor(0.3, requires_grad=True)
    x = mg.tanh(w)                                  # intermediate node
    loss = mg.exp(x) * 2.0 + x                      # x reached in 1 step and in 3 steps
    return loss, w


def ce_ok_one_element_vector():
    w = mg.Tensor([0.7], requires_grad=True)
    x = w * w
    y = mg.sigmoid(x)
    loss = (y * x + x).sum().reshape(1)
    return loss, w


def ce_uses_neg():
    w = mg.Tensor(1.5, requires_grad=True)
    x = w * w
    loss = mg.functional.add(mg.functional.neg(mg.functional.neg(x)), x)
    return loss, w


def ce_leaf_fanout():
    w = mg.Tensor(1.5, requires_grad=True)
    loss = mg.exp(w) * 3.0 + w                      # w itself is reached early, but it is a leaf
    return loss, w


def ce_plain_chain():
    w = mg.Tensor(0.5, requires_grad=True)
    loss = mg.exp(mg.tanh(w * 2.0))
    return loss, w


def ce_vector_loss():
    w = mg.Tensor(0.5, requires_grad=True)
    x = mg.exp(w)
    loss = (x + x * x) * np.ones(3)                 # three elements, not one
    return loss, w


# =====================================================================================
# sigmoid
# =====================================================================================
def sig_naive(x):
    return 1.0 / (1.0 + np.exp(-x))


def sig_where_both(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def sig_exp_ratio(x):
    e = np.exp(x)
    return e / (1.0 + e)


def sig_clip(x):
    return 1.0 / (1.0 + np.exp(-np.clip(x, -10, 10)))


def sig_empty_like(x):
    x = np.asarray(x)
    out = np.empty_like(x)                          # integer x gives an integer result
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def sig_tanh_no_half(x):
    return 0.5 * (1.0 + np.tanh(x))


def sig_ok_safe_branches(x):
    x = np.asarray(x, dtype=float)
    pos = 1.0 / (1.0 + np.exp(-np.maximum(x, 0.0)))    # exponent <= 0 on both sides
    e = np.exp(np.minimum(x, 0.0))
    return np.where(x >= 0, pos, e / (1.0 + e))


def sig_ok_logaddexp(x):
    return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=float)))


# =====================================================================================
# sigmoid_backward
# =====================================================================================
def sb_no_upstream(x, out, grad_output):
    return out * (1.0 - out)


def sb_sigma_of_out(x, out, grad_output):
    s = 1.0 / (1.0 + np.exp(-out))
    return grad_output * s * (1.0 - s)


def sb_at_x(x, out, grad_output):
    return grad_output * x * (1.0 - x)


def sb_recompute_naive(x, out, grad_output):
    s = 1.0 / (1.0 + np.exp(-x))
    return grad_output * s * (1.0 - s)


def sb_in_place(x, out, grad_output):
    g = grad_output
    g *= out * (1.0 - out)
    return g


def sb_sign(x, out, grad_output):
    return grad_output * out * (out - 1.0)


def sb_tanh_formula(x, out, grad_output):
    return grad_output * (1.0 - out ** 2)


def sb_ok_expanded(x, out, grad_output):
    return grad_output * (out - out * out)


def sb_ok_own_buffer(x, out, grad_output):
    res = np.empty_like(out, dtype=float)
    np.subtract(1.0, out, out=res)                  # only the new buffer is written
    res *= out
    res *= grad_output
    return res


# =====================================================================================
# tanh_backward
# =====================================================================================
def tb_at_x(x, out, grad_output):
    return grad_output * (1.0 - x ** 2)


def tb_tanh_of_out(x, out, grad_output):
    return grad_output * (1.0 - np.tanh(out) ** 2)


def tb_no_upstream(x, out, grad_output):
    return 1.0 - out ** 2


def tb_square_wrong(x, out, grad_output):
    return grad_output * (1.0 - out) ** 2


def tb_cosh(x, out, grad_output):
    return grad_output / np.cosh(x) ** 2


def tb_quarter(x, out, grad_output):
    s = (1.0 + out) / 2.0                           # σ(2x), then forgot both factors of 2
    return grad_output * s * (1.0 - s)


def tb_ok_factored(x, out, grad_output):
    return grad_output * (1.0 - out) * (1.0 + out)


def tb_ok_via_sigmoid(x, out, grad_output):
    s = (1.0 + out) / 2.0
    return 4.0 * grad_output * s * (1.0 - s)


# =====================================================================================
# relu_backward
# =====================================================================================
def rb_ge(x, out, grad_output):
    return grad_output * (x >= 0)


def rb_heaviside_half(x, out, grad_output):
    return grad_output * np.heaviside(x, 0.5)


def rb_no_upstream(x, out, grad_output):
    return (x > 0).astype(float)


def rb_in_place(x, out, grad_output):
    g = grad_output
    g[x <= 0] = 0.0
    return g


def rb_sign(x, out, grad_output):
    return grad_output * np.sign(x)


def rb_ok_from_out(x, out, grad_output):
    return grad_output * (out > 0)


def rb_ok_where(x, out, grad_output):
    return np.where(x > 0, grad_output, 0.0)


def rb_ok_heaviside(x, out, grad_output):
    return grad_output * np.heaviside(x, 0.0)


# =====================================================================================
# mul_backward
# =====================================================================================
def mb_swapped(a, b, grad_output):
    return grad_output * a, grad_output * b


def mb_no_upstream(a, b, grad_output):
    return np.array(b, dtype=float), np.array(a, dtype=float)


def mb_matrix(a, b, grad_output):
    return grad_output @ b.T, a.T @ grad_output


def mb_in_place(a, b, grad_output):
    ga = grad_output
    ga *= b
    return ga, grad_output * a


def mb_ok_list(a, b, grad_output):
    return [np.multiply(b, grad_output), np.multiply(grad_output, a)]


def mb_ok_einsum(a, b, grad_output):
    return np.einsum("...,...->...", grad_output, b), np.einsum("...,...->...", grad_output, a)


# =====================================================================================
# add_backward
# =====================================================================================
def _sum_leading(g, shape):
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    return g


def ab_no_sum(a, b, grad_output):
    return grad_output.copy(), grad_output.copy()


def ab_leading_only(a, b, grad_output):
    return _sum_leading(grad_output, np.shape(a)), _sum_leading(grad_output, np.shape(b))


def ab_one_axis(a, b, grad_output):
    ga = grad_output.sum(axis=0) if np.ndim(a) < grad_output.ndim else grad_output.copy()
    gb = grad_output.sum(axis=0) if np.ndim(b) < grad_output.ndim else grad_output.copy()
    return ga, gb


def ab_mean(a, b, grad_output):
    ga = grad_output.mean(axis=0) if np.ndim(a) < grad_output.ndim else grad_output.copy()
    gb = grad_output.mean(axis=0) if np.ndim(b) < grad_output.ndim else grad_output.copy()
    return ga, gb


def _sum_to(g, shape):
    g = _sum_leading(g, shape)
    for ax, size in enumerate(shape):
        if size == 1 and g.shape[ax] != 1:
            g = g.sum(axis=ax, keepdims=True)
    return np.array(g)


def ab_swapped(a, b, grad_output):
    return _sum_to(grad_output, np.shape(b)), _sum_to(grad_output, np.shape(a))


def ab_sign(a, b, grad_output):
    return _sum_to(grad_output, np.shape(a)), -_sum_to(grad_output, np.shape(b))


def ab_ok_padded_reshape(a, b, grad_output):
    def reduce(shape):
        padded = (1,) * (grad_output.ndim - len(shape)) + tuple(shape)
        axes = tuple(i for i, (s, g) in enumerate(zip(padded, grad_output.shape)) if s == 1 and g != 1)
        return np.sum(grad_output, axis=axes, keepdims=True).reshape(shape)
    return reduce(np.shape(a)), reduce(np.shape(b))


def ab_ok_ones_trick(a, b, grad_output):
    # dL/da_k = sum of G over the output entries that a_k was copied to
    def reduce(arr):
        ids = np.arange(np.size(arr)).reshape(np.shape(arr))
        spread = np.broadcast_to(ids, grad_output.shape)
        return np.bincount(spread.ravel(), weights=grad_output.ravel(),
                           minlength=np.size(arr)).reshape(np.shape(arr))
    return reduce(a), reduce(b)


# =====================================================================================
# matmul_backward  a (N, K), b (K, M), G (N, M)
# =====================================================================================
def mm_db_transposed(a, b, grad_output):
    return grad_output @ b.T, grad_output.T @ a


def mm_da_no_transpose(a, b, grad_output):
    return grad_output @ b, a.T @ grad_output


def mm_swapped(a, b, grad_output):
    return a.T @ grad_output, grad_output @ b.T


def mm_no_upstream(a, b, grad_output):
    ones = np.ones_like(grad_output)
    return ones @ b.T, a.T @ ones


def mm_elementwise(a, b, grad_output):
    return grad_output * b, a * grad_output


def mm_averaged(a, b, grad_output):
    n = a.shape[0]
    return grad_output @ b.T / n, a.T @ grad_output / n


def mm_ok_einsum(a, b, grad_output):
    return np.einsum("nm,km->nk", grad_output, b), np.einsum("nk,nm->km", a, grad_output)


def mm_ok_outer_loop(a, b, grad_output):
    ga = np.zeros(a.shape)
    gb = np.zeros(b.shape)
    for n in range(a.shape[0]):
        gb += np.outer(a[n], grad_output[n])
        ga[n] = b @ grad_output[n]
    return [ga, gb]


# =====================================================================================
# linear_backward  y = x W + b
# =====================================================================================
def lin_db_mean(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.mean(axis=0)


def lin_db_squeeze(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, np.squeeze(grad_output).copy()


def lin_dx_no_transpose(x, W, b, grad_output):
    return grad_output @ W, x.T @ grad_output, grad_output.sum(axis=0)


def lin_dW_transposed(x, W, b, grad_output):
    return grad_output @ W.T, grad_output.T @ x, grad_output.sum(axis=0)


def lin_dW_outer_of_sums(x, W, b, grad_output):
    return grad_output @ W.T, np.outer(x.sum(axis=0), grad_output.sum(axis=0)), grad_output.sum(axis=0)


def lin_dW_no_upstream(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ np.ones_like(grad_output), grad_output.sum(axis=0)


def lin_order(x, W, b, grad_output):
    return x.T @ grad_output, grad_output @ W.T, grad_output.sum(axis=0)


def lin_ok_einsum(x, W, b, grad_output):
    return (np.einsum("no,io->ni", grad_output, W),
            np.einsum("ni,no->io", x, grad_output),
            np.einsum("no->o", grad_output))


def lin_ok_loop(x, W, b, grad_output):
    dx = np.zeros(x.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for n in range(x.shape[0]):
        dx[n] = W @ grad_output[n]
        dW += np.outer(x[n], grad_output[n])
        db += grad_output[n]
    return [dx, dW, db]


# =====================================================================================
# mse_backward
# =====================================================================================
def mse_no_two(pred, target, grad_output):
    return grad_output * (pred - target) / pred.size


def mse_no_mean(pred, target, grad_output):
    return grad_output * 2.0 * (pred - target)


def mse_len(pred, target, grad_output):
    return grad_output * 2.0 * (pred - target) / len(pred)


def mse_sign(pred, target, grad_output):
    return grad_output * 2.0 * (target - pred) / pred.size


def mse_no_upstream(pred, target, grad_output):
    return 2.0 * (pred - target) / pred.size


def mse_intdiv(pred, target, grad_output):
    return grad_output * (pred - target) * (2 // pred.size)


def mse_ok_prod_shape(pred, target, grad_output):
    return 2 * np.subtract(pred, target) * (np.asarray(grad_output).item() / np.prod(pred.shape))


def mse_ok_float32(pred, target, grad_output):
    diff = (pred - target).astype(np.float32)
    return (np.float32(2.0 / pred.size) * np.float32(grad_output) * diff).astype(np.float32)


# =====================================================================================
# cross_entropy_backward
# =====================================================================================
def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def ce_no_onehot(logits, labels, grad_output):
    return grad_output * _softmax(logits) / len(labels)


def ce_unstable(logits, labels, grad_output):
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1.0
    return grad_output * p / len(labels)


def ce_no_mean(logits, labels, grad_output):
    p = _softmax(logits)
    p[np.arange(len(labels)), labels] -= 1.0
    return grad_output * p


def ce_sign(logits, labels, grad_output):
    p = _softmax(logits)
    p[np.arange(len(labels)), labels] -= 1.0
    return -grad_output * p / len(labels)


def ce_no_upstream(logits, labels, grad_output):
    p = _softmax(logits)
    p[np.arange(len(labels)), labels] -= 1.0
    return p / len(labels)


def ce_in_place_shift(logits, labels, grad_output):
    logits -= logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1.0
    return grad_output * p / len(labels)


def ce_column_index(logits, labels, grad_output):
    p = _softmax(logits)
    p[:, labels] -= 1.0                             # every row loses 1 at every label in the batch
    return grad_output * p / len(labels)


def ce_divide_by_classes(logits, labels, grad_output):
    p = _softmax(logits)
    p[np.arange(len(labels)), labels] -= 1.0
    return grad_output * p / logits.shape[1]


def ce_ok_logsumexp_eye(logits, labels, grad_output):
    m = logits.max(axis=1, keepdims=True)
    lse = m + np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    onehot = np.eye(logits.shape[1])[labels]
    return (np.exp(logits - lse) - onehot) * (grad_output / logits.shape[0])


def ce_ok_rows(logits, labels, grad_output):
    out = np.zeros(logits.shape)
    n = logits.shape[0]
    for i in range(n):
        row = np.exp(logits[i] - np.max(logits[i]))
        row = row / row.sum()
        row[int(labels[i])] -= 1
        out[i] = row * grad_output / n
    return out


# =====================================================================================
# jacobian_fd
# =====================================================================================
def jfd_forward(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    f0 = np.asarray(f(x), dtype=float)
    cols = []
    for j in range(x.size):
        xp = x.copy()
        xp[j] += eps
        cols.append((np.asarray(f(xp)) - f0) / eps)
    return np.stack(cols, axis=1)


def jfd_rows(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    rows = []
    for j in range(x.size):
        e = np.zeros_like(x)
        e[j] = eps
        rows.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * eps))
    return np.array(rows)                           # (n, m): column j stored as row j


def jfd_not_restored(f, x, eps=1e-6):
    cols = []
    for j in range(x.size):
        x[j] += eps
        fp = np.array(f(x), dtype=float)
        x[j] -= 2 * eps
        fm = np.array(f(x), dtype=float)
        cols.append((fp - fm) / (2 * eps))          # x[j] left eps too low
    return np.stack(cols, axis=1)


def jfd_fixed_eps(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    n = x.size
    E = 1e-6 * np.eye(n)
    return np.stack([(np.asarray(f(x + E[j])) - np.asarray(f(x - E[j]))) / 2e-6 for j in range(n)], axis=1)


def jfd_no_two(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    E = eps * np.eye(x.size)
    return np.stack([(np.asarray(f(x + E[j])) - np.asarray(f(x - E[j]))) / eps for j in range(x.size)], axis=1)


def jfd_add_subtract_back(f, x, eps=1e-6):
    cols = []
    for j in range(x.size):
        x[j] += eps
        fp = np.array(f(x), dtype=float)
        x[j] -= 2 * eps
        fm = np.array(f(x), dtype=float)
        x[j] += eps                                  # not exactly the old value after rounding
        cols.append((fp - fm) / (2 * eps))
    return np.stack(cols, axis=1)


def jfd_ok_save_restore(f, x, eps=1e-6):
    cols = []
    for j in range(x.size):
        old = x[j]
        x[j] = old + eps
        fp = np.array(f(x), dtype=float)
        x[j] = old - eps
        fm = np.array(f(x), dtype=float)
        x[j] = old
        cols.append((fp - fm) / (2 * eps))
    return np.column_stack(cols)


def jfd_ok_listcomp(f, x, eps=1e-6):
    base = np.array(x, dtype=float)
    steps = eps * np.eye(base.size)
    diffs = [np.asarray(f(base + s), dtype=float) - np.asarray(f(base - s), dtype=float) for s in steps]
    return np.array(diffs).T / (2 * eps)


# =====================================================================================
# jacobian_reverse
# =====================================================================================
def jr_no_clear(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    rows = []
    for unit in np.eye(y.shape[0]):
        y.backward(unit)
        rows.append(leaf.grad.copy())
    return np.array(rows)


def jr_columns(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    rows = []
    for unit in np.eye(y.shape[0]):
        leaf.grad = None
        y.backward(unit)
        rows.append(leaf.grad.copy())
    return np.stack(rows, axis=1)                    # (n, m)


def jr_squeeze(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    rows = []
    for unit in np.eye(y.shape[0]):
        leaf.grad = None
        y.backward(unit)
        rows.append(leaf.grad.copy())
    return np.squeeze(np.array(rows))               # (1, n) becomes (n,)


def jr_skip_missing(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    rows = []
    for unit in np.eye(y.shape[0]):
        leaf.grad = None
        y.backward(unit)
        if leaf.grad is not None:                   # an output that ignores x: row dropped
            rows.append(leaf.grad.copy())
    return np.array(rows)


def jr_fill_zero_alias(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    rows = []
    for unit in np.eye(y.shape[0]):
        if leaf.grad is not None:
            leaf.grad.fill(0.0)                     # also zeroes the row appended before
        y.backward(unit)
        rows.append(leaf.grad)
    return np.array(rows)


def jr_sum_once(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    y.backward(np.ones(y.shape))
    return np.tile(leaf.grad, (y.shape[0], 1))


def jr_ok_fresh_leaf_per_row(f, x):
    m = None
    rows = []
    i = 0
    while m is None or i < m:
        leaf = mg.Tensor(np.array(x, dtype=float), requires_grad=True)
        y = f(leaf)
        m = y.shape[0]
        unit = np.zeros(m)
        unit[i] = 1.0
        y.backward(grad=unit)
        rows.append(np.zeros(leaf.shape) if leaf.grad is None else leaf.grad.copy())
        i += 1
    return np.vstack(rows).reshape(m, -1)


def jr_ok_subtract_previous(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    m, n = y.shape[0], leaf.shape[0]
    J = np.zeros((m, n))
    previous = np.zeros(n)
    for i in range(m):
        unit = np.zeros(m)
        unit[i] = 1.0
        y.backward(unit)
        total = np.zeros(n) if leaf.grad is None else leaf.grad.copy()
        J[i] = total - previous                     # gradients add up: take the difference
        previous = total
    return J


# =====================================================================================
# chain_gradients
# =====================================================================================
def cg_matrix_first(input_jacobians, grad_last):
    grads = [grad_last]
    for J in reversed(input_jacobians):
        grads.append(J @ grads[-1])                 # column-vector habit
    return grads[::-1]


def cg_front_to_back(input_jacobians, grad_last):
    grads = [grad_last]
    for J in input_jacobians:
        grads.append(grads[-1] @ J)
    return grads[::-1]


def cg_not_reversed(input_jacobians, grad_last):
    grads = [grad_last]
    for J in reversed(input_jacobians):
        grads.append(grads[-1] @ J)
    return grads                                    # [z_K, ..., z_0]


def cg_reverse_list(input_jacobians, grad_last):
    input_jacobians.reverse()
    grads = [grad_last]
    for J in input_jacobians:
        grads.append(grads[-1] @ J)
    return grads[::-1]


def cg_forgets_last(input_jacobians, grad_last):
    grads = []
    g = grad_last
    for J in reversed(input_jacobians):
        g = g @ J
        grads.append(g)
    return grads[::-1]


def cg_first_step_outside(input_jacobians, grad_last):
    g = grad_last @ input_jacobians[-1]             # fails for a chain of no stages
    grads = [grad_last, g]
    for J in reversed(input_jacobians[:-1]):
        g = g @ J
        grads.append(g)
    return grads[::-1]


def cg_ok_prealloc(input_jacobians, grad_last):
    K = len(input_jacobians)
    out = [None] * (K + 1)
    out[K] = grad_last
    for k in range(K - 1, -1, -1):
        out[k] = np.einsum("i,ij->j", out[k + 1], input_jacobians[k])
    return out


def cg_ok_recursive(input_jacobians, grad_last):
    if not input_jacobians:
        return [grad_last]
    rest = cg_ok_recursive(input_jacobians[1:], grad_last)
    return [rest[0] @ input_jacobians[0]] + rest


# =====================================================================================
# loglog_slope
# =====================================================================================
def ll_endpoints(sizes, times):
    ls, lt = np.log(sizes), np.log(times)
    return float((lt[-1] - lt[0]) / (ls[-1] - ls[0]))


def ll_semilog(sizes, times):
    return float(np.polyfit(np.asarray(sizes, dtype=float), np.log(times), 1)[0])


def ll_swapped_axes(sizes, times):
    return float(np.polyfit(np.log(times), np.log(sizes), 1)[0])


def ll_mean_of_steps(sizes, times):
    ls, lt = np.log(sizes), np.log(times)
    return float(np.mean(np.diff(lt) / np.diff(ls)))


def ll_ratio(sizes, times):
    return float(np.mean(np.log(times) / np.log(sizes)))


def ll_intercept(sizes, times):
    return float(np.polyfit(np.log(sizes), np.log(times), 1)[1])


def ll_ok_closed_form(sizes, times):
    u = np.log2(np.asarray(sizes, dtype=float))
    v = np.log2(np.asarray(times, dtype=float))
    du = u - u.mean()
    return float((du * (v - v.mean())).sum() / (du * du).sum())


def ll_ok_lstsq(sizes, times):
    u = np.log10(np.asarray(sizes, dtype=float))
    A = np.column_stack([u, np.ones_like(u)])
    coef, *_ = np.linalg.lstsq(A, np.log10(np.asarray(times, dtype=float)), rcond=None)
    return float(coef[0])


# =====================================================================================
# largest_stable_learning_rate
# =====================================================================================
def lr_one_over(X):
    H = 2.0 / len(X) * X.T @ X
    return float(1.0 / np.linalg.eigvalsh(H)[-1])


def lr_smallest(X):
    H = 2.0 / len(X) * X.T @ X
    return float(2.0 / np.linalg.eigvalsh(H)[0])


def lr_no_scaling(X):
    return float(2.0 / np.linalg.eigvalsh(X.T @ X)[-1])


def lr_index_one(X):
    H = 2.0 / len(X) * X.T @ X
    return float(2.0 / np.linalg.eigvalsh(H)[1])    # "the larger of the two"


def lr_trace(X):
    H = 2.0 / len(X) * X.T @ X
    return float(2.0 / np.trace(H))


def lr_max_diagonal(X):
    H = 2.0 / len(X) * X.T @ X
    return float(2.0 / np.max(np.diag(H)))


def lr_ok_svd(X):
    s = np.linalg.svd(np.asarray(X, dtype=float), compute_uv=False)
    return float(len(X) / s[0] ** 2)


def lr_ok_gram(X):
    G = 2.0 / X.shape[0] * X @ X.T                  # same nonzero eigenvalues as (2/P) XᵀX
    return float(2.0 / np.max(np.linalg.eigvalsh(G)))


# =====================================================================================
# mse_gradient
# =====================================================================================
def mg_no_two(w, X_batch, y_batch):
    return X_batch.T @ (X_batch @ w - y_batch) / len(y_batch)


def mg_by_features(w, X_batch, y_batch):
    return 2.0 / X_batch.shape[1] * X_batch.T @ (X_batch @ w - y_batch)


def mg_product_of_means(w, X_batch, y_batch):
    r = X_batch @ w - y_batch
    return 2.0 * X_batch.mean(axis=0) * r.mean()


def mg_sign(w, X_batch, y_batch):
    return 2.0 / len(y_batch) * X_batch.T @ (y_batch - X_batch @ w)


def mg_intdiv(w, X_batch, y_batch):
    return (2 // len(y_batch)) * (X_batch.T @ (X_batch @ w - y_batch))


def mg_no_mean(w, X_batch, y_batch):
    return 2.0 * X_batch.T @ (X_batch @ w - y_batch)


def mg_ok_einsum(w, X_batch, y_batch):
    r = np.einsum("bd,d->b", X_batch, w) - y_batch
    return np.einsum("bd,b->d", X_batch, r) * (2.0 / X_batch.shape[0])


def mg_ok_rows(w, X_batch, y_batch):
    g = np.zeros(np.shape(w))
    for xi, yi in zip(X_batch, y_batch):
        g += 2.0 * (xi @ w - yi) * xi
    return g / len(X_batch)


# =====================================================================================
# minibatch_indices
# =====================================================================================
def mbi_arange(n, batch_size, rng):
    order = np.arange(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def mbi_global_random(n, batch_size, rng):
    order = np.random.permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def mbi_drop_partial(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[i:i + batch_size] for i in range(0, n - batch_size + 1, batch_size)]


def mbi_floor_count(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[k * batch_size:(k + 1) * batch_size] for k in range(n // batch_size)]


def mbi_perm_per_batch(n, batch_size, rng):
    batches = []
    for i in range(0, n, batch_size):
        batches.append(rng.permutation(n)[i:i + batch_size])
    return batches


def mbi_choice(n, batch_size, rng):
    order = rng.choice(n, size=n, replace=False)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def mbi_extra_empty(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[k * batch_size:(k + 1) * batch_size] for k in range(n // batch_size + 1)]


def mbi_ok_array_split(n, batch_size, rng):
    order = rng.permutation(n)
    return list(np.array_split(order, range(batch_size, n, batch_size)))


def mbi_ok_shuffle_arange(n, batch_size, rng):
    order = np.arange(n)
    rng.shuffle(order)                              # the same draw as rng.permutation(n)
    batches = []
    while order.size:
        batches.append(order[:batch_size])
        order = order[batch_size:]
    return batches


# =====================================================================================
WRONG = [
    # numerical_derivative
    Blind("numerical_derivative", "forward_difference", "(f(x+h) - f(x)) / h", nd_forward),
    Blind("numerical_derivative", "missing_factor", "precedence slip: / 2 * h multiplies by h/2", nd_precedence),
    Blind("numerical_derivative", None, "copies x with np.array and adds h in place: fails on integer x",
          nd_copy_then_add),
    Blind("numerical_derivative", None, "evaluates f in float32: the difference drowns in rounding", nd_float32),
    Blind("numerical_derivative", "fixed_step", "uses a hard-coded step 1e-5 whatever h is", nd_fixed_h),
    Blind("numerical_derivative", "missing_factor", "divides by 2 h**2 instead of 2 h",
          nd_h_squared),
    # gradient_descent_update
    Blind("gradient_descent_update", "in_place", "x -= lr * gradx: changes the caller's array", gd_in_place),
    Blind("gradient_descent_update", "sign_error", "steps uphill: x + lr * gradx", gd_plus),
    Blind("gradient_descent_update", "fixed_step", "ignores learning_rate, uses 0.1", gd_hardcoded_rate),
    Blind("gradient_descent_update", None, "writes into np.zeros_like(x): integer x truncates the result",
          gd_into_zeros_like),
    Blind("gradient_descent_update", "missing_factor", "an extra factor 1/2 on the step", gd_half),
    # gradient_check_error
    Blind("gradient_check_error", "forward_difference", "numerical side by a forward difference", gce_forward),
    Blind("gradient_check_error", "wrong_error_measure", "mean instead of max of the relative errors", gce_mean),
    Blind("gradient_check_error", "wrong_error_measure", "largest absolute error, not relative", gce_absolute),
    Blind("gradient_check_error", "wrong_error_measure", "divides by |n| only, no floor",
          gce_relative_to_numeric),
    Blind("gradient_check_error", "ignored_upstream", "reference is σ'(x) without multiplying by G",
          gce_no_upstream_in_reference),
    # label fixed in review (was None): the catalogue's wrong_error_measure is "the error is not measured as
    # the largest relative error", max |a − n| / max(1e-8, |a| + |n|); dropping the floor is such a measure
    Blind("gradient_check_error", "wrong_error_measure",
          "no 1e-8 floor in the denominator: 0/0 = nan where G is zero", gce_no_floor),
    Blind("gradient_check_error", "fixed_step", "central difference with a fixed 1e-5, h ignored", gce_fixed_h),
    # parabola_rates
    Blind("parabola_rates", "missing_factor", "derivative taken as x, not 2x: 1 - η, 1, 2", lambda: _rates_no_two()),
    Blind("parabola_rates", "missing_factor", "first unstable rate 2 (2/λ with λ = 1)", lambda: _rates_unstable_two()),
    Blind("parabola_rates", "sign_error", "step factor 1 + 2η", lambda: _rates_plus()),
    Blind("parabola_rates", None, "step factor |1 - 2η|: wrong sign above η = 1/2", lambda: _rates_abs()),
    Blind("parabola_rates", None, "first unstable rate 0.5 (where overshooting starts)",
          lambda: _rates_unstable_half()),
    # hand_gradients
    Blind("hand_gradients", "overwrite_fanout", "df/dx only through the direct path: r = -2",
          lambda: (-2.0, 4.0, 2.0)),
    Blind("hand_gradients", "overwrite_fanout", "df/dx only through q: 2 * y = -6", lambda: (-6.0, 4.0, 2.0)),
    Blind("hand_gradients", "ignored_upstream", "df/dz = 1, the local derivative of r = q + z alone",
          lambda: (-8.0, 4.0, 1.0)),
    Blind("hand_gradients", "sign_error", "df/dx with its sign flipped: +8", lambda: (8.0, 4.0, 2.0)),
    Blind("hand_gradients", None, "df/dy = x * y slip: -6", lambda: (-8.0, -6.0, 2.0)),
    # topological_sort
    Blind("topological_sort", "wrong_order", "breadth-first from the root, reversed", topo_bfs_reversed),
    Blind("topological_sort", "repeated_nodes", "DFS without a visited set: shared nodes repeat", topo_no_visited),
    Blind("topological_sort", "wrong_order", "pre-order DFS: root first", topo_preorder),
    Blind("topological_sort", None, "leaves left out of the list", topo_no_leaves),
    Blind("topological_sort", None, "follows only parents with requires_grad: constants missing", topo_only_grad),
    # backward_pass
    Blind("backward_pass", "overwrite_fanout", "grads[parent] = g (no adding)", bp_overwrite),
    Blind("backward_pass", "wrong_order", "breadth-first order from the root", bp_breadth_first),
    Blind("backward_pass", "wrong_order", "topological order not reversed", bp_not_reversed),
    # label fixed in review (was stale_gradient): every case builds a fresh graph and calls the function once,
    # so nothing is left over from an earlier pass; what fails is backward() without a seed on a root with
    # several entries (a lone leaf, a vector root), which no catalogue name describes.
    # The writer's label restored after set 4 (docs/mistakes.md, "Set 4"): both suites now hold a graph whose
    # tensors keep .grad from an earlier pass, where this pass returns dL/dt plus the left-overs
    Blind("backward_pass", "stale_gradient", "calls root.backward() and returns .grad (adds up over calls)",
          bp_engine_grads),
    # label fixed in review (was None): in_place, "changes an array it was given", is this very slip here —
    # += into an array that input_gradients handed over and that another entry shares
    Blind("backward_pass", "in_place", "accumulates with += into arrays shared between entries (add passes G on)",
          bp_iadd_aliasing),
    # bfs_counterexample
    Blind("bfs_counterexample", None, "the notebook's neg(neg(x)) + x graph: uses neg", ce_uses_neg),
    Blind("bfs_counterexample", None, "fan-out at the leaf w itself: breadth-first is still right",
          ce_leaf_fanout),
    Blind("bfs_counterexample", None, "a plain chain: no fan-out, no difference", ce_plain_chain),
    Blind("bfs_counterexample", None, "a loss of three elements", ce_vector_loss),
    # sigmoid
    Blind("sigmoid", "unstable", "1 / (1 + exp(-x)): overflows at -1000", sig_naive),
    Blind("sigmoid", "unstable", "np.where with both naive branches: both evaluated", sig_where_both),
    Blind("sigmoid", "unstable", "exp(x) / (1 + exp(x)): nan at +1000", sig_exp_ratio),
    Blind("sigmoid", None, "clips x to [-10, 10]: wrong values for |x| > 10", sig_clip),
    Blind("sigmoid", None, "np.empty_like(x): integer input gives integer output", sig_empty_like),
    Blind("sigmoid", None, "0.5 * (1 + tanh(x)) without the x/2", sig_tanh_no_half),
    # sigmoid_backward
    Blind("sigmoid_backward", "ignored_upstream", "out * (1 - out), no G", sb_no_upstream),
    Blind("sigmoid_backward", "wrong_point", "σ' evaluated at out: σ(out)(1 - σ(out))", sb_sigma_of_out),
    Blind("sigmoid_backward", "wrong_point", "x * (1 - x) instead of out * (1 - out)", sb_at_x),
    Blind("sigmoid_backward", "unstable", "recomputes σ(x) naively from x", sb_recompute_naive),
    Blind("sigmoid_backward", "in_place", "g = grad_output; g *= ...", sb_in_place),
    Blind("sigmoid_backward", "sign_error", "out * (out - 1)", sb_sign),
    Blind("sigmoid_backward", None, "tanh's derivative 1 - out**2", sb_tanh_formula),
    # tanh_backward
    Blind("tanh_backward", "wrong_point", "1 - x**2 instead of 1 - out**2", tb_at_x),
    Blind("tanh_backward", "wrong_point", "1 - tanh(out)**2", tb_tanh_of_out),
    Blind("tanh_backward", "ignored_upstream", "1 - out**2, no G", tb_no_upstream),
    Blind("tanh_backward", None, "(1 - out)**2 instead of (1 - out)(1 + out)", tb_square_wrong),
    Blind("tanh_backward", "unstable", "G / cosh(x)**2: cosh overflows for large |x|", tb_cosh),
    Blind("tanh_backward", "missing_factor", "σ(2x)(1 - σ(2x)) without the factor 4", tb_quarter),
    # relu_backward
    Blind("relu_backward", "kink_convention", "x >= 0: slope 1 at the kink", rb_ge),
    Blind("relu_backward", "kink_convention", "np.heaviside(x, 0.5): slope 1/2 at the kink", rb_heaviside_half),
    Blind("relu_backward", "ignored_upstream", "returns the 0/1 mask only", rb_no_upstream),
    Blind("relu_backward", "in_place", "zeroes grad_output where x <= 0 in place", rb_in_place),
    Blind("relu_backward", None, "G * sign(x): negative inputs flip the gradient", rb_sign),
    # mul_backward
    Blind("mul_backward", "swapped", "(G * a, G * b)", mb_swapped),
    Blind("mul_backward", "ignored_upstream", "(b, a) without G", mb_no_upstream),
    Blind("mul_backward", "wrong_product", "matrix products G @ b.T, a.T @ G", mb_matrix),
    Blind("mul_backward", "in_place", "ga = grad_output; ga *= b", mb_in_place),
    # add_backward
    Blind("add_backward", "missing_broadcast_sum", "returns G for both inputs", ab_no_sum),
    Blind("add_backward", "missing_broadcast_sum", "sums leading axes only, not size-1 axes", ab_leading_only),
    Blind("add_backward", "missing_broadcast_sum", "sums axis 0 once for the smaller input", ab_one_axis),
    Blind("add_backward", "missing_factor", "mean over the broadcast axis instead of sum", ab_mean),
    Blind("add_backward", "swapped", "each input gets the other's reduced gradient", ab_swapped),
    Blind("add_backward", "sign_error", "dL/db = -G (as for a - b)", ab_sign),
    # matmul_backward
    Blind("matmul_backward", "transposed", "dL/db = G.T @ a", mm_db_transposed),
    Blind("matmul_backward", "transposed", "dL/da = G @ b (no transpose)", mm_da_no_transpose),
    Blind("matmul_backward", "swapped", "(a.T @ G, G @ b.T)", mm_swapped),
    Blind("matmul_backward", "ignored_upstream", "ones instead of G", mm_no_upstream),
    Blind("matmul_backward", "wrong_product", "elementwise G * b, a * G", mm_elementwise),
    Blind("matmul_backward", "missing_factor", "both divided by N (batch average)", mm_averaged),
    # linear_backward
    Blind("linear_backward", "missing_factor", "db = G.mean(axis=0)", lin_db_mean),
    Blind("linear_backward", "missing_broadcast_sum", "db = squeeze(G): right only for a batch of one",
          lin_db_squeeze),
    Blind("linear_backward", "transposed", "dx = G @ W", lin_dx_no_transpose),
    Blind("linear_backward", "transposed", "dW = G.T @ x", lin_dW_transposed),
    Blind("linear_backward", None, "dW = outer(sum of x rows, sum of G rows): right for a batch of one",
          lin_dW_outer_of_sums),
    Blind("linear_backward", "ignored_upstream", "dW = x.T @ ones", lin_dW_no_upstream),
    Blind("linear_backward", "swapped", "returns (dW, dx, db)", lin_order),
    # mse_backward
    Blind("mse_backward", "missing_factor", "no factor 2", mse_no_two),
    Blind("mse_backward", "missing_factor", "no 1/N", mse_no_mean),
    Blind("mse_backward", "missing_factor", "divides by len(pred), not pred.size (2-D pred)", mse_len),
    Blind("mse_backward", "sign_error", "2 (target - pred) / N", mse_sign),
    Blind("mse_backward", "ignored_upstream", "no G", mse_no_upstream),
    Blind("mse_backward", None, "integer division 2 // N", mse_intdiv),
    # cross_entropy_backward
    Blind("cross_entropy_backward", "missing_onehot", "softmax / N without subtracting the one-hot", ce_no_onehot),
    Blind("cross_entropy_backward", "unstable", "no max subtraction before exp", ce_unstable),
    Blind("cross_entropy_backward", "missing_factor", "no 1/N", ce_no_mean),
    Blind("cross_entropy_backward", "sign_error", "(onehot - p) / N", ce_sign),
    Blind("cross_entropy_backward", "ignored_upstream", "no G", ce_no_upstream),
    Blind("cross_entropy_backward", "in_place", "logits -= max: writes into the input", ce_in_place_shift),
    Blind("cross_entropy_backward", None, "p[:, labels] -= 1: right only for a batch of one", ce_column_index),
    Blind("cross_entropy_backward", "missing_factor", "divides by the number of classes K, not N",
          ce_divide_by_classes),
    # jacobian_fd
    Blind("jacobian_fd", "forward_difference", "one-sided differences", jfd_forward),
    Blind("jacobian_fd", "transposed", "returns (n, m): columns stored as rows", jfd_rows),
    Blind("jacobian_fd", "in_place", "perturbs x in place and leaves x[j] eps too low", jfd_not_restored),
    Blind("jacobian_fd", "fixed_step", "hard-coded 1e-6 step, eps ignored", jfd_fixed_eps),
    Blind("jacobian_fd", "missing_factor", "divides by eps, not 2 eps", jfd_no_two),
    # jacobian_reverse
    Blind("jacobian_reverse", "stale_gradient", "never clears leaf.grad between rows", jr_no_clear),
    Blind("jacobian_reverse", "transposed", "stacks the rows as columns: (n, m)", jr_columns),
    Blind("jacobian_reverse", None, "np.squeeze on the result: wrong shape for one output or one input",
          jr_squeeze),
    Blind("jacobian_reverse", None, "clears .grad with fill(0) and keeps references: earlier rows zeroed",
          jr_fill_zero_alias),
    Blind("jacobian_reverse", None, "one backward with all ones, tiled m times", jr_sum_once),
    # chain_gradients
    Blind("chain_gradients", "transposed", "J_k @ g instead of g @ J_k", cg_matrix_first),
    Blind("chain_gradients", "wrong_order", "goes through the stages front to back", cg_front_to_back),
    Blind("chain_gradients", "wrong_order", "returns the list from z_K down to z_0", cg_not_reversed),
    Blind("chain_gradients", "in_place", "input_jacobians.reverse() reorders the caller's list", cg_reverse_list),
    Blind("chain_gradients", None, "forgets grad_last at the end: K entries", cg_forgets_last),
    Blind("chain_gradients", None, "first step outside the loop: fails for zero stages", cg_first_step_outside),
    # loglog_slope
    Blind("loglog_slope", "not_least_squares", "slope between the first and last points", ll_endpoints),
    Blind("loglog_slope", "wrong_axes", "fits log times against sizes (semi-log)", ll_semilog),
    Blind("loglog_slope", "wrong_axes", "fits log sizes against log times", ll_swapped_axes),
    Blind("loglog_slope", "not_least_squares", "mean of the slopes between neighbours: off on noisy data",
          ll_mean_of_steps),
    Blind("loglog_slope", None, "mean of log t / log d: right only without a constant", ll_ratio),
    Blind("loglog_slope", None, "returns the intercept of polyfit", ll_intercept),
    # largest_stable_learning_rate
    Blind("largest_stable_learning_rate", "missing_factor", "1 / λ_max", lr_one_over),
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "2 / λ_min", lr_smallest),
    Blind("largest_stable_learning_rate", "missing_factor", "eigenvalues of XᵀX without 2/P", lr_no_scaling),
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "eigvalsh()[1]: second one, right only for d = 2",
          lr_index_one),
    Blind("largest_stable_learning_rate", None, "2 / trace(H): right only for one feature", lr_trace),
    Blind("largest_stable_learning_rate", None, "2 / largest diagonal entry: right for diagonal H",
          lr_max_diagonal),
    # mse_gradient
    Blind("mse_gradient", "missing_factor", "no factor 2", mg_no_two),
    Blind("mse_gradient", "missing_factor", "2 / (number of features) instead of 2 / |B|", mg_by_features),
    Blind("mse_gradient", None, "2 · mean(x) · mean(residual): right only for a batch of one",
          mg_product_of_means),
    Blind("mse_gradient", "sign_error", "residual y - Xw", mg_sign),
    Blind("mse_gradient", None, "integer division 2 // |B|: 0 for batches over 2", mg_intdiv),
    Blind("mse_gradient", "missing_factor", "no 1/|B|", mg_no_mean),
    # minibatch_indices
    Blind("minibatch_indices", "no_shuffle", "np.arange(n), in order", mbi_arange),
    Blind("minibatch_indices", "ignores_rng", "np.random.permutation instead of rng", mbi_global_random),
    Blind("minibatch_indices", "drops_last", "range stops at n - batch_size + 1", mbi_drop_partial),
    Blind("minibatch_indices", "drops_last", "n // batch_size batches", mbi_floor_count),
    # review after set 2 (docs/mistakes.md): labelled ignores_rng when written; samples repeat and go
    # missing, so the batches are no shuffle of range(n) at all, and no name in the catalogue fits.
    Blind("minibatch_indices", None, "a new rng.permutation for every batch", mbi_perm_per_batch),
    Blind("minibatch_indices", "ignores_rng", "rng.choice(n, n, replace=False)", mbi_choice),
    Blind("minibatch_indices", None, "n // batch_size + 1 batches: an empty one when it divides", mbi_extra_empty),
]

CORRECT = [
    # moved from WRONG in review: three entries that the contract accepts.
    # - The x of jacobian_fd may be perturbed in place "as long as every entry is put back"; a restore that
    #   leaves rounding behind (x[j] += eps after −2 eps) is put back (docs/exercises.md: within 1e-12 relative).
    Blind("jacobian_fd", None, "puts x[j] back by += eps: off by rounding for some values", jfd_add_subtract_back),
    # - leaf.grad is None after y.backward(e_i) only if no output depends on x at all, and then y cannot be
    #   backpropagated (and no Jacobian exists to drop rows from): no row is ever dropped.
    Blind("jacobian_reverse", None, "drops a row when an output does not depend on x", jr_skip_missing),
    # - notebook 2 calls the recursive DFS "the shortest solution" (its tip warns about 1000 levels); the
    #   suites' long chains (120 and 200 nodes) stay within Python's limit on purpose, as the planted
    #   correct `recursive_order` does.
    Blind("topological_sort", None, "recursive DFS: RecursionError on a long chain", topo_recursive),
    Blind("numerical_derivative", None, "multiplies by 0.5 / h", nd_ok_halfstep),
    Blind("numerical_derivative", None, "loop over np.ndindex, float() of each point", nd_ok_loop),
    Blind("gradient_descent_update", None, "np.subtract / np.multiply ufuncs", gd_ok_ufuncs),
    Blind("gradient_descent_update", None, "copy, then -= on the copy", gd_ok_copy_then_isub),
    Blind("gradient_check_error", None, "σ via tanh, a Python loop for the max", gce_ok_tanh_sigmoid_loop),
    Blind("parabola_rates", None, "step factor by simulating one step from x = 3; 1/2 and 2/2",
          lambda: _rates_ok_by_simulation()),
    Blind("hand_gradients", None, "numpy integer and float scalars and a plain int",
          lambda: (np.int64(-8), np.float64(4), 2)),
    Blind("topological_sort", None, "Kahn's algorithm on the reachable graph, returns a tuple", topo_ok_kahn),
    Blind("topological_sort", None, "DFS with an iterator per stack frame", topo_ok_reverse_postorder_of_consumers),
    Blind("backward_pass", None, "processes a node when all its consumers have reported (counts)",
          bp_ok_pending_counts),
    Blind("bfs_counterexample", None, "x = tanh(w); loss = 2 exp(x) + x", ce_ok_tanh_exp),
    Blind("bfs_counterexample", None, "loss of shape (1,), w of shape (1,), x = w*w reached twice",
          ce_ok_one_element_vector),
    Blind("sigmoid", None, "np.where over two branches clamped so neither can overflow", sig_ok_safe_branches),
    Blind("sigmoid", None, "exp(-logaddexp(0, -x))", sig_ok_logaddexp),
    Blind("sigmoid_backward", None, "G * (out - out*out)", sb_ok_expanded),
    Blind("sigmoid_backward", None, "ufuncs with out= into a fresh buffer, then *= on it", sb_ok_own_buffer),
    Blind("tanh_backward", None, "G (1 - out)(1 + out)", tb_ok_factored),
    Blind("tanh_backward", None, "4 σ(2x)(1 - σ(2x)) with σ(2x) = (1 + out)/2", tb_ok_via_sigmoid),
    Blind("relu_backward", None, "mask from out > 0", rb_ok_from_out),
    Blind("relu_backward", None, "np.where(x > 0, G, 0)", rb_ok_where),
    Blind("relu_backward", None, "G * heaviside(x, 0)", rb_ok_heaviside),
    Blind("mul_backward", None, "a list of np.multiply results", mb_ok_list),
    Blind("mul_backward", None, "np.einsum elementwise", mb_ok_einsum),
    Blind("add_backward", None, "pads the shape with 1s, sums with keepdims, reshapes", ab_ok_padded_reshape),
    Blind("add_backward", None, "np.bincount over broadcast index arrays", ab_ok_ones_trick),
    Blind("matmul_backward", None, "np.einsum for both", mm_ok_einsum),
    Blind("matmul_backward", None, "loop over rows with np.outer, returns a list", mm_ok_outer_loop),
    Blind("linear_backward", None, "np.einsum for all three", lin_ok_einsum),
    Blind("linear_backward", None, "loop over samples, returns a list", lin_ok_loop),
    Blind("mse_backward", None, "np.prod(shape) and .item() of G", mse_ok_prod_shape),
    Blind("mse_backward", None, "computed in float32 (allowed)", mse_ok_float32),
    Blind("cross_entropy_backward", None, "log-sum-exp and np.eye one-hot", ce_ok_logsumexp_eye),
    Blind("cross_entropy_backward", None, "a loop over rows", ce_ok_rows),
    Blind("jacobian_fd", None, "perturbs x in place, saves and restores each entry", jfd_ok_save_restore),
    Blind("jacobian_fd", None, "list comprehension over eps * eye rows, transposed", jfd_ok_listcomp),
    Blind("jacobian_reverse", None, "a fresh leaf and forward per row", jr_ok_fresh_leaf_per_row),
    Blind("jacobian_reverse", None, "never clears .grad but subtracts the previous running total",
          jr_ok_subtract_previous),
    Blind("chain_gradients", None, "preallocated list filled from the back with einsum", cg_ok_prealloc),
    Blind("chain_gradients", None, "recursion on the list tail", cg_ok_recursive),
    Blind("loglog_slope", None, "closed-form least squares in log2", ll_ok_closed_form),
    Blind("loglog_slope", None, "np.linalg.lstsq in log10", ll_ok_lstsq),
    Blind("largest_stable_learning_rate", None, "P / σ_max(X)^2 from the SVD", lr_ok_svd),
    Blind("largest_stable_learning_rate", None, "eigenvalues of the P×P Gram matrix (2/P) X Xᵀ", lr_ok_gram),
    Blind("mse_gradient", None, "np.einsum", mg_ok_einsum),
    Blind("mse_gradient", None, "a loop over rows", mg_ok_rows),
    Blind("minibatch_indices", None, "np.array_split at multiples of batch_size", mbi_ok_array_split),
    Blind("minibatch_indices", None, "rng.shuffle(np.arange(n)) (same draw), sliced in a while loop",
          mbi_ok_shuffle_arange),
]
