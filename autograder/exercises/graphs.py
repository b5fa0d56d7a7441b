"""Graphs: `topological_sort(root)` and `backward_pass(root)` over minigrad Tensors, and
`make_counterexample()`, a graph the student builds on which breadth-first backprop is wrong.

The cases are small graphs as plain data (`autograder.collecting.graph_specs.GraphSpec`). What the student
returns is read back as node indices: for topological_sort the order, for backward_pass
one gradient per node that needs one. Constants (requires_grad=False) belong in the order
but need no gradient; a gradient given for them is ignored. The counterexample comes back
as a graph spec (`autograder.collecting.returned_graphs`), rebuilt and backpropagated by the judge
(`autograder.kinds`: the judging, which holds no answer; here: the cases and references).
"""
from __future__ import annotations

import numpy as np

from ..collecting.graph_specs import GraphSpec, Leaf, Node, StaleGraphSpec
from ..detectors import InPlace
from ..kinds.counterexamples import WHY_BFS_FAILS, CounterexampleExercise
from ..kinds.graph_gradients import BackwardExercise, Simulated
from ..kinds.graph_orders import OrderSignature, SortExercise, node_name
from .cases import Case, derived_seed, frozen
from .graph_references import overwritten, pushed_totals, reference_grads, simulate

__all__ = ["EXERCISES", "WHY_BFS_FAILS"]


# ----- the graphs ----------------------------------------------------------------------------
def chain(x=0.7):
    return GraphSpec("a chain, tanh(exp(x))", (Leaf("x", x), Node("y", "exp", (0,)), Node("z", "tanh", (1,))))


def square_plus(x=1.5):
    return GraphSpec("x * x + x (x is used three times)", (
        Leaf("x", x), Node("m", "mul", (0, 0)), Node("root", "add", (1, 0))))


def neg_neg(depth=2, leaf=0.5, first="exp"):
    nodes = [Leaf("w", leaf), Node("y", first, (0,))]
    for k in range(depth):
        nodes.append(Node(f"n{k + 1}", "neg", (len(nodes) - 1,)))
    nodes.append(Node("root", "add", (len(nodes) - 1, 1)))
    inner = "y"
    for _ in range(depth):
        inner = f"neg({inner})"
    return GraphSpec(f"add({inner}, y) with y = {first}(w)", tuple(nodes))


def diamond(w=-0.3):
    return GraphSpec("a diamond: u = tanh(w) feeds both exp(u) and sigmoid(u)", (
        Leaf("w", w), Node("u", "tanh", (0,)), Node("p", "exp", (1,)), Node("q", "sigmoid", (1,)),
        Node("root", "mul", (2, 3))))


def matrices(seed):
    rng = np.random.default_rng(seed)
    return GraphSpec("sum(tanh(x @ W + b)) with a constant input x", (
        Leaf("x", rng.normal(size=(3, 2)), requires_grad=False), Leaf("W", rng.normal(size=(2, 4))),
        Leaf("b", rng.normal(size=4)), Node("m", "matmul", (0, 1)), Node("h", "add", (3, 2)),
        Node("t", "tanh", (4,)), Node("root", "sum", (5,))))


def constants(x=0.8, c=3.0):
    return GraphSpec("x * c + c with a constant c", (
        Leaf("x", x), Leaf("c", c, requires_grad=False), Node("m", "mul", (0, 1)), Node("root", "add", (2, 1))))


def lone_leaf(values=(1.0, -2.0)):
    return GraphSpec("a single leaf x (the root is x itself)", (Leaf("x", np.array(values)),))


def long_chain(length=200):
    nodes = [Leaf("x", 0.3)] + [Node(f"t{k + 1}", "tanh", (k,)) for k in range(length)]
    return GraphSpec(f"a chain of {length} tanh nodes", tuple(nodes))


def shared(seed):
    rng = np.random.default_rng(seed)
    return GraphSpec("a shared subexpression: s = x * w, then s * s + s", (
        Leaf("x", rng.normal(size=3)), Leaf("w", rng.normal(size=3)), Node("s", "mul", (0, 1)),
        Node("r", "mul", (2, 2)), Node("root", "add", (3, 2))))


def mlp(seed):
    rng = np.random.default_rng(seed)
    return GraphSpec("mean(relu(x @ W1 + b1) @ W2), a small network", (
        Leaf("x", rng.normal(size=(4, 3)), requires_grad=False), Leaf("W1", rng.normal(size=(3, 5))),
        Leaf("b1", rng.normal(size=5)), Leaf("W2", rng.normal(size=(5, 2))),
        Node("m1", "matmul", (0, 1)), Node("h", "add", (4, 2)), Node("a", "relu", (5,)),
        Node("m2", "matmul", (6, 3)), Node("root", "mean", (7,))))


def vector_root(seed):
    rng = np.random.default_rng(seed)
    return GraphSpec("a root with 3 entries: exp(x) * x", (
        Leaf("x", rng.normal(size=3)), Node("e", "exp", (0,)), Node("root", "mul", (1, 0))))


def dead_relu(x=0.6, y=1.2, join="add"):
    """relu(−exp(x)) joined with y: the relu's input is negative everywhere, so the gradient that
    reaches −exp(x), exp(x) and x is exactly 0 (and y's is 0 too where join is mul)."""
    return GraphSpec(f"a dead relu: {join}(relu(−exp(x)), y), the gradient behind the relu exactly 0", (
        Leaf("x", x), Leaf("y", y), Node("e", "exp", (0,)), Node("n", "neg", (2,)), Node("r", "relu", (3,)),
        Node("root", join, (4, 1))))


def _graphs(suite, seed=None):
    """Both suites hold every kind of graph (see docs/exercises.md), with other values: a chain,
    fan-out (x * x + x), paths of different lengths (add(neg(neg(y)), y)), a diamond, a shared
    subexpression, constants, matrices, a lone leaf as the root, a long chain, a root with
    several entries."""
    if suite == "visible":
        return [chain(), square_plus(), neg_neg(), diamond(), constants(), matrices(derived_seed(5, seed)),
                lone_leaf(), long_chain(120), shared(derived_seed(6, seed)), vector_root(derived_seed(4, seed))]
    return [lone_leaf((0.5, 3.0, -1.0)), long_chain(), shared(derived_seed(7, seed)), constants(-1.3, 0.5),
            neg_neg(4, leaf=-0.4, first="tanh"), mlp(derived_seed(8, seed)), vector_root(derived_seed(9, seed)),
            square_plus(-0.7), diamond(0.8), chain(-0.2)]


# graphs that tell mistakes apart: fan-out (overwrite vs add) and paths of different lengths (BFS)
PROBES = ("x * x + x", "add(neg(", "a shared subexpression", "a diamond")


def _graph_case(spec, expected, info) -> Case:
    kind = "probe" if spec.title.startswith(PROBES) else "edge"
    return Case(spec.title, kind, (spec,), expected, info={"size": len(spec.nodes), **info})



# ----- topological_sort ------------------------------------------------------------------------
def _sort_cases(suite, seed=None):
    cases = []
    for spec in _graphs(suite, seed):
        order = tuple(range(len(spec.nodes)))   # the spec's own order is topological
        cases.append(_graph_case(spec, (frozen(order, np.int64),), {}))
    return cases


topological_sort = SortExercise(
    "topological_sort", "topological_sort(root)", ("root",), ("the order",), _sort_cases,
    (OrderSignature("wrong_order"), OrderSignature("repeated_nodes")))


# ----- backward_pass ---------------------------------------------------------------------------
def after_earlier_pass(spec: GraphSpec, seed) -> StaleGraphSpec:
    """The graph with `.grad` left on every tensor that needs one, as an earlier backward pass
    (on other data) leaves it: random numbers of each tensor's shape. The notebook says not to
    touch `.grad`; a pass that adds into it (`root.backward()`) gives the sum."""
    rng = np.random.default_rng(seed)
    grads = tuple((i, frozen(rng.normal(size=np.shape(g)))) for i, g in sorted(reference_grads(spec).items()))
    return StaleGraphSpec(f"{spec.title}, its tensors still holding .grad from an earlier pass", spec.nodes, grads)


def _backward_graphs(suite, seed=None):
    """Every graph of `_graphs`, one whose tensors hold .grad from an earlier pass, and one where
    nodes receive a gradient that is exactly 0 (behind a dead relu): they still get their entry."""
    earlier = diamond(0.4) if suite == "visible" else mlp(derived_seed(10, seed))
    rng = np.random.default_rng(derived_seed(13 if suite == "visible" else 14, seed))
    dead = dead_relu() if suite == "visible" else dead_relu(rng.normal(size=3), rng.normal(size=3), "mul")
    return _graphs(suite, seed) + [after_earlier_pass(earlier, derived_seed(11 if suite == "visible" else 12, seed)),
                                   dead]


def _backward_cases(suite, seed=None):
    cases = []
    for spec in _backward_graphs(suite, seed):
        grads = reference_grads(spec)
        nodes = sorted(grads)
        cases.append(_graph_case(spec, tuple(frozen(grads[i]) for i in nodes),
                                 {"nodes": tuple(nodes),
                                  "components": tuple(f"dL/d{node_name(spec, i)}" for i in nodes)}))
    return cases


def _per_node(predicted: dict, case) -> tuple:
    """One array per node the case judges, None where the pass gives none."""
    return tuple(predicted.get(n) for n in case.info["nodes"])


def _simulated(**how):
    """Simulated's results: backprop with the mistake `how` (see `simulate`) on the case's graph."""
    def results(case):
        return [_per_node(simulate(case.args[0], **how), case)]
    return results


def _either(*results):
    """Simulated's results: those of every one of `results` (passes a mistake may give)."""
    def either(case):
        return [r for result in results for r in result(case)]
    return either


def _added_to_earlier(case) -> list:
    """Simulated's results: what a pass that adds into `.grad` gives on a graph holding left-overs of an
    earlier pass — the right gradients plus each tensor's own left-over (added at the end, as
    `root.backward()` does), or each tensor starting from its left-over and sending it on (see `simulate`)."""
    spec = case.args[0]
    left = dict(getattr(spec, "grads", ()))
    if not left:
        return []
    grads = reference_grads(spec)
    at_the_end = {i: g + left[i] if i in left else g for i, g in grads.items()}
    return [_per_node(at_the_end, case), _per_node(simulate(spec, from_grad=True), case)]


def _pushed_totals(case) -> list:
    """Simulated's results: a recursion that sends each node's running total on once per path
    (either order of the parents; see `pushed_totals`)."""
    results = [pushed_totals(case.args[0], reverse_parents=r) for r in (False, True)]
    return [_per_node(predicted, case) for predicted in results if predicted is not None]


def _overwritten(case) -> list:
    """Simulated's results for overwriting at fan-out, whatever the order (see `overwritten`)."""
    return [_per_node(predicted, case) for predicted in overwritten(case.args[0])]


backward_pass = BackwardExercise(
    "backward_pass", "backward_pass(root)", ("root",), ("the gradients",), _backward_cases,
    (Simulated("overwrite_fanout", _overwritten),
     Simulated("wrong_order", _simulated(order="bfs")),
     Simulated("wrong_order", _simulated(order="forward"),
               seen="Your gradients match a pass that walks the topological order from the leaves up, not "
                    "reversed: a node is visited before the nodes that use it have sent it its gradient."),
     Simulated("wrong_order", _simulated(order="bfs_revisit"),
               seen="Your gradients match a breadth-first pass that sends a node's gradient on each time the "
                    "node is reached, so some paths are counted twice."),
     Simulated("repeated_nodes", _either(_simulated(order="dfs_revisit"), _simulated(order="dfs_revisit_reversed")),
               seen="Your gradients match a pass over an order that holds a shared node more than once (a "
                    "depth-first search without a visited set): the node sends its gradient on at each visit, "
                    "so the paths through it are counted again.",
               hint="List each tensor once: remember which ones the search has already placed, and skip them."),
     Simulated("repeated_nodes", _pushed_totals,
               seen="Your gradients match a recursion from the root that reaches a shared node once per path "
                    "and each time sends on the total it holds so far: what it sent before is sent again.",
               hint="Let a node send its gradient on once, when every node that uses it has sent its share: "
                    "visit the nodes in reverse topological order, each once."),
     Simulated("ignored_upstream", _simulated(upstream=False),
               seen="Your gradients match a pass where each node's step gets ones instead of the gradient "
                    "that reached that node."),
     Simulated("in_place", _simulated(in_place=True),
               seen="Your gradients match a pass that adds with += into arrays that are shared: "
                    "input_gradients may hand the same array to several parents, so adding into one "
                    "changes the others too.",
               hint="When a second gradient arrives for a tensor, store the sum as a new array rather than "
                    "adding into the array you already hold: that array may be shared with other nodes."),
     Simulated("stale_gradient", _added_to_earlier,
               seen="Your gradients hold what an earlier pass left in .grad: your pass adds into the tensors' "
                    ".grad (as root.backward() does) instead of building its own dict.",
               hint="Keep the gradients in a dict of your own, starting from nothing, and leave .grad alone."),
     InPlace()))


# ----- bfs_counterexample ------------------------------------------------------------------------
def _counterexample_cases(suite, seed=None):
    # nothing to compute in advance: what decides is a property of the graph the student builds
    return [Case("your graph: breadth-first backprop against the engine", "edge", (), (), info={"size": 1})]


bfs_counterexample = CounterexampleExercise(
    "bfs_counterexample", "make_counterexample()", (), ("(loss, w)",), _counterexample_cases)

EXERCISES = (topological_sort, backward_pass, bfs_counterexample)
