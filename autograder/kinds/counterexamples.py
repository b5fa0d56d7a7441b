"""Judging `make_counterexample()`: the graph the student builds comes back as a spec
(`autograder.collecting.returned_graphs`), is rebuilt here with the engine and backpropagated
both ways — breadth-first, as the notebook's `bfs_backward` does, and by the engine. It is
right when the two differ: a property of the graph, so there is no answer to compute.
"""
from __future__ import annotations

from collections import deque

import numpy as np

import minigrad as mg

from ..collecting.calls import Call
from ..collecting.graph_specs import build
from ..compare import CaseVerdict, describe_kind
from ..exercise import Exercise

WHY_BFS_FAILS = ("It needs a node that is reached along two paths of different lengths from the loss, and that "
                 "is not a leaf: it must pass its gradient on.")


class CounterexampleExercise(Exercise):
    """make_counterexample() -> (loss, w): a graph without neg on which breadth-first backprop
    (the notebook's `bfs_backward`) gives a dL/dw that differs from the engine's."""

    procedure = "returned_graph"
    has_inputs = False

    def call_for(self, case) -> Call:
        return Call(self.procedure, (("loss", "w"),))

    def describe_args(self, case) -> list:
        return []

    def judge_result(self, case, value) -> CaseVerdict:
        problem = counterexample_problem(value)
        return CaseVerdict(problem is None, problem, (0,) if problem else ())


def counterexample_problem(value) -> str | None:
    """What is wrong with the returned graph (the notebook's asserts, in order), or None."""
    if value.kind != "graph" or len(value.items) != 2:
        return f"it returned {describe_kind(value)}; return (loss, w), both minigrad Tensors."
    if value.graph is None:
        return (f"your graph has {value.length:,} tensors or more numbers than the check reads; a handful of "
                "small tensors is enough.")
    try:
        tensors = build(value.graph, before=_not_too_big)
    except GraphTooBig as err:
        return str(err)
    except Exception as err:  # noqa: BLE001 - an op the engine cannot run as described
        return f"your graph could not be rebuilt with the engine's ops ({type(err).__name__}: {err})."
    loss, w = (tensors[item.index] for item in value.items)
    if loss.size != 1:
        return f"the loss must be a single number; yours has shape {loss.shape}."
    if not (w.is_leaf and w.requires_grad):
        return "w must be a leaf created with requires_grad=True."
    if any(t.op == "neg" for t in _reachable_tensors(loss)):
        return "build a new graph without neg: the example above already uses it."
    try:
        bfs = bfs_gradients(loss)
        if w not in bfs:
            return "w does not take part in the loss: the loss must be computed from w."
        loss.backward()
    except Exception as err:  # noqa: BLE001 - the engine's own error on this graph, in words
        return f"backprop on your graph failed ({type(err).__name__}: {err})."
    if np.allclose(bfs[w], w.grad):
        return (f"breadth-first and the engine both give dL/dw = {_number(w.grad)}: breadth-first gets this "
                f"graph right. {WHY_BFS_FAILS}")
    return None


MAX_NODE_ELEMENTS = 10_000_000   # the most numbers one tensor of a rebuilt graph may hold


class GraphTooBig(Exception):
    pass


def _not_too_big(node, parents) -> None:
    """Refuse, before it runs, an op whose result would be huge (broadcasting, a big matrix
    product): the judge rebuilds the student's graph and must not run out of memory."""
    shapes = [p.shape for p in parents]
    if node.op in ("add", "sub", "mul", "div"):
        try:
            size = int(np.prod(np.broadcast_shapes(*shapes)))
        except ValueError:
            return   # the op itself says why the shapes do not fit
    elif node.op in ("matmul", "linear") and len(shapes) >= 2 and all(len(s) >= 1 for s in shapes[:2]):
        a, b = shapes[0], shapes[1]
        size = int(np.prod(a[:-1] or (1,))) * int(b[-1] if len(b) >= 2 else 1)
        size *= int(np.prod(b[:-2] or (1,)))
    else:   # the other ops give at most as many numbers as their largest input
        size = max((int(np.prod(s)) for s in shapes), default=1)
    if size > MAX_NODE_ELEMENTS:
        raise GraphTooBig(f"the {node.op} node of your graph would hold {size:,} numbers; a handful of small "
                          "tensors is enough.")


def _reachable_tensors(root) -> list:
    found, stack, seen = [], [root], set()
    while stack:
        t = stack.pop()
        if id(t) not in seen:
            seen.add(id(t))
            found.append(t)
            stack.extend(t.parents)
    return found


def _number(array) -> str:
    array = np.asarray(array)
    return f"{float(array.reshape(-1)[0]):.6g}" if array.size == 1 else np.array2string(array, precision=4)


def bfs_gradients(root) -> dict:
    """{tensor: dL/dtensor} by breadth-first backprop from `root`, as the course's notebook 2
    writes it (`bfs_backward`): each tensor is visited once, nearest to the loss first, and
    passes on the gradient it holds at that moment. Wrong where a tensor that is not a leaf is
    reached along paths of different lengths."""
    grads = {root: np.ones_like(root.data)}
    queue, queued = deque([root]), {root}
    while queue:
        node = queue.popleft()
        if not node.parents:
            continue
        for parent, g_parent in zip(node.parents, mg.input_gradients(node, grads[node])):
            if g_parent is None:
                continue
            grads[parent] = grads[parent] + g_parent if parent in grads else g_parent
            if parent not in queued:
                queued.add(parent)
                queue.append(parent)
    return grads
