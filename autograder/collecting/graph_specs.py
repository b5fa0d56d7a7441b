"""Small computational graphs as plain data, and how they become minigrad graphs.

A `GraphSpec` lists nodes in an order where parents come first; the last node is the root:

    GraphSpec("add(neg(neg(y)), y)", (
        Leaf("w", 0.5),
        Node("y", "exp", (0,)),
        Node("a", "neg", (1,)),
        Node("b", "neg", (2,)),
        Node("root", "add", (3, 1)),
    ))

`build` turns it into minigrad Tensors (fresh each time, data read-only): what the student's
`topological_sort(root)` and `backward_pass(root)` receive. A node's op is any op of the
engine's registry (`minigrad.get_op`), with its keyword parameters; so a graph the student
built and returned, described as a spec (`autograder.collecting.returned_graphs`), can be
rebuilt where it is judged.
"""
from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class StaleGraphSpec(GraphSpec):
    """A graph whose tensors still hold `.grad` from an earlier backward pass: grads, (node index,
    array) pairs. A pass that adds into `.grad` (as `root.backward()` does) gives dL/dt plus what
    was left there; one that leaves `.grad` alone, as the exercise asks, is not affected."""

    grads: tuple = ()


def build(spec: GraphSpec, before=None) -> list:
    """Fresh Tensors for the spec's nodes (same order); every node's data is read-only.
    before(node, parents): called before each op runs, e.g. to refuse a node too big to compute.
    A `StaleGraphSpec`'s left-over gradients are set in `.grad` (writable copies)."""
    tensors = []
    for node in spec.nodes:
        if isinstance(node, Leaf):
            t = mg.Tensor(np.array(node.value, dtype=np.float64), requires_grad=node.requires_grad, name=node.name)
        else:
            parents = [tensors[p] for p in node.parents]
            if before is not None:
                before(node, parents)
            op = OPS.get(node.op) or mg.get_op(node.op).apply
            t = op(*parents, **dict(node.params))
            t.name = node.name
        t.data.setflags(write=False)
        tensors.append(t)
    for i, grad in getattr(spec, "grads", ()):
        tensors[i].grad = np.array(grad, dtype=np.float64)
    return tensors
