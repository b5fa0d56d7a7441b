"""Blind set 4: student-style solutions of the minigrad course's 25 exercises.

Written on 2026-12-03 by the helper session "blind4" (branch blind4) under the blind rule: its writer read
only docs/exercises.md (the contract and the input classes), minigrad/, course/notebooks/,
the catalogue of mistake names in plain words, tests/autograder/blind/entry.py and the
header of set 3 (as a format example). It never saw the checks, the detectors, the planted
mistakes (docs/mistakes.md), the other blind sets or any other test, and never ran a check on
these functions; each one was verified against hand-made references in a scratch script
outside the repository (on every input class docs/exercises.md lists).

WRONG holds slips a student could make, each labelled before anything was measured with the
catalogue name that best fits (`family`, None when none fits) and the other names a fair
teacher would accept (`also`). Each is wrong on some input the contract allows, though many
are right on most inputs. CORRECT holds right but unusual solutions.
"""
import math

import numpy as np

import minigrad as mg
from tests.autograder.blind.entry import Blind


def _stable_sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


# ----------------------------------------------------------------------------------------------
# numerical_derivative(f, x, h=1e-5)
# ----------------------------------------------------------------------------------------------
def nd_forward(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h


def nd_backward_only(f, x, h=1e-5):
    fx = f(x)
    return (fx - f(x - h)) / h


def nd_fixed_step(f, x, h=1e-5):
    step = 1e-5                       # the default, hard-coded
    return (f(x + step) - f(x - step)) / (2 * step)


def nd_over_h(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / h


def nd_precedence(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / 2 * h


def nd_sign(f, x, h=1e-5):
    return (f(x - h) - f(x + h)) / (2 * h)


def nd_copy_buffers(f, x, h=1e-5):
    base = np.array(x)
    up = base.copy()
    up[...] = base + h                # an integer x keeps its dtype: the shift is truncated away
    down = base.copy()
    down[...] = base - h
    return (f(up) - f(down)) / (2 * h)


def nd_generator(f, x, h=1e-5):
    return sum(s * f(x + s * h) for s in (1, -1)) / (2 * h)


def nd_halves(f, x, h=1e-5):
    upper = f(x + h)
    lower = f(x - h)
    width = h + h
    return np.true_divide(upper - lower, width)


# ----------------------------------------------------------------------------------------------
# gradient_descent_update(x, gradx, learning_rate)
# ----------------------------------------------------------------------------------------------
def gdu_sign(x, gradx, learning_rate):
    return x + learning_rate * gradx


def gdu_in_place(x, gradx, learning_rate):
    x -= learning_rate * gradx
    return x


def gdu_scales_gradient(x, gradx, learning_rate):
    step = gradx
    step *= learning_rate
    return x - step


def gdu_no_rate(x, gradx, learning_rate):
    return x - gradx


def gdu_loop_buffer(x, gradx, learning_rate):
    x = np.asarray(x)
    g = np.asarray(gradx)
    new = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        new[i] = x[i] - learning_rate * g[i]
    return new


def gdu_returns_step(x, gradx, learning_rate):
    return learning_rate * gradx


def gdu_negated_rate(x, gradx, learning_rate):
    return x + (-learning_rate) * gradx


def gdu_ufuncs(x, gradx, learning_rate):
    return np.subtract(x, np.multiply(learning_rate, gradx))


# ----------------------------------------------------------------------------------------------
# gradient_check_error(backward, x, grad_output, h=1e-5)
# ----------------------------------------------------------------------------------------------
def _gce_parts(backward, x, grad_output, h):
    a = backward(x, _stable_sigmoid(x), grad_output)
    n = grad_output * (_stable_sigmoid(x + h) - _stable_sigmoid(x - h)) / (2 * h)
    return a, n


def gce_mean(backward, x, grad_output, h=1e-5):
    a, n = _gce_parts(backward, x, grad_output, h)
    return float(np.mean(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_no_floor(backward, x, grad_output, h=1e-5):
    a, n = _gce_parts(backward, x, grad_output, h)
    rel = np.abs(a - n) / (np.abs(a) + np.abs(n))
    return float(np.max(rel))


def gce_absolute(backward, x, grad_output, h=1e-5):
    a, n = _gce_parts(backward, x, grad_output, h)
    return float(np.max(np.abs(a - n)))


def gce_forward(backward, x, grad_output, h=1e-5):
    a = backward(x, _stable_sigmoid(x), grad_output)
    n = grad_output * (_stable_sigmoid(x + h) - _stable_sigmoid(x)) / h
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_fixed_step(backward, x, grad_output, h=1e-5):
    a, n = _gce_parts(backward, x, grad_output, 1e-5)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_no_upstream(backward, x, grad_output, h=1e-5):
    a = backward(x, _stable_sigmoid(x), grad_output)
    n = (_stable_sigmoid(x + h) - _stable_sigmoid(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_passes_x(backward, x, grad_output, h=1e-5):
    a = backward(x, x, grad_output)
    n = grad_output * (_stable_sigmoid(x + h) - _stable_sigmoid(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_flat_loop(backward, x, grad_output, h=1e-5):
    a, n = _gce_parts(backward, x, grad_output, h)
    a = np.broadcast_to(a, np.shape(n)).ravel()
    worst = 0.0
    for ai, ni in zip(a, np.ravel(n)):
        worst = max(worst, abs(ai - ni) / max(1e-8, abs(ai) + abs(ni)))
    return float(worst)


def gce_clip_denominator(backward, x, grad_output, h=1e-5):
    a, n = _gce_parts(backward, x, grad_output, h)
    denominator = np.clip(np.abs(a) + np.abs(n), 1e-8, None)
    return np.max(np.abs(a - n) / denominator).item()


# ----------------------------------------------------------------------------------------------
# parabola_rates: lambda: (step_factor, one_step_rate, first_unstable_rate)
# ----------------------------------------------------------------------------------------------
def sf_right(learning_rate):
    return 1 - 2 * learning_rate


def sf_no_two(learning_rate):
    return 1 - learning_rate


def sf_flipped(learning_rate):
    return 2 * learning_rate - 1


def sf_of_f(learning_rate):
    return (1 - 2 * learning_rate) ** 2


def sf_by_step(learning_rate):
    x = 3.0
    return (x - learning_rate * 2 * x) / x


# ----------------------------------------------------------------------------------------------
# topological_sort(root)
# ----------------------------------------------------------------------------------------------
def topo_no_visited(root):
    order = []

    def visit(node):
        for parent in node.parents:
            visit(parent)
        order.append(node)

    visit(root)
    return order


def topo_root_first(root):
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
        elif node not in seen:
            seen.add(node)
            stack.append((node, True))
            stack.extend((p, False) for p in node.parents if p not in seen)
    return order[::-1]


def topo_bfs_reversed(root):
    order, seen, k = [root], {root}, 0
    while k < len(order):
        for parent in order[k].parents:
            if parent not in seen:
                seen.add(parent)
                order.append(parent)
        k += 1
    return order[::-1]


def topo_preorder_reversed(root):
    order, seen, stack = [], set(), [root]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        order.append(node)
        stack.extend(node.parents)
    return list(reversed(order))


def topo_skips_constants(root):
    order, placed = [], set()

    def visit(node):
        placed.add(node)
        for parent in node.parents:
            if parent.requires_grad and parent not in placed:
                visit(parent)
        order.append(node)

    visit(root)
    return order


def topo_kahn(root):
    # count each tensor's consumers, then peel from the root downwards and reverse
    consumers, seen, todo = {}, {root}, [root]
    while todo:
        node = todo.pop()
        for parent in node.parents:
            consumers[parent] = consumers.get(parent, 0) + 1
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    ready, out = [root], []
    while ready:
        node = ready.pop()
        out.append(node)
        for parent in node.parents:
            consumers[parent] -= 1
            if consumers[parent] == 0:
                ready.append(parent)
    return out[::-1]


def topo_iterators(root):
    order, placed = [], {root}
    stack = [(root, iter(root.parents))]
    while stack:
        node, parents = stack[-1]
        for parent in parents:
            if parent not in placed:
                placed.add(parent)
                stack.append((parent, iter(parent.parents)))
                break
        else:
            stack.pop()
            order.append(node)
    return tuple(order)


# ----------------------------------------------------------------------------------------------
# backward_pass(root)
# ----------------------------------------------------------------------------------------------
def bp_overwrite(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(topo_kahn(root)):
        if node in grads and node.parents:
            for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
                if g is not None:
                    grads[parent] = g
    return grads


def bp_breadth_first(root):
    grads = {root: np.ones_like(root.data)}
    queue, queued = [root], {root}
    while queue:
        node = queue.pop(0)
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


def bp_engine(root):
    root.backward(np.ones_like(root.data))
    return {t: t.grad for t in topo_kahn(root) if t.requires_grad}


def bp_push_totals(root):
    grads = {}

    def push(node, g):
        grads[node] = grads[node] + g if node in grads else g
        if node.parents:
            for parent, gp in zip(node.parents, mg.input_gradients(node, grads[node])):
                if gp is not None:
                    push(parent, gp)

    push(root, np.ones_like(root.data))
    return grads


def bp_leaves_only(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(topo_kahn(root)):
        if node in grads and node.parents:
            for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
                if g is not None:
                    grads[parent] = grads[parent] + g if parent in grads else g
    return {t: g for t, g in grads.items() if not t.parents}


def bp_scalar_seed(root):
    grads = {root: np.array(1.0)}
    for node in reversed(topo_kahn(root)):
        if node in grads and node.parents:
            for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
                if g is not None:
                    grads[parent] = grads[parent] + g if parent in grads else g
    return grads


def bp_default_dict(root):
    order = topo_iterators(root)
    grads = {t: np.zeros_like(t.data) for t in order if t.requires_grad}
    grads[root] = np.ones_like(root.data)
    for node in order[::-1]:
        if not node.parents:
            continue
        for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g is not None:
                grads[parent] = grads[parent] + g
    return grads


def bp_engine_order(root):
    grads = {root: np.ones(root.shape)}
    for node in mg.topological_order(root)[::-1]:
        g = grads.get(node)
        if g is None or node.is_leaf:
            continue
        for parent, gp in zip(node.parents, mg.input_gradients(node, g)):
            if gp is not None:
                grads[parent] = gp if parent not in grads else gp + grads[parent]
    return grads


# ----------------------------------------------------------------------------------------------
# bfs_counterexample: make_counterexample()
# ----------------------------------------------------------------------------------------------
def ce_uses_neg():
    w = mg.Tensor(1.5, requires_grad=True)
    x = w * w
    return mg.functional.add(mg.functional.neg(mg.functional.neg(x)), x), w


def ce_leaf_shared():
    w = mg.Tensor(0.5, requires_grad=True)
    return w + mg.exp(mg.exp(w)), w


def ce_plain_chain():
    w = mg.Tensor(0.5, requires_grad=True)
    return mg.sigmoid(mg.exp(w * 2.0)), w


def ce_equal_paths():
    w = mg.Tensor(0.5, requires_grad=True)
    x = mg.exp(w)
    return x * x, w


def ce_vector_loss():
    w = mg.Tensor([0.5, -0.2, 1.0], requires_grad=True)
    x = mg.exp(w)
    return x + x * x, w


def ce_swapped_return():
    w = mg.Tensor(0.5, requires_grad=True)
    x = mg.exp(w)
    return w, x + x * x


def ce_double_exp():
    w = mg.Tensor(0.3, requires_grad=True)
    x = mg.sigmoid(w)
    return mg.exp(mg.exp(x)) + x, w


def ce_tanh_matrix():
    w = mg.Tensor([[0.2, -0.4], [0.1, 0.3]], requires_grad=True)
    hidden = mg.tanh(w @ mg.Tensor([[1.0], [2.0]]))
    loss = (hidden + hidden * hidden * hidden).sum()
    return loss, w


# ----------------------------------------------------------------------------------------------
# sigmoid(x)
# ----------------------------------------------------------------------------------------------
def sig_naive(x):
    return 1 / (1 + np.exp(-x))


def sig_where_both(x):
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def sig_tanh(x):
    return 0.5 * (1 + np.tanh(np.asarray(x) / 2))


def sig_branches_swapped(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, e / (1 + e), 1 / (1 + e))


def sig_empty_like(x):
    x = np.asarray(x)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    out[~pos] = np.exp(x[~pos]) / (1 + np.exp(x[~pos]))
    return out


def sig_negate_in_place(x):
    z = np.asarray(x, dtype=float)
    z *= -1                           # reuse the buffer for -x
    e = np.exp(-np.abs(z))
    return np.where(z <= 0, 1 / (1 + e), e / (1 + e))


def sig_logaddexp(x):
    return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=float)))


def sig_masks(x):
    x = np.array(x, dtype=float)
    out = np.empty_like(x)
    neg = x < 0
    e = np.exp(np.where(neg, x, -x))
    out[~neg] = 1 / (1 + e[~neg])
    out[neg] = e[neg] / (1 + e[neg])
    return out


# ----------------------------------------------------------------------------------------------
# sigmoid_backward(x, out, grad_output)
# ----------------------------------------------------------------------------------------------
def sb_local_only(x, out, grad_output):
    return out * (1 - out)


def sb_at_x(x, out, grad_output):
    return grad_output * x * (1 - x)


def sb_from_x(x, out, grad_output):
    e = np.exp(-x)
    return grad_output * e / (1 + e) ** 2


def sb_textbook(x, out, grad_output):
    return grad_output * out * _stable_sigmoid(1.0 - x)


def sb_sign(x, out, grad_output):
    return grad_output * out * (out - 1)


def sb_into_grad(x, out, grad_output):
    np.multiply(grad_output, out * (1 - out), out=grad_output)
    return grad_output


def sb_reordered(x, out, grad_output):
    return (1.0 - out) * out * grad_output


def sb_own_buffer(x, out, grad_output):
    d = 1.0 - out
    d *= out
    d *= grad_output
    return d


# ----------------------------------------------------------------------------------------------
# tanh_backward(x, out, grad_output)
# ----------------------------------------------------------------------------------------------
def tb_at_x(x, out, grad_output):
    return grad_output * (1 - x ** 2)


def tb_local_only(x, out, grad_output):
    return 1 - out * out


def tb_cosh(x, out, grad_output):
    return grad_output / np.cosh(x) ** 2


def tb_one_two(x, out, grad_output):
    s = (1 + out) / 2                 # sigma(2x), from tanh = 2 sigma(2x) - 1
    return grad_output * 2 * s * (1 - s)


def tb_sign(x, out, grad_output):
    return grad_output * (out * out - 1)


def tb_tanh_of_out(x, out, grad_output):
    return grad_output * (1 - np.tanh(out) ** 2)


def tb_square(x, out, grad_output):
    return grad_output * (1.0 - np.square(out))


def tb_subtract(x, out, grad_output):
    return np.subtract(1.0, out * out) * grad_output


# ----------------------------------------------------------------------------------------------
# relu_backward(x, out, grad_output)
# ----------------------------------------------------------------------------------------------
def rb_kink(x, out, grad_output):
    return grad_output * (x >= 0)


def rb_mask_only(x, out, grad_output):
    return (x > 0).astype(float)


def rb_times_out(x, out, grad_output):
    return grad_output * out


def rb_gate_on_grad(x, out, grad_output):
    return np.where(grad_output > 0, grad_output, 0.0)


def rb_zero_in_place(x, out, grad_output):
    grad_output[x <= 0] = 0
    return grad_output


def rb_sign_of_out(x, out, grad_output):
    return np.sign(out) * grad_output


def rb_heaviside(x, out, grad_output):
    return grad_output * np.heaviside(x, 0.0)


# ----------------------------------------------------------------------------------------------
# mul_backward(a, b, grad_output)
# ----------------------------------------------------------------------------------------------
def mb_swapped(a, b, grad_output):
    return grad_output * a, grad_output * b


def mb_local_only(a, b, grad_output):
    return b.copy(), a.copy()


def mb_in_place(a, b, grad_output):
    ga = grad_output
    ga *= b
    return ga, grad_output * a


def mb_one_buffer(a, b, grad_output):
    buf = np.empty_like(grad_output)
    np.multiply(grad_output, b, out=buf)
    da = buf
    np.multiply(grad_output, a, out=buf)
    db = buf
    return da, db


def mb_divide(a, b, grad_output):
    y = a * b
    return grad_output * y / a, grad_output * y / b


def mb_generator(a, b, grad_output):
    return tuple(grad_output * other for other in (b, a))


def mb_ufunc(a, b, grad_output):
    return np.multiply(grad_output, b), np.multiply(a, grad_output)


# ----------------------------------------------------------------------------------------------
# add_backward(a, b, grad_output)
# ----------------------------------------------------------------------------------------------
def ab_no_sum(a, b, grad_output):
    return grad_output.copy(), grad_output.copy()


def ab_rows_for_b(a, b, grad_output):
    db = grad_output.sum(axis=0) if np.shape(b) != grad_output.shape else grad_output.copy()
    return grad_output.copy(), db


def ab_no_keepdims(a, b, grad_output):
    def reduce(g, shape):
        while g.ndim > len(shape):
            g = g.sum(axis=0)
        for axis, size in enumerate(shape):
            if size == 1 and g.shape[axis] != 1:
                g = g.sum(axis=axis)
        return np.array(g)

    return reduce(grad_output, np.shape(a)), reduce(grad_output, np.shape(b))


def ab_only_b(a, b, grad_output):
    g = grad_output
    lead = g.ndim - np.ndim(b)
    db = g.sum(axis=tuple(range(lead))) if lead else g
    stretched = tuple(i for i, n in enumerate(np.shape(b)) if n == 1 and db.shape[i] != 1)
    db = db.sum(axis=stretched, keepdims=True) if stretched else db
    return np.array(g), np.array(db)


def ab_mean(a, b, grad_output):
    def reduce(g, shape):
        while g.ndim > len(shape):
            g = g.mean(axis=0)
        for axis, size in enumerate(shape):
            if size == 1 and g.shape[axis] != 1:
                g = g.mean(axis=axis, keepdims=True)
        return np.array(g)

    return reduce(grad_output, np.shape(a)), reduce(grad_output, np.shape(b))


def ab_last_axis(a, b, grad_output):
    def reduce(g, shape):
        while g.ndim > len(shape):
            g = g.sum(axis=-1)
        for axis, size in enumerate(shape):
            if size == 1 and g.shape[axis] != 1:
                g = g.sum(axis=axis, keepdims=True)
        return np.array(g)

    return reduce(grad_output, np.shape(a)), reduce(grad_output, np.shape(b))


def ab_axes_once(a, b, grad_output):
    def reduce(g, shape):
        lead = g.ndim - len(shape)
        axes = tuple(range(lead)) + tuple(lead + i for i, n in enumerate(shape) if n == 1 and g.shape[lead + i] != 1)
        return np.sum(g, axis=axes).reshape(shape)

    return reduce(grad_output, np.shape(a)), reduce(grad_output, np.shape(b))


def ab_padded(a, b, grad_output):
    out = []
    for shape in (np.shape(a), np.shape(b)):
        padded = (1,) * (grad_output.ndim - len(shape)) + tuple(shape)
        axes = tuple(i for i, n in enumerate(padded) if n == 1)
        out.append(grad_output.sum(axis=axes, keepdims=True).reshape(shape))
    return tuple(out)


# ----------------------------------------------------------------------------------------------
# matmul_backward(a, b, grad_output)
# ----------------------------------------------------------------------------------------------
def mm_reshape_fix(a, b, grad_output):
    return (b @ grad_output.T).reshape(a.shape), a.T @ grad_output


def mm_einsum_slip(a, b, grad_output):
    return np.einsum("nm,mk->nk", grad_output, b), np.einsum("nk,nm->km", a, grad_output)


def mm_sums(a, b, grad_output):
    da = grad_output.sum(axis=1, keepdims=True) * b.sum(axis=1)[None, :]
    return da, a.T @ grad_output


def mm_order(a, b, grad_output):
    return a.T @ grad_output, grad_output @ b.T


def mm_ones(a, b, grad_output):
    ones = np.ones_like(grad_output)
    return ones @ b.T, a.T @ ones


def mm_averaged(a, b, grad_output):
    return grad_output @ b.T, a.T @ grad_output / a.shape[0]


def mm_einsum(a, b, grad_output):
    return np.einsum("nm,km->nk", grad_output, b), np.einsum("nk,nm->km", a, grad_output)


def mm_tensordot(a, b, grad_output):
    return np.tensordot(grad_output, b, axes=([1], [1])), np.tensordot(a, grad_output, axes=([0], [0]))


# ----------------------------------------------------------------------------------------------
# linear_backward(x, W, b, grad_output)
# ----------------------------------------------------------------------------------------------
def lb_bias_wrong_axis(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.sum(axis=1)


def lb_bias_mean(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.mean(axis=0)


def lb_einsum_slip(x, W, b, grad_output):
    dx = np.einsum("no,oi->ni", grad_output, W)
    return dx, np.einsum("ni,no->io", x, grad_output), np.einsum("no->o", grad_output)


def lb_order(x, W, b, grad_output):
    return x.T @ grad_output, grad_output @ W.T, grad_output.sum(axis=0)


def lb_outer_sums(x, W, b, grad_output):
    dW = np.outer(x.sum(axis=0), grad_output.sum(axis=0))
    return grad_output @ W.T, dW, grad_output.sum(axis=0)


def lb_ones(x, W, b, grad_output):
    ones = np.ones_like(grad_output)
    return ones @ W.T, x.T @ ones, ones.sum(axis=0)


def lb_via_matmul(x, W, b, grad_output):
    dx, dW = mm_tensordot(x, W, grad_output)
    return dx, dW, np.add.reduce(grad_output, axis=0)


def lb_einsum(x, W, b, grad_output):
    return (np.einsum("no,io->ni", grad_output, W), np.einsum("ni,no->io", x, grad_output),
            np.einsum("no->o", grad_output))


# ----------------------------------------------------------------------------------------------
# mse_backward(pred, target, grad_output)
# ----------------------------------------------------------------------------------------------
def mse_no_two(pred, target, grad_output):
    return grad_output * (pred - target) / pred.size


def mse_len(pred, target, grad_output):
    return grad_output * 2 * (pred - target) / len(pred)


def mse_sign(pred, target, grad_output):
    return grad_output * 2 * (target - pred) / pred.size


def mse_no_upstream(pred, target, grad_output):
    return 2 * (pred - target) / pred.size


def mse_mean_of_grad(pred, target, grad_output):
    return np.full_like(pred, grad_output * np.mean(2 * (pred - target)))


def mse_in_place(pred, target, grad_output):
    np.subtract(pred, target, out=pred)
    return grad_output * 2 * pred / pred.size


def mse_reordered(pred, target, grad_output):
    return 2 * grad_output / pred.size * (pred - target)


def mse_multiply(pred, target, grad_output):
    return np.multiply(pred - target, 2.0 * grad_output / np.size(pred))


# ----------------------------------------------------------------------------------------------
# cross_entropy_backward(logits, labels, grad_output)
# ----------------------------------------------------------------------------------------------
def ce_no_shift(logits, labels, grad_output):
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / len(labels)


def ce_global_shift(logits, labels, grad_output):
    e = np.exp(logits - logits.max())
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / len(labels)


def ce_no_onehot(logits, labels, grad_output):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return grad_output * e / e.sum(axis=1, keepdims=True) / len(labels)


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


def ce_column_index(logits, labels, grad_output):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[:, labels] -= 1
    return grad_output * p / len(labels)


def ce_column_softmax(logits, labels, grad_output):
    e = np.exp(logits - logits.max(axis=0, keepdims=True))
    p = e / e.sum(axis=0, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / len(labels)


def ce_log_softmax(logits, labels, grad_output):
    m = logits.max(axis=1, keepdims=True)
    log_z = m + np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    onehot = np.eye(logits.shape[1])[labels]
    return (np.exp(logits - log_z) - onehot) * (grad_output / logits.shape[0])


def ce_rows(logits, labels, grad_output):
    n = len(logits)
    rows = []
    for row, label in zip(logits, labels):
        e = np.exp(row - row.max())
        p = e / e.sum()
        p[label] -= 1.0
        rows.append(p)
    return np.array(rows) * grad_output / n


# ----------------------------------------------------------------------------------------------
# jacobian_fd(f, x, eps=1e-6)
# ----------------------------------------------------------------------------------------------
def jfd_rows(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    out = []
    for j in range(x.size):
        d = np.zeros_like(x)
        d[j] = eps
        out.append((np.asarray(f(x + d)) - np.asarray(f(x - d))) / (2 * eps))
    return np.array(out)


def jfd_forward(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    f0 = np.asarray(f(x), dtype=float)
    cols = []
    for j in range(x.size):
        d = np.zeros_like(x)
        d[j] = eps
        cols.append((np.asarray(f(x + d)) - f0) / eps)
    return np.stack(cols, axis=1)


def jfd_fixed_eps(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    n, step = x.size, 1e-6
    cols = [(np.asarray(f(x + step * e)) - np.asarray(f(x - step * e))) / (2 * step) for e in np.eye(n)]
    return np.stack(cols, axis=1)


def jfd_not_restored(f, x, eps=1e-6):
    cols = []
    for j in range(len(x)):
        x[j] += eps
        up = np.array(f(x), dtype=float)
        x[j] -= 2 * eps
        down = np.array(f(x), dtype=float)
        cols.append((up - down) / (2 * eps))
    return np.column_stack(cols)


def jfd_step_not_reset(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    step = np.zeros_like(x)
    cols = []
    for j in range(x.size):
        step[j] = eps
        cols.append((np.asarray(f(x + step)) - np.asarray(f(x - step))) / (2 * eps))
    return np.stack(cols, axis=1)


def jfd_over_eps(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    cols = []
    for j in range(x.size):
        d = np.zeros_like(x)
        d[j] = eps
        cols.append((np.asarray(f(x + d)) - np.asarray(f(x - d))) / eps)
    return np.stack(cols, axis=1)


def jfd_restore(f, x, eps=1e-6):
    J = None
    for j in range(x.shape[0]):
        keep = x[j]
        x[j] = keep + eps
        up = np.array(f(x), dtype=float)
        x[j] = keep - eps
        down = np.array(f(x), dtype=float)
        x[j] = keep
        if J is None:
            J = np.empty((up.shape[0], x.shape[0]))
        J[:, j] = (up - down) / (2 * eps)
    return J


def jfd_eye(f, x, eps=1e-6):
    E = eps * np.eye(x.shape[0])
    return np.array([(np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * eps) for e in E]).T


# ----------------------------------------------------------------------------------------------
# jacobian_reverse(f, x)
# ----------------------------------------------------------------------------------------------
def _leaf(x):
    return mg.Tensor(np.array(x.data if isinstance(x, mg.Tensor) else x, dtype=float), requires_grad=True)


def _grad_or_zeros(leaf):
    return np.zeros(leaf.shape) if leaf.grad is None else leaf.grad.copy()


def jr_no_clear(f, x):
    leaf = _leaf(x)
    y = f(leaf)
    rows = []
    for unit in np.eye(y.shape[0]):
        y.backward(unit)
        rows.append(_grad_or_zeros(leaf))
    return np.array(rows).reshape(y.shape[0], leaf.shape[0])


def jr_transposed(f, x):
    leaf = _leaf(x)
    y = f(leaf)
    rows = []
    for unit in np.eye(y.shape[0]):
        leaf.grad = None
        y.backward(unit)
        rows.append(_grad_or_zeros(leaf))
    return np.column_stack(rows)


def jr_prepend(f, x):
    leaf = _leaf(x)
    y = f(leaf)
    rows = []
    for unit in np.eye(y.shape[0]):
        leaf.grad = None
        y.backward(unit)
        rows.insert(0, _grad_or_zeros(leaf))
    return np.array(rows).reshape(y.shape[0], leaf.shape[0])


def jr_sum_once(f, x):
    leaf = _leaf(x)
    y = f(leaf)
    y.sum().backward()
    return np.tile(_grad_or_zeros(leaf), (y.shape[0], 1))


def jr_output_grad(f, x):
    leaf = _leaf(x)
    y = f(leaf)
    rows = []
    for unit in np.eye(y.shape[0]):
        leaf.grad = None
        y.grad = None
        y.backward(unit)
        rows.append(y.grad.copy())
    return np.array(rows)


def jr_fresh_each_row(f, x):
    data = np.array(x.data if isinstance(x, mg.Tensor) else x, dtype=float)
    m = f(mg.Tensor(data)).shape[0]
    J = np.zeros((m, data.shape[0]))
    for i in range(m):
        leaf = mg.Tensor(data, requires_grad=True)
        seed = np.zeros(m)
        seed[i] = 1.0
        f(leaf).backward(seed)
        if leaf.grad is not None:
            J[i] = leaf.grad
    return J


def jr_vstack(f, x):
    leaf = _leaf(x)
    y = f(leaf)
    rows = []
    for i in range(y.shape[0]):
        leaf.grad = None
        y.backward(np.eye(1, y.shape[0], i)[0])
        rows.append(_grad_or_zeros(leaf))
    return np.vstack(rows)


# ----------------------------------------------------------------------------------------------
# chain_gradients(input_jacobians, grad_last)
# ----------------------------------------------------------------------------------------------
def cg_reverse_list(input_jacobians, grad_last):
    input_jacobians.reverse()
    grads = [grad_last]
    for J in input_jacobians:
        grads.append(grads[-1] @ J)
    return grads[::-1]


def cg_not_reversed(input_jacobians, grad_last):
    grads = [grad_last]
    for J in reversed(input_jacobians):
        grads.append(grads[-1] @ J)
    return grads


def cg_matrix_first(input_jacobians, grad_last):
    grads = [grad_last]
    for J in reversed(input_jacobians):
        grads.append(J @ grads[-1])
    return grads[::-1]


def cg_forward_loop(input_jacobians, grad_last):
    grads = [grad_last]
    for J in input_jacobians:
        grads.insert(0, grads[0] @ J)
    return grads


def cg_skips_first(input_jacobians, grad_last):
    K = len(input_jacobians)
    grads = [grad_last]
    for k in range(K - 1, 0, -1):
        grads.insert(0, grads[0] @ input_jacobians[k])
    return grads


def cg_row_matrices(input_jacobians, grad_last):
    row = grad_last.reshape(1, -1)
    grads = [row]
    for J in input_jacobians[::-1]:
        row = row @ J
        grads.append(row)
    return grads[::-1]


def cg_recursive(input_jacobians, grad_last):
    if not input_jacobians:
        return [grad_last]
    rest = cg_recursive(input_jacobians[1:], grad_last)
    return [rest[0] @ input_jacobians[0], *rest]


def cg_indexed(input_jacobians, grad_last):
    K = len(input_jacobians)
    grads = [None] * (K + 1)
    grads[K] = np.asarray(grad_last, dtype=float)
    for k in range(K - 1, -1, -1):
        grads[k] = np.dot(grads[k + 1], input_jacobians[k])
    return grads


# ----------------------------------------------------------------------------------------------
# loglog_slope(sizes, times)
# ----------------------------------------------------------------------------------------------
def ll_endpoints(sizes, times):
    return float((math.log(times[-1]) - math.log(times[0])) / (math.log(sizes[-1]) - math.log(sizes[0])))


def ll_mean_steps(sizes, times):
    ls, lt = np.log(np.asarray(sizes, dtype=float)), np.log(np.asarray(times, dtype=float))
    return float(np.mean(np.diff(lt) / np.diff(ls)))


def ll_axes_swapped(sizes, times):
    return float(np.polyfit(np.log(times), np.log(sizes), 1)[0])


def ll_semilog(sizes, times):
    return float(np.polyfit(np.asarray(sizes, dtype=float), np.log(times), 1)[0])


def ll_intercept(sizes, times):
    _, slope = np.polyfit(np.log(sizes), np.log(times), 1)
    return float(slope)


def ll_covariance(sizes, times):
    u = np.log10(np.asarray(sizes, dtype=float))
    v = np.log10(np.asarray(times, dtype=float))
    du = u - u.mean()
    return float(du @ (v - v.mean()) / (du @ du))


def ll_lstsq(sizes, times):
    u = np.log2(np.asarray(sizes, dtype=float))
    A = np.column_stack([u, np.ones_like(u)])
    coef = np.linalg.lstsq(A, np.log2(np.asarray(times, dtype=float)), rcond=None)[0]
    return float(coef[0])


# ----------------------------------------------------------------------------------------------
# mse_gradient(w, X_batch, y_batch)
# ----------------------------------------------------------------------------------------------
def mg_no_two(w, X_batch, y_batch):
    return X_batch.T @ (X_batch @ w - y_batch) / len(y_batch)


def mg_per_feature(w, X_batch, y_batch):
    return 2.0 / X_batch.shape[1] * X_batch.T @ (X_batch @ w - y_batch)


def mg_sign(w, X_batch, y_batch):
    return 2.0 / len(y_batch) * X_batch.T @ (y_batch - X_batch @ w)


def mg_untransposed(w, X_batch, y_batch):
    r = X_batch @ w - y_batch
    return 2.0 / len(r) * X_batch @ r


def mg_sums(w, X_batch, y_batch):
    r = X_batch @ w - y_batch
    return 2.0 / len(r) * X_batch.sum(axis=0) * r.sum()


def mg_einsum(w, X_batch, y_batch):
    return 2.0 / X_batch.shape[0] * np.einsum("bd,b->d", X_batch, X_batch @ w - y_batch)


def mg_row_sum(w, X_batch, y_batch):
    r = X_batch @ w - y_batch
    return (X_batch * r[:, None]).sum(axis=0) * (2.0 / len(r))


# ----------------------------------------------------------------------------------------------
# largest_stable_learning_rate(X)
# ----------------------------------------------------------------------------------------------
def lr_smallest(X):
    return float(2.0 / np.linalg.eigvalsh(2.0 / len(X) * X.T @ X)[0])


def lr_eigvals_last(X):
    return float(2.0 / np.real(np.linalg.eigvals(2.0 / len(X) * X.T @ X))[-1])


def lr_no_scale(X):
    return float(2.0 / np.linalg.eigvalsh(X.T @ X)[-1])


def lr_one_over(X):
    return float(1.0 / np.linalg.eigvalsh(2.0 / len(X) * X.T @ X)[-1])


def lr_trace(X):
    return float(2.0 / np.trace(2.0 / len(X) * X.T @ X))


def lr_diagonal(X):
    return float(2.0 / np.max(np.diag(2.0 / len(X) * X.T @ X)))


def lr_gram(X):
    X = np.asarray(X, dtype=float)
    return float(2.0 / np.linalg.eigvalsh(2.0 / X.shape[0] * X @ X.T)[-1])


def lr_norm(X):
    X = np.asarray(X, dtype=float)
    return float(X.shape[0] / np.linalg.norm(X, 2) ** 2)


# ----------------------------------------------------------------------------------------------
# minibatch_indices(n, batch_size, rng)
# ----------------------------------------------------------------------------------------------
def mi_full_only(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[k * batch_size:(k + 1) * batch_size] for k in range(n // batch_size)]


def mi_arange(n, batch_size, rng):
    order = np.arange(n)
    return [order[s:s + batch_size] for s in range(0, n, batch_size)]


def mi_own_generator(n, batch_size, rng):
    order = np.random.default_rng(0).permutation(n)
    return [order[s:s + batch_size] for s in range(0, n, batch_size)]


def mi_per_batch(n, batch_size, rng):
    return [rng.permutation(n)[s:s + batch_size] for s in range(0, n, batch_size)]


def mi_array_split(n, batch_size, rng):
    return np.array_split(rng.permutation(n), math.ceil(n / batch_size))


def mi_off_by_one(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[s:s + batch_size] for s in range(0, n - 1, batch_size)]


def mi_shuffle(n, batch_size, rng):
    order = np.arange(n)
    rng.shuffle(order)
    return [order[s:s + batch_size] for s in range(0, n, batch_size)]


def mi_split(n, batch_size, rng):
    return np.split(rng.permutation(n), range(batch_size, n, batch_size))


# ----------------------------------------------------------------------------------------------
WRONG = [
    # numerical_derivative
    Blind("numerical_derivative", "forward_difference", "forward difference (f(x+h) - f(x)) / h", nd_forward),
    Blind("numerical_derivative", "forward_difference", "backward difference (f(x) - f(x-h)) / h", nd_backward_only),
    Blind("numerical_derivative", "fixed_step", "hard-codes h = 1e-5 inside, ignoring the h given", nd_fixed_step),
    Blind("numerical_derivative", "missing_factor", "divides by h instead of 2h", nd_over_h),
    Blind("numerical_derivative", "missing_factor", "writes / 2 * h (precedence): multiplies by h", nd_precedence),
    Blind("numerical_derivative", "sign_error", "(f(x-h) - f(x+h)) / 2h: the difference taken the wrong way round",
          nd_sign),
    Blind("numerical_derivative", None, "shifts copies of x in place of their dtype: an integer x loses the +-h",
          nd_copy_buffers),
    # gradient_descent_update
    Blind("gradient_descent_update", "sign_error", "x + learning_rate * gradx (climbs)", gdu_sign),
    Blind("gradient_descent_update", "in_place", "x -= learning_rate * gradx; return x", gdu_in_place),
    Blind("gradient_descent_update", "in_place", "scales gradx in place (step = gradx; step *= lr)",
          gdu_scales_gradient),
    Blind("gradient_descent_update", "fixed_step", "x - gradx: leaves out the learning rate", gdu_no_rate),
    Blind("gradient_descent_update", None, "loop into np.zeros_like(x): an integer x truncates the new position",
          gdu_loop_buffer),
    Blind("gradient_descent_update", None, "returns the step learning_rate * gradx, not the new position",
          gdu_returns_step),
    # gradient_check_error
    Blind("gradient_check_error", "wrong_error_measure", "mean relative error instead of the largest", gce_mean),
    Blind("gradient_check_error", "wrong_error_measure", "no 1e-8 floor in the denominator",
          gce_no_floor),
    Blind("gradient_check_error", "wrong_error_measure", "largest absolute error |a - n|", gce_absolute),
    Blind("gradient_check_error", "forward_difference", "numerical derivative by a forward difference",
          gce_forward),
    Blind("gradient_check_error", "fixed_step", "numerical derivative always with h = 1e-5", gce_fixed_step),
    Blind("gradient_check_error", "ignored_upstream", "numerical side not multiplied by grad_output",
          gce_no_upstream),
    Blind("gradient_check_error", "wrong_point", "passes x as the saved output: backward(x, x, G)", gce_passes_x),
    # parabola_rates
    Blind("parabola_rates", "missing_factor", "forgets the 2 of f' = 2x: factor 1 - lr, rates 1 and 2",
          lambda: (sf_no_two, 1.0, 2.0)),
    Blind("parabola_rates", "sign_error", "step factor 2 lr - 1 (sign of the whole factor flipped)",
          lambda: (sf_flipped, 0.5, 1.0)),
    Blind("parabola_rates", "missing_factor", "one-step rate 1 (x - lr x), the rest right",
          lambda: (sf_right, 1.0, 1.0)),
    Blind("parabola_rates", None, "first unstable rate 0.5: where the zig-zag starts, not where convergence stops",
          lambda: (sf_right, 0.5, 0.5)),
    Blind("parabola_rates", None, "first unstable rate 1.01: the first rate that runs away, not the boundary",
          lambda: (sf_right, 0.5, 1.01)),
    Blind("parabola_rates", None, "step factor (1 - 2 lr)^2: the factor of f(x), not of x",
          lambda: (sf_of_f, 0.5, 1.0)),
    # hand_gradients
    Blind("hand_gradients", "overwrite_fanout", "df/dx only along the path through q: -6",
          lambda: (-6.0, 4.0, 2.0)),
    Blind("hand_gradients", "overwrite_fanout", "df/dx from x^2 y + x z without the 2 of x^2: -2 (direct path only)",
          lambda: (-2.0, 4.0, 2.0), also=("missing_factor",)),
    Blind("hand_gradients", "sign_error", "df/dy with the wrong sign: -4", lambda: (-8.0, -4.0, 2.0)),
    Blind("hand_gradients", "ignored_upstream", "df/dz = 1, the local derivative of r = q + z only",
          lambda: (-8.0, 4.0, 1.0)),
    Blind("hand_gradients", "ignored_upstream", "df/dy = x = 2, the local derivative of q = xy only",
          lambda: (-8.0, 2.0, 2.0)),
    Blind("hand_gradients", "swapped", "df/dx and df/dy swapped", lambda: (4.0, -8.0, 2.0)),
    # topological_sort
    Blind("topological_sort", "repeated_nodes", "recursive DFS without a visited set", topo_no_visited),
    Blind("topological_sort", "wrong_order", "a right post-order, then reversed: root first", topo_root_first),
    Blind("topological_sort", "wrong_order", "breadth-first from the root, reversed", topo_bfs_reversed),
    Blind("topological_sort", "wrong_order", "DFS pre-order (node before its parents), reversed",
          topo_preorder_reversed),
    Blind("topological_sort", None, "skips parents that do not require a gradient (constants left out)",
          topo_skips_constants),
    # backward_pass
    Blind("backward_pass", "overwrite_fanout", "grads[parent] = g: overwrites instead of adding", bp_overwrite),
    Blind("backward_pass", "wrong_order", "breadth-first from the root instead of reverse topological order",
          bp_breadth_first),
    Blind("backward_pass", "stale_gradient", "calls root.backward() and reads .grad (adds to earlier passes)",
          bp_engine),
    Blind("backward_pass", "repeated_nodes", "recursive push of each node's running total every time it is reached",
          bp_push_totals),
    Blind("backward_pass", None, "returns only the leaves' gradients, no intermediates", bp_leaves_only),
    Blind("backward_pass", None, "seeds the root with the number 1 instead of ones of its shape", bp_scalar_seed),
    # bfs_counterexample
    Blind("bfs_counterexample", None, "copies the notebook's neg(neg(x)) example", ce_uses_neg),
    Blind("bfs_counterexample", None, "the shared node is the leaf w itself: breadth-first still adds it up",
          ce_leaf_shared),
    Blind("bfs_counterexample", None, "a plain chain: no node reached along two paths", ce_plain_chain),
    Blind("bfs_counterexample", None, "x * x: the two paths have the same length", ce_equal_paths),
    Blind("bfs_counterexample", None, "a loss of three elements (w a vector, no sum)", ce_vector_loss),
    Blind("bfs_counterexample", None, "returns (w, loss) in the wrong order", ce_swapped_return),
    # sigmoid
    Blind("sigmoid", "unstable", "1 / (1 + exp(-x)) as written", sig_naive),
    Blind("sigmoid", "unstable", "np.where over both branches computed on all of x", sig_where_both),
    Blind("sigmoid", "unstable", "0.5 (1 + tanh(x/2)): cancels to 0 for large negative x", sig_tanh),
    Blind("sigmoid", "sign_error", "the two branches of the stable form swapped: sigma(-x)", sig_branches_swapped),
    Blind("sigmoid", None, "fills np.empty_like(x): an integer x gives an integer result", sig_empty_like),
    Blind("sigmoid", "in_place", "negates x in place to reuse its buffer", sig_negate_in_place),
    # sigmoid_backward
    Blind("sigmoid_backward", "ignored_upstream", "out * (1 - out), without grad_output", sb_local_only),
    Blind("sigmoid_backward", "wrong_point", "G * x * (1 - x): the input where the output belongs", sb_at_x),
    Blind("sigmoid_backward", "unstable", "G e^-x / (1 + e^-x)^2 from x", sb_from_x),
    Blind("sigmoid_backward", "wrong_point", "the textbook's G sigma(x) sigma(1 - x)", sb_textbook),
    Blind("sigmoid_backward", "sign_error", "G * out * (out - 1)", sb_sign),
    Blind("sigmoid_backward", "in_place", "multiplies into grad_output (out=grad_output)", sb_into_grad),
    # tanh_backward
    Blind("tanh_backward", "wrong_point", "G * (1 - x^2)", tb_at_x),
    Blind("tanh_backward", "ignored_upstream", "1 - out^2 without grad_output", tb_local_only),
    Blind("tanh_backward", "unstable", "G / cosh(x)^2: cosh overflows", tb_cosh),
    Blind("tanh_backward", "missing_factor", "2 sigma'(2x) from the sigmoid form: one factor 2 lost", tb_one_two),
    Blind("tanh_backward", "sign_error", "G * (out^2 - 1)", tb_sign),
    Blind("tanh_backward", "wrong_point", "G * (1 - tanh(out)^2): tanh applied to the output again", tb_tanh_of_out),
    # relu_backward
    Blind("relu_backward", "kink_convention", "G * (x >= 0): slope 1 at the kink", rb_kink),
    Blind("relu_backward", "ignored_upstream", "the mask (x > 0) alone", rb_mask_only),
    Blind("relu_backward", "wrong_point", "G * out: the output where the slope belongs", rb_times_out),
    Blind("relu_backward", "wrong_point", "gates on grad_output > 0 instead of x > 0", rb_gate_on_grad),
    Blind("relu_backward", "in_place", "grad_output[x <= 0] = 0; return grad_output", rb_zero_in_place),
    # mul_backward
    Blind("mul_backward", "swapped", "(G * a, G * b)", mb_swapped),
    Blind("mul_backward", "ignored_upstream", "(b, a) without grad_output", mb_local_only),
    Blind("mul_backward", "in_place", "ga = grad_output; ga *= b", mb_in_place),
    Blind("mul_backward", "swapped", "one buffer for both results: dL/da comes back as G * a",
          mb_one_buffer, also=("wrong_point",)),
    Blind("mul_backward", None, "G * (a*b) / a and G * (a*b) / b: divides by zero entries", mb_divide),
    # add_backward
    Blind("add_backward", "missing_broadcast_sum", "returns G for both inputs", ab_no_sum),
    Blind("add_backward", "missing_broadcast_sum", "sums over axis 0 for b whenever shapes differ, a never",
          ab_rows_for_b),
    Blind("add_backward", "missing_broadcast_sum", "sums size-1 axes without keepdims", ab_no_keepdims),
    Blind("add_backward", "missing_broadcast_sum", "reduces b only; a broadcast on the left keeps G", ab_only_b),
    Blind("add_backward", "missing_factor", "mean instead of sum over the broadcast axes", ab_mean,
          also=("missing_broadcast_sum",)),
    Blind("add_backward", "missing_broadcast_sum", "sums the added leading axes as the last axis", ab_last_axis),
    # matmul_backward
    Blind("matmul_backward", "transposed", "dL/da = (b @ G.T) reshaped to a's shape", mm_reshape_fix),
    Blind("matmul_backward", "transposed", "einsum 'nm,mk->nk' with b untransposed", mm_einsum_slip),
    Blind("matmul_backward", "wrong_product", "dL/da = row sums of G times row sums of b", mm_sums),
    Blind("matmul_backward", "swapped", "returns (dL/db, dL/da)", mm_order),
    Blind("matmul_backward", "ignored_upstream", "ones in place of grad_output", mm_ones),
    Blind("matmul_backward", "missing_factor", "dL/db divided by N (averaged over rows)", mm_averaged),
    # linear_backward
    Blind("linear_backward", "missing_broadcast_sum", "dL/db = G.sum(axis=1): sums the wrong axis",
          lb_bias_wrong_axis),
    Blind("linear_backward", "missing_factor", "dL/db = G.mean(axis=0)", lb_bias_mean,
          also=("missing_broadcast_sum",)),
    Blind("linear_backward", "transposed", "dL/dx by einsum 'no,oi->ni' (W untransposed)", lb_einsum_slip),
    Blind("linear_backward", "swapped", "returns (dL/dW, dL/dx, dL/db)", lb_order),
    Blind("linear_backward", "wrong_product", "dL/dW = outer(column sums of x, column sums of G)", lb_outer_sums),
    Blind("linear_backward", "ignored_upstream", "ones in place of grad_output", lb_ones),
    # mse_backward
    Blind("mse_backward", "missing_factor", "no factor 2", mse_no_two),
    Blind("mse_backward", "missing_factor", "divides by len(pred) instead of pred.size", mse_len),
    Blind("mse_backward", "sign_error", "2 (target - pred) / N", mse_sign),
    Blind("mse_backward", "ignored_upstream", "no grad_output", mse_no_upstream),
    Blind("mse_backward", None, "the mean of the per-entry gradients, spread over every entry", mse_mean_of_grad),
    Blind("mse_backward", "in_place", "np.subtract(pred, target, out=pred)", mse_in_place),
    # cross_entropy_backward
    Blind("cross_entropy_backward", "unstable", "softmax without subtracting the maximum", ce_no_shift),
    Blind("cross_entropy_backward", "unstable", "subtracts the batch's largest logit, not each row's",
          ce_global_shift),
    Blind("cross_entropy_backward", "missing_onehot", "probabilities only, no one-hot subtracted", ce_no_onehot),
    Blind("cross_entropy_backward", "missing_factor", "no 1/N", ce_no_mean),
    Blind("cross_entropy_backward", "ignored_upstream", "no grad_output", ce_no_upstream),
    Blind("cross_entropy_backward", "missing_onehot", "p[:, labels] -= 1: every row loses 1 at every label",
          ce_column_index),
    Blind("cross_entropy_backward", None, "softmax over axis 0 (the rows) instead of each row", ce_column_softmax),
    # jacobian_fd
    Blind("jacobian_fd", "transposed", "stacks the derivatives as rows: shape (n, m)", jfd_rows),
    Blind("jacobian_fd", "forward_difference", "forward differences", jfd_forward),
    Blind("jacobian_fd", "fixed_step", "always eps = 1e-6", jfd_fixed_eps),
    Blind("jacobian_fd", "in_place", "perturbs x in place and never puts x[j] back", jfd_not_restored),
    Blind("jacobian_fd", None, "one step vector for all j, never reset: column j moves x_0..x_j together",
          jfd_step_not_reset),
    Blind("jacobian_fd", "missing_factor", "divides by eps instead of 2 eps", jfd_over_eps),
    # jacobian_reverse
    Blind("jacobian_reverse", "stale_gradient", "never clears leaf.grad between rows", jr_no_clear),
    Blind("jacobian_reverse", "transposed", "column_stack of the rows: shape (n, m)", jr_transposed),
    Blind("jacobian_reverse", "wrong_order", "rows.insert(0, ...): rows in reverse order", jr_prepend),
    Blind("jacobian_reverse", None, "one backward of y.sum(), that row repeated m times", jr_sum_once),
    Blind("jacobian_reverse", None, "reads y.grad (the seed) instead of the leaf's gradient", jr_output_grad),
    # chain_gradients
    Blind("chain_gradients", "in_place", "input_jacobians.reverse() on the caller's list", cg_reverse_list),
    Blind("chain_gradients", "wrong_order", "returns [dc/dz_K, ..., dc/dz_0] (not reversed)", cg_not_reversed),
    Blind("chain_gradients", "transposed", "J @ g instead of g @ J", cg_matrix_first),
    Blind("chain_gradients", "wrong_order", "goes through the stages from J_0 up", cg_forward_loop),
    Blind("chain_gradients", None, "range(K - 1, 0, -1): J_0 skipped, dc/dz_0 missing", cg_skips_first),
    Blind("chain_gradients", None, "keeps the rows as (1, d) matrices", cg_row_matrices),
    # loglog_slope
    Blind("loglog_slope", "not_least_squares", "slope between the first and the last point", ll_endpoints),
    Blind("loglog_slope", "not_least_squares", "mean of the slopes between neighbouring points", ll_mean_steps),
    Blind("loglog_slope", "wrong_axes", "fits log sizes against log times", ll_axes_swapped),
    Blind("loglog_slope", "wrong_axes", "fits log times against sizes (semi-log)", ll_semilog),
    Blind("loglog_slope", None, "unpacks polyfit as (intercept, slope): returns the intercept", ll_intercept),
    # mse_gradient
    Blind("mse_gradient", "missing_factor", "no factor 2", mg_no_two),
    Blind("mse_gradient", "missing_factor", "divides by the number of features, not of rows", mg_per_feature),
    Blind("mse_gradient", "sign_error", "X^T (y - X w)", mg_sign),
    Blind("mse_gradient", "transposed", "X @ r instead of X.T @ r (runs only when X is square)", mg_untransposed),
    Blind("mse_gradient", "wrong_product", "column sums of X times the sum of the residuals", mg_sums),
    # largest_stable_learning_rate
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "eigvalsh(H)[0]: the smallest eigenvalue", lr_smallest),
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "np.linalg.eigvals(H)[-1], taken as sorted",
          lr_eigvals_last),
    Blind("largest_stable_learning_rate", "missing_factor", "H = X^T X without 2/P", lr_no_scale),
    Blind("largest_stable_learning_rate", "missing_factor", "1 / lambda_max", lr_one_over),
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "the trace of H (sum of eigenvalues)", lr_trace),
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "the largest diagonal entry of H", lr_diagonal),
    # minibatch_indices
    Blind("minibatch_indices", "drops_last", "n // batch_size batches only", mi_full_only),
    Blind("minibatch_indices", "no_shuffle", "splits np.arange(n)", mi_arange),
    Blind("minibatch_indices", "ignores_rng", "shuffles with its own np.random.default_rng(0), not rng",
          mi_own_generator),
    Blind("minibatch_indices", "ignores_rng", "a new rng.permutation(n) for every batch", mi_per_batch),
    Blind("minibatch_indices", None, "np.array_split into ceil(n / batch_size) nearly equal parts", mi_array_split),
    Blind("minibatch_indices", "drops_last", "range(0, n - 1, batch_size): loses a last batch of one", mi_off_by_one),
]

CORRECT = [
    Blind("numerical_derivative", None, "sum over s = +1, -1 of s f(x + s h), over 2h", nd_generator),
    Blind("numerical_derivative", None, "np.true_divide by h + h", nd_halves),
    Blind("gradient_descent_update", None, "x + (-learning_rate) * gradx", gdu_negated_rate),
    Blind("gradient_descent_update", None, "np.subtract and np.multiply", gdu_ufuncs),
    Blind("gradient_check_error", None, "a Python loop over the flattened arrays", gce_flat_loop),
    Blind("gradient_check_error", None, "np.clip for the floor, .item() for the float", gce_clip_denominator),
    Blind("parabola_rates", None, "step factor by one simulated step from x = 3", lambda: (sf_by_step, 1 / 2, 2 / 2)),
    Blind("parabola_rates", None, "plain answers", lambda: (sf_right, 0.5, 1.0)),
    Blind("hand_gradients", None, "the three numbers as expressions of x, y, z",
          lambda: (2.0 * 2 * -3 + 4, 2.0 * 2.0, float(2))),
    Blind("hand_gradients", None, "numpy floats", lambda: (np.float64(-8), np.float64(4), np.float64(2))),
    Blind("topological_sort", None, "Kahn's algorithm on consumer counts, reversed", topo_kahn),
    Blind("topological_sort", None, "iterative DFS with a stack of parent iterators, a tuple", topo_iterators),
    Blind("backward_pass", None, "zeros for every node first, then reverse order of a tuple", bp_default_dict),
    Blind("backward_pass", None, "the engine's topological_order (gradient-needing nodes only)", bp_engine_order),
    Blind("bfs_counterexample", None, "exp(exp(x)) + x with x = sigmoid(w)", ce_double_exp),
    Blind("bfs_counterexample", None, "h + h^3 summed, h = tanh(w @ c) of a matrix w", ce_tanh_matrix),
    Blind("sigmoid", None, "exp(-logaddexp(0, -x))", sig_logaddexp),
    Blind("sigmoid", None, "boolean masks into a fresh float array", sig_masks),
    Blind("sigmoid_backward", None, "(1 - out) * out * G", sb_reordered),
    Blind("sigmoid_backward", None, "in place on its own buffer 1 - out", sb_own_buffer),
    Blind("tanh_backward", None, "G * (1 - np.square(out))", tb_square),
    Blind("tanh_backward", None, "np.subtract(1, out * out) * G", tb_subtract),
    Blind("relu_backward", None, "np.sign(out) * G", rb_sign_of_out),
    Blind("relu_backward", None, "G * np.heaviside(x, 0)", rb_heaviside),
    Blind("mul_backward", None, "a generator over (b, a)", mb_generator),
    Blind("mul_backward", None, "np.multiply", mb_ufunc),
    Blind("add_backward", None, "one np.sum over all stretched axes, then reshape", ab_axes_once),
    Blind("add_backward", None, "pads the shape with 1s and sums its 1-axes with keepdims", ab_padded),
    Blind("matmul_backward", None, "einsum", mm_einsum),
    Blind("matmul_backward", None, "np.tensordot", mm_tensordot),
    Blind("linear_backward", None, "tensordot products and np.add.reduce", lb_via_matmul),
    Blind("linear_backward", None, "three einsums", lb_einsum),
    Blind("mse_backward", None, "2 G / N first, then times the difference", mse_reordered),
    Blind("mse_backward", None, "np.multiply with np.size", mse_multiply),
    Blind("cross_entropy_backward", None, "exp(logits - logsumexp) minus an identity-row one-hot", ce_log_softmax),
    Blind("cross_entropy_backward", None, "a loop over rows", ce_rows),
    Blind("jacobian_fd", None, "perturbs x in place and puts each entry back exactly", jfd_restore),
    Blind("jacobian_fd", None, "rows of eps * I as the steps, transposed at the end", jfd_eye),
    Blind("jacobian_reverse", None, "a fresh leaf and a fresh forward for every row", jr_fresh_each_row),
    Blind("jacobian_reverse", None, "np.eye(1, m, i) seeds and np.vstack", jr_vstack),
    Blind("chain_gradients", None, "recursion on the list's tail", cg_recursive),
    Blind("chain_gradients", None, "a preallocated list filled from the top", cg_indexed),
    Blind("loglog_slope", None, "covariance over variance, base-10 logs", ll_covariance),
    Blind("loglog_slope", None, "np.linalg.lstsq in base 2", ll_lstsq),
    Blind("mse_gradient", None, "einsum", mg_einsum),
    Blind("mse_gradient", None, "rows scaled by their residual, summed", mg_row_sum),
    Blind("largest_stable_learning_rate", None, "the P x P Gram matrix (same nonzero eigenvalues)", lr_gram),
    Blind("largest_stable_learning_rate", None, "P / (largest singular value)^2", lr_norm),
    Blind("minibatch_indices", None, "rng.shuffle(np.arange(n)), the same stream as rng.permutation",
          mi_shuffle),
    Blind("minibatch_indices", None, "np.split at multiples of batch_size", mi_split),
]
