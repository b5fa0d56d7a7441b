"""Blind set 6: student-style solutions of the minigrad course's 25 exercises.

Written on 2026-12-03 by the helper session "blind6" (branch blind6) under the blind rule: its writer read
only docs/exercises.md (the contract and the input classes), minigrad/, course/notebooks/,
the catalogue of mistake names in plain words (/work/briefs/catalogue.md),
tests/autograder/blind/entry.py and the header of set 3. It never saw the checks, the
detectors, the planted mistakes (docs/mistakes.md), the other blind sets or any other test,
and never ran a check or any grader on these functions; each one was verified against
hand-made references (numerical gradients, the engine's backward on rebuilt graphs, closed
forms) in a scratch script outside the repository (/tmp/blind6/verify.py).

WRONG holds slips a student could make, each labelled before anything was measured with the
catalogue name that best fits (`family`, None when none fits) and the other names a fair
teacher would accept (`also`). Several are wrong only on one edge class of the contract
(integer inputs, a batch of one, a diamond, a lone leaf, ...). CORRECT holds right but
unusual solutions (recursion, einsum, np.add.at, generators, in-place work on copies, ...).
"""
import functools
import itertools
import math
from collections import deque

import numpy as np

import minigrad as mg
from tests.autograder.blind.entry import Blind


def _stable_sig(x):
    """A student's own stable sigmoid, used by gradient_check_error solutions."""
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


# ====================================================================== numerical_derivative
def nd_forward(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h


def nd_fixed_h(f, x, h=1e-5):
    step = 1e-5
    return (f(x + step) - f(x - step)) / (2 * step)


def nd_over_h(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / h


def nd_backwards_sign(f, x, h=1e-5):
    return (f(x - h) - f(x + h)) / (2 * h)


def nd_zeros_like(f, x, h=1e-5):
    out = np.zeros_like(x)                      # int x -> an int buffer: the slope is truncated
    out[...] = (f(x + h) - f(x - h)) / (2 * h)
    return out


def nd_nudge_in_place(f, x, h=1e-5):
    xs = np.asarray(x)                          # no copy: for an array this is the caller's x
    if xs.ndim == 0:
        return (f(x + h) - f(x - h)) / (2 * h)
    xs += h
    up = f(xs).copy()
    xs -= 2 * h
    down = f(xs).copy()
    xs += h
    return (up - down) / (2 * h)


def nd_ok_loop(f, x, h=1e-5):
    arr = np.array(x, dtype=np.float64)
    flat = arr.reshape(-1)
    out = np.empty_like(flat)
    for i, v in enumerate(flat):
        out[i] = (f(v + h) - f(v - h)) / (h + h)
    out = out.reshape(arr.shape)
    return out if arr.ndim else float(out)


def nd_ok_stack(f, x, h=1e-5):
    x = np.asarray(x, dtype=float)
    up, down = f(np.stack([x + h, x - h]))
    return np.subtract(up, down) / (2.0 * h)


# ====================================================================== gradient_descent_update
def gd_in_place(x, gradx, learning_rate):
    x -= learning_rate * gradx
    return x


def gd_plus(x, gradx, learning_rate):
    return x + learning_rate * gradx


def gd_no_rate(x, gradx, learning_rate):
    return x - gradx


def gd_copy_then_subtract(x, gradx, learning_rate):
    new = np.array(x)                           # keeps x's dtype: int x cannot take a float step
    new -= learning_rate * gradx
    return new


def gd_method_copy(x, gradx, learning_rate):
    new = x.copy()                              # a plain number has no .copy()
    return new - learning_rate * gradx


def gd_ok_subtract(x, gradx, learning_rate):
    return np.subtract(x, np.multiply(learning_rate, gradx))


def gd_ok_float_copy(x, gradx, learning_rate):
    new = np.array(x, dtype=float)
    new -= learning_rate * np.asarray(gradx, dtype=float)
    return new if new.ndim else float(new)


# ====================================================================== gradient_check_error
def gce_no_floor(backward, x, grad_output, h=1e-5):
    a = backward(x, _stable_sig(x), grad_output)
    n = grad_output * (_stable_sig(x + h) - _stable_sig(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / (np.abs(a) + np.abs(n))))


def gce_mean(backward, x, grad_output, h=1e-5):
    a = backward(x, _stable_sig(x), grad_output)
    n = grad_output * (_stable_sig(x + h) - _stable_sig(x - h)) / (2 * h)
    return float(np.mean(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_forward(backward, x, grad_output, h=1e-5):
    a = backward(x, _stable_sig(x), grad_output)
    n = grad_output * (_stable_sig(x + h) - _stable_sig(x)) / h
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_fixed_h(backward, x, grad_output, h=1e-5):
    step = 1e-5
    a = backward(x, _stable_sig(x), grad_output)
    n = grad_output * (_stable_sig(x + step) - _stable_sig(x - step)) / (2 * step)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_numeric_without_g(backward, x, grad_output, h=1e-5):
    a = backward(x, _stable_sig(x), grad_output)
    n = (_stable_sig(x + h) - _stable_sig(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_relative_to_analytic(backward, x, grad_output, h=1e-5):
    a = backward(x, _stable_sig(x), grad_output)
    n = grad_output * (_stable_sig(x + h) - _stable_sig(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a))))


def gce_absolute(backward, x, grad_output, h=1e-5):
    a = backward(x, _stable_sig(x), grad_output)
    n = grad_output * (_stable_sig(x + h) - _stable_sig(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n)))


def _one_sig(t):
    if t >= 0:
        return 1.0 / (1.0 + math.exp(-t))
    e = math.exp(t)
    return e / (1.0 + e)


def gce_ok_loop(backward, x, grad_output, h=1e-5):
    x = np.asarray(x, dtype=float)
    g = np.asarray(grad_output, dtype=float)
    a = np.broadcast_to(np.asarray(backward(x, _stable_sig(x), grad_output), dtype=float), x.shape)
    worst = 0.0
    for idx in np.ndindex(x.shape):
        xi = x[idx]
        num = g[idx] * (_one_sig(xi + h) - _one_sig(xi - h)) / (2 * h)
        err = abs(a[idx] - num) / max(1e-8, abs(a[idx]) + abs(num))
        worst = max(worst, err)
    return float(worst)


def gce_ok_logaddexp(backward, x, grad_output, h=1e-5):
    def sig(t):
        return np.exp(-np.logaddexp(0.0, -t))
    a = backward(x, sig(x), grad_output)
    n = grad_output * (sig(x + h) - sig(x - h)) / (2 * h)
    diff = np.abs(np.subtract(a, n))
    return np.max(diff / np.fmax(np.abs(a) + np.abs(n), 1e-8)).item()


# ====================================================================== parabola_rates
def pr_rate_not_doubled():
    return (lambda eta: 1 - eta, 0.5, 1.0)


def pr_plus():
    return (lambda eta: 1 + 2 * eta, 0.5, 1.0)


def pr_one_step_one():
    return (lambda eta: 1 - 2 * eta, 1.0, 1.0)


def pr_unstable_two():
    return (lambda eta: 1 - 2 * eta, 0.5, 2.0)


def pr_unstable_overshoot():
    return (lambda eta: 1 - 2 * eta, 0.5, 0.5)


def pr_step_only():
    return (lambda eta: -2 * eta, 0.5, 1.0)


def pr_ok():
    return (lambda eta: 1 - 2 * eta, 0.5, 1.0)


def pr_ok_from_a_step():
    def step_factor(learning_rate):
        x = 3.0
        return (x - learning_rate * 2 * x) / x
    return (step_factor, 1 / 2, 2 / 2)


# ====================================================================== hand_gradients
def hg_only_direct_path():
    return (-2.0, 4.0, 2.0)         # df/dx = r only: the path through q is dropped


def hg_only_through_q():
    return (-6.0, 4.0, 2.0)         # df/dx = df/dq * y only: the direct path is dropped


def hg_no_upstream_y():
    return (-8.0, 2.0, 2.0)         # df/dy = dq/dy = x, not times df/dq = x


def hg_no_upstream_z():
    return (-8.0, 4.0, 1.0)         # df/dz = dr/dz = 1, not times df/dr = x


def hg_sign_x():
    return (8.0, 4.0, 2.0)


def hg_mul_swapped():
    return (2.0, -6.0, 2.0)         # q = x*y: dq/dx taken as x and dq/dy as y


def hg_ok():
    return (-8.0, 4.0, 2.0)


def hg_ok_numpy_floats():
    x, y, z = 2.0, -3.0, 4.0
    return (np.float64(2 * x * y + z), np.float64(x * x), np.float64(x))


# ====================================================================== topological_sort
def ts_no_visited(root):
    order = []

    def visit(node):
        for parent in node.parents:
            visit(parent)
        order.append(node)
    visit(root)
    return order


def ts_reversed_bfs(root):
    order, seen, queue = [], {root}, deque([root])
    while queue:
        node = queue.popleft()
        order.append(node)
        for parent in node.parents:
            if parent not in seen:
                seen.add(parent)
                queue.append(parent)
    return order[::-1]


def ts_preorder(root):
    order, seen = [], set()

    def visit(node):
        if node in seen:
            return
        seen.add(node)
        order.append(node)
        for parent in node.parents:
            visit(parent)
    visit(root)
    return order


def ts_reversed_preorder(root):
    order, seen, stack = [], {root}, [root]
    while stack:
        node = stack.pop()
        order.append(node)
        for parent in node.parents:
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    order.reverse()
    return order


def ts_grad_only(root):
    order, seen = [], set()

    def visit(node):
        if node in seen:
            return
        seen.add(node)
        for parent in node.parents:
            if parent.requires_grad:
                visit(parent)
        order.append(node)
    visit(root)
    return order


def ts_leaf_root_empty(root):
    if not root.parents:
        return []
    order, seen = [], set()

    def visit(node):
        if node not in seen:
            seen.add(node)
            for parent in node.parents:
                visit(parent)
            order.append(node)
    visit(root)
    return order


def ts_kahn_counts_edges(root):
    consumers, stack, seen = {}, [root], {root}
    while stack:
        node = stack.pop()
        for parent in node.parents:         # one count per edge: x * x counts x twice
            consumers[parent] = consumers.get(parent, 0) + 1
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    ready, order = [root], []
    while ready:
        node = ready.pop()
        order.append(node)
        for parent in set(node.parents):    # ... but released once per distinct parent
            consumers[parent] -= 1
            if consumers[parent] == 0:
                ready.append(parent)
    return order[::-1]


def ts_ok_recursive(root):
    placed = {}

    def place(node):
        if node in placed:
            return
        for parent in node.parents:
            place(parent)
        placed[node] = None                 # dicts keep insertion order
    place(root)
    return list(placed)


def ts_ok_kahn(root):
    pending, stack, seen = {}, [root], {root}
    while stack:
        node = stack.pop()
        for parent in node.parents:
            pending[parent] = pending.get(parent, 0) + 1
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    ready, backwards = deque([root]), []
    while ready:
        node = ready.popleft()
        backwards.append(node)
        for parent in node.parents:
            pending[parent] -= 1
            if pending[parent] == 0:
                ready.append(parent)
    return tuple(reversed(backwards))


def ts_ok_generator_stack(root):
    order, done = [], set()
    stack = [(root, iter(root.parents))]
    done.add(root)
    while stack:
        node, parents = stack[-1]
        nxt = next((p for p in parents if p not in done), None)
        if nxt is None:
            stack.pop()
            order.append(node)
        else:
            done.add(nxt)
            stack.append((nxt, iter(nxt.parents)))
    return order


# ====================================================================== backward_pass
def _topo(root):
    order, seen = [], set()
    stack = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if ready:
            order.append(node)
        elif node not in seen:
            seen.add(node)
            stack.append((node, True))
            stack.extend((p, False) for p in node.parents if p not in seen)
    return order


def bp_overwrite(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(_topo(root)):
        if node not in grads or not node.parents:
            continue
        for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g is not None:
                grads[parent] = g
    return grads


def bp_forward_order(root):
    grads = {root: np.ones_like(root.data)}
    for node in _topo(root):
        if node not in grads or not node.parents:
            continue
        for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g is not None:
                grads[parent] = grads[parent] + g if parent in grads else g
    return grads


def bp_breadth_first(root):
    grads, queue, queued = {root: np.ones_like(root.data)}, deque([root]), {root}
    while queue:
        node = queue.popleft()
        if not node.parents:
            continue
        for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g is None:
                continue
            grads[parent] = grads[parent] + g if parent in grads else g
            if parent not in queued:
                queued.add(parent)
                queue.append(parent)
    return grads


def bp_into_dot_grad(root):
    root.grad = np.ones_like(root.data) if root.grad is None else root.grad + 1.0
    for node in reversed(_topo(root)):
        if node.grad is None or not node.parents:
            continue
        for parent, g in zip(node.parents, mg.input_gradients(node, node.grad)):
            if g is not None:
                parent.grad = g if parent.grad is None else parent.grad + g
    return {t: t.grad for t in _topo(root) if t.requires_grad}


def bp_recursive_totals(root):
    grads = {}

    def send(node, g):
        grads[node] = grads[node] + g if node in grads else g
        if node.parents:
            for parent, gp in zip(node.parents, mg.input_gradients(node, grads[node])):
                if gp is not None:
                    send(parent, gp)         # sends the running total again on every visit
    send(root, np.ones_like(root.data))
    return grads


def bp_scalar_seed(root):
    grads = {root: np.array(1.0)}
    for node in reversed(_topo(root)):
        if node not in grads or not node.parents:
            continue
        g_node = np.broadcast_to(grads[node], node.shape)
        for parent, g in zip(node.parents, mg.input_gradients(node, g_node)):
            if g is not None:
                grads[parent] = grads[parent] + g if parent in grads else g
    return grads


def bp_no_leaves(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(_topo(root)):
        if node not in grads or not node.parents:
            continue
        for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g is not None:
                grads[parent] = grads[parent] + g if parent in grads else g
    return {t: g for t, g in grads.items() if t.parents}   # only the nodes an op made


def bp_ok_defaultdict(root):
    from collections import defaultdict
    grads = defaultdict(lambda: 0.0)
    grads[root] = np.ones(root.shape)
    order = _topo(root)
    for node in order[::-1]:
        if node.parents and node in grads:
            for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
                if g is not None:
                    grads[parent] = grads[parent] + g
    return {t: np.asarray(grads[t], dtype=float) for t in order if t.requires_grad and t in grads}


def bp_ok_counted(root):
    waiting = {}
    for node in _topo(root):
        for parent in node.parents:
            waiting[parent] = waiting.get(parent, 0) + 1
    grads = {root: np.ones(root.shape)}
    ready = [root]
    while ready:
        node = ready.pop()
        for parent, g in zip(node.parents, mg.input_gradients(node, grads[node]) if node.parents else ()):
            if g is not None:
                grads[parent] = grads[parent] + g if parent in grads else np.array(g, dtype=float)
        for parent in node.parents:
            waiting[parent] -= 1
            if waiting[parent] == 0 and parent in grads:
                ready.append(parent)
    return grads


# ====================================================================== bfs_counterexample
def bfs_same_lengths():
    w = mg.Tensor(0.7, requires_grad=True)
    return w * w + w, w


def bfs_square_of_intermediate():
    w = mg.Tensor(0.7, requires_grad=True)
    x = mg.exp(w)
    return x * x, w


def bfs_uses_neg():
    w = mg.Tensor(0.7, requires_grad=True)
    x = w * w
    return x + mg.functional.neg(mg.functional.neg(x)), w


def bfs_vector_loss():
    w = mg.Tensor([0.5, -0.2], requires_grad=True)
    x = mg.exp(w)
    return x + x * x, w


def bfs_returns_intermediate():
    w = mg.Tensor(0.5, requires_grad=True)
    x = mg.exp(w)
    return x + mg.sigmoid(x), x


def bfs_equal_depth_sums():
    w = mg.Tensor(np.array([0.3, 0.9]), requires_grad=True)
    x = w * 3.0
    return (x * x).sum() + x.sum() * 2.0, w


def bfs_ok_sigmoid_branch():
    w = mg.Tensor(0.5, requires_grad=True)
    x = mg.exp(w)
    return x + mg.sigmoid(x), w


def bfs_ok_long_branch():
    w = mg.Tensor(np.array([[0.2, -0.4]]), requires_grad=True)
    h = mg.tanh(w)
    deep = mg.exp(mg.sigmoid(h * 2.0))
    return (h + deep).sum(), w


# ====================================================================== sigmoid
def sg_naive(x):
    return 1.0 / (1.0 + np.exp(-x))


def sg_where_both(x):
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def sg_exp_ratio(x):
    e = np.exp(x)
    return e / (1 + e)


def sg_tanh_form(x):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=float)))


def sg_clipped(x):
    x = np.clip(x, -30, 30)
    return 1.0 / (1.0 + np.exp(-x))


def sg_buffer_like(x):
    x = np.asarray(x)
    out = np.zeros_like(x)                      # int x -> int buffer: every value truncated to 0
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def sg_ok_logaddexp(x):
    return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=float)))


def sg_ok_masks(x):
    x = np.array(x, dtype=np.float64)           # a copy to work in
    neg = x < 0
    e = np.exp(np.where(neg, x, -x))            # exponent always <= 0
    x[...] = np.where(neg, e, 1.0) / (1.0 + e)
    return x


# ====================================================================== sigmoid_backward
def sb_no_upstream(x, out, grad_output):
    return out * (1 - out)


def sb_sigma_one_minus_x(x, out, grad_output):
    return grad_output * out * _stable_sig(1 - x)


def sb_at_input(x, out, grad_output):
    return grad_output * x * (1 - x)


def sb_from_x_naive(x, out, grad_output):
    e = np.exp(-x)
    return grad_output * e / (1 + e) ** 2


def sb_sign(x, out, grad_output):
    return grad_output * out * (out - 1)


def sb_in_place(x, out, grad_output):
    g = np.asarray(grad_output)
    g *= out * (1 - out)
    return g


def sb_ok_reversed(x, out, grad_output):
    return (1.0 - out) * out * grad_output


def sb_ok_buffer(x, out, grad_output):
    g = np.array(grad_output, dtype=np.float64)     # my own buffer, then in place
    g *= out
    g *= 1.0 - out
    return g


# ====================================================================== tanh_backward
def th_at_input(x, out, grad_output):
    return grad_output * (1 - x ** 2)


def th_no_square(x, out, grad_output):
    return grad_output * (1 - out)


def th_no_upstream(x, out, grad_output):
    return 1.0 - out * out


def th_cosh(x, out, grad_output):
    return grad_output / np.cosh(x) ** 2


def th_tanh_of_out(x, out, grad_output):
    return grad_output * (1 - np.tanh(out) ** 2)


def th_sign(x, out, grad_output):
    return grad_output * (out ** 2 - 1)


def th_ok_square(x, out, grad_output):
    return np.subtract(1.0, np.square(out)) * grad_output


def th_ok_einsum(x, out, grad_output):
    return np.einsum("...,...->...", grad_output, 1 - out ** 2)


# ====================================================================== relu_backward
def rl_ge(x, out, grad_output):
    return grad_output * (x >= 0)


def rl_no_upstream(x, out, grad_output):
    return (x > 0).astype(float)


def rl_sign(x, out, grad_output):
    return grad_output * np.sign(x)


def rl_masked_in_place(x, out, grad_output):
    g = grad_output
    g[x <= 0] = 0.0
    return g


def rl_times_out(x, out, grad_output):
    return grad_output * out


def rl_ok_out(x, out, grad_output):
    return np.where(out > 0, grad_output, 0.0)


def rl_ok_heaviside(x, out, grad_output):
    return np.heaviside(x, 0.0) * grad_output


# ====================================================================== mul_backward
def mb_swapped(a, b, grad_output):
    return grad_output * a, grad_output * b


def mb_no_upstream(a, b, grad_output):
    return np.array(b, dtype=float), np.array(a, dtype=float)


def mb_matrix_product(a, b, grad_output):
    return np.dot(grad_output, b.T), np.dot(a.T, grad_output)


def mb_divide_out(a, b, grad_output):
    y = a * b
    return grad_output * y / a, grad_output * y / b


def mb_in_place(a, b, grad_output):
    ga = np.asarray(grad_output)
    ga *= b
    return ga, grad_output * a


def mb_ok_einsum(a, b, grad_output):
    return np.einsum("...,...->...", grad_output, b), np.einsum("...,...->...", a, grad_output)


def mb_ok_list(a, b, grad_output):
    return [np.multiply(b, grad_output), np.multiply(grad_output, a)]


# ====================================================================== add_backward
def ab_no_sum(a, b, grad_output):
    return grad_output, grad_output


def ab_sum_rows_always(a, b, grad_output):
    ga = grad_output if np.shape(a) == grad_output.shape else grad_output.sum(axis=0)
    gb = grad_output if np.shape(b) == grad_output.shape else grad_output.sum(axis=0)
    return ga, gb


def ab_leading_only(a, b, grad_output):
    def down(g, shape):
        while g.ndim > len(shape):
            g = g.sum(axis=0)
        return g
    return down(grad_output, np.shape(a)), down(grad_output, np.shape(b))


def ab_mean(a, b, grad_output):
    def down(g, shape):
        while g.ndim > len(shape):
            g = g.mean(axis=0)
        for ax, n in enumerate(shape):
            if n == 1 and g.shape[ax] != 1:
                g = g.mean(axis=ax, keepdims=True)
        return g
    return down(grad_output, np.shape(a)), down(grad_output, np.shape(b))


def ab_right_only(a, b, grad_output):
    gb = grad_output
    while gb.ndim > np.ndim(b):
        gb = gb.sum(axis=0)
    for ax, n in enumerate(np.shape(b)):
        if n == 1 and gb.shape[ax] != 1:
            gb = gb.sum(axis=ax, keepdims=True)
    return grad_output, gb


def ab_first_row(a, b, grad_output):
    def down(g, shape):
        while g.ndim > len(shape):
            g = g[0]
        for ax, n in enumerate(shape):
            if n == 1 and g.shape[ax] != 1:
                g = np.take(g, [0], axis=ax)
        return g
    return down(grad_output, np.shape(a)), down(grad_output, np.shape(b))


def ab_ok_axes(a, b, grad_output):
    def reduce_to(shape):
        lead = grad_output.ndim - len(shape)
        axes = tuple(range(lead)) + tuple(lead + i for i, n in enumerate(shape)
                                          if n == 1 and grad_output.shape[lead + i] != 1)
        return np.sum(grad_output, axis=axes, keepdims=True).reshape(shape)
    return reduce_to(np.shape(a)), reduce_to(np.shape(b))


def ab_ok_add_at(a, b, grad_output):
    def reduce_to(shape):
        out = np.zeros(shape)
        view = np.broadcast_to(np.arange(out.size).reshape(shape), grad_output.shape)
        np.add.at(out.reshape(-1), view.reshape(-1), grad_output.reshape(-1))
        return out
    return reduce_to(np.shape(a)), reduce_to(np.shape(b))


# ====================================================================== matmul_backward
def mm_no_transpose_b(a, b, grad_output):
    return grad_output @ b, a.T @ grad_output


def mm_gt_a(a, b, grad_output):
    return grad_output @ b.T, grad_output.T @ a


def mm_elementwise(a, b, grad_output):
    return grad_output * b.T, a.T * grad_output


def mm_no_upstream(a, b, grad_output):
    ones = np.ones_like(grad_output)
    return ones @ b.T, a.T @ ones


def mm_swapped(a, b, grad_output):
    return a.T @ grad_output, grad_output @ b.T


def mm_einsum_slip(a, b, grad_output):
    return np.einsum("nm,mk->nk", grad_output, b), np.einsum("nk,nm->km", a, grad_output)


def mm_batch_mean(a, b, grad_output):
    return grad_output @ b.T, a.T @ grad_output / a.shape[0]


def mm_ok_einsum(a, b, grad_output):
    return np.einsum("nm,km->nk", grad_output, b), np.einsum("nk,nm->km", a, grad_output)


def mm_ok_outer_sum(a, b, grad_output):
    gb = np.zeros(b.shape)
    for row_a, row_g in zip(a, grad_output):
        gb += np.outer(row_a, row_g)
    ga = np.stack([b @ row_g for row_g in grad_output])
    return ga, gb


# ====================================================================== linear_backward
def ln_first_row_bias(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output[0]


def ln_mean_bias(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.mean(axis=0)


def ln_dw_transposed(x, W, b, grad_output):
    return grad_output @ W.T, grad_output.T @ x, grad_output.sum(axis=0)


def ln_dx_no_transpose(x, W, b, grad_output):
    return grad_output @ W, x.T @ grad_output, grad_output.sum(axis=0)


def ln_bias_axis1(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.sum(axis=1)


def ln_order(x, W, b, grad_output):
    return x.T @ grad_output, grad_output @ W.T, grad_output.sum(axis=0)


def ln_weight_mean(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output / len(x), grad_output.sum(axis=0)


def ln_ok_einsum(x, W, b, grad_output):
    return (np.einsum("no,io->ni", grad_output, W), np.einsum("ni,no->io", x, grad_output),
            np.einsum("no->o", grad_output))


def ln_ok_via_ones(x, W, b, grad_output):
    ones = np.ones(len(x))
    dx, dw = mm_ok_einsum(x, W, grad_output)
    return dx, dw, ones @ grad_output


# ====================================================================== mse_backward
def ms_no_upstream(pred, target, grad_output):
    return 2 * (pred - target) / pred.size


def ms_no_two(pred, target, grad_output):
    return grad_output * (pred - target) / pred.size


def ms_no_mean(pred, target, grad_output):
    return 2 * grad_output * (pred - target)


def ms_sign(pred, target, grad_output):
    return 2 * grad_output * (target - pred) / pred.size


def ms_len(pred, target, grad_output):
    return 2 * grad_output * (pred - target) / len(pred)


def ms_last_axis(pred, target, grad_output):
    return 2 * grad_output * (pred - target) / pred.shape[-1]


def ms_ok_mean_form(pred, target, grad_output):
    d = np.subtract(pred, target, dtype=float)
    return d * (2.0 * float(grad_output) / np.size(d))


def ms_ok_ones(pred, target, grad_output):
    n = functools.reduce(lambda p, q: p * q, pred.shape, 1)
    return np.full(pred.shape, 2.0 / n) * grad_output * (pred - target)


# ====================================================================== cross_entropy_backward
def ce_no_shift(logits, labels, grad_output):
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / len(labels)


def ce_global_max(logits, labels, grad_output):
    e = np.exp(logits - logits.max())
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / len(labels)


def _softmax_rows(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def ce_no_onehot(logits, labels, grad_output):
    return grad_output * _softmax_rows(logits) / len(labels)


def ce_no_mean(logits, labels, grad_output):
    p = _softmax_rows(logits)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p


def ce_no_upstream(logits, labels, grad_output):
    p = _softmax_rows(logits)
    p[np.arange(len(labels)), labels] -= 1
    return p / len(labels)


def ce_sign(logits, labels, grad_output):
    onehot = np.eye(logits.shape[1])[labels]
    return grad_output * (onehot - _softmax_rows(logits)) / len(labels)


def ce_column_max(logits, labels, grad_output):
    e = np.exp(logits - logits.max(axis=0, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / len(labels)


def ce_label_columns(logits, labels, grad_output):
    p = _softmax_rows(logits)
    p[:, labels] -= 1                           # every row loses 1 at every label's column
    return grad_output * p / len(labels)


def ce_divide_by_classes(logits, labels, grad_output):
    p = _softmax_rows(logits)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / logits.shape[1]


def ce_ok_logsumexp(logits, labels, grad_output):
    m = logits.max(axis=-1, keepdims=True)
    lse = m + np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))
    onehot = np.arange(logits.shape[-1]) == np.asarray(labels)[..., None]
    n = 1 if logits.ndim == 1 else logits.shape[0]
    return (np.exp(logits - lse) - onehot) * (grad_output / n)


def ce_ok_rows(logits, labels, grad_output):
    rows = []
    for z, y in zip(np.atleast_2d(logits), np.atleast_1d(labels)):
        p = np.exp(z - z.max())
        p /= p.sum()
        p[y] -= 1.0
        rows.append(p)
    out = np.array(rows) * grad_output / len(rows)
    return out.reshape(np.shape(logits))


# ====================================================================== jacobian_fd
def jf_transposed(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    rows = []
    for j in range(x.size):
        e = np.zeros_like(x)
        e[j] = eps
        rows.append((f(x + e) - f(x - e)) / (2 * eps))
    return np.array(rows)


def jf_forward(f, x, eps=1e-6):
    base = np.asarray(f(x), dtype=float)
    cols = []
    for j in range(len(x)):
        xp = x.copy()
        xp[j] += eps
        cols.append((f(xp) - base) / eps)
    return np.column_stack(cols)


def jf_fixed_eps(f, x, eps=1e-6):
    cols = []
    for j in range(len(x)):
        e = np.zeros(len(x))
        e[j] = 1e-6
        cols.append((f(x + e) - f(x - e)) / 2e-6)
    return np.column_stack(cols)


def jf_not_put_back(f, x, eps=1e-6):
    cols = []
    for j in range(len(x)):
        x[j] += eps
        up = np.array(f(x), dtype=float)
        x[j] -= 2 * eps
        down = np.array(f(x), dtype=float)
        cols.append((up - down) / (2 * eps))
    return np.column_stack(cols)


def jf_stale_buffer(f, x, eps=1e-6):
    xp, xm = x.copy(), x.copy()
    cols = []
    for j in range(len(x)):
        xp[j] += eps                            # the earlier nudges are never taken back
        xm[j] -= eps
        cols.append((np.asarray(f(xp)) - np.asarray(f(xm))) / (2 * eps))
    return np.column_stack(cols)


def jf_over_eps(f, x, eps=1e-6):
    cols = []
    for j in range(len(x)):
        e = np.zeros(len(x))
        e[j] = eps
        cols.append((f(x + e) - f(x - e)) / eps)
    return np.column_stack(cols)


def jf_squeezed(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x)
        e[j] = eps
        cols.append((f(x + e) - f(x - e)) / (2 * eps))
    return np.squeeze(np.stack(cols, axis=1))


def jf_ok_in_place(f, x, eps=1e-6):
    m = np.asarray(f(x)).size
    J = np.empty((m, x.size))
    for j in range(x.size):
        old = x[j]
        x[j] = old + eps
        up = np.array(f(x), dtype=float)
        x[j] = old - eps
        down = np.array(f(x), dtype=float)
        x[j] = old
        J[:, j] = (up - down) / (2 * eps)
    return J


def jf_ok_identity(f, x, eps=1e-6):
    steps = np.eye(len(x)) * eps
    return np.array([(np.asarray(f(x + s), dtype=float) - np.asarray(f(x - s), dtype=float)) / (2 * eps)
                     for s in steps]).T.reshape(-1, len(x))


# ====================================================================== jacobian_reverse
def jr_no_clear(f, x):
    leaf = mg.Tensor(np.array(x, dtype=float), requires_grad=True)
    y = f(leaf)
    rows = []
    for i in range(y.shape[0]):
        e = np.zeros(y.shape[0])
        e[i] = 1.0
        y.backward(e)
        rows.append(leaf.grad.copy())
    return np.array(rows)


def jr_transposed(f, x):
    leaf = mg.Tensor(np.array(x, dtype=float), requires_grad=True)
    y = f(leaf)
    rows = []
    for e in np.eye(y.shape[0]):
        leaf.grad = None
        y.backward(e)
        rows.append(leaf.grad.copy())
    return np.array(rows).T


def jr_ones_seed(f, x):
    leaf = mg.Tensor(np.array(x, dtype=float), requires_grad=True)
    y = f(leaf)
    rows = []
    for _ in range(y.shape[0]):
        leaf.grad = None
        y.backward(np.ones(y.shape[0]))
        rows.append(leaf.grad.copy())
    return np.array(rows)


def jr_zeroed_alias(f, x):
    leaf = mg.Tensor(np.array(x, dtype=float), requires_grad=True)
    y = f(leaf)
    rows = []
    for e in np.eye(y.shape[0]):
        y.backward(e)
        rows.append(leaf.grad)                  # kept without a copy ...
        leaf.grad[...] = 0.0                    # ... then zeroed for the next row
    return np.array(rows)


def jr_squeezed(f, x):
    leaf = mg.Tensor(np.array(x, dtype=float), requires_grad=True)
    y = f(leaf)
    rows = []
    for e in np.eye(y.shape[0]):
        leaf.grad = None
        y.backward(e)
        rows.append(leaf.grad.copy())
    return np.squeeze(np.array(rows))


def jr_ok_generator(f, x):
    leaf = mg.Tensor(np.array(x, dtype=float), requires_grad=True)
    y = f(leaf)

    def rows():
        for seed in np.eye(y.shape[0]):
            leaf.grad = None
            y.backward(mg.Tensor(seed))
            yield np.zeros(leaf.shape) if leaf.grad is None else leaf.grad
    return np.array(list(rows()), dtype=float).reshape(y.shape[0], leaf.shape[0])


def jr_ok_zero_fill(f, x):
    leaf = mg.Tensor(x, requires_grad=True)     # requires_grad: the Tensor copies x
    y = f(leaf)
    J = np.zeros((y.shape[0], leaf.shape[0]))
    for i in range(y.shape[0]):
        leaf.grad = None
        y.backward(np.eye(1, y.shape[0], i)[0])
        if leaf.grad is not None:
            J[i] = leaf.grad
    return J


# ====================================================================== chain_gradients
def cg_top_down_list(input_jacobians, grad_last):
    grads = [np.asarray(grad_last)]
    for J in reversed(input_jacobians):
        grads.append(grads[-1] @ J)
    return grads


def cg_column(input_jacobians, grad_last):
    grads = [np.asarray(grad_last)]
    for J in reversed(input_jacobians):
        grads.append(J @ grads[-1])
    return grads[::-1]


def cg_reverses_input(input_jacobians, grad_last):
    input_jacobians.reverse()
    grads = [grad_last]
    for J in input_jacobians:
        grads.insert(0, grads[0] @ J)
    return grads


def cg_off_by_one(input_jacobians, grad_last):
    grads = [grad_last]
    for k in range(len(input_jacobians) - 1, 0, -1):
        grads.insert(0, grads[0] @ input_jacobians[k])
    return grads


def cg_overwrites_last(input_jacobians, grad_last):
    g = np.array(grad_last, dtype=float)
    grads = [g]
    for J in reversed(input_jacobians):
        g = g @ J
        grads.insert(0, g)
    grads[-1] = grads[0]                        # meant to "return the first one last"
    return grads


def cg_ok_recursive(input_jacobians, grad_last):
    def down(k, g):
        return [g] if k == 0 else down(k - 1, g @ input_jacobians[k - 1]) + [g]
    return down(len(input_jacobians), np.asarray(grad_last, dtype=float))


def cg_ok_accumulate(input_jacobians, grad_last):
    seq = itertools.accumulate(reversed(input_jacobians), lambda g, J: np.einsum("i,ij->j", g, J),
                               initial=np.array(grad_last, dtype=float))
    return list(seq)[::-1]


# ====================================================================== loglog_slope
def ll_swapped_axes(sizes, times):
    return float(np.polyfit(np.log(times), np.log(sizes), 1)[0])


def ll_endpoints(sizes, times):
    s, t = np.log(sizes), np.log(times)
    return float((t[-1] - t[0]) / (s[-1] - s[0]))


def ll_no_logs(sizes, times):
    return float(np.polyfit(sizes, times, 1)[0])


def ll_ddof(sizes, times):
    s, t = np.log(np.asarray(sizes, dtype=float)), np.log(times)
    return float(np.cov(s, t)[0, 1] / np.var(s))


def ll_mean_step_slopes(sizes, times):
    s, t = np.log(np.asarray(sizes, dtype=float)), np.log(times)
    return float(np.mean(np.diff(t) / np.diff(s)))


def ll_intercept(sizes, times):
    return float(np.polyfit(np.log(sizes), np.log(times), 1)[-1])


def ll_log_x_only(sizes, times):
    return float(np.polyfit(np.log(sizes), times, 1)[0])


def ll_ok_lstsq(sizes, times):
    s = np.log2(np.asarray(sizes, dtype=float))
    A = np.column_stack([s, np.ones_like(s)])
    (p, _), *_ = np.linalg.lstsq(A, np.log2(times), rcond=None)
    return float(p)


def ll_ok_centered(sizes, times):
    s = np.log10(np.asarray(sizes, dtype=float))
    t = np.log10(np.asarray(times, dtype=float))
    sc, tc = s - s.mean(), t - t.mean()
    return float(sc @ tc / (sc @ sc))


# ====================================================================== mse_gradient
def mg_no_two(w, X_batch, y_batch):
    return X_batch.T @ (X_batch @ w - y_batch) / len(y_batch)


def mg_sum(w, X_batch, y_batch):
    return 2 * X_batch.T @ (X_batch @ w - y_batch)


def mg_sign(w, X_batch, y_batch):
    return 2 / len(y_batch) * X_batch.T @ (y_batch - X_batch @ w)


def mg_by_features(w, X_batch, y_batch):
    return 2 / X_batch.shape[1] * X_batch.T @ (X_batch @ w - y_batch)


def mg_product_of_means(w, X_batch, y_batch):
    r = X_batch @ w - y_batch
    return 2 * r.mean() * X_batch.mean(axis=0)


def mg_y_scaled_twice(w, X_batch, y_batch):
    n = len(X_batch)
    return 2 / n * (X_batch.T @ X_batch @ w - X_batch.T @ y_batch / n)


def mg_ok_rows(w, X_batch, y_batch):
    r = X_batch @ w - y_batch
    return (2.0 / len(r)) * (r @ X_batch)


def mg_ok_einsum(w, X_batch, y_batch):
    r = np.einsum("bd,d->b", X_batch, w) - y_batch
    return np.einsum("bd,b->d", X_batch, r) * 2 / X_batch.shape[0]


# ====================================================================== largest_stable_learning_rate
def lr_one_over(X):
    H = 2 / len(X) * X.T @ X
    return float(1 / np.linalg.eigvalsh(H)[-1])


def lr_smallest(X):
    H = 2 / len(X) * X.T @ X
    return float(2 / np.linalg.eigvalsh(H)[0])


def lr_no_scale(X):
    return float(2 / np.linalg.eigvalsh(X.T @ X)[-1])


def lr_by_features(X):
    H = 2 / X.shape[1] * X.T @ X
    return float(2 / np.linalg.eigvalsh(H).max())


def lr_trace(X):
    H = 2 / len(X) * X.T @ X
    return float(2 / np.trace(H))


def lr_max_diagonal(X):
    H = 2 / len(X) * X.T @ X
    return float(2 / H.diagonal().max())


def lr_ok_norm(X):
    return float(len(X) / np.linalg.norm(X, 2) ** 2)


def lr_ok_gram(X):
    gram = X @ X.T * (2.0 / X.shape[0])
    return 2.0 / float(max(np.linalg.eigvalsh(gram)))


# ====================================================================== minibatch_indices
def mb_idx_drop(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[i:i + batch_size] for i in range(0, n - batch_size + 1, batch_size)]


def mb_idx_floor(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[k * batch_size:(k + 1) * batch_size] for k in range(n // batch_size)]


def mb_idx_arange(n, batch_size, rng):
    order = np.arange(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def mb_idx_choice(n, batch_size, rng):
    order = rng.choice(n, size=n, replace=False)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def mb_idx_per_batch(n, batch_size, rng):
    batches = []
    for start in range(0, n, batch_size):
        order = rng.permutation(n)
        batches.append(order[start:start + batch_size])
    return batches


def mb_idx_array_split(n, batch_size, rng):
    return np.array_split(rng.permutation(n), math.ceil(n / batch_size))


def mb_idx_sorted(n, batch_size, rng):
    order = rng.permutation(n)
    return [np.sort(order[i:i + batch_size]) for i in range(0, n, batch_size)]


def mb_idx_ok_split(n, batch_size, rng):
    return np.split(rng.permutation(n), range(batch_size, n, batch_size))


def mb_idx_ok_shuffle(n, batch_size, rng):
    order = np.arange(n)
    rng.shuffle(order)                          # what Generator.permutation(n) does itself
    it = iter(order)
    batches = []
    while chunk := list(itertools.islice(it, batch_size)):
        batches.append(np.array(chunk, dtype=np.int64))
    return batches


WRONG = [
    # numerical_derivative
    Blind("numerical_derivative", "forward_difference", "(f(x+h) - f(x)) / h", nd_forward),
    Blind("numerical_derivative", "fixed_step", "uses 1e-5 whatever h is passed", nd_fixed_h),
    Blind("numerical_derivative", "missing_factor", "divides by h instead of 2h", nd_over_h),
    Blind("numerical_derivative", "sign_error", "(f(x-h) - f(x+h)) / 2h", nd_backwards_sign),
    Blind("numerical_derivative", None, "result buffer np.zeros_like(x): int x truncates the slopes",
          nd_zeros_like),
    Blind("numerical_derivative", "in_place", "nudges the caller's array x in place (+= h, -= 2h)",
          nd_nudge_in_place),
    # gradient_descent_update
    Blind("gradient_descent_update", "in_place", "x -= learning_rate * gradx, then returns x", gd_in_place),
    Blind("gradient_descent_update", "sign_error", "x + learning_rate * gradx (climbs)", gd_plus),
    Blind("gradient_descent_update", "fixed_step", "x - gradx: the learning rate is left out", gd_no_rate,
          also=("missing_factor",)),
    Blind("gradient_descent_update", None, "np.array(x) copy then -=: integer x refuses the float step",
          gd_copy_then_subtract),
    Blind("gradient_descent_update", None, "x.copy(): fails for plain Python numbers", gd_method_copy),
    # gradient_check_error
    Blind("gradient_check_error", "wrong_error_measure", "no 1e-8 floor in the denominator (G = 0 gives NaN)",
          gce_no_floor),
    Blind("gradient_check_error", "wrong_error_measure", "mean relative error instead of the largest", gce_mean),
    Blind("gradient_check_error", "forward_difference", "numerical slope by a forward difference", gce_forward),
    Blind("gradient_check_error", "fixed_step", "numerical slope always with h = 1e-5", gce_fixed_h),
    Blind("gradient_check_error", "ignored_upstream", "numerical side not multiplied by G",
          gce_numeric_without_g, also=("wrong_error_measure",)),
    Blind("gradient_check_error", "wrong_error_measure", "divides by |a| only, not |a| + |n|",
          gce_relative_to_analytic),
    Blind("gradient_check_error", "wrong_error_measure", "largest absolute error, no division", gce_absolute),
    # parabola_rates
    Blind("parabola_rates", "missing_factor", "step_factor = 1 - eta (the 2 of f' = 2x dropped)",
          pr_rate_not_doubled),
    Blind("parabola_rates", "sign_error", "step_factor = 1 + 2 eta", pr_plus),
    Blind("parabola_rates", "missing_factor", "one_step_rate = 1 (solves 1 - eta = 0)", pr_one_step_one),
    Blind("parabola_rates", "missing_factor", "first_unstable_rate = 2 (2 / lambda with lambda taken as 1)",
          pr_unstable_two),
    Blind("parabola_rates", None, "first_unstable_rate = 0.5: overshooting taken for diverging",
          pr_unstable_overshoot),
    Blind("parabola_rates", None, "step_factor = -2 eta: the step, not the new position", pr_step_only),
    # hand_gradients
    Blind("hand_gradients", "overwrite_fanout", "df/dx keeps only the direct path r", hg_only_direct_path),
    Blind("hand_gradients", "overwrite_fanout", "df/dx keeps only the path through q", hg_only_through_q),
    Blind("hand_gradients", "ignored_upstream", "df/dy = x: dq/dy not times df/dq", hg_no_upstream_y),
    Blind("hand_gradients", "ignored_upstream", "df/dz = 1: dr/dz not times df/dr", hg_no_upstream_z),
    Blind("hand_gradients", "sign_error", "df/dx = +8", hg_sign_x),
    Blind("hand_gradients", "swapped", "local rules of q = x*y swapped (dq/dx = x, dq/dy = y)", hg_mul_swapped),
    # topological_sort
    Blind("topological_sort", "repeated_nodes", "recursive DFS with no visited set", ts_no_visited),
    Blind("topological_sort", "wrong_order", "reversed breadth-first order", ts_reversed_bfs),
    Blind("topological_sort", "wrong_order", "pre-order DFS: node before its parents, root first", ts_preorder),
    Blind("topological_sort", "wrong_order", "reversed DFS pre-order from a stack", ts_reversed_preorder),
    Blind("topological_sort", None, "follows only parents that require a gradient (constants left out)",
          ts_grad_only),
    Blind("topological_sort", None, "a lone leaf as root gives []", ts_leaf_root_empty),
    Blind("topological_sort", None, "Kahn's algorithm counts x*x's edge twice but releases it once: x lost",
          ts_kahn_counts_edges),
    # backward_pass
    Blind("backward_pass", "overwrite_fanout", "grads[parent] = g (no adding up)", bp_overwrite),
    Blind("backward_pass", "wrong_order", "walks the topological order forwards, not reversed", bp_forward_order),
    Blind("backward_pass", "wrong_order", "breadth-first from the root (notebook's bfs_backward)",
          bp_breadth_first),
    Blind("backward_pass", "stale_gradient", "accumulates into each tensor's .grad and returns them",
          bp_into_dot_grad, also=("in_place",)),
    Blind("backward_pass", "repeated_nodes", "recursive push that resends the running total on every visit",
          bp_recursive_totals),
    Blind("backward_pass", None, "seeds dL/droot with the 0-d array 1.0, not ones of the root's shape",
          bp_scalar_seed),
    Blind("backward_pass", None, "returns only op-made tensors: leaves (and a lone-leaf root) missing",
          bp_no_leaves),
    # bfs_counterexample
    Blind("bfs_counterexample", None, "w*w + w: both paths reach leaf w, breadth-first is right",
          bfs_same_lengths),
    Blind("bfs_counterexample", None, "exp(w) squared: x is reached once, breadth-first is right",
          bfs_square_of_intermediate),
    Blind("bfs_counterexample", None, "copies the notebook's example, with neg", bfs_uses_neg),
    Blind("bfs_counterexample", None, "a loss of two elements (no sum)", bfs_vector_loss),
    Blind("bfs_counterexample", None, "returns the intermediate exp(w) as w", bfs_returns_intermediate),
    Blind("bfs_counterexample", None, "sum(x*x) + 2 sum(x): paths of equal depth, breadth-first is right",
          bfs_equal_depth_sums),
    # sigmoid
    Blind("sigmoid", "unstable", "1 / (1 + exp(-x))", sg_naive),
    Blind("sigmoid", "unstable", "np.where over both naive branches", sg_where_both),
    Blind("sigmoid", "unstable", "exp(x) / (1 + exp(x))", sg_exp_ratio),
    Blind("sigmoid", "unstable", "0.5 (1 + tanh(x/2)): cancels to 0 for large negative x", sg_tanh_form),
    Blind("sigmoid", "unstable", "clips x to [-30, 30] before the naive formula", sg_clipped),
    Blind("sigmoid", None, "np.zeros_like(x) buffer: integer x comes back as integers 0/1", sg_buffer_like),
    # sigmoid_backward
    Blind("sigmoid_backward", "ignored_upstream", "out (1 - out), G left out", sb_no_upstream),
    Blind("sigmoid_backward", "wrong_point", "G out sigma(1 - x)", sb_sigma_one_minus_x),
    Blind("sigmoid_backward", "wrong_point", "G x (1 - x): the input used as the output", sb_at_input),
    Blind("sigmoid_backward", "unstable", "G e^-x / (1 + e^-x)^2 from x", sb_from_x_naive),
    Blind("sigmoid_backward", "sign_error", "G out (out - 1)", sb_sign),
    Blind("sigmoid_backward", "in_place", "g = asarray(G); g *= ...", sb_in_place),
    # tanh_backward
    Blind("tanh_backward", "wrong_point", "G (1 - x^2)", th_at_input),
    Blind("tanh_backward", None, "G (1 - out): the square forgotten", th_no_square),
    Blind("tanh_backward", "ignored_upstream", "1 - out^2", th_no_upstream),
    Blind("tanh_backward", "unstable", "G / cosh(x)^2 (cosh overflows at 1000)", th_cosh),
    Blind("tanh_backward", "wrong_point", "G (1 - tanh(out)^2): tanh applied twice", th_tanh_of_out),
    Blind("tanh_backward", "sign_error", "G (out^2 - 1)", th_sign),
    # relu_backward
    Blind("relu_backward", "kink_convention", "G (x >= 0)", rl_ge),
    Blind("relu_backward", "ignored_upstream", "(x > 0) as floats", rl_no_upstream),
    Blind("relu_backward", "sign_error", "G sign(x): negatives get -G", rl_sign),
    Blind("relu_backward", "in_place", "zeros grad_output where x <= 0 in place", rl_masked_in_place),
    Blind("relu_backward", "wrong_point", "G * out: the output as the slope", rl_times_out),
    # mul_backward
    Blind("mul_backward", "swapped", "(G a, G b)", mb_swapped),
    Blind("mul_backward", "ignored_upstream", "(b, a)", mb_no_upstream),
    Blind("mul_backward", "wrong_product", "G @ b.T and a.T @ G", mb_matrix_product, also=("transposed",)),
    Blind("mul_backward", None, "divides y = a b by a and by b (zeros give NaN)", mb_divide_out),
    Blind("mul_backward", "in_place", "ga = asarray(G); ga *= b", mb_in_place),
    # add_backward
    Blind("add_backward", "missing_broadcast_sum", "(G, G) whatever the shapes", ab_no_sum),
    Blind("add_backward", "missing_broadcast_sum", "sums axis 0 whenever shapes differ", ab_sum_rows_always),
    Blind("add_backward", "missing_broadcast_sum", "sums the leading axes only, not the size-1 axes",
          ab_leading_only),
    Blind("add_backward", "missing_factor", "means instead of sums over the broadcast axes", ab_mean,
          also=("missing_broadcast_sum",)),
    Blind("add_backward", "missing_broadcast_sum", "reduces only b; a always gets G", ab_right_only),
    Blind("add_backward", "missing_broadcast_sum", "takes the first row/column instead of the sum",
          ab_first_row),
    # matmul_backward
    Blind("matmul_backward", "transposed", "dA = G @ b (b not transposed)", mm_no_transpose_b),
    Blind("matmul_backward", "transposed", "dB = G.T @ a", mm_gt_a),
    Blind("matmul_backward", "wrong_product", "elementwise G * b.T, a.T * G", mm_elementwise),
    Blind("matmul_backward", "ignored_upstream", "ones in place of G", mm_no_upstream),
    Blind("matmul_backward", "swapped", "returns (dB, dA)", mm_swapped, also=("transposed",)),
    Blind("matmul_backward", "transposed", "einsum 'nm,mk->nk' for dA (b read as (M, K))", mm_einsum_slip),
    Blind("matmul_backward", "missing_factor", "dB divided by the batch size N", mm_batch_mean),
    # linear_backward
    Blind("linear_backward", "missing_broadcast_sum", "db = G[0]: the first row only", ln_first_row_bias),
    Blind("linear_backward", "missing_factor", "db = mean of G's rows", ln_mean_bias,
          also=("missing_broadcast_sum",)),
    Blind("linear_backward", "transposed", "dW = G.T @ x", ln_dw_transposed),
    Blind("linear_backward", "transposed", "dx = G @ W", ln_dx_no_transpose),
    Blind("linear_backward", "missing_broadcast_sum", "db = G.sum(axis=1)", ln_bias_axis1),
    Blind("linear_backward", "swapped", "returns (dW, dx, db)", ln_order, also=("wrong_order", "transposed")),
    Blind("linear_backward", "missing_factor", "dW divided by N", ln_weight_mean),
    # mse_backward
    Blind("mse_backward", "ignored_upstream", "2 (pred - target) / n, no G", ms_no_upstream),
    Blind("mse_backward", "missing_factor", "the 2 dropped", ms_no_two),
    Blind("mse_backward", "missing_factor", "the 1/n dropped", ms_no_mean),
    Blind("mse_backward", "sign_error", "2 G (target - pred) / n", ms_sign),
    Blind("mse_backward", "missing_factor", "divides by len(pred): the rows, not every entry", ms_len),
    Blind("mse_backward", "missing_factor", "divides by pred.shape[-1]", ms_last_axis),
    # cross_entropy_backward
    Blind("cross_entropy_backward", "unstable", "softmax without subtracting a maximum", ce_no_shift),
    Blind("cross_entropy_backward", "unstable", "subtracts the batch's single largest logit", ce_global_max),
    Blind("cross_entropy_backward", "missing_onehot", "softmax / N, no -1 at the label", ce_no_onehot),
    Blind("cross_entropy_backward", "missing_factor", "the 1/N dropped", ce_no_mean),
    Blind("cross_entropy_backward", "ignored_upstream", "G left out", ce_no_upstream),
    Blind("cross_entropy_backward", "sign_error", "(onehot - p) G / N", ce_sign),
    Blind("cross_entropy_backward", None, "subtracts each column's max (axis=0) instead of each row's",
          ce_column_max),
    Blind("cross_entropy_backward", "missing_onehot", "p[:, labels] -= 1 hits every label column in every row",
          ce_label_columns),
    Blind("cross_entropy_backward", "missing_factor", "divides by the number of classes K", ce_divide_by_classes),
    # jacobian_fd
    Blind("jacobian_fd", "transposed", "rows per input: returns (n, m)", jf_transposed),
    Blind("jacobian_fd", "forward_difference", "(f(x + eps e_j) - f(x)) / eps", jf_forward),
    Blind("jacobian_fd", "fixed_step", "always eps = 1e-6", jf_fixed_eps),
    Blind("jacobian_fd", "in_place", "nudges x[j] by +eps then -2 eps and never puts it back", jf_not_put_back),
    Blind("jacobian_fd", None, "reuses two shifted copies: earlier nudges stay in", jf_stale_buffer),
    Blind("jacobian_fd", "missing_factor", "divides by eps, not 2 eps", jf_over_eps),
    Blind("jacobian_fd", None, "np.squeeze: m = 1 or n = 1 gives a 1-D result", jf_squeezed),
    # jacobian_reverse
    Blind("jacobian_reverse", "stale_gradient", "never clears leaf.grad between rows", jr_no_clear),
    Blind("jacobian_reverse", "transposed", "stacks the rows as columns (n, m)", jr_transposed),
    Blind("jacobian_reverse", None, "seeds every pass with ones instead of e_i", jr_ones_seed),
    Blind("jacobian_reverse", None, "keeps leaf.grad without a copy, then zeroes it in place", jr_zeroed_alias),
    Blind("jacobian_reverse", None, "np.squeeze: m = 1 or n = 1 gives a 1-D result", jr_squeezed),
    # chain_gradients
    Blind("chain_gradients", "wrong_order", "list from dc/dz_K down to dc/dz_0", cg_top_down_list),
    Blind("chain_gradients", "transposed", "J @ g instead of g @ J", cg_column),
    Blind("chain_gradients", "in_place", "input_jacobians.reverse() on the caller's list", cg_reverses_input),
    Blind("chain_gradients", None, "range(K - 1, 0, -1): the stage J_0 is never applied", cg_off_by_one),
    Blind("chain_gradients", None, "overwrites the last entry with the first", cg_overwrites_last),
    # loglog_slope
    Blind("loglog_slope", "wrong_axes", "fits log size against log time", ll_swapped_axes),
    Blind("loglog_slope", "not_least_squares", "slope between the first and last points", ll_endpoints),
    Blind("loglog_slope", "wrong_axes", "fits sizes and times without logs", ll_no_logs),
    Blind("loglog_slope", "missing_factor", "np.cov (ddof 1) over np.var (ddof 0)", ll_ddof,
          also=("not_least_squares",)),
    Blind("loglog_slope", "not_least_squares", "mean of the slopes between neighbours", ll_mean_step_slopes),
    Blind("loglog_slope", None, "polyfit(...)[-1]: the intercept", ll_intercept),
    Blind("loglog_slope", "wrong_axes", "log sizes against raw times", ll_log_x_only),
    # mse_gradient
    Blind("mse_gradient", "missing_factor", "the 2 dropped", mg_no_two),
    Blind("mse_gradient", "missing_factor", "sum over the batch, no 1/|B|", mg_sum),
    Blind("mse_gradient", "sign_error", "X^T (y - X w)", mg_sign),
    Blind("mse_gradient", "missing_factor", "divides by the number of features", mg_by_features),
    Blind("mse_gradient", "wrong_product", "2 mean(residual) * column means of X", mg_product_of_means),
    Blind("mse_gradient", "missing_factor", "X^T y divided by |B| twice", mg_y_scaled_twice),
    # largest_stable_learning_rate
    Blind("largest_stable_learning_rate", "missing_factor", "1 / lambda_max", lr_one_over),
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "2 / lambda_min", lr_smallest),
    Blind("largest_stable_learning_rate", "missing_factor", "H = X^T X (no 2/P)", lr_no_scale),
    Blind("largest_stable_learning_rate", "missing_factor", "H = 2/d X^T X (features, not rows)",
          lr_by_features),
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "2 / trace(H)", lr_trace),
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "2 / the largest diagonal entry of H",
          lr_max_diagonal),
    # minibatch_indices
    Blind("minibatch_indices", "drops_last", "range(0, n - batch_size + 1, batch_size)", mb_idx_drop),
    Blind("minibatch_indices", "drops_last", "n // batch_size batches", mb_idx_floor),
    Blind("minibatch_indices", "no_shuffle", "np.arange(n) cut into batches", mb_idx_arange),
    Blind("minibatch_indices", "ignores_rng", "rng.choice(n, n, replace=False)", mb_idx_choice),
    Blind("minibatch_indices", "ignores_rng", "a new permutation for every batch", mb_idx_per_batch),
    Blind("minibatch_indices", None, "np.array_split into ceil(n / b) nearly equal pieces", mb_idx_array_split),
    Blind("minibatch_indices", None, "sorts the indices inside each batch", mb_idx_sorted),
]

CORRECT = [
    Blind("numerical_derivative", None, "loop over the flattened points", nd_ok_loop),
    Blind("numerical_derivative", None, "one call of f on np.stack([x + h, x - h])", nd_ok_stack),
    Blind("gradient_descent_update", None, "np.subtract / np.multiply", gd_ok_subtract),
    Blind("gradient_descent_update", None, "float copy updated in place", gd_ok_float_copy),
    Blind("gradient_check_error", None, "element by element with math.exp", gce_ok_loop),
    Blind("gradient_check_error", None, "sigmoid by logaddexp, np.fmax floor, .item()", gce_ok_logaddexp),
    Blind("parabola_rates", None, "the three answers", pr_ok),
    Blind("parabola_rates", None, "step_factor by taking one step from 3", pr_ok_from_a_step),
    Blind("hand_gradients", None, "-8, 4, 2", hg_ok),
    Blind("hand_gradients", None, "numpy floats from the worked formulas", hg_ok_numpy_floats),
    Blind("topological_sort", None, "recursive DFS into an ordered dict", ts_ok_recursive),
    Blind("topological_sort", None, "Kahn's algorithm over edge counts, a tuple", ts_ok_kahn),
    Blind("topological_sort", None, "explicit stack of parent iterators", ts_ok_generator_stack),
    Blind("backward_pass", None, "defaultdict of gradients", bp_ok_defaultdict),
    Blind("backward_pass", None, "releases a node when all its consumers have reported", bp_ok_counted),
    Blind("bfs_counterexample", None, "exp(w) + sigmoid(exp(w))", bfs_ok_sigmoid_branch),
    Blind("bfs_counterexample", None, "tanh(w) reached directly and through three more ops, summed",
          bfs_ok_long_branch),
    Blind("sigmoid", None, "exp(-logaddexp(0, -x))", sg_ok_logaddexp),
    Blind("sigmoid", None, "exponent chosen <= 0 by a mask, written into a copy", sg_ok_masks),
    Blind("sigmoid_backward", None, "(1 - out) out G", sb_ok_reversed),
    Blind("sigmoid_backward", None, "copy of G multiplied in place", sb_ok_buffer),
    Blind("tanh_backward", None, "np.subtract(1, np.square(out)) G", th_ok_square),
    Blind("tanh_backward", None, "einsum of G and 1 - out**2", th_ok_einsum),
    Blind("relu_backward", None, "np.where(out > 0, G, 0)", rl_ok_out),
    Blind("relu_backward", None, "np.heaviside(x, 0) G", rl_ok_heaviside),
    Blind("mul_backward", None, "einsum with ellipsis", mb_ok_einsum),
    Blind("mul_backward", None, "a list of two np.multiply results", mb_ok_list),
    Blind("add_backward", None, "one np.sum over the stretched axes, keepdims, reshape", ab_ok_axes),
    Blind("add_backward", None, "np.add.at over broadcast index arrays", ab_ok_add_at),
    Blind("matmul_backward", None, "einsum", mm_ok_einsum),
    Blind("matmul_backward", None, "sum of per-row outer products", mm_ok_outer_sum),
    Blind("linear_backward", None, "einsum", ln_ok_einsum),
    Blind("linear_backward", None, "matmul by einsum, bias as ones @ G", ln_ok_via_ones),
    Blind("mse_backward", None, "np.subtract with float dtype, float(G)", ms_ok_mean_form),
    Blind("mse_backward", None, "np.full of 2/n from a reduce over the shape", ms_ok_ones),
    Blind("cross_entropy_backward", None, "log-sum-exp and a boolean one-hot", ce_ok_logsumexp),
    Blind("cross_entropy_backward", None, "row by row", ce_ok_rows),
    Blind("jacobian_fd", None, "perturbs x in place and restores each entry", jf_ok_in_place),
    Blind("jacobian_fd", None, "rows of eps I, transposed", jf_ok_identity),
    Blind("jacobian_reverse", None, "a generator of rows, Tensor seeds", jr_ok_generator),
    Blind("jacobian_reverse", None, "rows filled into zeros, np.eye(1, m, i) seeds", jr_ok_zero_fill),
    Blind("chain_gradients", None, "recursion", cg_ok_recursive),
    Blind("chain_gradients", None, "itertools.accumulate with einsum", cg_ok_accumulate),
    Blind("loglog_slope", None, "lstsq in log2", ll_ok_lstsq),
    Blind("loglog_slope", None, "centred closed form in log10", ll_ok_centered),
    Blind("mse_gradient", None, "residual @ X", mg_ok_rows),
    Blind("mse_gradient", None, "einsum", mg_ok_einsum),
    Blind("largest_stable_learning_rate", None, "P / spectral norm squared", lr_ok_norm),
    Blind("largest_stable_learning_rate", None, "the P x P Gram matrix's largest eigenvalue", lr_ok_gram),
    Blind("minibatch_indices", None, "np.split at multiples of the batch size", mb_idx_ok_split),
    Blind("minibatch_indices", None, "rng.shuffle(arange(n)) then islice", mb_idx_ok_shuffle),
]
