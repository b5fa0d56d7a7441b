"""Judging `topological_sort(root)`: what the student returns is read back as node indices
(`autograder.collecting.graph_specs`), and an order is right when it holds every node
reachable from the root exactly once, each after its parents, the root last. No order is
computed here: it is checked.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..collecting.graph_specs import GraphSpec
from ..compare import CaseVerdict, describe_kind
from ..detectors import Finding
from ..exercise import Exercise


class GraphExercise(Exercise):
    """An exercise whose student function takes the root Tensor of a graph."""

    procedure = "graph"

    def describe_args(self, case) -> list:
        return [("graph", case.args[0])]


def node_indices(value):
    """The node indices of a returned list of tensors, or None if it is not one."""
    if value is None or value.kind not in ("list", "tuple") or value.length != len(value.items):
        return None
    if not all(item.kind == "node" for item in value.items):
        return None
    return [item.index for item in value.items]


def node_name(spec, i):
    return spec.nodes[i].name


def judge_order(case, value) -> CaseVerdict:
    spec = case.args[0]
    if value.kind not in ("list", "tuple"):
        return CaseVerdict(False, f"it returned {describe_kind(value)}; it should return a list of the graph's "
                              "tensors.", (0,))
    for k, item in enumerate(value.items):
        if item.kind != "node":
            what = describe_kind(item)
            return CaseVerdict(False, f"entry {k} of your list is {what}, not one of the graph's tensors; put "
                                  "the Tensor objects themselves in the list.", (0,))
    order = [item.index for item in value.items]
    problem = order_problem(spec, order)
    return CaseVerdict(problem is None, problem, (0,) if problem else ())


def order_problem(spec: GraphSpec, order: list) -> str | None:
    counts = Counter(order)
    repeated = [node_name(spec, i) for i, n in counts.items() if n > 1]
    if repeated:
        verb = "appears" if len(repeated) == 1 else "appear"
        return f"{', '.join(repeated)} {verb} more than once; every tensor belongs in the list once."
    missing = [node_name(spec, i) for i in sorted(reachable(spec) - set(order))]
    if missing:
        return (f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing; every tensor "
                "reachable from the root belongs in the list, leaves and constants too.")
    if order[-1] != spec.root:
        return f"the root comes at position {order.index(spec.root)} of {len(order)}; it must come last."
    position = {node: k for k, node in enumerate(order)}
    for i in order:
        for p in spec.parents(i):
            if position[p] > position[i]:
                return (f"{node_name(spec, i)} comes before {node_name(spec, p)}, which it is computed from; every "
                        "tensor must come after its parents.")
    return None


@dataclass(frozen=True)
class OrderSignature:
    """topological_sort: a list holding every node exactly once but in an invalid order
    (wrong_order), or holding every node, some more than once (repeated_nodes). Every failing
    case that returned a list of the graph's tensors must fit the mistake."""

    mistake: str

    def find(self, evidence):
        pairs, reversed_only = set(), True
        for i, c in evidence.failing:
            outcome = evidence.outcomes[i]
            order = node_indices(outcome.value) if outcome.status == "returned" else None
            if order is None:
                continue
            spec = evidence.cases[i].args[0]
            everything = set(order) == reachable(spec)
            repeats = len(order) > len(set(order))
            if not everything or repeats != (self.mistake == "repeated_nodes"):
                return None   # a node missing, or the other mistake: not this one on every case
            pairs.add((i, c))
            if self.mistake == "wrong_order":
                reversed_only &= is_topological(spec, order[::-1])
        if not pairs:
            return None
        hint = ("A tensor may be placed only after every tensor it is computed from. Breadth-first "
                "order from the root does not guarantee that; which kind of search does?")
        if self.mistake == "wrong_order" and reversed_only:
            return Finding(self.mistake, pairs, seen="Your list is in reverse: it starts with the root. The "
                           "root must come last, after everything it is computed from.", hint=hint)
        return Finding(self.mistake, pairs, hint=hint if self.mistake == "wrong_order" else "")


class SortExercise(GraphExercise):
    def judge_result(self, case, value) -> CaseVerdict:
        return judge_order(case, value)


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
