"""Blind set 3: student-style solutions of the minigrad course's 25 exercises.

Written on 2026-12-02 by the helper session "blind3" (branch blind3) under the blind rule: its writer read
only docs/exercises.md (the contract and the input classes), minigrad/, course/notebooks/,
the catalogue of mistake names in plain words and tests/autograder/blind/entry.py. It never
saw the checks, the detectors, the planted mistakes (docs/mistakes.md), the earlier blind
sets or any other test, and never ran a check on these functions; each one was verified
against hand-made references in a scratch script outside the repository.

WRONG holds slips a student could make, each labelled before anything was measured with the
catalogue name that best fits (`family`, None when none fits) and the other names a fair
teacher would accept (`also`). CORRECT holds right but unusual solutions.
"""
import math
from collections import deque

import numpy as np

import minigrad as mg
from tests.autograder.blind.entry import Blind

# ----------------------------------------------------------------------------------------
# numerical_derivative
# ----------------------------------------------------------------------------------------


def nd_forward(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h


def nd_backward_difference(f, x, h=1e-5):
    # one-sided, looking backwards
    return (f(x) - f(x - h)) / h


def nd_fixed_h(f, x, h=1e-5):
    step = 1e-5  # "the default is good enough"
    return (f(x + step) - f(x - step)) / (2 * step)


def nd_divides_by_h(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / h


def nd_precedence(f, x, h=1e-5):
    # reads as "divided by 2h" but is (... / 2) * h
    return (f(x + h) - f(x - h)) / 2 * h


def nd_nudges_x_in_place(f, x, h=1e-5):
    x = np.asarray(x)
    x += h
    ahead = f(x)
    x -= 2 * h
    behind = f(x)
    x += h
    return (ahead - behind) / (2 * h)


def nd_result_buffer_like_x(f, x, h=1e-5):
    result = np.zeros_like(x)  # takes x's dtype: integers when x is an integer
    result[...] = (f(x + h) - f(x - h)) / (2 * h)
    return result


def nd_half_reciprocal(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) * (0.5 / h)


def nd_float_array_then_back(f, x, h=1e-5):
    # works on a float array whatever x is, and gives a number back for a number
    points = np.asarray(x, dtype=float)
    slope = (f(points + h) - f(points - h)) / (h + h)
    return slope if np.ndim(x) else float(slope)


# ----------------------------------------------------------------------------------------
# gradient_descent_update
# ----------------------------------------------------------------------------------------


def gdu_ascent(x, gradx, learning_rate):
    return x + learning_rate * gradx


def gdu_no_rate(x, gradx, learning_rate):
    return x - gradx


def gdu_in_place(x, gradx, learning_rate):
    x -= learning_rate * gradx
    return x


def gdu_divides_by_rate(x, gradx, learning_rate):
    return x - gradx / learning_rate


def gdu_copy_keeps_dtype(x, gradx, learning_rate):
    new_x = np.array(x, copy=True)  # an integer x stays integer
    new_x[...] = x - learning_rate * gradx
    return new_x


def gdu_returns_step(x, gradx, learning_rate):
    return -learning_rate * gradx


def gdu_negated_step_added(x, gradx, learning_rate):
    return np.add(x, np.multiply(-learning_rate, gradx))


def gdu_subtract_ufunc(x, gradx, learning_rate):
    return np.subtract(x, learning_rate * np.asarray(gradx, dtype=float))


# ----------------------------------------------------------------------------------------
# gradient_check_error
# ----------------------------------------------------------------------------------------


def _stable_sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def gce_no_floor(backward, x, grad_output, h=1e-5):
    a = backward(x, _stable_sigmoid(x), grad_output)
    n = grad_output * (_stable_sigmoid(x + h) - _stable_sigmoid(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / (np.abs(a) + np.abs(n))))


def gce_mean(backward, x, grad_output, h=1e-5):
    a = backward(x, _stable_sigmoid(x), grad_output)
    n = grad_output * (_stable_sigmoid(x + h) - _stable_sigmoid(x - h)) / (2 * h)
    return float(np.mean(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_forward_difference(backward, x, grad_output, h=1e-5):
    a = backward(x, _stable_sigmoid(x), grad_output)
    n = grad_output * (_stable_sigmoid(x + h) - _stable_sigmoid(x)) / h
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_fixed_h(backward, x, grad_output, h=1e-5):
    a = backward(x, _stable_sigmoid(x), grad_output)
    n = grad_output * (_stable_sigmoid(x + 1e-5) - _stable_sigmoid(x - 1e-5)) / 2e-5
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_numeric_without_upstream(backward, x, grad_output, h=1e-5):
    a = backward(x, _stable_sigmoid(x), grad_output)
    n = (_stable_sigmoid(x + h) - _stable_sigmoid(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_passes_x_as_out(backward, x, grad_output, h=1e-5):
    a = backward(x, x, grad_output)  # the middle argument should be sigmoid(x)
    n = grad_output * (_stable_sigmoid(x + h) - _stable_sigmoid(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def gce_larger_of_two(backward, x, grad_output, h=1e-5):
    a = backward(x, _stable_sigmoid(x), grad_output)
    n = grad_output * (_stable_sigmoid(x + h) - _stable_sigmoid(x - h)) / (2 * h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.maximum(np.abs(a), np.abs(n)))))


def gce_elementwise_loop(backward, x, grad_output, h=1e-5):
    analytic = np.broadcast_to(backward(x, _stable_sigmoid(x), grad_output), np.shape(x))
    upstream = np.broadcast_to(grad_output, np.shape(x))
    worst = 0.0
    for index in np.ndindex(np.shape(x)):
        xi = float(np.asarray(x)[index])
        numeric = float(upstream[index]) * (1 / (1 + math.exp(-(xi + h))) - 1 / (1 + math.exp(-(xi - h)))) / (2 * h)
        a = float(analytic[index])
        worst = max(worst, abs(a - numeric) / max(1e-8, abs(a) + abs(numeric)))
    return worst


# ----------------------------------------------------------------------------------------
# parabola_rates  (f(x) = x², x ← x − η·2x)
# ----------------------------------------------------------------------------------------


def factor_without_two(learning_rate):
    return 1 - learning_rate


def factor_negated(learning_rate):
    return 2 * learning_rate - 1


def factor_right(learning_rate):
    return 1 - 2 * learning_rate


def factor_by_one_step_from_three(learning_rate):
    x = 3.0
    return (x - learning_rate * 2 * x) / x


def pr_forgets_derivative_two():
    # treats f'(x) as x: every answer consistent with that slip
    return factor_without_two, 1.0, 2.0


def pr_factor_sign():
    return factor_negated, 0.5, 1.0


def pr_unstable_at_overshoot():
    # thinks descent "stops converging" as soon as it overshoots 0
    return factor_right, 0.5, 0.5


def pr_one_step_factor():
    return factor_by_one_step_from_three, 1 / 2, 2 / 2


# ----------------------------------------------------------------------------------------
# hand_gradients  f = (x·y + z)·x at (2, −3, 4)
# ----------------------------------------------------------------------------------------


def hg_only_through_q():
    return -6.0, 4.0, 2.0  # df/dx keeps only the path through q = x·y


def hg_only_direct_path():
    return -2.0, 4.0, 2.0  # df/dx keeps only the direct factor x (r)


def hg_dy_sign():
    return -8.0, -4.0, 2.0


def hg_dy_dz_swapped():
    return -8.0, 2.0, 4.0


def hg_dz_stops_at_r():
    return -8.0, 4.0, 1.0  # dr/dz = 1, but not multiplied by df/dr = x


def hg_expanded_polynomial():
    # f = x²y + xz, so df/dx = 2xy + z, df/dy = x², df/dz = x
    x, y, z = 2.0, -3.0, 4.0
    return 2 * x * y + z, x ** 2, x


# ----------------------------------------------------------------------------------------
# topological_sort
# ----------------------------------------------------------------------------------------


def ts_no_visited(root):
    order = []

    def visit(node):
        for parent in node.parents:
            visit(parent)
        order.append(node)

    visit(root)
    return order


def ts_reversed_bfs(root):
    seen, queue, order = {root}, deque([root]), []
    while queue:
        node = queue.popleft()
        order.append(node)
        for parent in node.parents:
            if parent not in seen:
                seen.add(parent)
                queue.append(parent)
    return order[::-1]


def ts_only_grad_tensors(root):
    order, seen = [], set()

    def visit(node):
        if node in seen:
            return
        seen.add(node)
        for parent in node.parents:
            if parent.requires_grad:  # constants are "not part of backprop"
                visit(parent)
        order.append(node)

    visit(root)
    return order


def ts_root_first(root):
    order, seen = [], set()

    def visit(node):
        if node in seen:
            return
        seen.add(node)
        for parent in node.parents:
            visit(parent)
        order.append(node)

    visit(root)
    return order[::-1]  # "backprop goes from the root", so the root comes first


def ts_reversed_preorder(root):
    order, seen, stack = [], set(), [root]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        order.append(node)  # placed when first met, before its parents are finished
        stack.extend(node.parents)
    return order[::-1]


def ts_leaves_not_marked(root):
    order, seen = [], set()

    def visit(node):
        if node in seen:
            return
        if node.parents:  # only operations are marked as visited
            seen.add(node)
        for parent in node.parents:
            visit(parent)
        order.append(node)

    visit(root)
    return order


def ts_kahn(root):
    # count each tensor's consumers, then peel the graph from the root (Kahn's algorithm)
    consumers, stack, seen = {root: 0}, [root], {root}
    while stack:
        node = stack.pop()
        for parent in node.parents:
            consumers[parent] = consumers.get(parent, 0) + 1
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    ready, from_root = [root], []
    while ready:
        node = ready.pop()
        from_root.append(node)
        for parent in node.parents:
            consumers[parent] -= 1
            if consumers[parent] == 0:
                ready.append(parent)
    return from_root[::-1]


def ts_iterative_postorder_by_id(root):
    done, order, path = set(), [], [(root, iter(root.parents))]
    done.add(id(root))
    while path:
        node, parents = path[-1]
        for parent in parents:
            if id(parent) not in done:
                done.add(id(parent))
                path.append((parent, iter(parent.parents)))
                break
        else:
            path.pop()
            order.append(node)
    return order


# ----------------------------------------------------------------------------------------
# backward_pass
# ----------------------------------------------------------------------------------------


def _post_order(root):
    order, seen = [], set()
    stack = [(root, False)]
    while stack:
        node, finished = stack.pop()
        if finished:
            order.append(node)
        elif node not in seen:
            seen.add(node)
            stack.append((node, True))
            stack.extend((p, False) for p in node.parents if p not in seen)
    return order


def bp_overwrites(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(_post_order(root)):
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
        for parent, g in zip(node.parents, mg.input_gradients(node, grads[node]) if node.parents else ()):
            if g is None:
                continue
            grads[parent] = grads[parent] + g if parent in grads else g
            if parent not in queued:
                queued.add(parent)
                queue.append(parent)
    return grads


def bp_scalar_seed(root):
    grads = {root: np.array(1.0)}  # "dL/dL = 1"
    for node in reversed(_post_order(root)):
        if node not in grads or not node.parents:
            continue
        for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g is not None:
                grads[parent] = grads[parent] + g if parent in grads else g
    return grads


def bp_recursive_sends_total(root):
    # recursion along every path; each arrival sends on the node's total so far, not its new share
    grads = {}

    def send(node, g):
        grads[node] = grads[node] + g if node in grads else g
        if node.parents:
            for parent, g_parent in zip(node.parents, mg.input_gradients(node, grads[node])):
                if g_parent is not None:
                    send(parent, g_parent)

    send(root, np.ones_like(root.data))
    return grads


def bp_ones_at_every_node(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(_post_order(root)):
        if node not in grads or not node.parents:
            continue
        for parent, g in zip(node.parents, mg.input_gradients(node, np.ones_like(node.data))):
            if g is not None:
                grads[parent] = grads[parent] + g if parent in grads else g
    return grads


def bp_skips_leaves(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(_post_order(root)):
        if node not in grads or not node.parents:
            continue
        for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g is not None and parent.parents:  # only intermediate results are "in the graph"
                grads[parent] = grads[parent] + g if parent in grads else g
    return grads


def bp_consumer_counting(root):
    # a tensor is processed once every consumer has sent its share (no explicit sort)
    waiting, stack, seen = {}, [root], {root}
    while stack:
        node = stack.pop()
        for parent in node.parents:
            waiting[parent] = waiting.get(parent, 0) + 1
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    grads, ready = {root: np.ones(root.shape)}, [root]
    while ready:
        node = ready.pop()
        local = mg.input_gradients(node, grads[node]) if node.parents else ()
        for parent, g in zip(node.parents, local):
            if g is not None:
                grads[parent] = grads[parent] + g if parent in grads else g
            waiting[parent] -= 1
            if waiting[parent] == 0 and parent in grads:
                ready.append(parent)
    return grads


def bp_with_own_sort_recursive(root):
    order, seen = [], set()

    def visit(node):
        if node not in seen:
            seen.add(node)
            for parent in node.parents:
                visit(parent)
            order.append(node)

    visit(root)
    grads = {root: np.ones(root.data.shape)}
    for node in order[::-1]:
        g = grads.get(node)
        if g is None or node.is_leaf:
            continue
        for parent, part in zip(node.parents, mg.input_gradients(node, g)):
            if part is not None:
                grads[parent] = np.add(grads[parent], part) if parent in grads else part
    return grads


# ----------------------------------------------------------------------------------------
# bfs_counterexample
# ----------------------------------------------------------------------------------------


def ce_uses_neg():
    w = mg.Tensor(1.5, requires_grad=True)
    x = w * w
    return mg.functional.add(mg.functional.neg(mg.functional.neg(x)), x), w


def ce_equal_path_lengths():
    w = mg.Tensor(0.5, requires_grad=True)
    x = mg.exp(w)
    return x * x, w  # both uses of x are one step from the loss


def ce_loss_not_scalar():
    w = mg.Tensor([0.5, -0.2, 1.0], requires_grad=True)
    x = mg.exp(w)
    return x + x * x, w


def ce_intermediate_as_w():
    w = mg.Tensor(0.5, requires_grad=True)
    x = mg.exp(w)
    return x + x * x, x  # returns the node whose gradient is wrong, not the leaf


def ce_exp_of_shared_node():
    w = mg.Tensor(0.3, requires_grad=True)
    x = w * w
    return x + mg.exp(x), w  # x feeds the loss directly and through exp


def ce_sigmoid_detour():
    w = mg.Tensor(-0.7, requires_grad=True)
    x = mg.tanh(w)
    return (x + mg.sigmoid(mg.sigmoid(x))).sum(), w


# ----------------------------------------------------------------------------------------
# sigmoid
# ----------------------------------------------------------------------------------------


def sig_naive(x):
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def sig_exp_ratio(x):
    e = np.exp(np.asarray(x, dtype=float))
    return e / (1 + e)


def sig_where_both_branches(x):
    x = np.asarray(x, dtype=float)
    # np.where evaluates both formulas everywhere before choosing
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def sig_clipped(x):
    x = np.clip(np.asarray(x, dtype=float), -10, 10)  # "sigma is flat out there anyway"
    return 1 / (1 + np.exp(-x))


def sig_buffer_like_x(x):
    x = np.asarray(x)
    out = np.empty_like(x)  # integer x gives an integer buffer
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1 + e)
    return out


def sig_logaddexp(x):
    # σ(x) = exp(−log(1 + e^(−x))) and np.logaddexp(0, −x) never overflows
    return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=float)))


def sig_masked(x):
    x = np.asarray(x, dtype=float)
    out = np.empty(x.shape)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1 + e)
    return out


# ----------------------------------------------------------------------------------------
# sigmoid_backward
# ----------------------------------------------------------------------------------------


def sb_at_output(x, out, grad_output):
    s = _stable_sigmoid(out)
    return grad_output * s * (1 - s)


def sb_textbook(x, out, grad_output):
    return grad_output * out * _stable_sigmoid(1.0 - x)


def sb_treats_x_as_output(x, out, grad_output):
    return grad_output * x * (1 - x)


def sb_no_upstream(x, out, grad_output):
    return out * (1 - out)


def sb_recomputes_naively(x, out, grad_output):
    s = 1 / (1 + np.exp(-x))
    return grad_output * s * (1 - s)


def sb_exp_quotient(x, out, grad_output):
    e = np.exp(-x)
    return grad_output * e / (1 + e) ** 2


def sb_in_place(x, out, grad_output):
    grad_output *= out * (1 - out)
    return grad_output


def sb_from_x_stably(x, out, grad_output):
    # σ'(x) = e^(−|x|) / (1 + e^(−|x|))², even in x, so |x| is safe
    e = np.exp(-np.abs(x))
    return grad_output * e / (1 + e) ** 2


def sb_out_minus_square(x, out, grad_output):
    return np.multiply(grad_output, out - np.square(out))


# ----------------------------------------------------------------------------------------
# tanh_backward
# ----------------------------------------------------------------------------------------


def tb_at_input(x, out, grad_output):
    return grad_output * (1 - x ** 2)


def tb_tanh_of_output(x, out, grad_output):
    return grad_output * (1 - np.tanh(out) ** 2)


def tb_square_misplaced(x, out, grad_output):
    return grad_output * (1 - out) ** 2


def tb_no_upstream(x, out, grad_output):
    return 1 - out ** 2


def tb_cosh(x, out, grad_output):
    return grad_output / np.cosh(x) ** 2


def tb_flipped(x, out, grad_output):
    return grad_output * (out ** 2 - 1)


def tb_via_sigmoid_forgets_chain(x, out, grad_output):
    # tanh(x) = 2σ(2x) − 1; differentiates 2σ(u) but forgets du/dx = 2
    s = _stable_sigmoid(2 * x)
    return grad_output * 2 * s * (1 - s)


def tb_factored(x, out, grad_output):
    return grad_output * (1 - out) * (1 + out)


def tb_exp_form(x, out, grad_output):
    # 1 − tanh²x = 4 e^(−2|x|) / (1 + e^(−2|x|))²
    e = np.exp(-2 * np.abs(x))
    return grad_output * 4 * e / (1 + e) ** 2


# ----------------------------------------------------------------------------------------
# relu_backward
# ----------------------------------------------------------------------------------------


def rb_at_zero_passes(x, out, grad_output):
    return grad_output * (x >= 0)


def rb_no_upstream(x, out, grad_output):
    return (x > 0).astype(float)


def rb_precedence(x, out, grad_output):
    return grad_output * x > 0


def rb_in_place(x, out, grad_output):
    grad_output[x <= 0] = 0
    return grad_output


def rb_sign(x, out, grad_output):
    return grad_output * np.sign(x)


def rb_masks_by_upstream(x, out, grad_output):
    return np.where(grad_output > 0, grad_output, 0.0)


def rb_half_sign(x, out, grad_output):
    return grad_output * (np.sign(x) + 1) / 2


def rb_from_output(x, out, grad_output):
    return grad_output * (out > 0)


def rb_heaviside(x, out, grad_output):
    return grad_output * np.heaviside(x, 0.0)


def rb_where(x, out, grad_output):
    return np.where(x > 0, grad_output, 0.0)


# ----------------------------------------------------------------------------------------
# mul_backward
# ----------------------------------------------------------------------------------------


def mb_swapped(a, b, grad_output):
    return grad_output * a, grad_output * b


def mb_no_upstream(a, b, grad_output):
    return b.copy(), a.copy()


def mb_copy_paste(a, b, grad_output):
    return grad_output * b, grad_output * b


def mb_divides_output(a, b, grad_output):
    out = a * b
    return grad_output * out / a, grad_output * out / b


def mb_matrix_product(a, b, grad_output):
    return grad_output @ b, grad_output @ a


def mb_in_place(a, b, grad_output):
    grad_a = grad_output
    grad_a *= b
    return grad_a, grad_output * a


def mb_einsum(a, b, grad_output):
    return np.einsum("...,...->...", grad_output, b), np.einsum("...,...->...", grad_output, a)


def mb_list(a, b, grad_output):
    return [np.multiply(b, grad_output), np.multiply(a, grad_output)]


# ----------------------------------------------------------------------------------------
# add_backward
# ----------------------------------------------------------------------------------------


def ab_no_sum(a, b, grad_output):
    return grad_output.copy(), grad_output.copy()


def ab_bias_only(a, b, grad_output):
    # assumes b is always a (D,) bias added to rows
    return grad_output.copy(), grad_output.sum(axis=0)


def ab_sum_without_keepdims(a, b, grad_output):
    def reduce(g, shape):
        while g.ndim > len(shape):
            g = g.sum(axis=0)
        for axis, size in enumerate(shape):
            if size == 1 and g.shape[axis] != 1:
                g = g.sum(axis=axis)  # the axis disappears and the others shift
        return np.array(g)

    return reduce(grad_output, np.shape(a)), reduce(grad_output, np.shape(b))


def ab_first_row(a, b, grad_output):
    def take(g, shape):
        while g.ndim > len(shape):
            g = g[0]
        for axis, size in enumerate(shape):
            if size == 1 and g.shape[axis] != 1:
                g = np.take(g, [0], axis=axis)
        return np.array(g)

    return take(grad_output, np.shape(a)), take(grad_output, np.shape(b))


def ab_mean(a, b, grad_output):
    def reduce(g, shape):
        while g.ndim > len(shape):
            g = g.mean(axis=0)
        for axis, size in enumerate(shape):
            if size == 1 and g.shape[axis] != 1:
                g = g.mean(axis=axis, keepdims=True)
        return np.array(g)

    return reduce(grad_output, np.shape(a)), reduce(grad_output, np.shape(b))


def ab_only_b_broadcasts(a, b, grad_output):
    grad_b = grad_output
    while grad_b.ndim > np.ndim(b):
        grad_b = grad_b.sum(axis=0)
    for axis, size in enumerate(np.shape(b)):
        if size == 1 and grad_b.shape[axis] != 1:
            grad_b = grad_b.sum(axis=axis, keepdims=True)
    return grad_output.copy(), np.array(grad_b)


def ab_right_aligned_loop(a, b, grad_output):
    # align the shapes on the right, as broadcasting does, and sum where the input is shorter or 1
    def reduce(shape):
        g = np.asarray(grad_output, dtype=float)
        padded = (1,) * (g.ndim - len(shape)) + tuple(shape)
        axes = tuple(i for i, (n, m) in enumerate(zip(padded, g.shape)) if n == 1 and m != 1)
        return np.array(g.sum(axis=axes, keepdims=True).reshape(shape))

    return reduce(np.shape(a)), reduce(np.shape(b))


def ab_zero_strides(a, b, grad_output):
    # broadcast_to marks every axis an input was stretched along (or lacked) with stride 0
    def reduce(shape):
        stretched = np.broadcast_to(np.empty(shape), grad_output.shape)
        axes = tuple(i for i, stride in enumerate(stretched.strides) if stride == 0)
        return np.sum(grad_output, axis=axes).reshape(shape)

    return reduce(np.shape(a)), reduce(np.shape(b))


# ----------------------------------------------------------------------------------------
# matmul_backward
# ----------------------------------------------------------------------------------------


def mmb_db_transposed(a, b, grad_output):
    return grad_output @ b.T, grad_output.T @ a


def mmb_da_transposed(a, b, grad_output):
    return b @ grad_output.T, a.T @ grad_output


def mmb_elementwise(a, b, grad_output):
    return grad_output * b.T, a.T * grad_output


def mmb_no_upstream(a, b, grad_output):
    ones = np.ones_like(grad_output)
    return ones @ b.T, a.T @ ones


def mmb_returned_swapped(a, b, grad_output):
    return a.T @ grad_output, grad_output @ b.T


def mmb_einsum_wrong_indices(a, b, grad_output):
    return np.einsum("nm,mk->nk", grad_output, b), np.einsum("nk,nm->km", a, grad_output)


def mmb_einsum(a, b, grad_output):
    return np.einsum("nm,km->nk", grad_output, b), np.einsum("nk,nm->km", a, grad_output)


def mmb_outer_products(a, b, grad_output):
    grad_b = np.zeros(b.shape)
    for n in range(a.shape[0]):
        grad_b += np.outer(a[n], grad_output[n])
    return np.tensordot(grad_output, b, axes=([1], [1])), grad_b


# ----------------------------------------------------------------------------------------
# linear_backward
# ----------------------------------------------------------------------------------------


def lb_bias_mean(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.mean(axis=0)


def lb_bias_wrong_axis(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.sum(axis=1)


def lb_bias_no_sum(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.copy()


def lb_weight_transposed(x, W, b, grad_output):
    return grad_output @ W.T, grad_output.T @ x, grad_output.sum(axis=0)


def lb_input_without_transpose(x, W, b, grad_output):
    return grad_output @ W, x.T @ grad_output, grad_output.sum(axis=0)


def lb_averaged_weight(x, W, b, grad_output):
    n = x.shape[0]
    return grad_output @ W.T, x.T @ grad_output / n, grad_output.sum(axis=0)


def lb_einsum(x, W, b, grad_output):
    return (np.einsum("no,io->ni", grad_output, W), np.einsum("ni,no->io", x, grad_output),
            np.einsum("no->o", grad_output))


def lb_per_sample(x, W, b, grad_output):
    grad_x = np.zeros(x.shape)
    grad_W = np.zeros(W.shape)
    grad_b = np.zeros(b.shape)
    for n in range(x.shape[0]):
        grad_x[n] = W @ grad_output[n]
        grad_W += np.outer(x[n], grad_output[n])
        grad_b += grad_output[n]
    return grad_x, grad_W, grad_b


# ----------------------------------------------------------------------------------------
# mse_backward
# ----------------------------------------------------------------------------------------


def mseb_len(pred, target, grad_output):
    return grad_output * 2 * (pred - target) / len(pred)


def mseb_no_two(pred, target, grad_output):
    return grad_output * (pred - target) / pred.size


def mseb_flipped(pred, target, grad_output):
    return grad_output * 2 * (target - pred) / pred.size


def mseb_no_upstream(pred, target, grad_output):
    return 2 * (pred - target) / pred.size


def mseb_mean_of_gradient(pred, target, grad_output):
    return np.asarray(grad_output * 2 * np.mean(pred - target))


def mseb_floor_division(pred, target, grad_output):
    return grad_output * 2 * (pred - target) // pred.size


def mseb_doubled_difference(pred, target, grad_output):
    d = pred - target
    return grad_output * (d + d) / d.size


def mseb_via_ones_mean(pred, target, grad_output):
    # L = mean(d²); dL/dd = 2d ⊙ dmean/d(d²), and dmean/d(each) = 1/n
    d = np.subtract(pred, target, dtype=float)
    share = np.full(d.shape, 1.0 / d.size)
    return 2 * d * share * grad_output


# ----------------------------------------------------------------------------------------
# cross_entropy_backward
# ----------------------------------------------------------------------------------------


def _onehot(labels, classes):
    return np.eye(classes)[labels]


def ceb_no_shift(logits, labels, grad_output):
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    return grad_output * (p - _onehot(labels, logits.shape[1])) / len(labels)


def ceb_batch_max(logits, labels, grad_output):
    e = np.exp(logits - logits.max())  # one maximum for the whole batch
    p = e / e.sum(axis=1, keepdims=True)
    return grad_output * (p - _onehot(labels, logits.shape[1])) / len(labels)


def ceb_probs_only(logits, labels, grad_output):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return grad_output * e / e.sum(axis=1, keepdims=True) / len(labels)


def ceb_not_averaged(logits, labels, grad_output):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return grad_output * (p - _onehot(labels, logits.shape[1]))


def ceb_target_minus_probs(logits, labels, grad_output):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return grad_output * (_onehot(labels, logits.shape[1]) - p) / len(labels)


def ceb_shifts_in_place(logits, labels, grad_output):
    logits -= logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    return grad_output * (p - _onehot(labels, logits.shape[1])) / len(labels)


def ceb_no_upstream(logits, labels, grad_output):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return (p - _onehot(labels, logits.shape[1])) / len(labels)


def ceb_softmax_over_batch(logits, labels, grad_output):
    e = np.exp(logits - logits.max(axis=0, keepdims=True))
    p = e / e.sum(axis=0, keepdims=True)
    return grad_output * (p - _onehot(labels, logits.shape[1])) / len(labels)


def ceb_log_softmax(logits, labels, grad_output):
    log_p = logits - np.logaddexp.reduce(logits, axis=1, keepdims=True)
    grad = np.exp(log_p) - _onehot(labels, logits.shape[1])
    return grad * (grad_output / logits.shape[0])


def ceb_scatter(logits, labels, grad_output):
    shifted = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(shifted)
    p /= p.sum(axis=1, keepdims=True)
    np.subtract.at(p, (np.arange(len(labels)), labels), 1.0)
    return p * grad_output / len(labels)


# ----------------------------------------------------------------------------------------
# jacobian_fd
# ----------------------------------------------------------------------------------------


def jfd_forward(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    base = np.asarray(f(x), dtype=float)
    columns = []
    for j in range(x.size):
        step = np.zeros_like(x)
        step[j] = eps
        columns.append((np.asarray(f(x + step), dtype=float) - base) / eps)
    return np.stack(columns, axis=1)


def jfd_rows_are_inputs(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    rows = []
    for j in range(x.size):
        step = np.zeros_like(x)
        step[j] = eps
        rows.append((np.asarray(f(x + step)) - np.asarray(f(x - step))) / (2 * eps))
    return np.array(rows)  # shape (n, m)


def jfd_fixed_eps(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    columns = []
    for j in range(x.size):
        step = np.zeros_like(x)
        step[j] = 1e-6
        columns.append((np.asarray(f(x + step)) - np.asarray(f(x - step))) / 2e-6)
    return np.stack(columns, axis=1)


def jfd_not_restored(f, x, eps=1e-6):
    columns = []
    for j in range(x.size):
        x[j] += eps
        ahead = np.array(f(x), dtype=float)
        x[j] -= 2 * eps  # ... and never put back
        behind = np.array(f(x), dtype=float)
        columns.append((ahead - behind) / (2 * eps))
    return np.stack(columns, axis=1)


def jfd_divides_by_eps(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    columns = []
    for j in range(x.size):
        step = np.zeros_like(x)
        step[j] = eps
        columns.append((np.asarray(f(x + step)) - np.asarray(f(x - step))) / eps)
    return np.stack(columns, axis=1)


def jfd_step_not_reset(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    step = np.zeros_like(x)  # made once, outside the loop
    columns = []
    for j in range(x.size):
        step[j] = eps
        columns.append((np.asarray(f(x + step)) - np.asarray(f(x - step))) / (2 * eps))
    return np.stack(columns, axis=1)


def jfd_all_at_once(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    column = (np.asarray(f(x + eps)) - np.asarray(f(x - eps))) / (2 * eps)
    return np.tile(column[:, None], (1, x.size))


def jfd_identity_rows(f, x, eps=1e-6):
    steps = eps * np.eye(x.size)
    ahead = np.array([f(x + s) for s in steps], dtype=float)  # (n, m)
    behind = np.array([f(x - s) for s in steps], dtype=float)
    return ((ahead - behind) / (2 * eps)).T


def jfd_perturb_and_restore(f, x, eps=1e-6):
    jac = None
    for j in range(x.size):
        original = x[j]
        x[j] = original + eps
        ahead = np.array(f(x), dtype=float)
        x[j] = original - eps
        behind = np.array(f(x), dtype=float)
        x[j] = original
        if jac is None:
            jac = np.empty((ahead.size, x.size))
        jac[:, j] = (ahead - behind) / (2 * eps)
    return jac


# ----------------------------------------------------------------------------------------
# jacobian_reverse
# ----------------------------------------------------------------------------------------


def jr_never_cleared(f, x):
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
    return np.array(rows).T


def jr_all_ones(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    rows = []
    for _ in range(y.shape[0]):
        leaf.grad = None
        y.backward(np.ones(y.shape))
        rows.append(leaf.grad.copy())
    return np.array(rows)


def jr_units_of_input_size(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    rows = []
    for unit in np.eye(len(x)):  # one unit vector per input, not per output
        leaf.grad = None
        y.backward(unit)
        rows.append(leaf.grad.copy())
    return np.array(rows)


def jr_aliases_grad(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    rows = []
    for unit in np.eye(y.shape[0]):
        if leaf.grad is not None:
            leaf.grad[...] = 0.0  # clears the array the previous row still points to
        y.backward(unit)
        rows.append(leaf.grad)
    return np.array(rows)


def jr_fresh_graph_per_row(f, x):
    rows = []
    m = None
    i = 0
    while m is None or i < m:
        leaf = mg.Tensor(np.array(x, dtype=float), requires_grad=True)
        y = f(leaf)
        m = y.shape[0]
        seed = np.zeros(m)
        seed[i] = 1.0
        y.backward(seed)
        rows.append(leaf.grad.copy())
        i += 1
    return np.vstack(rows)


def jr_weighted_sum(f, x):
    # row i is the gradient of the scalar y · e_i, built as a graph of its own
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    jac = np.zeros((y.shape[0], leaf.shape[0]))
    for i in range(y.shape[0]):
        leaf.grad = None
        (y * mg.Tensor(np.eye(y.shape[0])[i])).sum().backward()
        jac[i] = leaf.grad
    return jac


# ----------------------------------------------------------------------------------------
# chain_gradients
# ----------------------------------------------------------------------------------------


def cg_matrix_first(input_jacobians, grad_last):
    grads = [np.array(grad_last, dtype=float)]
    for J in reversed(input_jacobians):
        grads.append(J @ grads[-1])
    return grads[::-1]


def cg_not_reversed(input_jacobians, grad_last):
    grads = [np.array(grad_last, dtype=float)]
    for J in reversed(input_jacobians):
        grads.append(grads[-1] @ J)
    return grads


def cg_reverses_input(input_jacobians, grad_last):
    input_jacobians.reverse()  # walk from the last stage
    grads = [np.array(grad_last, dtype=float)]
    for J in input_jacobians:
        grads.append(grads[-1] @ J)
    return grads[::-1]


def cg_stops_early(input_jacobians, grad_last):
    grads = [np.array(grad_last, dtype=float)]
    for k in range(len(input_jacobians) - 1, 0, -1):
        grads.append(grads[-1] @ input_jacobians[k])
    return grads[::-1]


def cg_products_wrong_way(input_jacobians, grad_last):
    grads = []
    for k in range(len(input_jacobians)):
        product = input_jacobians[k]
        for J in input_jacobians[k + 1:]:
            product = product @ J  # multiplies the later stages on the wrong side
        grads.append(np.array(grad_last, dtype=float) @ product)
    return grads + [np.array(grad_last, dtype=float)]


def cg_recursive(input_jacobians, grad_last):
    if not input_jacobians:
        return [np.array(grad_last, dtype=float)]
    later = cg_recursive(input_jacobians[1:], grad_last)
    return [later[0] @ input_jacobians[0]] + later


def cg_cumulative_products(input_jacobians, grad_last):
    # J_total(k) = J_(K−1) ··· J_k, built from the last stage down
    grads = [np.array(grad_last, dtype=float)]
    total = np.eye(len(grad_last))
    for J in input_jacobians[::-1]:
        total = total @ J
        grads.insert(0, np.array(grad_last, dtype=float) @ total)
    return grads


# ----------------------------------------------------------------------------------------
# loglog_slope
# ----------------------------------------------------------------------------------------


def ll_log_times_only(sizes, times):
    return float(np.polyfit(np.asarray(sizes, dtype=float), np.log(times), 1)[0])


def ll_ends_only(sizes, times):
    return float((math.log(times[-1]) - math.log(times[0])) / (math.log(sizes[-1]) - math.log(sizes[0])))


def ll_inverse_regression(sizes, times):
    return float(np.polyfit(np.log(times), np.log(np.asarray(sizes, dtype=float)), 1)[0])


def ll_mean_of_neighbour_slopes(sizes, times):
    ls, lt = np.log(np.asarray(sizes, dtype=float)), np.log(times)
    return float(np.mean(np.diff(lt) / np.diff(ls)))


def ll_takes_intercept(sizes, times):
    return float(np.polyfit(np.log(np.asarray(sizes, dtype=float)), np.log(times), 1)[1])


def ll_covariance(sizes, times):
    u = np.log2(np.asarray(sizes, dtype=float))
    v = np.log2(np.asarray(times, dtype=float))
    u, v = u - u.mean(), v - v.mean()
    return float(u @ v / (u @ u))


def ll_lstsq(sizes, times):
    design = np.column_stack([np.log10(np.asarray(sizes, dtype=float)), np.ones(len(sizes))])
    coefficients = np.linalg.lstsq(design, np.log10(np.asarray(times, dtype=float)), rcond=None)[0]
    return float(coefficients[0])


# ----------------------------------------------------------------------------------------
# largest_stable_learning_rate
# ----------------------------------------------------------------------------------------


def lslr_smallest(X):
    return float(2.0 / np.linalg.eigvalsh(2.0 / len(X) * X.T @ X).min())


def lslr_no_scale(X):
    return float(2.0 / np.linalg.eigvalsh(X.T @ X)[-1])


def lslr_one_over(X):
    return float(1.0 / np.linalg.eigvalsh(2.0 / len(X) * X.T @ X)[-1])


def lslr_first_eigenvalue(X):
    # eigvalsh sorts ascending; taken as if it sorted descending
    return float(2.0 / np.linalg.eigvalsh(2.0 / len(X) * X.T @ X)[0])


def lslr_trace(X):
    return float(2.0 / np.trace(2.0 / len(X) * X.T @ X))


def lslr_covariance(X):
    return float(2.0 / np.linalg.eigvalsh(2.0 * np.atleast_2d(np.cov(X, rowvar=False)))[-1])


def lslr_largest_diagonal(X):
    return float(2.0 / np.max(np.diag(2.0 / len(X) * X.T @ X)))


def lslr_singular_value(X):
    # λ_max((2/P) XᵀX) = (2/P) σ_max(X)²
    return float(2.0 / (2.0 / X.shape[0] * np.linalg.norm(X, 2) ** 2))


def lslr_svd(X):
    sigma = np.linalg.svd(X, compute_uv=False)
    return float(X.shape[0] / sigma[0] ** 2)


# ----------------------------------------------------------------------------------------
# mse_gradient
# ----------------------------------------------------------------------------------------


def mg_no_two(w, X_batch, y_batch):
    return X_batch.T @ (X_batch @ w - y_batch) / len(y_batch)


def mg_over_features(w, X_batch, y_batch):
    return 2.0 / len(w) * X_batch.T @ (X_batch @ w - y_batch)


def mg_flipped(w, X_batch, y_batch):
    return 2.0 / len(y_batch) * X_batch.T @ (y_batch - X_batch @ w)


def mg_no_transpose(w, X_batch, y_batch):
    return 2.0 / len(y_batch) * X_batch @ (X_batch @ w - y_batch)


def mg_forgotten_column(w, X_batch, y_batch):
    residual = X_batch @ w - y_batch
    return 2.0 * (X_batch * residual).sum(axis=0) / len(y_batch)


def mg_mean_of_everything(w, X_batch, y_batch):
    return 2.0 * np.mean(X_batch.T @ (X_batch @ w - y_batch)) * np.ones_like(w)


def mg_integer_count(w, X_batch, y_batch):
    # 2 // |B| is 0 for every batch of more than two rows
    return 2 // len(y_batch) * X_batch.T @ (X_batch @ w - y_batch)


def mg_rows_weighted(w, X_batch, y_batch):
    residual = X_batch @ w - y_batch
    return 2.0 * (X_batch * residual[:, None]).mean(axis=0)


def mg_einsum(w, X_batch, y_batch):
    residual = np.einsum("bd,d->b", X_batch, w) - y_batch
    return np.einsum("bd,b->d", X_batch, residual) * (2.0 / X_batch.shape[0])


# ----------------------------------------------------------------------------------------
# minibatch_indices
# ----------------------------------------------------------------------------------------


def mi_in_order(n, batch_size, rng):
    order = np.arange(n)
    return [order[s:s + batch_size] for s in range(0, n, batch_size)]


def mi_whole_batches(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[k * batch_size:(k + 1) * batch_size] for k in range(n // batch_size)]


def mi_global_random(n, batch_size, rng):
    order = np.random.permutation(n)
    return [order[s:s + batch_size] for s in range(0, n, batch_size)]


def mi_with_replacement(n, batch_size, rng):
    order = rng.integers(0, n, size=n)
    return [order[s:s + batch_size] for s in range(0, n, batch_size)]


def mi_array_split(n, batch_size, rng):
    order = rng.permutation(n)
    return np.array_split(order, max(1, n // batch_size))


def mi_fresh_permutation_per_batch(n, batch_size, rng):
    return [rng.permutation(n)[s:s + batch_size] for s in range(0, n, batch_size)]


def mi_stops_one_early(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[s:s + batch_size] for s in range(0, n - batch_size, batch_size)]


def mi_sorted_batches(n, batch_size, rng):
    order = rng.permutation(n)
    return [np.sort(order[s:s + batch_size]) for s in range(0, n, batch_size)]


def mi_shuffle_arange(n, batch_size, rng):
    order = np.arange(n)
    rng.shuffle(order)  # what rng.permutation(n) does inside
    return [order[s:s + batch_size] for s in range(0, n, batch_size)]


def mi_split_at_cuts(n, batch_size, rng):
    return np.split(rng.permutation(n), np.arange(batch_size, n, batch_size))


def mi_while_loop(n, batch_size, rng):
    rest, batches = rng.permutation(n), []
    while rest.size:
        batches.append(rest[:batch_size])
        rest = rest[batch_size:]
    return batches


# ----------------------------------------------------------------------------------------
# the two lists
# ----------------------------------------------------------------------------------------

WRONG = [
    Blind("numerical_derivative", "forward_difference", "forward difference (f(x+h) - f(x)) / h", nd_forward),
    Blind("numerical_derivative", "forward_difference", "one-sided backward difference (f(x) - f(x-h)) / h",
          nd_backward_difference),
    Blind("numerical_derivative", "fixed_step", "always uses h = 1e-5, whatever h is given", nd_fixed_h),
    Blind("numerical_derivative", "missing_factor", "divides by h instead of 2h", nd_divides_by_h),
    Blind("numerical_derivative", "missing_factor", "operator precedence: / 2 * h multiplies by h",
          nd_precedence),
    Blind("numerical_derivative", "in_place", "nudges x in place with += and -=", nd_nudges_x_in_place),
    Blind("numerical_derivative", None, "result buffer zeros_like(x): integer x truncates the slope",
          nd_result_buffer_like_x),

    Blind("gradient_descent_update", "sign_error", "steps uphill: x + lr * grad", gdu_ascent),
    Blind("gradient_descent_update", "fixed_step", "ignores the learning rate", gdu_no_rate,
          also=("missing_factor",)),
    Blind("gradient_descent_update", "in_place", "x -= lr * grad changes the caller's array", gdu_in_place),
    Blind("gradient_descent_update", None, "divides the gradient by the learning rate", gdu_divides_by_rate),
    Blind("gradient_descent_update", None, "copy of x keeps an integer dtype and truncates the new x",
          gdu_copy_keeps_dtype),
    Blind("gradient_descent_update", None, "returns the step, not the new position", gdu_returns_step),

    Blind("gradient_check_error", "wrong_error_measure", "no 1e-8 floor in the denominator (0/0 when G = 0)",
          gce_no_floor),
    Blind("gradient_check_error", "wrong_error_measure", "mean of the relative errors instead of the max",
          gce_mean),
    Blind("gradient_check_error", "forward_difference", "numerical side by a forward difference",
          gce_forward_difference),
    Blind("gradient_check_error", "fixed_step", "numerical side always with h = 1e-5", gce_fixed_h),
    Blind("gradient_check_error", "ignored_upstream", "numerical side forgets to multiply by G",
          gce_numeric_without_upstream),
    Blind("gradient_check_error", "wrong_point", "passes x where the backward expects sigmoid(x)",
          gce_passes_x_as_out),
    Blind("gradient_check_error", "wrong_error_measure", "divides by the larger of |a|, |n| instead of their sum",
          gce_larger_of_two),

    Blind("parabola_rates", "missing_factor", "takes f'(x) = x: factor 1 - lr, rates 1 and 2",
          pr_forgets_derivative_two),
    Blind("parabola_rates", "sign_error", "step factor 2 lr - 1", pr_factor_sign),
    Blind("parabola_rates", None, "first unstable rate 0.5, where the step first overshoots",
          pr_unstable_at_overshoot),

    Blind("hand_gradients", "overwrite_fanout", "df/dx only through q = x*y", hg_only_through_q),
    Blind("hand_gradients", "overwrite_fanout", "df/dx only along the direct factor x", hg_only_direct_path),
    Blind("hand_gradients", "sign_error", "df/dy with the wrong sign", hg_dy_sign),
    Blind("hand_gradients", "swapped", "df/dy and df/dz swapped", hg_dy_dz_swapped),
    Blind("hand_gradients", "missing_factor", "df/dz stops at dr/dz = 1, not times df/dr = x",
          hg_dz_stops_at_r),

    Blind("topological_sort", "repeated_nodes", "recursive DFS with no visited set", ts_no_visited),
    Blind("topological_sort", "wrong_order", "breadth-first order from the root, reversed", ts_reversed_bfs),
    Blind("topological_sort", None, "leaves out constants (requires_grad=False)", ts_only_grad_tensors),
    Blind("topological_sort", "wrong_order", "root first: the post-order reversed", ts_root_first),
    Blind("topological_sort", "wrong_order", "reversed pre-order of an iterative DFS", ts_reversed_preorder),
    Blind("topological_sort", "repeated_nodes", "marks only operations as visited: shared leaves repeat",
          ts_leaves_not_marked),

    Blind("backward_pass", "overwrite_fanout", "assigns a parent's gradient instead of adding", bp_overwrites),
    Blind("backward_pass", "wrong_order", "breadth-first from the root", bp_breadth_first),
    Blind("backward_pass", None, "seeds the root with a scalar 1, not ones of its shape", bp_scalar_seed),
    Blind("backward_pass", "repeated_nodes", "recursion per path, a shared node sends on its running total each visit",
          bp_recursive_sends_total),
    Blind("backward_pass", "ignored_upstream", "every local step gets ones instead of the node's gradient",
          bp_ones_at_every_node),
    Blind("backward_pass", None, "stores gradients of intermediate nodes only, no leaves", bp_skips_leaves),

    Blind("bfs_counterexample", None, "the notebook's graph, which uses neg", ce_uses_neg),
    Blind("bfs_counterexample", None, "x * x: both paths have the same length", ce_equal_path_lengths),
    Blind("bfs_counterexample", None, "a loss of three elements", ce_loss_not_scalar),
    Blind("bfs_counterexample", None, "returns the intermediate node as w", ce_intermediate_as_w),

    Blind("sigmoid", "unstable", "1 / (1 + exp(-x)) overflows for x = -1000", sig_naive),
    Blind("sigmoid", "unstable", "exp(x) / (1 + exp(x)) overflows for x = 1000", sig_exp_ratio),
    Blind("sigmoid", "unstable", "np.where over both formulas: both are computed everywhere",
          sig_where_both_branches),
    Blind("sigmoid", None, "clips x to [-10, 10] against overflow", sig_clipped),
    Blind("sigmoid", None, "empty_like(x): integer inputs give an integer result", sig_buffer_like_x),

    Blind("sigmoid_backward", "wrong_point", "sigma' evaluated at the output", sb_at_output),
    Blind("sigmoid_backward", "wrong_point", "textbook slip out * sigma(1 - x)", sb_textbook),
    Blind("sigmoid_backward", "wrong_point", "x * (1 - x): the input used as the output", sb_treats_x_as_output),
    Blind("sigmoid_backward", "ignored_upstream", "forgets grad_output", sb_no_upstream),
    Blind("sigmoid_backward", "unstable", "recomputes 1 / (1 + exp(-x))", sb_recomputes_naively),
    Blind("sigmoid_backward", "unstable", "exp(-x) / (1 + exp(-x))**2 gives inf / inf", sb_exp_quotient),
    Blind("sigmoid_backward", "in_place", "grad_output *= ...", sb_in_place),

    Blind("tanh_backward", "wrong_point", "1 - x**2: at the input", tb_at_input),
    Blind("tanh_backward", "wrong_point", "1 - tanh(out)**2: tanh applied twice", tb_tanh_of_output),
    Blind("tanh_backward", None, "(1 - out)**2 instead of 1 - out**2", tb_square_misplaced),
    Blind("tanh_backward", "ignored_upstream", "forgets grad_output", tb_no_upstream),
    Blind("tanh_backward", "unstable", "1 / cosh(x)**2 overflows", tb_cosh),
    Blind("tanh_backward", "sign_error", "out**2 - 1", tb_flipped),
    Blind("tanh_backward", "missing_factor", "via 2 sigma(2x) - 1, forgets the inner factor 2",
          tb_via_sigmoid_forgets_chain),

    Blind("relu_backward", "kink_convention", "x >= 0 lets the gradient through at 0", rb_at_zero_passes),
    Blind("relu_backward", "ignored_upstream", "returns the mask alone", rb_no_upstream),
    Blind("relu_backward", None, "precedence: grad_output * x > 0 is a boolean array", rb_precedence),
    Blind("relu_backward", "in_place", "zeroes entries of grad_output itself", rb_in_place),
    Blind("relu_backward", None, "grad_output * sign(x): negative inputs flip the gradient", rb_sign),
    Blind("relu_backward", "wrong_point", "masks where grad_output > 0 instead of x > 0", rb_masks_by_upstream),
    Blind("relu_backward", "kink_convention", "(sign(x) + 1) / 2 gives 1/2 at x = 0", rb_half_sign),

    Blind("mul_backward", "swapped", "(G * a, G * b)", mb_swapped),
    Blind("mul_backward", "ignored_upstream", "(b, a) without the upstream gradient", mb_no_upstream),
    Blind("mul_backward", None, "copy-paste: both gradients G * b", mb_copy_paste),
    Blind("mul_backward", None, "G * out / a: divides by zero where a is 0", mb_divides_output),
    Blind("mul_backward", "wrong_product", "matrix products G @ b, G @ a", mb_matrix_product),
    Blind("mul_backward", "in_place", "multiplies grad_output in place", mb_in_place),

    Blind("add_backward", "missing_broadcast_sum", "returns G for both inputs", ab_no_sum),
    Blind("add_backward", None, "sums over rows for b whatever its shape", ab_bias_only),
    Blind("add_backward", None, "sums broadcast axes without keepdims: a (1, D) gets shape (D,)",
          ab_sum_without_keepdims),
    Blind("add_backward", "missing_broadcast_sum", "takes the first row instead of summing the rows",
          ab_first_row),
    Blind("add_backward", "missing_factor", "mean over broadcast axes instead of sum", ab_mean),
    Blind("add_backward", "missing_broadcast_sum", "reduces only b; a broadcast on the left keeps G",
          ab_only_b_broadcasts),

    Blind("matmul_backward", "transposed", "dL/db = G.T @ a", mmb_db_transposed),
    Blind("matmul_backward", "transposed", "dL/da = b @ G.T", mmb_da_transposed),
    Blind("matmul_backward", "wrong_product", "elementwise products", mmb_elementwise),
    Blind("matmul_backward", "ignored_upstream", "ones in place of G", mmb_no_upstream),
    Blind("matmul_backward", "swapped", "returns (dL/db, dL/da)", mmb_returned_swapped),
    Blind("matmul_backward", "transposed", "einsum with b's indices in the wrong order",
          mmb_einsum_wrong_indices),

    Blind("linear_backward", "missing_factor", "db = mean over the rows", lb_bias_mean),
    Blind("linear_backward", None, "db summed over the output axis", lb_bias_wrong_axis),
    Blind("linear_backward", "missing_broadcast_sum", "db = G without the sum over rows", lb_bias_no_sum),
    Blind("linear_backward", "transposed", "dW = G.T @ x", lb_weight_transposed),
    Blind("linear_backward", "transposed", "dx = G @ W without the transpose", lb_input_without_transpose),
    Blind("linear_backward", "missing_factor", "dW averaged over the rows", lb_averaged_weight),

    Blind("mse_backward", "missing_factor", "divides by len(pred) instead of its size", mseb_len),
    Blind("mse_backward", "missing_factor", "forgets the 2", mseb_no_two),
    Blind("mse_backward", "sign_error", "target - pred", mseb_flipped),
    Blind("mse_backward", "ignored_upstream", "forgets grad_output", mseb_no_upstream),
    Blind("mse_backward", None, "returns one number, the mean of the gradient", mseb_mean_of_gradient),
    Blind("mse_backward", None, "floor division // by the size", mseb_floor_division),

    Blind("cross_entropy_backward", "unstable", "softmax without subtracting the maximum", ceb_no_shift),
    Blind("cross_entropy_backward", "unstable", "subtracts the batch's maximum, not each row's", ceb_batch_max),
    Blind("cross_entropy_backward", "missing_onehot", "softmax alone, no one-hot subtracted", ceb_probs_only),
    Blind("cross_entropy_backward", "missing_factor", "no division by the number of rows", ceb_not_averaged),
    Blind("cross_entropy_backward", "sign_error", "one-hot minus probabilities", ceb_target_minus_probs),
    Blind("cross_entropy_backward", "in_place", "subtracts the row maximum from logits in place",
          ceb_shifts_in_place),
    Blind("cross_entropy_backward", "ignored_upstream", "forgets grad_output", ceb_no_upstream),
    Blind("cross_entropy_backward", None, "softmax over the batch axis", ceb_softmax_over_batch),

    Blind("jacobian_fd", "forward_difference", "forward differences", jfd_forward),
    Blind("jacobian_fd", "transposed", "stacks one row per input: shape (n, m)", jfd_rows_are_inputs),
    Blind("jacobian_fd", "fixed_step", "always eps = 1e-6", jfd_fixed_eps),
    Blind("jacobian_fd", "in_place", "perturbs x in place and never restores it", jfd_not_restored),
    Blind("jacobian_fd", "missing_factor", "divides by eps instead of 2 eps", jfd_divides_by_eps),
    Blind("jacobian_fd", "stale_gradient", "step vector made once: earlier nudges stay in it",
          jfd_step_not_reset),
    Blind("jacobian_fd", None, "nudges all coordinates at once", jfd_all_at_once),

    Blind("jacobian_reverse", "stale_gradient", "never clears leaf.grad between rows", jr_never_cleared),
    Blind("jacobian_reverse", "transposed", "returns the rows as columns", jr_columns),
    Blind("jacobian_reverse", None, "backward with ones every time: each row the sum of rows", jr_all_ones),
    Blind("jacobian_reverse", None, "unit vectors of the input's size, not the output's", jr_units_of_input_size),
    Blind("jacobian_reverse", None, "zeroes .grad in place, the array the last row holds: rows but the last are 0",
          jr_aliases_grad),

    Blind("chain_gradients", "transposed", "J @ g instead of g @ J", cg_matrix_first),
    Blind("chain_gradients", "wrong_order", "list from dc/dz_K down to dc/dz_0", cg_not_reversed),
    Blind("chain_gradients", "in_place", "reverses the caller's list of Jacobians", cg_reverses_input),
    Blind("chain_gradients", None, "loop stops before J_0: dc/dz_0 is missing", cg_stops_early),
    Blind("chain_gradients", "wrong_order", "products of the Jacobians in the wrong order",
          cg_products_wrong_way),

    Blind("loglog_slope", "wrong_axes", "log of the times against the raw sizes", ll_log_times_only),
    Blind("loglog_slope", "not_least_squares", "slope through the first and last points", ll_ends_only),
    Blind("loglog_slope", "wrong_axes", "regresses log sizes on log times", ll_inverse_regression),
    Blind("loglog_slope", "not_least_squares", "mean of the slopes between neighbours",
          ll_mean_of_neighbour_slopes),
    Blind("loglog_slope", None, "takes polyfit's second coefficient, the intercept", ll_takes_intercept),

    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "2 / the smallest eigenvalue", lslr_smallest),
    Blind("largest_stable_learning_rate", "missing_factor", "Hessian without the 2/P", lslr_no_scale),
    Blind("largest_stable_learning_rate", "missing_factor", "1 / lambda_max", lslr_one_over),
    Blind("largest_stable_learning_rate", "wrong_eigenvalue", "eigvalsh()[0] read as the largest",
          lslr_first_eigenvalue),
    Blind("largest_stable_learning_rate", None, "2 / the trace of H", lslr_trace),
    Blind("largest_stable_learning_rate", None, "Hessian from np.cov (centred, / (P - 1))", lslr_covariance),
    Blind("largest_stable_learning_rate", None, "2 / the largest diagonal entry of H", lslr_largest_diagonal),

    Blind("mse_gradient", "missing_factor", "forgets the 2", mg_no_two),
    Blind("mse_gradient", "missing_factor", "divides by the number of features", mg_over_features),
    Blind("mse_gradient", "sign_error", "residual y - Xw", mg_flipped),
    Blind("mse_gradient", "transposed", "X @ residual instead of X.T @ residual", mg_no_transpose),
    Blind("mse_gradient", None, "X * residual without the [:, None]", mg_forgotten_column),
    Blind("mse_gradient", None, "averages the whole gradient into one number", mg_mean_of_everything),
    Blind("mse_gradient", None, "integer division 2 // |B|", mg_integer_count),

    Blind("minibatch_indices", "no_shuffle", "indices in order", mi_in_order),
    Blind("minibatch_indices", "drops_last", "only n // batch_size batches", mi_whole_batches),
    Blind("minibatch_indices", "ignores_rng", "np.random.permutation instead of rng", mi_global_random),
    Blind("minibatch_indices", None, "draws indices with replacement", mi_with_replacement),
    Blind("minibatch_indices", None, "np.array_split into n // batch_size pieces", mi_array_split),
    Blind("minibatch_indices", "ignores_rng", "a fresh permutation for every batch", mi_fresh_permutation_per_batch),
    Blind("minibatch_indices", "drops_last", "range stops at n - batch_size", mi_stops_one_early),
    Blind("minibatch_indices", None, "sorts each batch", mi_sorted_batches),
]

CORRECT = [
    Blind("numerical_derivative", None, "multiplies by 0.5 / h", nd_half_reciprocal),
    Blind("numerical_derivative", None, "computes on a float array, a float back for a number",
          nd_float_array_then_back),
    Blind("gradient_descent_update", None, "adds the negated step with ufuncs", gdu_negated_step_added),
    Blind("gradient_descent_update", None, "np.subtract on a float copy of the gradient", gdu_subtract_ufunc),
    Blind("gradient_check_error", None, "element by element with math.exp", gce_elementwise_loop),
    Blind("parabola_rates", None, "factor from one step at x = 3", pr_one_step_factor),
    Blind("hand_gradients", None, "from the expanded polynomial x^2 y + x z", hg_expanded_polynomial),
    Blind("topological_sort", None, "Kahn's algorithm from the root, reversed", ts_kahn),
    Blind("topological_sort", None, "iterative post-order with parent iterators, ids as marks",
          ts_iterative_postorder_by_id),
    Blind("backward_pass", None, "consumer counting instead of a sort", bp_consumer_counting),
    Blind("backward_pass", None, "recursive sort, np.add to accumulate", bp_with_own_sort_recursive),
    Blind("bfs_counterexample", None, "x + exp(x) with x = w * w", ce_exp_of_shared_node),
    Blind("bfs_counterexample", None, "x + sigmoid(sigmoid(x)), summed", ce_sigmoid_detour),
    Blind("sigmoid", None, "exp(-logaddexp(0, -x))", sig_logaddexp),
    Blind("sigmoid", None, "masked assignment of the two stable formulas", sig_masked),
    Blind("sigmoid_backward", None, "e^-|x| / (1 + e^-|x|)^2 from x alone", sb_from_x_stably),
    Blind("sigmoid_backward", None, "out - out^2 with ufuncs", sb_out_minus_square),
    Blind("tanh_backward", None, "(1 - out)(1 + out)", tb_factored),
    Blind("tanh_backward", None, "4 e^-2|x| / (1 + e^-2|x|)^2", tb_exp_form),
    Blind("relu_backward", None, "mask from the output", rb_from_output),
    Blind("relu_backward", None, "np.heaviside(x, 0)", rb_heaviside),
    Blind("relu_backward", None, "np.where(x > 0, G, 0)", rb_where),
    Blind("mul_backward", None, "einsum", mb_einsum),
    Blind("mul_backward", None, "a list of two np.multiply", mb_list),
    Blind("add_backward", None, "right-aligned shapes, one sum with keepdims, reshape", ab_right_aligned_loop),
    Blind("add_backward", None, "sums over the zero-stride axes of a broadcast view", ab_zero_strides),
    Blind("matmul_backward", None, "einsum", mmb_einsum),
    Blind("matmul_backward", None, "tensordot and a sum of outer products", mmb_outer_products),
    Blind("linear_backward", None, "einsum", lb_einsum),
    Blind("linear_backward", None, "a loop over the samples", lb_per_sample),
    Blind("mse_backward", None, "(d + d) / size", mseb_doubled_difference),
    Blind("mse_backward", None, "chain through the mean's 1/n shares", mseb_via_ones_mean),
    Blind("cross_entropy_backward", None, "log-softmax with logaddexp.reduce", ceb_log_softmax),
    Blind("cross_entropy_backward", None, "np.subtract.at on the label entries", ceb_scatter),
    Blind("jacobian_fd", None, "unit steps from np.eye, transposed at the end", jfd_identity_rows),
    Blind("jacobian_fd", None, "perturbs x in place and restores the saved entry", jfd_perturb_and_restore),
    Blind("jacobian_reverse", None, "a fresh leaf and graph for every row", jr_fresh_graph_per_row),
    Blind("jacobian_reverse", None, "row i as the gradient of (y * e_i).sum()", jr_weighted_sum),
    Blind("chain_gradients", None, "recursion on the later stages", cg_recursive),
    Blind("chain_gradients", None, "cumulative Jacobian products", cg_cumulative_products),
    Blind("loglog_slope", None, "covariance over variance, base-2 logs", ll_covariance),
    Blind("loglog_slope", None, "np.linalg.lstsq, base-10 logs", ll_lstsq),
    Blind("largest_stable_learning_rate", None, "spectral norm of X", lslr_singular_value),
    Blind("largest_stable_learning_rate", None, "P / sigma_max^2 from the SVD", lslr_svd),
    Blind("mse_gradient", None, "rows weighted by their residuals, averaged", mg_rows_weighted),
    Blind("mse_gradient", None, "einsum", mg_einsum),
    Blind("minibatch_indices", None, "rng.shuffle on arange(n)", mi_shuffle_arange),
    Blind("minibatch_indices", None, "np.split at multiples of batch_size", mi_split_at_cuts),
    Blind("minibatch_indices", None, "while loop peeling batches off", mi_while_loop),
]
