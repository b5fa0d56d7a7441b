"""Small computational graphs as plain data, for the graph exercises.

A `GraphSpec` lists nodes in an order where parents come first; the last node is the root:

    GraphSpec("add(neg(neg(y)), y)", (
        Leaf("w", 0.5),
        Node("y", "exp", (0,)),
        Node("a", "neg", (1,)),
        Node("b", "neg", (2,)),
        Node("root", "add", (3, 1)),
    ))

`build` turns it into minigrad Tensors (fresh each time, data read-only); `reference_grads`
and `simulate` run backprop on it — the right way, or with a known mistake (breadth-first
order, overwriting at fan-out, ignoring the upstream gradient), which is how the mistakes
of a student's `backward_pass` are recognised.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import numpy as np

import minigrad as mg
from minigrad import functional as F

OPS = {
    "add": F.add, "sub": F.sub, "mul": F.mul, "neg": F.neg, "exp": F.exp, "tanh": F.tanh,
    "sigmoid": F.sigmoid, "relu": F.relu, "matmul": F.matmul, "linear": F.linear,
    "sum": F.sum, "mean": F.mean,
}


@dataclass(frozen=True)
class Leaf:
    name: str
    value: object
    requires_grad: bool = True


@dataclass(frozen=True)
class Node:
    name: str
    op: str
    parents: tuple
    params: tuple = ()       # keyword arguments as (name, value) pairs, e.g. (("axis", 0),)


@dataclass(frozen=True)
class GraphSpec:
    title: str
    nodes: tuple
    info: dict = field(default_factory=dict, compare=False)

    @property
    def root(self) -> int:
        return len(self.nodes) - 1

    def parents(self, i: int) -> tuple:
        node = self.nodes[i]
        return node.parents if isinstance(node, Node) else ()

    def describe(self) -> str:
        lines = []
        for node in self.nodes:
            if isinstance(node, Leaf):
                value = np.asarray(node.value)
                shown = f"{float(value):g}" if value.ndim == 0 else f"an array of shape {value.shape}"
                need = "" if node.requires_grad else ", a constant (requires_grad=False)"
                lines.append(f"{node.name} = leaf {shown}{need}")
            else:
                args = ", ".join(self.nodes[p].name for p in node.parents)
                args += "".join(f", {k}={v!r}" for k, v in node.params)
                lines.append(f"{node.name} = {node.op}({args})")
        return "\n".join(lines)


def build(spec: GraphSpec) -> list:
    """Fresh Tensors for the spec's nodes (same order); every node's data is read-only."""
    tensors = []
    for node in spec.nodes:
        if isinstance(node, Leaf):
            t = mg.Tensor(np.array(node.value, dtype=np.float64), requires_grad=node.requires_grad, name=node.name)
        else:
            t = OPS[node.op](*(tensors[p] for p in node.parents), **dict(node.params))
            t.name = node.name
        t.data.setflags(write=False)
        tensors.append(t)
    return tensors


def needs_grad(spec: GraphSpec) -> list:
    """Indices of the nodes that need a gradient (what `backward_pass` must return)."""
    return [i for i, t in enumerate(build(spec)) if t.requires_grad]


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


def is_topological(spec: GraphSpec, order: list) -> bool:
    """Every node once, each after all of its parents, the root last."""
    if sorted(order) != list(range(len(spec.nodes))) or order[-1] != spec.root:
        return False
    position = {node: k for k, node in enumerate(order)}
    return all(position[p] < position[i] for i in range(len(spec.nodes)) for p in spec.parents(i))


def reachable(spec: GraphSpec) -> set:
    found, stack = set(), [spec.root]
    while stack:
        i = stack.pop()
        if i not in found:
            found.add(i)
            stack.extend(spec.parents(i))
    return found
