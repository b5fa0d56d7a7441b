"""Students' solutions, written the way students write them: for every exercise several
correct ones (algebraically equivalent forms included), and for every mistake the exercise
can name, a solution with exactly that mistake planted.

The mutation tests (tests/test_checks_mutations.py) assert that the checks pass the first
and fail — naming the right mistake — the second; `python -m autograder.matrix` turns the
same runs into the exercises × mistakes table of docs/mistakes.md.

    CORRECT["sigmoid_backward"]                  -> [function, ...]
    PLANTED["sigmoid_backward"]["wrong_point"]   -> [function, ...]
"""
from __future__ import annotations

from collections import deque

import numpy as np

import minigrad as mg

CORRECT: dict = {}
PLANTED: dict = {}


def correct(exercise: str):
    def register(fn):
        CORRECT.setdefault(exercise, []).append(fn)
        return fn
    return register


def planted(exercise: str, mistake: str):
    def register(fn):
        PLANTED.setdefault(exercise, {}).setdefault(mistake, []).append(fn)
        return fn
    return register


def _stable_sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


# ----- numerical_derivative -------------------------------------------------------------------
@correct("numerical_derivative")
def central_difference(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


@correct("numerical_derivative")
def central_difference_halved(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / h / 2


@planted("numerical_derivative", "forward_difference")
def forward_difference(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h


@planted("numerical_derivative", "forward_difference")
def backward_difference(f, x, h=1e-5):
    return (f(x) - f(x - h)) / h


@planted("numerical_derivative", "missing_factor")
def central_over_h(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / h


@planted("numerical_derivative", "sign_error")
def central_reversed(f, x, h=1e-5):
    return (f(x - h) - f(x + h)) / (2 * h)


@planted("numerical_derivative", "fixed_step")
def central_own_step(f, x, h=1e-5):
    step = 1e-5
    return (f(x + step) - f(x - step)) / (2 * step)


@planted("numerical_derivative", "in_place")
def central_moving_x(f, x, h=1e-5):
    x = np.asarray(x, dtype=float)   # a new array for a number, the same array for an array
    x += h
    up = f(x)
    x -= 2 * h
    down = f(x)
    x += h
    return (up - down) / (2 * h)


# ----- gradient_descent_update ----------------------------------------------------------------
@correct("gradient_descent_update")
def descend(x, gradx, learning_rate):
    return x - learning_rate * gradx


@correct("gradient_descent_update")
def descend_numpy(x, gradx, learning_rate):
    return np.subtract(x, np.multiply(learning_rate, gradx))


@planted("gradient_descent_update", "sign_error")
def ascend(x, gradx, learning_rate):
    return x + learning_rate * gradx


@planted("gradient_descent_update", "missing_factor")
def descend_whole_gradient(x, gradx, learning_rate):
    return x - gradx


@planted("gradient_descent_update", "in_place")
def descend_in_place(x, gradx, learning_rate):
    x -= learning_rate * gradx
    return x


# ----- gradient_check_error -------------------------------------------------------------------
def _relative(a, n):
    return np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))


@correct("gradient_check_error")
def gradient_check_error(backward, x, grad_output, h=1e-5):
    analytic = backward(x, _stable_sigmoid(x), grad_output)
    numeric = grad_output * (_stable_sigmoid(x + h) - _stable_sigmoid(x - h)) / (2 * h)
    return float(np.max(_relative(analytic, numeric)))


@correct("gradient_check_error")
def gradient_check_error_with_numerical_derivative(backward, x, grad_output, h=1e-5):
    slope = central_difference(_stable_sigmoid, x, h)
    analytic = backward(x, _stable_sigmoid(x), grad_output)
    rel = np.abs(analytic - grad_output * slope) / np.maximum(1e-8, np.abs(analytic) + np.abs(grad_output * slope))
    return float(rel.max())


@planted("gradient_check_error", "forward_difference")
def gradient_check_error_one_sided(backward, x, grad_output, h=1e-5):
    numeric = grad_output * (_stable_sigmoid(x + h) - _stable_sigmoid(x)) / h
    return float(np.max(_relative(backward(x, _stable_sigmoid(x), grad_output), numeric)))


@planted("gradient_check_error", "missing_factor")
def gradient_check_error_over_h(backward, x, grad_output, h=1e-5):
    numeric = grad_output * (_stable_sigmoid(x + h) - _stable_sigmoid(x - h)) / h
    return float(np.max(_relative(backward(x, _stable_sigmoid(x), grad_output), numeric)))


@planted("gradient_check_error", "ignored_upstream")
def gradient_check_error_without_upstream(backward, x, grad_output, h=1e-5):
    numeric = (_stable_sigmoid(x + h) - _stable_sigmoid(x - h)) / (2 * h)
    return float(np.max(_relative(backward(x, _stable_sigmoid(x), grad_output), numeric)))


@planted("gradient_check_error", "fixed_step")
def gradient_check_error_own_step(backward, x, grad_output, h=1e-5):
    step = 1e-5
    numeric = grad_output * (_stable_sigmoid(x + step) - _stable_sigmoid(x - step)) / (2 * step)
    return float(np.max(_relative(backward(x, _stable_sigmoid(x), grad_output), numeric)))


@planted("gradient_check_error", "wrong_point")
def gradient_check_error_input_as_output(backward, x, grad_output, h=1e-5):
    numeric = grad_output * (_stable_sigmoid(x + h) - _stable_sigmoid(x - h)) / (2 * h)
    return float(np.max(_relative(backward(x, x, grad_output), numeric)))


@planted("gradient_check_error", "wrong_error_measure")
def gradient_check_error_mean(backward, x, grad_output, h=1e-5):
    numeric = grad_output * (_stable_sigmoid(x + h) - _stable_sigmoid(x - h)) / (2 * h)
    return float(np.mean(_relative(backward(x, _stable_sigmoid(x), grad_output), numeric)))


@planted("gradient_check_error", "wrong_error_measure")
def gradient_check_error_relative_to_numeric(backward, x, grad_output, h=1e-5):
    numeric = grad_output * (_stable_sigmoid(x + h) - _stable_sigmoid(x - h)) / (2 * h)
    analytic = backward(x, _stable_sigmoid(x), grad_output)
    return float(np.max(np.abs(analytic - numeric) / np.abs(numeric)))


@planted("gradient_check_error", "wrong_error_measure")
def gradient_check_error_absolute(backward, x, grad_output, h=1e-5):
    numeric = grad_output * (_stable_sigmoid(x + h) - _stable_sigmoid(x - h)) / (2 * h)
    return float(np.max(np.abs(backward(x, _stable_sigmoid(x), grad_output) - numeric)))


@planted("gradient_check_error", "in_place")
def gradient_check_error_moving_x(backward, x, grad_output, h=1e-5):
    analytic = backward(x, _stable_sigmoid(x), grad_output)
    x += h
    upper = _stable_sigmoid(x)
    x -= 2 * h
    numeric = grad_output * (upper - _stable_sigmoid(x)) / (2 * h)
    return float(np.max(_relative(analytic, numeric)))


# ----- topological_sort -----------------------------------------------------------------------
@correct("topological_sort")
def depth_first_order(root):
    order, placed, stack = [], set(), [(root, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
            continue
        if node in placed:
            continue
        placed.add(node)
        stack.append((node, True))
        for parent in node.parents:
            if parent not in placed:
                stack.append((parent, False))
    return order


@correct("topological_sort")
def recursive_order(root):
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


@correct("topological_sort")
def kahn_order(root):
    nodes, stack = [], [root]
    while stack:
        node = stack.pop()
        if node not in nodes:
            nodes.append(node)
            stack.extend(node.parents)
    waiting = {node: len(set(node.parents)) for node in nodes}
    ready = [node for node in nodes if waiting[node] == 0]
    order = []
    while ready:
        node = ready.pop()
        order.append(node)
        for child in nodes:
            if node in child.parents:
                waiting[child] -= 1
                if waiting[child] == 0:
                    ready.append(child)
    return order


@planted("topological_sort", "wrong_order")
def breadth_first_order(root):
    order, seen, queue = [], {root}, deque([root])
    while queue:
        node = queue.popleft()
        order.append(node)
        for parent in node.parents:
            if parent not in seen:
                seen.add(parent)
                queue.append(parent)
    return order[::-1]


@planted("topological_sort", "wrong_order")
def root_first_order(root):
    return depth_first_order(root)[::-1]


@planted("topological_sort", "repeated_nodes")
def order_without_memory(root):
    order = []
    for parent in root.parents:
        order.extend(order_without_memory(parent))
    return order + [root]


# ----- backward_pass --------------------------------------------------------------------------
@correct("backward_pass")
def backward_pass(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(depth_first_order(root)):
        g = grads.get(node)
        if g is None or not node.parents:
            continue
        for parent, g_parent in zip(node.parents, mg.input_gradients(node, g)):
            if g_parent is None:
                continue
            grads[parent] = g_parent if parent not in grads else grads[parent] + g_parent
    return grads


@correct("backward_pass")
def backward_pass_with_get(root):
    grads = {root: np.ones_like(root.data)}
    for node in reversed(recursive_order(root)):
        if node.parents and node in grads:
            for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
                if g is not None:
                    grads[parent] = grads.get(parent, 0) + g
    return grads


def _backward_in(order_of, accumulate=True, upstream=True, in_place=False):
    def backward(root):
        grads = {root: np.ones_like(root.data)}
        for node in order_of(root):
            if not node.parents or node not in grads:
                continue
            g = grads[node] if upstream else np.ones_like(node.data)
            for parent, g_parent in zip(node.parents, mg.input_gradients(node, g)):
                if g_parent is None:
                    continue
                if parent in grads and accumulate:
                    if in_place:
                        grads[parent] += g_parent
                    else:
                        grads[parent] = grads[parent] + g_parent
                else:
                    grads[parent] = g_parent
        return grads
    return backward


def _reverse_topological(root):
    return reversed(depth_first_order(root))


@planted("backward_pass", "overwrite_fanout")
def backward_pass_overwriting(root):
    return _backward_in(_reverse_topological, accumulate=False)(root)


@planted("backward_pass", "wrong_order")
def backward_pass_breadth_first(root):
    grads, seen, queue = {root: np.ones_like(root.data)}, {root}, deque([root])
    while queue:
        node = queue.popleft()
        for parent, g in zip(node.parents, mg.input_gradients(node, grads[node]) if node.parents else ()):
            if g is not None:
                grads[parent] = grads[parent] + g if parent in grads else g
            if parent not in seen:
                seen.add(parent)
                queue.append(parent)
    return grads


@planted("backward_pass", "wrong_order")
def backward_pass_breadth_first_revisiting(root):
    grads, queue = {root: np.ones_like(root.data)}, deque([root])
    while queue:
        node = queue.popleft()
        for parent, g in zip(node.parents, mg.input_gradients(node, grads[node]) if node.parents else ()):
            if g is not None:
                grads[parent] = grads[parent] + g if parent in grads else g
            queue.append(parent)
    return grads


@planted("backward_pass", "ignored_upstream")
def backward_pass_local_only(root):
    return _backward_in(_reverse_topological, upstream=False)(root)


@planted("backward_pass", "in_place")
def backward_pass_adding_in_place(root):
    return _backward_in(_reverse_topological, in_place=True)(root)


# ----- sigmoid (forward) ----------------------------------------------------------------------
@correct("sigmoid")
def sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


@correct("sigmoid")
def sigmoid_logaddexp(x):
    return np.exp(-np.logaddexp(0.0, -x))


@correct("sigmoid")
def sigmoid_tanh(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


@planted("sigmoid", "unstable")
def sigmoid_textbook(x):
    return 1 / (1 + np.exp(-x))


@planted("sigmoid", "unstable")
def sigmoid_exp_ratio(x):
    return np.exp(x) / (1 + np.exp(x))


@planted("sigmoid", "sign_error")
def sigmoid_flipped(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, e / (1 + e), 1 / (1 + e))


@planted("sigmoid", "in_place")
def sigmoid_reusing_x(x):
    z = x
    z *= -1
    return 1 / (1 + np.exp(z))


# ----- sigmoid_backward -----------------------------------------------------------------------
@correct("sigmoid_backward")
def sigmoid_backward(x, out, grad_output):
    return grad_output * out * (1.0 - out)


@correct("sigmoid_backward")
def sigmoid_backward_from_input(x, out, grad_output):
    s = _stable_sigmoid(x)
    return grad_output * s * (1 - s)


@correct("sigmoid_backward")
def sigmoid_backward_symmetric(x, out, grad_output):
    return grad_output * _stable_sigmoid(x) * _stable_sigmoid(-x)


@planted("sigmoid_backward", "ignored_upstream")
def sigmoid_backward_local(x, out, grad_output):
    return out * (1 - out)


@planted("sigmoid_backward", "wrong_point")
def sigmoid_backward_typo(x, out, grad_output):
    return grad_output * _stable_sigmoid(x) * _stable_sigmoid(1 - x)


@planted("sigmoid_backward", "wrong_point")
def sigmoid_backward_at_input(x, out, grad_output):
    return grad_output * x * (1 - x)


@planted("sigmoid_backward", "sign_error")
def sigmoid_backward_negated(x, out, grad_output):
    return grad_output * out * (out - 1)


@planted("sigmoid_backward", "in_place")
def sigmoid_backward_in_place(x, out, grad_output):
    out *= 1 - out
    return grad_output * out


@planted("sigmoid_backward", "unstable")
def sigmoid_backward_recomputed(x, out, grad_output):
    s = 1 / (1 + np.exp(-x))
    return grad_output * s * (1 - s)


# ----- tanh_backward --------------------------------------------------------------------------
@correct("tanh_backward")
def tanh_backward(x, out, grad_output):
    return grad_output * (1 - out ** 2)


@correct("tanh_backward")
def tanh_backward_from_input(x, out, grad_output):
    return grad_output * (1 - np.tanh(x) * np.tanh(x))


@planted("tanh_backward", "ignored_upstream")
def tanh_backward_local(x, out, grad_output):
    return 1 - out ** 2


@planted("tanh_backward", "wrong_point")
def tanh_backward_at_input(x, out, grad_output):
    return grad_output * (1 - x ** 2)


@planted("tanh_backward", "sign_error")
def tanh_backward_negated(x, out, grad_output):
    return grad_output * (out ** 2 - 1)


@planted("tanh_backward", "in_place")
def tanh_backward_in_place(x, out, grad_output):
    grad_output *= 1 - out ** 2
    return grad_output


@planted("tanh_backward", "unstable")
def tanh_backward_cosh(x, out, grad_output):
    return grad_output / np.cosh(x) ** 2


# ----- relu_backward --------------------------------------------------------------------------
@correct("relu_backward")
def relu_backward(x, out, grad_output):
    return grad_output * (x > 0)


@correct("relu_backward")
def relu_backward_from_output(x, out, grad_output):
    return np.where(out > 0, grad_output, 0.0)


@correct("relu_backward")
def relu_backward_heaviside(x, out, grad_output):
    return grad_output * np.heaviside(x, 0.0)


@planted("relu_backward", "kink_convention")
def relu_backward_at_zero_one(x, out, grad_output):
    return grad_output * (x >= 0)


@planted("relu_backward", "ignored_upstream")
def relu_backward_mask_only(x, out, grad_output):
    return (x > 0).astype(float)


@planted("relu_backward", "sign_error")
def relu_backward_negated(x, out, grad_output):
    return -grad_output * (x > 0)


@planted("relu_backward", "in_place")
def relu_backward_in_place(x, out, grad_output):
    grad_output[x <= 0] = 0
    return grad_output


# ----- mul_backward ---------------------------------------------------------------------------
@correct("mul_backward")
def mul_backward(a, b, grad_output):
    return grad_output * b, grad_output * a


@correct("mul_backward")
def mul_backward_list(a, b, grad_output):
    return [np.multiply(b, grad_output), np.multiply(a, grad_output)]


@planted("mul_backward", "swapped")
def mul_backward_swapped(a, b, grad_output):
    return grad_output * a, grad_output * b


@planted("mul_backward", "ignored_upstream")
def mul_backward_local(a, b, grad_output):
    return b.copy(), a.copy()


@planted("mul_backward", "sign_error")
def mul_backward_negated(a, b, grad_output):
    return -grad_output * b, -grad_output * a


@planted("mul_backward", "in_place")
def mul_backward_in_place(a, b, grad_output):
    grad_a = grad_output * b
    grad_b = grad_output
    grad_b *= a
    return grad_a, grad_b


# ----- add_backward ---------------------------------------------------------------------------
def _sum_to(g, shape):
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and g.shape[axis] != 1:
            g = g.sum(axis=axis, keepdims=True)
    return g


@correct("add_backward")
def add_backward(a, b, grad_output):
    return _sum_to(grad_output, a.shape), _sum_to(grad_output, b.shape)


@correct("add_backward")
def add_backward_axes(a, b, grad_output):
    def reduce(shape):
        lead = grad_output.ndim - len(shape)
        axes = tuple(range(lead)) + tuple(lead + i for i, n in enumerate(shape) if n == 1)
        return grad_output.sum(axis=axes, keepdims=True).reshape(shape)
    return reduce(a.shape), reduce(b.shape)


@planted("add_backward", "missing_broadcast_sum")
def add_backward_unsummed(a, b, grad_output):
    return grad_output, grad_output


@planted("add_backward", "missing_broadcast_sum")
def add_backward_rows_only(a, b, grad_output):
    grad_a = grad_output if a.shape == grad_output.shape else grad_output.sum(axis=0)
    grad_b = grad_output if b.shape == grad_output.shape else grad_output.sum(axis=0)
    return grad_a, grad_b


@planted("add_backward", "ignored_upstream")
def add_backward_local(a, b, grad_output):
    return np.ones_like(a), np.ones_like(b)


@planted("add_backward", "sign_error")
def add_backward_negated(a, b, grad_output):
    return -_sum_to(grad_output, a.shape), -_sum_to(grad_output, b.shape)


@planted("add_backward", "in_place")
def add_backward_in_place(a, b, grad_output):
    grad = grad_output
    grad *= 1.0
    return _sum_to(grad, a.shape), _sum_to(grad, b.shape)


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


# ----- mse_backward ---------------------------------------------------------------------------
@correct("mse_backward")
def mse_backward(pred, target, grad_output):
    return grad_output * 2 * (pred - target) / pred.size


@correct("mse_backward")
def mse_backward_mean_form(pred, target, grad_output):
    return 2.0 * grad_output * (pred - target) / np.prod(pred.shape)


@planted("mse_backward", "missing_factor")
def mse_backward_without_two(pred, target, grad_output):
    return grad_output * (pred - target) / pred.size


@planted("mse_backward", "missing_factor")
def mse_backward_without_mean(pred, target, grad_output):
    return grad_output * 2 * (pred - target)


@planted("mse_backward", "missing_factor")
def mse_backward_per_row(pred, target, grad_output):
    return grad_output * 2 * (pred - target) / len(pred)


@planted("mse_backward", "ignored_upstream")
def mse_backward_local(pred, target, grad_output):
    return 2 * (pred - target) / pred.size


@planted("mse_backward", "sign_error")
def mse_backward_negated(pred, target, grad_output):
    return grad_output * 2 * (target - pred) / pred.size


@planted("mse_backward", "in_place")
def mse_backward_in_place(pred, target, grad_output):
    diff = pred
    diff -= target
    return grad_output * 2 * diff / diff.size


# ----- cross_entropy_backward -----------------------------------------------------------------
def _softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _onehot(labels, classes):
    return np.eye(classes)[labels]


@correct("cross_entropy_backward")
def cross_entropy_backward(logits, labels, grad_output):
    p = _softmax(logits)
    return grad_output * (p - _onehot(labels, logits.shape[1])) / len(labels)


@correct("cross_entropy_backward")
def cross_entropy_backward_log_softmax(logits, labels, grad_output):
    shifted = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True)))
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / logits.shape[0]


@planted("cross_entropy_backward", "unstable")
def cross_entropy_backward_naive_softmax(logits, labels, grad_output):
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    return grad_output * (p - _onehot(labels, logits.shape[1])) / len(labels)


@planted("cross_entropy_backward", "missing_factor")
def cross_entropy_backward_summed(logits, labels, grad_output):
    return grad_output * (_softmax(logits) - _onehot(labels, logits.shape[1]))


@planted("cross_entropy_backward", "missing_onehot")
def cross_entropy_backward_probabilities(logits, labels, grad_output):
    return grad_output * _softmax(logits) / len(labels)


@planted("cross_entropy_backward", "sign_error")
def cross_entropy_backward_negated(logits, labels, grad_output):
    return grad_output * (_onehot(labels, logits.shape[1]) - _softmax(logits)) / len(labels)


@planted("cross_entropy_backward", "ignored_upstream")
def cross_entropy_backward_local(logits, labels, grad_output):
    return (_softmax(logits) - _onehot(labels, logits.shape[1])) / len(labels)


@planted("cross_entropy_backward", "in_place")
def cross_entropy_backward_shifting_logits(logits, labels, grad_output):
    logits -= logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    return grad_output * (p - _onehot(labels, logits.shape[1])) / len(labels)


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
        up = f(x)
        x[j] = old - eps
        down = f(x)
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


# ----- loglog_slope ---------------------------------------------------------------------------
@correct("loglog_slope")
def loglog_slope(sizes, times):
    slope, _ = np.polyfit(np.log(np.asarray(sizes, dtype=float)), np.log(np.asarray(times, dtype=float)), 1)
    return float(slope)


@correct("loglog_slope")
def loglog_slope_base_ten(sizes, times):
    u, v = np.log10(np.asarray(sizes, dtype=float)), np.log10(times)
    u, v = u - u.mean(), v - v.mean()
    return float(u @ v / (u @ u))


@planted("loglog_slope", "wrong_axes")
def loglog_slope_linear_axes(sizes, times):
    return float(np.polyfit(sizes, times, 1)[0])


@planted("loglog_slope", "wrong_axes")
def loglog_slope_swapped(sizes, times):
    return float(np.polyfit(np.log(times), np.log(sizes), 1)[0])


@planted("loglog_slope", "wrong_axes")
def loglog_slope_semilog(sizes, times):
    return float(np.polyfit(np.asarray(sizes, dtype=float), np.log(times), 1)[0])


@planted("loglog_slope", "not_least_squares")
def loglog_slope_endpoints(sizes, times):
    return float(np.log(times[-1] / times[0]) / np.log(sizes[-1] / sizes[0]))


@planted("loglog_slope", "in_place")
def loglog_slope_logs_in_place(sizes, times):
    times[:] = np.log(times)
    return float(np.polyfit(np.log(np.asarray(sizes, dtype=float)), times, 1)[0])


# ----- mse_gradient ---------------------------------------------------------------------------
@correct("mse_gradient")
def mse_gradient(w, X_batch, y_batch):
    residual = X_batch @ w - y_batch
    return 2.0 / len(y_batch) * (X_batch.T @ residual)


@correct("mse_gradient")
def mse_gradient_sample_by_sample(w, X_batch, y_batch):
    total = np.zeros_like(w, dtype=float)
    for x, target in zip(X_batch, y_batch):
        total = total + 2 * (x @ w - target) * x
    return total / len(y_batch)


@correct("mse_gradient")
def mse_gradient_row_vector(w, X_batch, y_batch):
    return 2 * np.mean((X_batch @ w - y_batch)[:, None] * X_batch, axis=0)


@planted("mse_gradient", "missing_factor")
def mse_gradient_summed(w, X_batch, y_batch):
    return 2.0 * X_batch.T @ (X_batch @ w - y_batch)


@planted("mse_gradient", "missing_factor")
def mse_gradient_without_two(w, X_batch, y_batch):
    return X_batch.T @ (X_batch @ w - y_batch) / len(y_batch)


@planted("mse_gradient", "sign_error")
def mse_gradient_target_first(w, X_batch, y_batch):
    return 2.0 / len(y_batch) * X_batch.T @ (y_batch - X_batch @ w)


@planted("mse_gradient", "transposed")
def mse_gradient_untransposed(w, X_batch, y_batch):
    return 2.0 / len(y_batch) * X_batch @ (X_batch @ w - y_batch)


@planted("mse_gradient", "in_place")
def mse_gradient_scaling_inputs(w, X_batch, y_batch):
    X_batch *= 2.0 / len(y_batch)
    return X_batch.T @ (X_batch @ w - y_batch) * len(y_batch) / 2.0


# ----- largest_stable_learning_rate ---------------------------------------------------------------
@correct("largest_stable_learning_rate")
def largest_stable_learning_rate(X):
    hessian = 2.0 / len(X) * X.T @ X
    return float(2.0 / np.linalg.eigvalsh(hessian)[-1])


@correct("largest_stable_learning_rate")
def largest_stable_learning_rate_from_singular_values(X):
    sigma = np.linalg.svd(X, compute_uv=False)[0]          # λ_max(XᵀX) = σ_max²
    return float(len(X) / sigma ** 2)


@planted("largest_stable_learning_rate", "wrong_eigenvalue")
def largest_stable_learning_rate_first_eigenvalue(X):
    return float(2.0 / np.linalg.eigvalsh(2.0 / len(X) * X.T @ X)[0])


@planted("largest_stable_learning_rate", "missing_factor")
def largest_stable_learning_rate_one_over_lambda(X):
    return float(1.0 / np.linalg.eigvalsh(2.0 / len(X) * X.T @ X)[-1])


@planted("largest_stable_learning_rate", "missing_factor")
def largest_stable_learning_rate_gram_matrix(X):
    return float(2.0 / np.linalg.eigvalsh(X.T @ X)[-1])


@planted("largest_stable_learning_rate", "in_place")
def largest_stable_learning_rate_scaling_X(X):
    X *= np.sqrt(2.0 / len(X))
    return float(2.0 / np.linalg.eigvalsh(X.T @ X)[-1])


# ----- minibatch_indices ----------------------------------------------------------------------
@correct("minibatch_indices")
def minibatch_indices(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


@correct("minibatch_indices")
def minibatch_indices_split(n, batch_size, rng):
    return np.array_split(rng.permutation(n), range(batch_size, n, batch_size))


@planted("minibatch_indices", "no_shuffle")
def minibatch_indices_in_order(n, batch_size, rng):
    order = np.arange(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


@planted("minibatch_indices", "drops_last")
def minibatch_indices_full_only(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[k * batch_size:(k + 1) * batch_size] for k in range(n // batch_size)]


@planted("minibatch_indices", "ignores_rng")
def minibatch_indices_global_rng(n, batch_size, rng):
    order = np.random.default_rng(2024).permutation(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]
