"""Backprop on the graph specs (`autograder.collecting.graph_specs`), for the graph exercises.

`reference_grads` runs the engine's backward pass on a spec; `simulate` runs backprop the
right way or with a known mistake (breadth-first order, overwriting at fan-out, ignoring
the upstream gradient, adding in place), which is how the mistakes of a student's
`backward_pass` are recognised. (The notebook's breadth-first backprop, `bfs_gradients`, and
the readers of an order, `is_topological` and `reachable`, judge without an answer: they are
in `autograder.kinds`.)
"""
from __future__ import annotations

from collections import deque

import numpy as np

import minigrad as mg

from ..collecting.graph_specs import GraphSpec, build


def reference_grads(spec: GraphSpec) -> dict:
    """dL/d(node) for every node that needs one, with dL/d(root) = 1, from the engine."""
    tensors = build(spec)
    root = tensors[-1]
    if not root.requires_grad:
        return {}
    if root.is_leaf:
        return {spec.root: np.ones_like(root.data)}
    root.backward(np.ones_like(root.data))
    return {i: np.array(t.grad) for i, t in enumerate(tensors) if t.requires_grad}


def simulate(spec: GraphSpec, order: str = "topological", accumulate: bool = True,
             upstream: bool = True, in_place: bool = False) -> dict:
    """Backprop done the way a student might do it, on the engine's one-node steps.

    order: "topological" (right), "bfs" (breadth-first from the root, each node once) or
    "bfs_revisit" (breadth-first, a node queued again each time it is reached).
    accumulate=False: a second gradient arriving at a node replaces the first.
    upstream=False: each node's step gets ones instead of the gradient that reached it.
    in_place=True: gradients are added with `+=` into the arrays already stored (which may
    be the very array another node holds).
    """
    tensors = build(spec)
    index = {id(t): i for i, t in enumerate(tensors)}
    root = spec.root
    grads = {root: np.ones_like(tensors[root].data)}

    def receive(i, g):
        if i in grads and accumulate:
            if in_place:
                grads[i] += g
            else:
                grads[i] = grads[i] + g
        else:
            grads[i] = g

    def step(i):
        t = tensors[i]
        if t.is_leaf or i not in grads:
            return
        g = grads[i] if upstream else np.ones_like(t.data)
        for parent, gp in zip(t.parents, mg.input_gradients(t, g)):
            if gp is not None:
                receive(index[id(parent)], gp)

    if order == "topological":
        for t in reversed(mg.topological_order(tensors[root])):
            step(index[id(t)])
    else:
        queue, seen = deque([root]), {root}
        while queue:
            i = queue.popleft()
            step(i)
            for p in spec.parents(i):
                if order == "bfs_revisit" or p not in seen:
                    seen.add(p)
                    queue.append(p)
    return {i: g for i, g in grads.items() if tensors[i].requires_grad}
