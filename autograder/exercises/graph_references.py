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
    """dL/d(node) for every node that needs one, with dL/d(root) = 1, from the engine (on fresh
    `.grad`s: what an earlier pass left there is no part of the answer)."""
    tensors = build(spec)
    for t in tensors:
        t.grad = None
    root = tensors[-1]
    if not root.requires_grad:
        return {}
    if root.is_leaf:
        return {spec.root: np.ones_like(root.data)}
    root.backward(np.ones_like(root.data))
    return {i: np.array(t.grad) for i, t in enumerate(tensors) if t.requires_grad}


def simulate(spec: GraphSpec, order: str = "topological", accumulate: bool = True,
             upstream: bool = True, in_place: bool = False, from_grad: bool = False) -> dict:
    """Backprop done the way a student might do it, on the engine's one-node steps.

    order: "topological" (right), "forward" (the topological order not reversed: leaves
    first), "bfs" (breadth-first from the root, each node once), "bfs_revisit" (breadth-first,
    a node queued again each time it is reached), "dfs_revisit" or "dfs_revisit_reversed" (the
    reverse of a depth-first post-order kept without a visited set, so a node stands in it once
    per path from the root to it, each time sending on the gradient it holds then; the parents
    searched first to last, or last to first).
    accumulate=False: a second gradient arriving at a node replaces the first.
    upstream=False: each node's step gets ones instead of the gradient that reached it.
    in_place=True: gradients are added with `+=` into the arrays already stored (which may
    be the very array another node holds).
    from_grad=True: each tensor starts from what an earlier pass left in its `.grad` (a
    `StaleGraphSpec`'s grads; the root's plus ones), and sends on all it holds: a pass that adds
    into `.grad` as it goes, so the inner nodes' left-overs reach their parents too.
    """
    tensors = build(spec)
    index = {id(t): i for i, t in enumerate(tensors)}
    root = spec.root
    grads = {i: np.array(g, dtype=np.float64) for i, g in getattr(spec, "grads", ())} if from_grad else {}
    grads[root] = grads[root] + np.ones_like(tensors[root].data) if root in grads else np.ones_like(tensors[root].data)

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

    if order in ("topological", "forward"):
        walk = mg.topological_order(tensors[root])
        for t in (reversed(walk) if order == "topological" else walk):
            step(index[id(t)])
    elif order in ("dfs_revisit", "dfs_revisit_reversed"):
        for i in reversed(postorder_with_repeats(spec, reverse_parents=order.endswith("reversed"))):
            step(i)
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


def pushed_totals(spec: GraphSpec, reverse_parents: bool = False, limit: int = 100_000) -> dict | None:
    """Backprop by recursion from the root, once per path: a node adds what arrives to its running
    total and at once sends the local step of that *total* on to its parents (first to last, or
    last to first), so a shared node sends again what it sent before. None past `limit` pushes."""
    tensors = build(spec)
    index = {id(t): i for i, t in enumerate(tensors)}
    grads, pushes = {}, [0]

    def push(i, g):
        pushes[0] += 1
        if pushes[0] > limit:
            raise RecursionError("too many paths")
        grads[i] = grads[i] + g if i in grads else g
        t = tensors[i]
        if t.is_leaf:
            return
        steps = list(zip(t.parents, mg.input_gradients(t, grads[i])))
        for parent, gp in (steps[::-1] if reverse_parents else steps):
            if gp is not None:
                push(index[id(parent)], gp)

    try:
        push(spec.root, np.ones_like(tensors[spec.root].data))
    except RecursionError:
        return None
    return {i: g for i, g in grads.items() if tensors[i].requires_grad}


def postorder_with_repeats(spec: GraphSpec, reverse_parents: bool = False, limit: int = 100_000) -> list:
    """The depth-first post-order from the root without a visited set: each node after its
    parents, listed once per path from the root to it (at most `limit` entries)."""
    order, stack = [], [(spec.root, False)]
    while stack and len(order) < limit:
        i, expanded = stack.pop()
        if expanded:
            order.append(i)
            continue
        stack.append((i, True))
        parents = [(p, False) for p in spec.parents(i)]
        stack.extend(parents if reverse_parents else parents[::-1])
    return order


def overwritten(spec: GraphSpec, limit: int = 64) -> list:
    """Every result of backprop that overwrites instead of adding, whatever the order: a node
    that receives several gradients keeps one of them (the last to arrive, which depends on
    the order the student's pass visits the nodes) and passes that one on. One dict per
    choice (as `simulate` gives), at most `limit` of them."""
    tensors = build(spec)
    index = {id(t): i for i, t in enumerate(tensors)}
    order = [index[id(t)] for t in reversed(mg.topological_order(tensors[spec.root]))]
    results = []

    def explore(k, received, chosen):
        if len(results) >= limit:
            return
        if k == len(order):
            results.append({i: g for i, g in chosen.items() if tensors[i].requires_grad})
            return
        i = order[k]
        options = []
        for g in received.get(i, []):
            if not any(np.shape(g) == np.shape(o) and np.allclose(g, o) for o in options):
                options.append(g)
        if not options:
            explore(k + 1, received, chosen)
            return
        for g in options:
            passed_on = dict(received)
            if not tensors[i].is_leaf:
                for parent, gp in zip(tensors[i].parents, mg.input_gradients(tensors[i], g)):
                    if gp is not None:
                        p = index[id(parent)]
                        passed_on[p] = passed_on.get(p, []) + [gp]
            explore(k + 1, passed_on, {**chosen, i: g})

    explore(0, {spec.root: [np.ones_like(tensors[spec.root].data)]}, {})
    return results

