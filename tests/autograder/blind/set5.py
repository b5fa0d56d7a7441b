"""Blind set 5: student-style solutions of the minigrad course's 25 exercises.

Written on 2026-12-03 by the helper session "blind5" (branch blind5) under the blind rule: its writer read
only docs/exercises.md (the contract and the input classes), minigrad/, course/notebooks/,
the catalogue of mistake names in plain words (/work/briefs/catalogue.md), tests/autograder/blind/entry.py
and the first 20 lines of set3.py (the header, as a format example). It never saw the checks, the
detectors, the planted mistakes (docs/mistakes.md), the other blind sets or any other test, and never
ran a check on these functions; each one was verified against hand-made references (central differences,
the engine's own backward, closed forms) in a scratch script outside the repository (/tmp/blind5/).

WRONG holds slips a student could make, each labelled before anything was measured with the
catalogue name that best fits (`family`, None when none fits) and the other names a fair teacher
would accept (`also`). Several are wrong only on one input class of docs/exercises.md (integer
input, a batch of one, a 1x1 matrix, a diamond, a size that does not divide n, ...); three are
wrong only on inputs the contract allows but its input classes do not list:
`bp_accumulate_on_tensors` (a graph on which backward() already ran), `bp_skips_zero` (a node
whose gradient is exactly zero, e.g. a dead relu) and `jfd_keeps_views` (an f that returns a view
of x). CORRECT holds right but unusual solutions (in-place work on copies, einsum, recursion,
generators, Kahn's algorithm, the engine used as a calculator, numerically careful forms).
"""
from collections import defaultdict, deque
from itertools import accumulate

import numpy as np

import minigrad as mg
from tests.autograder.blind.entry import Blind


def _sigmoid(x):
    """The student's own stable sigmoid, as notebook 3 has them write it before gradient_check_error."""
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


# ---------------------------------------------------------------- numerical_derivative
def nd_forward(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h


def nd_fixed_step(f, x, h=1e-5):
    step = 1e-5                     # "h is always tiny anyway"
    return (f(x + step) - f(x - step)) / (2 * step)


def nd_no_two(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / h


def nd_precedence(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / 2 * h


def nd_sign(f, x, h=1e-5):
    return (f(x - h) - f(x + h)) / (2 * h)


def nd_shifted_center(f, x, h=1e-5):
    return (f(x + 2 * h) - f(x)) / (2 * h)


def nd_int_buffers(f, x, h=1e-5):
    x = np.array(x)
    up, down = np.empty_like(x), np.empty_like(x)      # buffers of x's dtype: int stays int
    up[...] = x + h
    down[...] = x - h
    return (f(up) - f(down)) / (2 * h)


def nd_correct_generator(f, x, h=1e-5):
    plus, minus = (f(x + s) for s in (h, -h))
    return (plus - minus) / (h + h)


def nd_correct_float_array(f, x, h=1e-5):
    x = np.asarray(x, dtype=np.float64)
    return (f(x + h) - f(x - h)) * (0.5 / h)


# ---------------------------------------------------------------- gradient_descent_update
def gdu_sign(x, gradx, learning_rate):
    return x + learning_rate * gradx


def gdu_in_place(x, gradx, learning_rate):
    x -= learning_rate * gradx
    return x


def gdu_fixed_rate(x, gradx, learning_rate):
    return x - 0.01 * gradx


def gdu_uses_x(x, gradx, learning_rate):
    return x - learning_rate * x


def gdu_int_buffer(x, gradx, learning_rate):
    new = np.zeros_like(x)          # x's dtype: integer x truncates the step
    new[...] = x - learning_rate * np.asarray(gradx)
    return new


def gdu_double(x, gradx, learning_rate):
    return x - 2 * learning_rate * gradx       # "the derivative of x**2 brings a 2"


def gdu_clipped_rate(x, gradx, learning_rate):
    learning_rate = min(learning_rate, 0.5)    # "safety": large rates diverge
    return x - learning_rate * gradx


def gdu_correct_ufuncs(x, gradx, learning_rate):
    return np.subtract(x, np.multiply(learning_rate, gradx))


def gdu_correct_copy(x, gradx, learning_rate):
    out = np.array(x, dtype=np.float64, copy=True)
    out -= learning_rate * np.asarray(gradx, dtype=np.float64)
    return out if out.ndim else float(out)


# ---------------------------------------------------------------- gradient_check_error
def _gce_parts(backward, x, grad_output, h):
    analytic = np.asarray(backward(x, _sigmoid(x), grad_output), dtype=float)
    numeric = grad_output * (_sigmoid(x + h) - _sigmoid(x - h)) / (2 * h)
    return analytic, numeric


def gce_mean(backward, x, grad_output, h=1e-5):
    a, n = _gce_parts(backward, x, grad_output, h)
    return float(np.mean(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_absolute(backward, x, grad_output, h=1e-5):
    a, n = _gce_parts(backward, x, grad_output, h)
    return float(np.max(np.abs(a - n)))


def gce_no_floor(backward, x, grad_output, h=1e-5):
    a, n = _gce_parts(backward, x, grad_output, h)
    return float(np.max(np.abs(a - n) / (np.abs(a) + np.abs(n))))


def gce_forward(backward, x, grad_output, h=1e-5):
    a = np.asarray(backward(x, _sigmoid(x), grad_output), dtype=float)
    n = grad_output * (_sigmoid(x + h) - _sigmoid(x)) / h
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_numeric_without_g(backward, x, grad_output, h=1e-5):
    a = np.asarray(backward(x, _sigmoid(x), grad_output), dtype=float)
    n = (_sigmoid(x + h) - _sigmoid(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_fixed_h(backward, x, grad_output, h=1e-5):
    a, n = _gce_parts(backward, x, grad_output, 1e-5)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_out_is_x(backward, x, grad_output, h=1e-5):
    a = np.asarray(backward(x, x, grad_output), dtype=float)
    n = grad_output * (_sigmoid(x + h) - _sigmoid(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_relative_to_numeric(backward, x, grad_output, h=1e-5):
    a, n = _gce_parts(backward, x, grad_output, h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(n))))


def gce_correct_loop(backward, x, grad_output, h=1e-5):
    a, n = _gce_parts(backward, x, grad_output, h)
    a, n = np.broadcast_arrays(a, n)
    worst = 0.0
    for ai, ni in zip(a.ravel().tolist(), n.ravel().tolist()):
        worst = max(worst, abs(ai - ni) / max(1e-8, abs(ai) + abs(ni)))
    return worst


def gce_correct_fmax(backward, x, grad_output, h=1e-5):
    x = np.asarray(x, dtype=float)
    g = np.asarray(grad_output, dtype=float)
    a = backward(x, _sigmoid(x), g)
    n = g * (_sigmoid(x + h) - _sigmoid(x - h)) / (2 * h)
    diff = np.abs(np.subtract(a, n))
    return float(np.max(diff / np.fmax(np.abs(a) + np.abs(n), 1e-8), initial=0.0))


# ---------------------------------------------------------------- parabola_rates
def _factor(learning_rate):
    return 1 - 2 * learning_rate


def _factor_no_two(learning_rate):
    return 1 - learning_rate


def _factor_sign(learning_rate):
    return 1 + 2 * learning_rate


def _factor_is_step(learning_rate):
    return -2 * learning_rate          # what one step adds, divided by x


def _factor_by_stepping(learning_rate):
    x = 3.0
    return (x - learning_rate * 2 * x) / x


# ---------------------------------------------------------------- topological_sort
def topo_no_visited(root):
    order = []

    def visit(node):
        for parent in node.parents:
            visit(parent)
        order.append(node)

    visit(root)
    return order


def topo_reversed_bfs(root):
    seen, queue, order = {root}, deque([root]), []
    while queue:
        node = queue.popleft()
        order.append(node)
        for parent in node.parents:
            if parent not in seen:
                seen.add(parent)
                queue.append(parent)
    return order[::-1]


def topo_reversed_preorder(root):
    seen, stack, order = set(), [root], []
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        order.append(node)                # appended when first met, before its parents
        stack.extend(node.parents)
    return order[::-1]


def topo_engine_order(root):
    return mg.topological_order(root)     # the engine's order skips constants


def topo_no_leaves(root):
    order, seen = [], set()

    def visit(node):
        if node in seen or not node.parents:
            return
        seen.add(node)
        for parent in node.parents:
            visit(parent)
        order.append(node)

    visit(root)
    return order or [root]


def topo_leaves_only_marked(root):
    order, leaves_done = [], set()

    def visit(node):
        if not node.parents:
            if node not in leaves_done:
                leaves_done.add(node)
                order.append(node)
            return
        for parent in node.parents:
            visit(parent)
        order.append(node)

    visit(root)
    return order


def topo_correct_recursive(root):
    order, seen = [], set()

    def visit(node):
        if node in seen:
            return
        seen.add(node)
        for parent in node.parents:
            visit(parent)
        order.append(node)

    visit(root)
    return order


def topo_correct_kahn(root):
    consumers = {}                       # node -> number of edges into its consumers
    stack, seen = [root], {root}
    while stack:
        node = stack.pop()
        for parent in node.parents:
            consumers[parent] = consumers.get(parent, 0) + 1
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    ready, backwards = [root], []
    while ready:
        node = ready.pop()
        backwards.append(node)
        for parent in node.parents:
            consumers[parent] -= 1
            if consumers[parent] == 0:
                ready.append(parent)
    return tuple(reversed(backwards))


def topo_correct_iterators(root):
    order, seen = [], {root}
    stack = [(root, iter(root.parents))]
    while stack:
        node, parents = stack[-1]
        for parent in parents:
            if parent not in seen:
                seen.add(parent)
                stack.append((parent, iter(parent.parents)))
                break
        else:
            stack.pop()
            order.append(node)
    return order


# ---------------------------------------------------------------- backward_pass
def bp_overwrite(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(topo_correct_recursive(root)):
        if node not in grads or not node.parents:
            continue
        for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g is not None:
                grads[parent] = g
    return grads


def bp_breadth_first(root):
    grads = {root: np.ones_like(root.data)}
    queue, queued = deque([root]), {root}
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


def bp_plus_equals(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(topo_correct_recursive(root)):
        if node not in grads or not node.parents:
            continue
        for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g is None:
                continue
            if parent in grads:
                grads[parent] += g          # the stored array may be another node's gradient too
            else:
                grads[parent] = g
    return grads


def bp_accumulate_on_tensors(root):
    root.grad = np.ones_like(root.data) if root.grad is None else root.grad + 1
    for node in reversed(topo_correct_recursive(root)):
        if node.grad is None or not node.parents:
            continue
        for parent, g in zip(node.parents, mg.input_gradients(node, node.grad)):
            if g is not None:
                parent.grad = g if parent.grad is None else parent.grad + g
    return {t: t.grad for t in topo_correct_recursive(root) if t.requires_grad}


def bp_forward_order(root):
    grads = {root: np.ones_like(root.data)}
    for node in topo_correct_recursive(root):          # forgot reversed(...)
        if node not in grads or not node.parents:
            continue
        for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g is not None:
                grads[parent] = grads[parent] + g if parent in grads else g
    return grads


def bp_scalar_seed(root):
    grads = {root: np.float64(1.0)}                    # dL/dL = 1, "a loss is one number"
    for node in reversed(topo_correct_recursive(root)):
        if node not in grads or not node.parents:
            continue
        for parent, g in zip(node.parents, mg.input_gradients(node, np.broadcast_to(grads[node], node.shape))):
            if g is not None:
                grads[parent] = grads[parent] + g if parent in grads else g
    return grads


def bp_skips_zero(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(topo_correct_recursive(root)):
        g = grads.get(node)
        if g is None or not node.parents or not np.any(g):   # "nothing to send back"
            continue
        for parent, g_parent in zip(node.parents, mg.input_gradients(node, g)):
            if g_parent is not None:
                grads[parent] = grads[parent] + g_parent if parent in grads else g_parent
    return grads


def bp_correct_counts(root):
    pending = {}
    stack, seen = [root], {root}
    while stack:                                       # how many consumers still owe each node
        node = stack.pop()
        for parent in node.parents:
            pending[parent] = pending.get(parent, 0) + 1
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    grads = {root: np.ones(root.shape)}
    ready = [root]
    while ready:
        node = ready.pop()
        results = mg.input_gradients(node, grads[node]) if node.parents else ()
        for parent, g in zip(node.parents, results):
            if g is not None:
                grads[parent] = np.array(np.add(grads[parent], g)) if parent in grads else np.array(g)
            pending[parent] -= 1
            if pending[parent] == 0 and parent in grads:
                ready.append(parent)
    return {t: g for t, g in grads.items() if t.requires_grad}


def bp_correct_defaultdict(root):
    grads = defaultdict(lambda: 0.0)
    grads[root] = np.ones_like(root.data)
    for node in topo_correct_iterators(root)[::-1]:
        if not node.parents or node not in grads:
            continue
        for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g is not None:
                grads[parent] = grads[parent] + g
    return {t: np.asarray(g, dtype=float) for t, g in grads.items()}


# ---------------------------------------------------------------- bfs_counterexample
def cx_leaf_fanout():
    w = mg.Tensor(1.5, requires_grad=True)
    loss = w * w + w                 # fan-out, but w is a leaf: breadth-first is right here
    return loss, w


def cx_uses_neg():
    w = mg.Tensor(0.7, requires_grad=True)
    x = mg.exp(w)
    minus_x = -x
    loss = -minus_x + x              # the engine docstring's add(neg(neg(x)), x)
    return loss, w


def cx_vector_loss():
    w = mg.Tensor([0.5, -0.2], requires_grad=True)
    x = mg.exp(w)
    loss = x + x * x                 # two numbers, never summed
    return loss, w


def cx_constant_w():
    w = mg.Tensor(0.5)               # forgot requires_grad=True
    x = mg.exp(w)
    loss = x + x * x
    return loss, w


def cx_w_not_leaf():
    leaf = mg.Tensor(0.5, requires_grad=True)
    w = mg.exp(leaf)                 # "w" is an intermediate node, not a leaf
    loss = w + w * w
    return loss, w


def cx_correct_tanh_cube():
    w = mg.Tensor(0.3, requires_grad=True)
    x = mg.tanh(w * 2.0)
    loss = x * x * x + x             # x reached in one step and in two through the products
    return loss, w


def cx_correct_sub_matrix():
    w = mg.Tensor([[0.2, -0.4], [0.9, 0.1]], requires_grad=True)
    h = mg.sigmoid(w)
    loss = h.sum() - (h * h).sum() * 3.0        # sub, not neg: h one step from the sum, three through h * h
    return loss, w


# ---------------------------------------------------------------- sigmoid
def sig_naive(x):
    return 1 / (1 + np.exp(-x))


def sig_where_both(x):
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def sig_complement(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    pos = 1 / (1 + e)
    return np.where(x >= 0, pos, 1 - pos)       # 1 - sigma(|x|): cancels for large negative x


def sig_tanh(x):
    return 0.5 * (1 + np.tanh(np.asarray(x, dtype=float) / 2))


def sig_clipped(x):
    x = np.clip(np.asarray(x, dtype=float), -30, 30)     # "exp overflows past 700, 30 is plenty"
    return 1 / (1 + np.exp(-x))


def sig_int_buffer(x):
    x = np.asarray(x)
    out = np.empty_like(x)                               # integer x: an integer result
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    out[~pos] = np.exp(x[~pos]) / (1 + np.exp(x[~pos]))
    return out


def sig_correct_logaddexp(x):
    return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=float)))


def sig_correct_masks(x):
    x = np.array(x, dtype=np.float64)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1.0 + e)
    return out


# ---------------------------------------------------------------- sigmoid_backward
def sb_no_upstream(x, out, grad_output):
    return out * (1 - out)


def sb_at_x(x, out, grad_output):
    return grad_output * x * (1 - x)


def sb_sign(x, out, grad_output):
    return grad_output * out * (out - 1)


def sb_from_exp(x, out, grad_output):
    e = np.exp(-x)
    return grad_output * e / (1 + e) ** 2


def sb_in_place(x, out, grad_output):
    g = grad_output
    g *= out * (1 - out)
    return g


def sb_textbook(x, out, grad_output):
    return grad_output * out * _sigmoid(1.0 - x)


def sb_forgot_out(x, out, grad_output):
    return grad_output * (1 - out)


def sb_correct(x, out, grad_output):
    return np.multiply(grad_output, out * (1.0 - out))


def sb_correct_from_x(x, out, grad_output):
    e = np.exp(-np.abs(np.asarray(x, dtype=float)))       # symmetric: sigma'(x) = sigma'(-x)
    return grad_output * e / (1.0 + e) ** 2


# ---------------------------------------------------------------- tanh_backward
def tb_at_x(x, out, grad_output):
    return grad_output * (1 - x ** 2)


def tb_no_upstream(x, out, grad_output):
    return 1 - out ** 2


def tb_sign(x, out, grad_output):
    return grad_output * (out ** 2 - 1)


def tb_cosh(x, out, grad_output):
    return grad_output / np.cosh(x) ** 2


def tb_square_slip(x, out, grad_output):
    return grad_output * (1 - out) ** 2


def tb_sigmoid_formula(x, out, grad_output):
    return grad_output * out * (1 - out)


def tb_correct(x, out, grad_output):
    return grad_output * (1.0 - out * out)


def tb_correct_factored(x, out, grad_output):
    return grad_output * ((1.0 - out) * (1.0 + out))


# ---------------------------------------------------------------- relu_backward
def rb_kink(x, out, grad_output):
    return grad_output * (x >= 0)


def rb_heaviside_half(x, out, grad_output):
    return grad_output * np.heaviside(x, 0.5)


def rb_no_upstream(x, out, grad_output):
    return (x > 0).astype(float)


def rb_times_out(x, out, grad_output):
    return grad_output * out


def rb_in_place(x, out, grad_output):
    g = grad_output
    g[x <= 0] = 0.0
    return g


def rb_relu_of_upstream(x, out, grad_output):
    return np.maximum(grad_output, 0.0)


def rb_correct_where(x, out, grad_output):
    return np.where(out > 0, grad_output, 0.0)


def rb_correct_heaviside(x, out, grad_output):
    return grad_output * np.heaviside(x, 0.0)


# ---------------------------------------------------------------- mul_backward
def mb_swapped(a, b, grad_output):
    return grad_output * a, grad_output * b


def mb_no_upstream(a, b, grad_output):
    return b.copy(), a.copy()


def mb_dot(a, b, grad_output):
    return np.dot(grad_output, b), np.dot(grad_output, a)


def mb_divide_out(a, b, grad_output):
    y = a * b
    return grad_output * y / a, grad_output * y / b


def mb_copy_paste(a, b, grad_output):
    return grad_output * b, grad_output * b


def mb_correct_generator(a, b, grad_output):
    return tuple(np.multiply(grad_output, other) for other in (b, a))


def mb_correct_einsum(a, b, grad_output):
    return np.einsum("...,...->...", grad_output, b), np.einsum("...,...->...", a, grad_output)


# ---------------------------------------------------------------- add_backward
def _sum_to(g, shape):
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and g.shape[axis] != 1:
            g = g.sum(axis=axis, keepdims=True)
    return np.array(g)


def ab_no_sum(a, b, grad_output):
    return grad_output.copy(), grad_output.copy()


def ab_leading_only(a, b, grad_output):
    def reduce_front(g, shape):
        while g.ndim > len(shape):
            g = g.sum(axis=0)
        return g

    return reduce_front(grad_output, np.shape(a)), reduce_front(grad_output, np.shape(b))


def ab_only_b(a, b, grad_output):
    return np.array(grad_output), _sum_to(grad_output, np.shape(b))


def ab_mean(a, b, grad_output):
    def mean_to(g, shape):
        while g.ndim > len(shape):
            g = g.mean(axis=0)
        for axis, size in enumerate(shape):
            if size == 1 and g.shape[axis] != 1:
                g = g.mean(axis=axis, keepdims=True)
        return np.array(g)

    return mean_to(grad_output, np.shape(a)), mean_to(grad_output, np.shape(b))


def ab_swapped(a, b, grad_output):
    return _sum_to(grad_output, np.shape(b)), _sum_to(grad_output, np.shape(a))


def ab_no_upstream(a, b, grad_output):
    ones = np.ones_like(grad_output)
    return _sum_to(ones, np.shape(a)), _sum_to(ones, np.shape(b))


def ab_size_one_scalar(a, b, grad_output):
    def to(g, shape):
        if int(np.prod(shape)) == 1:
            return np.asarray(g.sum())            # "one number": but (1,) and (1, 1) keep their axes
        return _sum_to(g, shape)

    return to(grad_output, np.shape(a)), to(grad_output, np.shape(b))


def ab_correct_keepdims(a, b, grad_output):
    def to(g, shape):
        padded = (1,) * (g.ndim - len(shape)) + tuple(shape)
        axes = tuple(i for i, (s, n) in enumerate(zip(padded, g.shape)) if s == 1 and n != 1)
        return np.sum(g, axis=axes, keepdims=True).reshape(shape)

    return to(grad_output, np.shape(a)), to(grad_output, np.shape(b))


def ab_correct_engine(a, b, grad_output):
    ta, tb = mg.Tensor(a, requires_grad=True), mg.Tensor(b, requires_grad=True)
    (ta + tb).backward(grad=np.array(grad_output))
    return ta.grad.copy(), tb.grad.copy()


def ab_correct_add_at(a, b, grad_output):
    def to(g, shape):
        out = np.zeros(shape)
        index = np.broadcast_to(np.arange(out.size).reshape(shape), g.shape)
        np.add.at(out.reshape(-1), index.ravel(), g.ravel())
        return out

    return to(grad_output, np.shape(a)), to(grad_output, np.shape(b))


# ---------------------------------------------------------------- matmul_backward
def mm_db_transposed(a, b, grad_output):
    return grad_output @ b.T, grad_output.T @ a


def mm_da_untransposed(a, b, grad_output):
    return grad_output @ b, a.T @ grad_output


def mm_swapped(a, b, grad_output):
    return a.T @ grad_output, grad_output @ b.T


def mm_no_upstream(a, b, grad_output):
    ones = np.ones_like(grad_output)
    return ones @ b.T, a.T @ ones


def mm_elementwise(a, b, grad_output):
    return grad_output * b.T, a.T * grad_output


def mm_summed_first(a, b, grad_output):
    return grad_output @ b.T, np.outer(a.sum(axis=0), grad_output.sum(axis=0))


def mm_mean(a, b, grad_output):
    n = a.shape[0]
    return grad_output @ b.T, a.T @ grad_output / n


def mm_correct_einsum(a, b, grad_output):
    return np.einsum("nm,km->nk", grad_output, b), np.einsum("nk,nm->km", a, grad_output)


def mm_correct_outer_loop(a, b, grad_output):
    da = np.zeros(a.shape)
    db = np.zeros(b.shape)
    for n in range(a.shape[0]):
        da[n] = b @ grad_output[n]
        db += np.outer(a[n], grad_output[n])
    return da, db


# ---------------------------------------------------------------- linear_backward
def lb_bias_mean(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.mean(axis=0)


def lb_bias_axis1(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.sum(axis=1)


def lb_dw_transposed(x, W, b, grad_output):
    return grad_output @ W.T, grad_output.T @ x, grad_output.sum(axis=0)


def lb_dx_untransposed(x, W, b, grad_output):
    return grad_output @ W, x.T @ grad_output, grad_output.sum(axis=0)


def lb_order(x, W, b, grad_output):
    return x.T @ grad_output, grad_output @ W.T, grad_output.sum(axis=0)


def lb_bias_first_row(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output[0].copy()


def lb_no_upstream_bias(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, np.full(b.shape, float(x.shape[0]))


def lb_bias_keepdims(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.sum(axis=0, keepdims=True)


def lb_correct_einsum(x, W, b, grad_output):
    return (np.einsum("no,io->ni", grad_output, W), np.einsum("ni,no->io", x, grad_output),
            np.add.reduce(grad_output, axis=0))


def lb_correct_samples(x, W, b, grad_output):
    dx = np.empty(x.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for row, (xi, gi) in enumerate(zip(x, grad_output)):
        dx[row] = W @ gi
        dW += xi[:, None] * gi[None, :]
        db += gi
    return dx, dW, db


# ---------------------------------------------------------------- mse_backward
def mse_len(pred, target, grad_output):
    return grad_output * 2 * (pred - target) / len(pred)


def mse_no_two(pred, target, grad_output):
    return grad_output * (pred - target) / pred.size


def mse_sign(pred, target, grad_output):
    return grad_output * 2 * (target - pred) / pred.size


def mse_no_upstream(pred, target, grad_output):
    return 2 * (pred - target) / pred.size


def mse_no_target(pred, target, grad_output):
    return grad_output * 2 * pred / pred.size


def mse_last_axis(pred, target, grad_output):
    return grad_output * 2 * (pred - target) / pred.shape[-1]


def mse_correct_ufuncs(pred, target, grad_output):
    return np.true_divide(np.multiply(2.0 * grad_output, np.subtract(pred, target)), np.size(pred))


def mse_correct_engine(pred, target, grad_output):
    p = mg.Tensor(pred, requires_grad=True)
    mg.mse_loss(p, mg.Tensor(target)).backward(grad=np.asarray(grad_output, dtype=float))
    return p.grad.copy()


# ---------------------------------------------------------------- cross_entropy_backward
def _softmax_rows(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def ce_no_onehot(logits, labels, grad_output):
    return grad_output * _softmax_rows(logits) / len(labels)


def ce_no_shift(logits, labels, grad_output):
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / len(labels)


def ce_global_max(logits, labels, grad_output):
    e = np.exp(logits - logits.max())            # one max for the whole batch
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / len(labels)


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


def ce_label_columns(logits, labels, grad_output):
    p = _softmax_rows(logits)
    p[:, labels] -= 1                            # every row loses 1 at every batch label
    return grad_output * p / len(labels)


def ce_in_place_shift(logits, labels, grad_output):
    logits -= logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / len(labels)


def ce_by_classes(logits, labels, grad_output):
    p = _softmax_rows(logits)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / logits.shape[1]      # "the mean": over the classes


def ce_correct_logsumexp(logits, labels, grad_output):
    z = np.atleast_2d(np.asarray(logits, dtype=float))
    top = z.max(axis=1, keepdims=True)
    log_p = z - top - np.log(np.exp(z - top).sum(axis=1, keepdims=True))
    onehot = np.eye(z.shape[1])[np.atleast_1d(labels)]
    return (grad_output * (np.exp(log_p) - onehot) / z.shape[0]).reshape(np.shape(logits))


def ce_correct_rows(logits, labels, grad_output):
    z = np.atleast_2d(np.asarray(logits, dtype=float))
    lab = np.atleast_1d(labels)
    out = np.empty_like(z)
    for i, (row, label) in enumerate(zip(z, lab)):
        e = np.exp(row - row.max())
        out[i] = e / e.sum()
        out[i, label] -= 1.0
    out *= grad_output / len(z)
    return out.reshape(np.shape(logits))


# ---------------------------------------------------------------- jacobian_fd
def jfd_transposed(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    rows = []
    for j in range(x.size):
        e = np.zeros_like(x)
        e[j] = eps
        rows.append((np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * eps))
    return np.array(rows)                         # one row per input: (n, m)


def jfd_forward(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    f0 = np.array(f(x), dtype=float)
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x)
        e[j] = eps
        cols.append((np.asarray(f(x + e)) - f0) / eps)
    return np.stack(cols, axis=1)


def jfd_fixed_eps(f, x, eps=1e-6):
    step = 1e-6
    x = np.array(x, dtype=float)
    return np.column_stack([(np.asarray(f(x + step * e)) - np.asarray(f(x - step * e))) / (2 * step)
                            for e in np.eye(x.size)])


def jfd_not_restored(f, x, eps=1e-6):
    cols = []
    for j in range(x.size):
        x[j] += eps
        plus = np.array(f(x), dtype=float)
        x[j] -= 2 * eps                           # ... and never put back
        minus = np.array(f(x), dtype=float)
        cols.append((plus - minus) / (2 * eps))
    return np.stack(cols, axis=1)


def jfd_alias_copy(f, x, eps=1e-6):
    cols = []
    for j in range(x.size):
        xp = x                                    # "a copy" that is the same array
        xp[j] += eps
        plus = np.array(f(xp), dtype=float)
        xm = x
        xm[j] -= eps                              # meant x - eps, gets x back
        minus = np.array(f(xm), dtype=float)
        cols.append((plus - minus) / (2 * eps))
    return np.stack(cols, axis=1)


def jfd_no_two(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    cols = [(np.asarray(f(x + eps * e)) - np.asarray(f(x - eps * e))) / eps for e in np.eye(x.size)]
    return np.stack(cols, axis=1)


def jfd_keeps_views(f, x, eps=1e-6):
    cols = []
    for j in range(x.size):
        x[j] += eps
        plus = f(x)                               # kept as returned: may be a view of x
        x[j] -= 2 * eps
        minus = f(x)
        x[j] += eps
        cols.append((np.asarray(plus, dtype=float) - np.asarray(minus, dtype=float)) / (2 * eps))
    return np.stack(cols, axis=1)


def jfd_correct_in_place(f, x, eps=1e-6):
    m = np.asarray(f(x)).size
    J = np.empty((m, x.size))
    for j in range(x.size):
        old = x[j]
        x[j] = old + eps
        plus = np.array(f(x), dtype=float)        # a copy, whatever f returns
        x[j] = old - eps
        minus = np.array(f(x), dtype=float)
        x[j] = old
        J[:, j] = (plus - minus) / (2 * eps)
    return J


def jfd_correct_columns(f, x, eps=1e-6):
    base = np.array(x, dtype=float)
    steps = np.eye(base.size) * eps
    return np.column_stack([(np.array(f(base + s), dtype=float) - np.array(f(base - s), dtype=float)) / (2 * eps)
                            for s in steps])


# ---------------------------------------------------------------- jacobian_reverse
def jr_stale(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    rows = []
    for e in np.eye(y.shape[0]):
        y.backward(e)                             # gradients add up across rows
        rows.append(leaf.grad.copy())
    return np.array(rows)


def jr_transposed(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    rows = []
    for e in np.eye(y.shape[0]):
        leaf.grad = None
        y.backward(e)
        rows.append(leaf.grad.copy())
    return np.array(rows).T


def jr_reversed_rows(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    m = y.shape[0]
    J = np.zeros((m, leaf.shape[0]))
    for i in range(m):
        leaf.grad = None
        y.backward(np.eye(m)[m - 1 - i])
        J[i] = leaf.grad
    return J


def jr_summed(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    y.sum().backward()                            # one backward for all outputs
    return np.tile(leaf.grad, (y.shape[0], 1))


def jr_zeroed_buffer(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    rows = []
    for e in np.eye(y.shape[0]):
        if leaf.grad is not None:
            leaf.grad[...] = 0.0                  # zero the gradient... which is the last row kept
        y.backward(e)
        rows.append(leaf.grad)
    return np.array(rows)


def jr_correct_fresh_leaf(f, x):
    rows = []
    m = None
    i = 0
    while m is None or i < m:
        leaf = mg.Tensor(np.array(x, dtype=float), requires_grad=True)
        y = f(leaf)
        m = y.shape[0]
        y.backward(np.eye(m)[i])
        rows.append(np.zeros(leaf.shape) if leaf.grad is None else leaf.grad.copy())
        i += 1
    return np.vstack(rows)


def jr_correct_reset(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
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


# ---------------------------------------------------------------- chain_gradients
def cg_transposed(input_jacobians, grad_last):
    grads = [grad_last]
    for J in reversed(input_jacobians):
        grads.insert(0, J @ grads[0])
    return grads


def cg_forward_stages(input_jacobians, grad_last):
    grads = [grad_last]
    for J in input_jacobians:                     # from the first stage on
        grads.insert(0, grads[0] @ J)
    return grads


def cg_last_first(input_jacobians, grad_last):
    grads = [np.asarray(grad_last, dtype=float)]
    for J in reversed(input_jacobians):
        grads.append(grads[-1] @ J)
    return grads                                  # dc/dz_K first


def cg_reverses_list(input_jacobians, grad_last):
    input_jacobians.reverse()
    grads = [grad_last]
    for J in input_jacobians:
        grads.append(grads[-1] @ J)
    return grads[::-1]


def cg_skips_first(input_jacobians, grad_last):
    grads = [grad_last]
    for k in range(len(input_jacobians) - 1, 0, -1):  # off by one: J_0 never used
        grads.insert(0, grads[0] @ input_jacobians[k])
    return grads


def cg_correct_accumulate(input_jacobians, grad_last):
    return list(accumulate(reversed(input_jacobians), lambda g, J: g @ J,
                           initial=np.asarray(grad_last, dtype=float)))[::-1]


def cg_correct_recursive(input_jacobians, grad_last):
    def from_stage(k):
        if k == len(input_jacobians):
            return [np.array(grad_last, dtype=float)]
        later = from_stage(k + 1)
        return [np.einsum("i,ij->j", later[0], input_jacobians[k])] + later

    return from_stage(0)


# ---------------------------------------------------------------- loglog_slope
def ll_swapped_axes(sizes, times):
    return float(np.polyfit(np.log(times), np.log(sizes), 1)[0])


def ll_endpoints(sizes, times):
    return float((np.log(times[-1]) - np.log(times[0])) / (np.log(sizes[-1]) - np.log(sizes[0])))


def ll_mean_of_steps(sizes, times):
    return float(np.mean(np.diff(np.log(times)) / np.diff(np.log(sizes))))


def ll_semilog(sizes, times):
    return float(np.polyfit(sizes, np.log(times), 1)[0])


def ll_intercept(sizes, times):
    return float(np.polyfit(np.log(sizes), np.log(times), 1)[-1])


def ll_int_buffer(sizes, times):
    sizes = np.asarray(sizes)
    log_sizes = np.zeros_like(sizes)              # integer sizes: integer logs
    log_sizes[:] = np.log(sizes)
    return float(np.polyfit(log_sizes, np.log(times), 1)[0])


def ll_through_origin(sizes, times):
    lx, ly = np.log(np.asarray(sizes, dtype=float)), np.log(np.asarray(times, dtype=float))
    return float(lx @ ly / (lx @ lx))


def ll_correct_covariance(sizes, times):
    lx = np.log10(np.asarray(sizes, dtype=float))
    ly = np.log10(np.asarray(times, dtype=float))
    dx = lx - lx.mean()
    return float(dx @ (ly - ly.mean()) / (dx @ dx))


def ll_correct_lstsq(sizes, times):
    lx = np.log2(np.asarray(sizes, dtype=float))
    A = np.column_stack([np.ones_like(lx), lx])
    coef, *_ = np.linalg.lstsq(A, np.log2(np.asarray(times, dtype=float)), rcond=None)
    return float(coef[1])


# ---------------------------------------------------------------- mse_gradient
def mg_no_two(w, X_batch, y_batch):
    return X_batch.T @ (X_batch @ w - y_batch) / len(y_batch)


def mg_by_size(w, X_batch, y_batch):
    return 2 * X_batch.T @ (X_batch @ w - y_batch) / X_batch.size


def mg_sign(w, X_batch, y_batch):
    return 2 / len(y_batch) * X_batch.T @ (y_batch - X_batch @ w)


def mg_no_target(w, X_batch, y_batch):
    return 2 / len(y_batch) * X_batch.T @ (X_batch @ w)


def mg_sum(w, X_batch, y_batch):
    return 2 * X_batch.T @ (X_batch @ w - y_batch)


def mg_by_features(w, X_batch, y_batch):
    return 2 / len(w) * X_batch.T @ (X_batch @ w - y_batch)


def mg_correct_rows(w, X_batch, y_batch):
    residual = X_batch @ w - y_batch
    return 2.0 * np.mean(X_batch * residual[:, None], axis=0)


def mg_correct_normal(w, X_batch, y_batch):
    b = X_batch.shape[0]
    return (2.0 / b) * (X_batch.T @ X_batch @ w - X_batch.T @ y_batch)


# ---------------------------------------------------------------- largest_stable_learning_rate
def lr_smallest(X):
    return float(2.0 / np.linalg.eigvalsh(2.0 / len(X) * X.T @ X)[0])


def lr_trace(X):
    return float(2.0 / np.trace(2.0 / len(X) * X.T @ X))


def lr_diagonal(X):
    return float(2.0 / np.max(np.diag(2.0 / len(X) * X.T @ X)))


def lr_no_scale(X):
    return float(2.0 / np.linalg.eigvalsh(X.T @ X)[-1])


def lr_one_over(X):
    return float(1.0 / np.linalg.eigvalsh(2.0 / len(X) * X.T @ X)[-1])


def lr_singular_value(X):
    sigma = np.linalg.svd(X, compute_uv=False)[0]
    return float(2.0 / (2.0 / len(X) * sigma))


def lr_features(X):
    return float(2.0 / np.linalg.eigvalsh(2.0 / X.shape[1] * X.T @ X)[-1])


def lr_eigvals_last(X):
    return float(2.0 / np.linalg.eigvals(2.0 / len(X) * X.T @ X).real[-1])


def lr_correct_norm(X):
    X = np.asarray(X, dtype=float)
    return float(X.shape[0] / np.linalg.norm(X, 2) ** 2)


def lr_correct_gram(X):
    X = np.asarray(X, dtype=float)
    return float(2.0 / max(np.linalg.eigvalsh(2.0 / X.shape[0] * X @ X.T)))


# ---------------------------------------------------------------- minibatch_indices
def mbi_no_shuffle(n, batch_size, rng):
    order = np.arange(n)
    return [order[s:s + batch_size] for s in range(0, n, batch_size)]


def mbi_own_rng(n, batch_size, rng):
    order = np.random.default_rng(0).permutation(n)
    return [order[s:s + batch_size] for s in range(0, n, batch_size)]


def mbi_choice(n, batch_size, rng):
    order = rng.choice(n, size=n, replace=False)
    return [order[s:s + batch_size] for s in range(0, n, batch_size)]


def mbi_drop_last(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[s:s + batch_size] for s in range(0, n - batch_size + 1, batch_size)]


def mbi_floor_count(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[i * batch_size:(i + 1) * batch_size] for i in range(n // batch_size)]


def mbi_array_split(n, batch_size, rng):
    return list(np.array_split(rng.permutation(n), max(1, n // batch_size)))


def mbi_permutation_per_batch(n, batch_size, rng):
    return [rng.permutation(n)[s:s + batch_size] for s in range(0, n, batch_size)]


def mbi_correct_split_points(n, batch_size, rng):
    return np.array_split(rng.permutation(n), range(batch_size, n, batch_size))


def mbi_correct_generator(n, batch_size, rng):
    def batches(order):
        while order.size:
            yield order[:batch_size]
            order = order[batch_size:]

    return list(batches(rng.permutation(n)))


def mbi_correct_shuffle(n, batch_size, rng):
    order = np.arange(n)
    rng.shuffle(order)                            # what rng.permutation(n) does
    return [order[s:s + batch_size].copy() for s in range(0, n, batch_size)]


# ---------------------------------------------------------------- the lists
ND, GDU, GCE, PR, HG = ("numerical_derivative", "gradient_descent_update", "gradient_check_error",
                        "parabola_rates", "hand_gradients")
TS, BP, CX, SIG, SB, TB, RB = ("topological_sort", "backward_pass", "bfs_counterexample", "sigmoid",
                               "sigmoid_backward", "tanh_backward", "relu_backward")
MB, AB, MM, LB, MSE, CE = ("mul_backward", "add_backward", "matmul_backward", "linear_backward", "mse_backward",
                           "cross_entropy_backward")
JFD, JR, CG, LL, MG, LR, MBI = ("jacobian_fd", "jacobian_reverse", "chain_gradients", "loglog_slope",
                                "mse_gradient", "largest_stable_learning_rate", "minibatch_indices")

WRONG = [
    # numerical_derivative
    Blind(ND, "forward_difference", "(f(x+h) - f(x)) / h", nd_forward),
    Blind(ND, "fixed_step", "always uses h = 1e-5, whatever h it is given", nd_fixed_step),
    Blind(ND, "missing_factor", "divides by h instead of 2h", nd_no_two),
    Blind(ND, "missing_factor", "precedence slip: / 2 * h multiplies by h", nd_precedence),
    Blind(ND, "sign_error", "(f(x-h) - f(x+h)) / 2h", nd_sign),
    Blind(ND, "forward_difference", "central difference around x + h: (f(x+2h) - f(x)) / 2h", nd_shifted_center,
          also=("wrong_point",)),
    Blind(ND, None, "x +- h stored in buffers of x's dtype: integer x truncates the step", nd_int_buffers),
    # gradient_descent_update
    Blind(GDU, "sign_error", "x + learning_rate * gradx", gdu_sign),
    Blind(GDU, "in_place", "x -= learning_rate * gradx on the array it was given", gdu_in_place),
    Blind(GDU, "fixed_step", "a hard-coded rate 0.01", gdu_fixed_rate),
    Blind(GDU, "wrong_point", "steps along x instead of the gradient", gdu_uses_x),
    Blind(GDU, None, "result in np.zeros_like(x): integer x truncates the new position", gdu_int_buffer),
    Blind(GDU, "missing_factor", "an extra factor 2 (x**2 habit)", gdu_double),
    Blind(GDU, "fixed_step", "clips the learning rate to 0.5 'for safety'", gdu_clipped_rate),
    # gradient_check_error
    Blind(GCE, "wrong_error_measure", "mean instead of max of the relative errors", gce_mean),
    Blind(GCE, "wrong_error_measure", "largest absolute error, not relative", gce_absolute),
    Blind(GCE, "wrong_error_measure", "no 1e-8 floor in the denominator (0/0 when G = 0)", gce_no_floor),
    Blind(GCE, "forward_difference", "numeric estimate by a forward difference", gce_forward),
    Blind(GCE, "ignored_upstream", "numeric estimate not multiplied by G", gce_numeric_without_g),
    Blind(GCE, "fixed_step", "numeric estimate always with h = 1e-5", gce_fixed_h),
    Blind(GCE, "wrong_point", "passes x as out to backward instead of sigmoid(x)", gce_out_is_x),
    Blind(GCE, "wrong_error_measure", "relative to |n| only, not |a| + |n|", gce_relative_to_numeric),
    # parabola_rates
    Blind(PR, "missing_factor", "forgot the 2 of f'(x) = 2x: factor 1 - eta, rates 1 and 2",
          lambda: (_factor_no_two, 1.0, 2.0)),
    Blind(PR, "sign_error", "step factor 1 + 2 eta (the others right)", lambda: (_factor_sign, 0.5, 1.0)),
    Blind(PR, None, "first unstable rate 0.5 (where oscillation starts)", lambda: (_factor, 0.5, 0.5)),
    Blind(PR, None, "step factor is the change -2 eta, not the multiplier", lambda: (_factor_is_step, 0.5, 1.0)),
    Blind(PR, "missing_factor", "first unstable rate 2/lambda with lambda = 1 instead of f'' = 2",
          lambda: (_factor, 0.5, 2.0), also=("wrong_eigenvalue",)),
    Blind(PR, "missing_factor", "one-step rate 1 (a 'full step')", lambda: (_factor, 1.0, 1.0)),
    # hand_gradients
    Blind(HG, "overwrite_fanout", "df/dx = xy + z: only the outer path of x", lambda: (-2.0, 4.0, 2.0)),
    Blind(HG, "overwrite_fanout", "df/dx = xy: only the path through x*y", lambda: (-6.0, 4.0, 2.0)),
    Blind(HG, "missing_factor", "df/dy = x: stopped the chain before the outer x", lambda: (-8.0, 2.0, 2.0)),
    Blind(HG, "missing_factor", "df/dz = 1: stopped the chain before the outer x", lambda: (-8.0, 4.0, 1.0)),
    Blind(HG, "sign_error", "df/dx = 8", lambda: (8.0, 4.0, 2.0)),
    Blind(HG, "swapped", "df/dx and df/dy in the wrong places", lambda: (4.0, -8.0, 2.0)),
    # topological_sort
    Blind(TS, "repeated_nodes", "recursive post-order without a visited set", topo_no_visited),
    Blind(TS, "wrong_order", "breadth-first order from the root, reversed", topo_reversed_bfs),
    Blind(TS, "wrong_order", "depth-first pre-order (appended when first met), reversed", topo_reversed_preorder),
    Blind(TS, None, "mg.topological_order: leaves out constants (requires_grad=False)", topo_engine_order),
    Blind(TS, None, "only nodes made by ops: leaves missing", topo_no_leaves),
    Blind(TS, "repeated_nodes", "visited set kept for leaves only: shared inner nodes repeated",
          topo_leaves_only_marked),
    # backward_pass
    Blind(BP, "overwrite_fanout", "grads[parent] = g overwrites the other paths", bp_overwrite),
    Blind(BP, "wrong_order", "breadth-first from the root (notebook 2's bfs_backward)", bp_breadth_first),
    Blind(BP, "in_place", "grads[parent] += g: the stored array is shared (add passes G on as is)", bp_plus_equals),
    Blind(BP, "stale_gradient", "accumulates into tensor.grad, so an earlier backward leaks in",
          bp_accumulate_on_tensors),
    Blind(BP, "wrong_order", "topological order not reversed: only the root's step is taken", bp_forward_order),
    Blind(BP, None, "skips nodes whose gradient is all zero: what lies behind them gets no entry", bp_skips_zero),
    Blind(BP, None, "seeds the root with the number 1.0: its own entry is not an array of its shape", bp_scalar_seed),
    # bfs_counterexample
    Blind(CX, None, "w * w + w: w is a leaf, breadth-first backprop is right on it", cx_leaf_fanout),
    Blind(CX, None, "uses neg (the engine's own example)", cx_uses_neg),
    Blind(CX, None, "the loss has two elements", cx_vector_loss),
    Blind(CX, None, "w made without requires_grad=True", cx_constant_w),
    Blind(CX, None, "w is an intermediate node, not a leaf", cx_w_not_leaf),
    # sigmoid
    Blind(SIG, "unstable", "1 / (1 + exp(-x))", sig_naive),
    Blind(SIG, "unstable", "np.where over two formulas: both are computed everywhere", sig_where_both),
    Blind(SIG, "unstable", "1 - sigma(|x|) for negative x: cancels to 0", sig_complement),
    Blind(SIG, "unstable", "0.5 (1 + tanh(x/2)): cancels to 0 for large negative x", sig_tanh),
    Blind(SIG, "unstable", "clips x to [-30, 30]", sig_clipped),
    Blind(SIG, None, "result in np.empty_like(x): integer x gives 0 and 1", sig_int_buffer),
    # sigmoid_backward
    Blind(SB, "ignored_upstream", "s (1 - s) without G", sb_no_upstream),
    Blind(SB, "wrong_point", "G x (1 - x)", sb_at_x),
    Blind(SB, "sign_error", "G s (s - 1)", sb_sign),
    Blind(SB, "unstable", "G e^-x / (1 + e^-x)^2: overflows for large negative x", sb_from_exp),
    Blind(SB, "in_place", "grad_output *= s (1 - s)", sb_in_place),
    Blind(SB, "wrong_point", "the textbook slip G s sigma(1 - x)", sb_textbook),
    Blind(SB, None, "forgot the factor s: G (1 - s)", sb_forgot_out),
    # tanh_backward
    Blind(TB, "wrong_point", "G (1 - x^2)", tb_at_x),
    Blind(TB, "ignored_upstream", "1 - t^2 without G", tb_no_upstream),
    Blind(TB, "sign_error", "G (t^2 - 1)", tb_sign),
    Blind(TB, "unstable", "G / cosh(x)^2: overflows near +-1000", tb_cosh),
    Blind(TB, None, "G (1 - t)^2", tb_square_slip),
    Blind(TB, None, "the sigmoid's formula G t (1 - t)", tb_sigmoid_formula),
    # relu_backward
    Blind(RB, "kink_convention", "G (x >= 0)", rb_kink),
    Blind(RB, "kink_convention", "np.heaviside(x, 0.5)", rb_heaviside_half),
    Blind(RB, "ignored_upstream", "(x > 0) without G", rb_no_upstream),
    Blind(RB, "wrong_point", "G * out", rb_times_out),
    Blind(RB, "in_place", "sets grad_output[x <= 0] = 0 in place", rb_in_place),
    Blind(RB, "wrong_point", "max(G, 0): relu of the upstream gradient", rb_relu_of_upstream),
    # mul_backward
    Blind(MB, "swapped", "(G a, G b)", mb_swapped),
    Blind(MB, "ignored_upstream", "(b, a)", mb_no_upstream),
    Blind(MB, "wrong_product", "np.dot(G, b): a matrix product", mb_dot),
    Blind(MB, None, "dL/da = G (a b) / a: 0/0 where a = 0", mb_divide_out),
    Blind(MB, "wrong_point", "copy-paste: dL/db = G b too", mb_copy_paste, also=("swapped",)),
    # add_backward
    Blind(AB, "missing_broadcast_sum", "returns G for both", ab_no_sum),
    Blind(AB, "missing_broadcast_sum", "sums the leading axes only, not the size-1 axes", ab_leading_only),
    Blind(AB, "missing_broadcast_sum", "sums for b only; a broadcast on the left keeps G", ab_only_b),
    Blind(AB, "missing_factor", "mean over the broadcast axes instead of sum", ab_mean,
          also=("missing_broadcast_sum",)),
    Blind(AB, "swapped", "each gradient summed to the other input's shape", ab_swapped),
    Blind(AB, "ignored_upstream", "sums ones, not G", ab_no_upstream),
    Blind(AB, None, "an input with one element gets a 0-d gradient ((1,) and 1x1 lose their axes)",
          ab_size_one_scalar),
    # matmul_backward
    Blind(MM, "transposed", "dL/db = G^T a", mm_db_transposed),
    Blind(MM, "transposed", "dL/da = G b", mm_da_untransposed),
    Blind(MM, "swapped", "returns (dL/db, dL/da)", mm_swapped),
    Blind(MM, "ignored_upstream", "ones instead of G", mm_no_upstream),
    Blind(MM, "wrong_product", "elementwise G * b^T and a^T * G (right when M = 1 / N = 1)", mm_elementwise),
    Blind(MM, None, "dL/db = outer(sum of a's rows, sum of G's rows): right only for N = 1", mm_summed_first),
    Blind(MM, "missing_factor", "dL/db divided by N", mm_mean),
    # linear_backward
    Blind(LB, "missing_factor", "dL/db = mean of G's rows", lb_bias_mean, also=("missing_broadcast_sum",)),
    Blind(LB, "missing_broadcast_sum", "dL/db = G summed over axis 1", lb_bias_axis1),
    Blind(LB, "transposed", "dL/dW = G^T x", lb_dw_transposed),
    Blind(LB, "transposed", "dL/dx = G W", lb_dx_untransposed),
    Blind(LB, "swapped", "returns (dL/dW, dL/dx, dL/db)", lb_order, also=("wrong_order",)),
    Blind(LB, "missing_broadcast_sum", "dL/db = G's first row (right for one row)", lb_bias_first_row),
    Blind(LB, "ignored_upstream", "dL/db = N ones (counted the rows, not G)", lb_no_upstream_bias),
    Blind(LB, None, "dL/db summed with keepdims: shape (1, D_out)", lb_bias_keepdims),
    # mse_backward
    Blind(MSE, "missing_factor", "divides by len(pred), not pred.size", mse_len),
    Blind(MSE, "missing_factor", "no factor 2", mse_no_two),
    Blind(MSE, "sign_error", "2 (target - pred) / n", mse_sign),
    Blind(MSE, "ignored_upstream", "no G", mse_no_upstream),
    Blind(MSE, "missing_onehot", "2 pred / n: the target forgotten", mse_no_target),
    Blind(MSE, "missing_factor", "divides by pred.shape[-1]", mse_last_axis),
    # cross_entropy_backward
    Blind(CE, "missing_onehot", "softmax / N, no one-hot subtracted", ce_no_onehot),
    Blind(CE, "unstable", "exp(logits) with no shift", ce_no_shift),
    Blind(CE, "unstable", "shifted by the batch's max, not each row's", ce_global_max),
    Blind(CE, "missing_factor", "not divided by N", ce_no_mean),
    Blind(CE, "ignored_upstream", "no G", ce_no_upstream),
    Blind(CE, "sign_error", "(onehot - softmax) G / N", ce_sign),
    Blind(CE, None, "p[:, labels] -= 1: right only when all rows share the label", ce_label_columns),
    Blind(CE, "in_place", "logits -= row max in place", ce_in_place_shift),
    Blind(CE, "missing_factor", "divided by the number of classes, not rows (right when square)", ce_by_classes),
    # jacobian_fd
    Blind(JFD, "transposed", "one row per input: shape (n, m)", jfd_transposed),
    Blind(JFD, "forward_difference", "(f(x + e_j eps) - f(x)) / eps", jfd_forward),
    Blind(JFD, "fixed_step", "always eps = 1e-6", jfd_fixed_eps),
    Blind(JFD, "in_place", "perturbs x in place and never puts it back", jfd_not_restored),
    Blind(JFD, "forward_difference", "xp = x; xm = x alias: (f(x+eps) - f(x)) / 2eps", jfd_alias_copy,
          also=("missing_factor",)),
    Blind(JFD, "missing_factor", "divides by eps, not 2 eps", jfd_no_two),
    Blind(JFD, None, "keeps f's outputs uncopied while perturbing x in place (f may return a view of x)",
          jfd_keeps_views),
    # jacobian_reverse
    Blind(JR, "stale_gradient", "leaf.grad never cleared between rows", jr_stale),
    Blind(JR, "transposed", "returns J^T", jr_transposed),
    Blind(JR, "wrong_order", "rows in reverse order", jr_reversed_rows),
    Blind(JR, None, "one backward of y.sum(): every row is the column sums", jr_summed),
    Blind(JR, None, "zeroes leaf.grad in place, which is the row just stored", jr_zeroed_buffer),
    # chain_gradients
    Blind(CG, "transposed", "J @ g instead of g @ J", cg_transposed),
    Blind(CG, "wrong_order", "stages taken from the first one on", cg_forward_stages),
    Blind(CG, "wrong_order", "list returned last-first", cg_last_first),
    Blind(CG, "in_place", "input_jacobians.reverse() on the list it was given", cg_reverses_list),
    Blind(CG, None, "off by one: J_0 never used, dc/dz_0 missing", cg_skips_first),
    # loglog_slope
    Blind(LL, "wrong_axes", "log size fitted against log time", ll_swapped_axes),
    Blind(LL, "not_least_squares", "slope through the first and last points", ll_endpoints),
    Blind(LL, "not_least_squares", "mean of the slopes between neighbours", ll_mean_of_steps),
    Blind(LL, "wrong_axes", "log time against the size itself (semi-log)", ll_semilog),
    Blind(LL, None, "returns the intercept polyfit(...)[-1]", ll_intercept),
    Blind(LL, None, "log sizes in an integer buffer when sizes are integers", ll_int_buffer),
    Blind(LL, None, "least squares through the origin (no intercept)", ll_through_origin),
    # mse_gradient
    Blind(MG, "missing_factor", "no factor 2", mg_no_two),
    Blind(MG, "missing_factor", "divides by X.size (right for one feature)", mg_by_size),
    Blind(MG, "sign_error", "X^T (y - Xw)", mg_sign),
    Blind(MG, "missing_onehot", "2/B X^T X w: the target forgotten", mg_no_target),
    Blind(MG, "missing_factor", "summed over the rows, not averaged (right for SGD)", mg_sum),
    Blind(MG, "missing_factor", "2/len(w): features, not rows (right for a square batch)", mg_by_features),
    # largest_stable_learning_rate
    Blind(LR, "wrong_eigenvalue", "the smallest eigenvalue", lr_smallest),
    Blind(LR, "wrong_eigenvalue", "the trace (right for one feature)", lr_trace),
    Blind(LR, "wrong_eigenvalue", "the largest diagonal entry (right for uncorrelated features)", lr_diagonal),
    Blind(LR, "missing_factor", "eigenvalue of X^T X without 2/P", lr_no_scale),
    Blind(LR, "missing_factor", "1 / lambda_max", lr_one_over),
    Blind(LR, "wrong_eigenvalue", "largest singular value of X, not squared", lr_singular_value),
    Blind(LR, "missing_factor", "2/d instead of 2/P in the Hessian", lr_features),
    Blind(LR, "wrong_eigenvalue", "np.linalg.eigvals(...)[-1]: not sorted", lr_eigvals_last),
    # minibatch_indices
    Blind(MBI, "no_shuffle", "np.arange(n) cut into batches", mbi_no_shuffle),
    Blind(MBI, "ignores_rng", "its own default_rng(0)", mbi_own_rng),
    Blind(MBI, "ignores_rng", "rng.choice(n, n, replace=False)", mbi_choice),
    Blind(MBI, "drops_last", "range(0, n - batch_size + 1, batch_size)", mbi_drop_last),
    Blind(MBI, "drops_last", "n // batch_size batches", mbi_floor_count),
    Blind(MBI, None, "np.array_split into n // batch_size nearly equal parts", mbi_array_split),
    Blind(MBI, "ignores_rng", "a new rng.permutation(n) for every batch", mbi_permutation_per_batch),
]

CORRECT = [
    Blind(ND, None, "generator over +h and -h, divided by h + h", nd_correct_generator),
    Blind(ND, None, "float array first, times 0.5/h", nd_correct_float_array),
    Blind(GDU, None, "np.subtract / np.multiply", gdu_correct_ufuncs),
    Blind(GDU, None, "in place on a float copy; a number for a number", gdu_correct_copy),
    Blind(GCE, None, "loop over the entries with max()", gce_correct_loop),
    Blind(GCE, None, "np.fmax floor, max with initial=0", gce_correct_fmax),
    Blind(PR, None, "the closed forms", lambda: (_factor, 0.5, 1.0)),
    Blind(PR, None, "factor from one actual step from x = 3; rates as fractions", lambda: (_factor_by_stepping, 1 / 2,
                                                                                             2 / 2)),
    Blind(HG, None, "the three numbers", lambda: (-8.0, 4.0, 2.0)),
    Blind(HG, None, "worked out from the symbols at (2, -3, 4)",
          lambda: (2 * 2.0 * -3.0 + 4.0, 2.0 ** 2, 2.0)),
    Blind(TS, None, "recursive post-order with a visited set", topo_correct_recursive),
    Blind(TS, None, "Kahn's algorithm from the root, reversed, as a tuple", topo_correct_kahn),
    Blind(TS, None, "iterative DFS with an iterator per node", topo_correct_iterators),
    Blind(BP, None, "consumer counting: a node goes when all consumers have sent", bp_correct_counts),
    Blind(BP, None, "defaultdict(0.0) over the reversed order", bp_correct_defaultdict),
    Blind(CX, None, "x = tanh(2w), loss = x*x*x + x", cx_correct_tanh_cube),
    Blind(CX, None, "a 2x2 w through sigmoid; sum(h) - 3 sum(h*h)", cx_correct_sub_matrix),
    Blind(SIG, None, "exp(-logaddexp(0, -x))", sig_correct_logaddexp),
    Blind(SIG, None, "boolean masks on a float copy", sig_correct_masks),
    Blind(SB, None, "np.multiply(G, s (1 - s))", sb_correct),
    Blind(SB, None, "from x: G e^-|x| / (1 + e^-|x|)^2", sb_correct_from_x),
    Blind(TB, None, "G (1 - t t)", tb_correct),
    Blind(TB, None, "G (1 - t)(1 + t)", tb_correct_factored),
    Blind(RB, None, "np.where(out > 0, G, 0)", rb_correct_where),
    Blind(RB, None, "G heaviside(x, 0)", rb_correct_heaviside),
    Blind(MB, None, "a generator of np.multiply", mb_correct_generator),
    Blind(MB, None, "einsum with ellipses", mb_correct_einsum),
    Blind(AB, None, "sum with keepdims over the padded shape, then reshape", ab_correct_keepdims),
    Blind(AB, None, "the engine's add, backward with grad=G", ab_correct_engine),
    Blind(AB, None, "np.add.at into a flat buffer over broadcast indices", ab_correct_add_at),
    Blind(MM, None, "einsum", mm_correct_einsum),
    Blind(MM, None, "row by row, a sum of outer products", mm_correct_outer_loop),
    Blind(LB, None, "einsum and np.add.reduce", lb_correct_einsum),
    Blind(LB, None, "sample by sample", lb_correct_samples),
    Blind(MSE, None, "ufuncs, 2G first", mse_correct_ufuncs),
    Blind(MSE, None, "the engine's mse_loss, backward with grad=G", mse_correct_engine),
    Blind(CE, None, "log-softmax with log-sum-exp, one-hot from np.eye", ce_correct_logsumexp),
    Blind(CE, None, "row by row", ce_correct_rows),
    Blind(JFD, None, "in place on x, each entry put back exactly", jfd_correct_in_place),
    Blind(JFD, None, "columns from the rows of eps * I", jfd_correct_columns),
    Blind(JR, None, "a fresh leaf and graph for every row", jr_correct_fresh_leaf),
    Blind(JR, None, "leaf.grad = None before each row", jr_correct_reset),
    Blind(CG, None, "itertools.accumulate over the reversed stages", cg_correct_accumulate),
    Blind(CG, None, "recursion from stage 0, einsum", cg_correct_recursive),
    Blind(LL, None, "covariance over variance, base 10", ll_correct_covariance),
    Blind(LL, None, "lstsq on [1, log2 size]", ll_correct_lstsq),
    Blind(MG, None, "2 * mean over rows of x_i r_i", mg_correct_rows),
    Blind(MG, None, "normal-equation form 2/B (X^T X w - X^T y)", mg_correct_normal),
    Blind(LR, None, "P / ||X||_2^2", lr_correct_norm),
    Blind(LR, None, "eigenvalues of the Gram matrix X X^T", lr_correct_gram),
    Blind(MBI, None, "np.array_split at multiples of batch_size", mbi_correct_split_points),
    Blind(MBI, None, "a generator slicing the permutation", mbi_correct_generator),
    Blind(MBI, None, "rng.shuffle(np.arange(n)): the same numbers as rng.permutation(n)", mbi_correct_shuffle),
]
