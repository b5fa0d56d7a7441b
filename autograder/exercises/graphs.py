"""Graphs: `topological_sort(root)` and `backward_pass(root)` over minigrad Tensors, and
`make_counterexample()`, a graph the student builds on which breadth-first backprop is wrong.

The cases are small graphs as plain data (`autograder.collecting.graph_specs.GraphSpec`). What the student
returns is read back as node indices: for topological_sort the order, for backward_pass
one gradient per node that needs one. Constants (requires_grad=False) belong in the order
but need no gradient; a gradient given for them is ignored. The counterexample comes back
as a graph spec (`autograder.collecting.returned_graphs`), rebuilt and backpropagated here.
"""
from __future__ import annotations

from collections import Counter

import numpy as np

from ..collecting.calls import Call
from ..collecting.graph_specs import GraphSpec, Leaf, Node, build
from ..compare import CaseVerdict, Tally, describe_kind
from ..detectors import Finding, InPlace, close
from .base import Exercise
from .cases import Case, derived_seed, frozen
from .graph_references import bfs_gradients, is_topological, overwritten, reachable, reference_grads, simulate


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


class GraphExercise(Exercise):
    """An exercise whose student function takes the root Tensor of a graph."""

    procedure = "graph"

    def describe_args(self, case) -> list:
        return [("graph", case.args[0])]


# ----- topological_sort ------------------------------------------------------------------------
def _sort_cases(suite, seed=None):
    cases = []
    for spec in _graphs(suite, seed):
        order = tuple(range(len(spec.nodes)))   # the spec's own order is topological
        cases.append(_graph_case(spec, (frozen(order, np.int64),), {}))
    return cases


def node_indices(value):
    """The node indices of a returned list of tensors, or None if it is not one."""
    if value is None or value.kind not in ("list", "tuple") or value.length != len(value.items):
        return None
    if not all(item.kind == "node" for item in value.items):
        return None
    return [item.index for item in value.items]


def _name(spec, i):
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
    repeated = [_name(spec, i) for i, n in counts.items() if n > 1]
    if repeated:
        verb = "appears" if len(repeated) == 1 else "appear"
        return f"{', '.join(repeated)} {verb} more than once; every tensor belongs in the list once."
    missing = [_name(spec, i) for i in sorted(reachable(spec) - set(order))]
    if missing:
        return (f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing; every tensor "
                "reachable from the root belongs in the list, leaves and constants too.")
    if order[-1] != spec.root:
        return f"the root comes at position {order.index(spec.root)} of {len(order)}; it must come last."
    position = {node: k for k, node in enumerate(order)}
    for i in order:
        for p in spec.parents(i):
            if position[p] > position[i]:
                return (f"{_name(spec, i)} comes before {_name(spec, p)}, which it is computed from; every "
                        "tensor must come after its parents.")
    return None


class _OrderSignature:
    """topological_sort: a list holding every node exactly once but in an invalid order
    (wrong_order), or holding some nodes more than once (repeated_nodes)."""

    def __init__(self, mistake):
        self.mistake = mistake

    def find(self, evidence):
        pairs, reversed_only = set(), True
        for i, c in evidence.failing:
            outcome = evidence.outcomes[i]
            order = node_indices(outcome.value) if outcome.status == "returned" else None
            if order is None:
                continue
            spec = evidence.cases[i].args[0]
            everything = set(order) == reachable(spec)
            if self.mistake == "repeated_nodes" and everything and len(order) > len(set(order)):
                pairs.add((i, c))
            if self.mistake == "wrong_order" and everything and len(order) == len(set(order)):
                pairs.add((i, c))
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


topological_sort = SortExercise(
    "topological_sort", "topological_sort(root)", ("root",), ("the order",), _sort_cases,
    (_OrderSignature("wrong_order"), _OrderSignature("repeated_nodes")))


# ----- backward_pass ---------------------------------------------------------------------------
def _backward_cases(suite, seed=None):
    cases = []
    for spec in _graphs(suite, seed):
        grads = reference_grads(spec)
        nodes = sorted(grads)
        cases.append(_graph_case(spec, tuple(frozen(grads[i]) for i in nodes),
                                 {"nodes": tuple(nodes),
                                  "components": tuple(f"dL/d{_name(spec, i)}" for i in nodes)}))
    return cases


class BackwardExercise(GraphExercise):
    def judge_result(self, case, value) -> CaseVerdict:
        spec, nodes, names = case.args[0], case.info["nodes"], case.info["components"]
        every = tuple(range(len(nodes)))
        if value.kind != "dict":
            return CaseVerdict(False, f"it returned {describe_kind(value)}; it should return a dict that maps "
                                  "each tensor to its gradient.", every)
        given = {}
        for key, item in zip(value.keys, value.items):
            if key.kind != "node":
                return CaseVerdict(False, f"a key of your dict is {describe_kind(key)}, not one of the graph's "
                                      "tensors; use the Tensor objects themselves as keys.", every)
            given[key.index] = item
        got, tally = [], Tally(case)
        for c, (i, expected) in enumerate(zip(nodes, case.expected)):
            item = given.get(i)
            got.append(item.data if item is not None and item.kind in ("array", "number") else None)
            if item is None:
                tally.fail(c, f"{_name(spec, i)} has no gradient in your dict.")
            else:
                tally.compare(c, item, expected, names[c], f"the shape of {_name(spec, i)}")
        if tally.failing:
            problems = tally.problems
            text = " ".join(problems[:3]) + (f" ({len(problems) - 3} more.)" if len(problems) > 3 else "")
            return CaseVerdict(False, text, tuple(tally.failing), tuple(got), tally.max_error, tally.worst)
        return CaseVerdict(True, None, (), tuple(got), tally.max_error)


class _Simulated:
    """backward_pass: the student's gradients equal backprop done with a known mistake
    (see `autograder.exercises.graph_references.simulate`) on every failing graph where that mistake
    matters. outcomes(spec) -> a list of results, any of which the mistake may give (default:
    the one of `simulate(spec, **how)`)."""

    def __init__(self, mistake, seen="", hint="", outcomes=None, **how):
        self.mistake, self.seen, self.hint, self.how = mistake, seen, hint, how
        self.outcomes = outcomes or (lambda spec: [simulate(spec, **how)])

    def find(self, evidence):
        pairs, mismatch = set(), False
        for i in sorted({i for i, _ in evidence.failing}):
            case = evidence.cases[i]
            nodes = case.info["nodes"]
            options = [predicted for predicted in self.outcomes(case.args[0])
                       if not all(n in predicted and close(predicted[n], e, case.rtol, case.atol)
                                  for n, e in zip(nodes, case.expected))]
            if not options:
                continue   # the mistake changes nothing on this graph
            if evidence.outcomes[i].status != "returned" or evidence.verdicts[i].got is None:
                continue   # nothing came back to compare
            got = [evidence.got(i, c) for c in range(len(nodes))]
            if any(self._same(got, nodes, predicted, case) for predicted in options):
                pairs.update((i, c) for ii, c in evidence.failing if ii == i)
            else:
                mismatch = True   # a gradient missing where the mistake gives one counts against it
        if pairs and not mismatch:
            return Finding(self.mistake, pairs, seen=self.seen, hint=self.hint)
        return None

    @staticmethod
    def _same(got, nodes, predicted, case) -> bool:
        """Each node's gradient as the mistake gives it: the same numbers, or missing where it gives none."""
        return all((g is None) == (n not in predicted) and
                   (g is None or close(g, predicted[n], max(case.rtol, 1e-6), max(case.atol, 1e-9)))
                   for g, n in zip(got, nodes))


backward_pass = BackwardExercise(
    "backward_pass", "backward_pass(root)", ("root",), ("the gradients",), _backward_cases,
    (_Simulated("overwrite_fanout", outcomes=overwritten),
     _Simulated("wrong_order", order="bfs"),
     _Simulated("wrong_order", order="forward",
                seen="Your gradients match a pass that walks the topological order from the leaves up, not "
                     "reversed: a node is visited before the nodes that use it have sent it its gradient."),
     _Simulated("wrong_order", order="bfs_revisit",
                seen="Your gradients match a breadth-first pass that sends a node's gradient on each time the "
                     "node is reached, so some paths are counted twice."),
     _Simulated("ignored_upstream", upstream=False,
                seen="Your gradients match a pass where each node's step gets ones instead of the gradient "
                     "that reached that node."),
     _Simulated("in_place", in_place=True,
                seen="Your gradients match a pass that adds with += into arrays that are shared: "
                     "input_gradients may hand the same array to several parents, so adding into one "
                     "changes the others too.",
                hint="When a second gradient arrives for a tensor, store the sum as a new array rather than "
                     "adding into the array you already hold: that array may be shared with other nodes."),
     InPlace()))



# ----- bfs_counterexample ------------------------------------------------------------------------
WHY_BFS_FAILS = ("It needs a node that is reached along two paths of different lengths from the loss, and that "
                 "is not a leaf: it must pass its gradient on.")


def _counterexample_cases(suite, seed=None):
    # nothing to compute in advance: what decides is a property of the graph the student builds
    return [Case("your graph: breadth-first backprop against the engine", "edge", (), (), info={"size": 1})]


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


bfs_counterexample = CounterexampleExercise(
    "bfs_counterexample", "make_counterexample()", (), ("(loss, w)",), _counterexample_cases)

EXERCISES = (topological_sort, backward_pass, bfs_counterexample)
