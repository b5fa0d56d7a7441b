"""A graph the student built and returned, described as plain data.

    value = describe_returned_graph(fn())     # fn() should return (loss, w), two Tensors

For an exercise whose answer *is* a graph (`bfs_counterexample`: a graph on which
breadth-first backprop goes wrong), the student's Tensors cannot leave their process. This
walks the graph the student returned and describes it as a `GraphSpec`
(`autograder.collecting.graph_specs`): every tensor reachable from the returned ones, parents
first, with its op's name and keyword parameters and its parents by index; a leaf (an input,
a parameter, a constant) with its numbers and `requires_grad`. The result is a `Value` of
kind "graph" whose items are the returned tensors as references to the spec's nodes, so that
the judge can rebuild the graph with `build(spec)` and run whatever it likes on it. Nothing
here knows what a right answer is.

Anything that is not a tuple (or list) of Tensors is described as usual (`describe`), for the
judge to explain.
"""
from __future__ import annotations

import numpy as np

import minigrad as mg

from .graph_specs import GraphSpec, Leaf, Node
from .values import MAX_ELEMENTS, Value, describe

MAX_NODES = 10_000     # a larger graph is described by its size only


def describe_returned_graph(result, roles: tuple = ("loss", "w")) -> Value:
    """The graph of the tensors in `result` (a tuple or list of len(roles) Tensors), or the
    plain description of `result` when it is something else."""
    if not isinstance(result, (tuple, list)) or len(result) != len(roles) \
            or not all(isinstance(t, mg.Tensor) for t in result):
        return describe(result)
    order = _parents_first(result)
    if order is None or sum(int(t.data.size) for t in order if t._ctx is None) > MAX_ELEMENTS:
        return Value("graph", type(result).__name__, length=MAX_NODES + 1 if order is None else len(order))
    index = {id(t): i for i, t in enumerate(order)}
    named = {id(t): name for name, t in zip(roles, result)}
    nodes = []
    for i, t in enumerate(order):
        name = t.name if isinstance(t.name, str) and t.name else named.get(id(t), f"t{i}")
        if t._ctx is None:
            nodes.append(Leaf(name, np.array(t.data, dtype=np.float64), bool(t.requires_grad)))
        else:
            params = tuple((str(k), _plain(t.op, k, v)) for k, v in t._ctx.params.items())
            nodes.append(Node(name, str(t.op), tuple(index[id(p)] for p in t.parents), params))
    items = tuple(Value("node", "Tensor", index=index[id(t)]) for t in result)
    return Value("graph", type(result).__name__, items=items, length=len(order),
                 graph=GraphSpec("the graph you returned", tuple(nodes)))


def _parents_first(roots) -> list | None:
    """Every tensor reachable from `roots`, each after all of its parents (iterative depth-first
    search, so a long chain needs no recursion); None beyond MAX_NODES tensors."""
    order, placed, stack = [], set(), [(t, False) for t in reversed(roots)]
    while stack:
        t, expanded = stack.pop()
        if expanded:
            order.append(t)
            continue
        if id(t) in placed:
            continue
        placed.add(id(t))
        if len(placed) > MAX_NODES:
            return None
        stack.append((t, True))
        stack.extend((p, False) for p in reversed(t.parents) if id(p) not in placed)
    return order


def _plain(op, name, value):
    """An op's keyword parameter as plain data (None, a bool, an int, a float or a tuple of these)."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (tuple, list)) and all(v is None or isinstance(v, (bool, int, float, np.generic))
                                                for v in value):
        return tuple(v.item() if isinstance(v, np.generic) else v for v in value)
    raise TypeError(f"the {op} node's parameter {name} is a {type(value).__name__}, which the check "
                    "cannot describe; build the graph from the engine's ops")
