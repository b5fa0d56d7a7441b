"""Students' solutions of `topological_sort`, `backward_pass`: correct ones and planted
mistakes (see `registry`)."""
from __future__ import annotations

from collections import deque

import numpy as np

import minigrad as mg

from .registry import correct, planted


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


@planted("backward_pass", "stale_gradient")
def backward_pass_by_the_engine(root):
    """The engine's backward (the notebook says not to call it): it adds into .grad, which an
    earlier pass may have filled."""
    root.backward(np.ones_like(root.data))
    return {t: t.grad for t in depth_first_order(root) if t.requires_grad}


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


@planted("backward_pass", "repeated_nodes")
def backward_pass_over_an_order_with_repeats(root):
    return _backward_in(lambda r: reversed(order_without_memory(r)))(root)


@planted("backward_pass", "ignored_upstream")
def backward_pass_local_only(root):
    return _backward_in(_reverse_topological, upstream=False)(root)


@planted("backward_pass", "in_place")
def backward_pass_adding_in_place(root):
    return _backward_in(_reverse_topological, in_place=True)(root)


# ----- bfs_counterexample: make_counterexample() -> (loss, w) -------------------------------------
@correct("bfs_counterexample")
def make_counterexample():
    w = mg.Tensor(0.5, requires_grad=True)
    x = mg.exp(w)                      # an intermediate node ...
    loss = x + x * x                   # ... reached in one step, and in two through x * x
    return loss, w


@correct("bfs_counterexample")
def make_counterexample_square_chain():
    w = mg.Tensor(1.5, requires_grad=True, name="w")
    x = w * w
    loss = (x.tanh().sigmoid() + x).sum()     # x: one step from the sum's input, and three through tanh, sigmoid
    return loss, w


@correct("bfs_counterexample")
def make_counterexample_vector_mean():
    w = mg.Tensor([0.3, -0.7], requires_grad=True)
    h = mg.tanh(w * 2.0)
    return [(h * h * h + h).mean(), w]        # a list is fine too


def _parents_last_first(root):
    """A valid reverse topological order, found by a depth-first search that visits each node's
    parents from the last to the first."""
    order, seen = [], set()

    def visit(node):
        if node not in seen:
            seen.add(node)
            for parent in reversed(node.parents):
                visit(parent)
            order.append(node)
    visit(root)
    return reversed(order)


@planted("backward_pass", "overwrite_fanout")
def backward_pass_overwriting_in_another_order(root):
    return _backward_in(_parents_last_first, accumulate=False)(root)
