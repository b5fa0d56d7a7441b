"""One call of the student's function, as plain data, and how it is made.

A `Call` says which procedure prepares the student's arguments and with what; it holds no
expected value, no numerical estimate and no reference function, so it can be pickled into
a sandbox that must not see the answers. `prepare(call)` turns it into fresh objects for
one call (read-only arrays, a minigrad graph, the functions a case hands over) and watches
the inputs the student might change.

Procedures:
    "arrays"  fn(*args): arrays as read-only copies (writable copies for the names in
              `writable`), `FunctionRef`s as numpy functions (or minigrad ones with
              functions="tensor"), `BackwardRef`s as sigmoid backwards, `Seed`s as generators.
    "graph"   fn(root) on a fresh minigrad graph built from the `GraphSpec` in args[0]; what
              comes back is described by node index.
    "chain"   fn(input_jacobians, grad_last) with a fresh list of read-only Jacobians; a list
              that comes back reordered or shortened counts as a changed input.
    "engine"  a run inside the engine with fn in one place: args[0] is a `ModelTraining` or
              a `RegressionDescent` (`autograder.collecting.engine_runs`).
    "answers" fn() with no arguments returns the student's answers, one per name in args[0]
              (a test cell's `lambda: (df_dx, df_dy, df_dz)`). args[1], `pick`, is the index
              of the one answer to keep, or None for all of them; args[2], `rows`, says per
              answer None (a value, kept as it is) or a tuple of argument tuples (a function
              of the student's, called once per row: its results are kept, in order).
    "returned_graph"  fn() with no arguments returns tensors it built, (loss, w); the graph
              is described as a `GraphSpec` (`autograder.collecting.returned_graphs`), the
              roles named in args[0].
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .functions import BackwardRef, FunctionRef, Seed
from .graph_specs import build
from .returned_graphs import describe_returned_graph
from .values import Value, describe

PROCEDURES = ("arrays", "graph", "chain", "engine", "answers", "returned_graph")


@dataclass(frozen=True)
class Call:
    """procedure: one of PROCEDURES. args: plain data, in the student's call order.
    arg_names: the student's names for them (to report a changed input). writable: the names
    passed as writable copies (then compared after the call). functions: "numpy" or "tensor",
    the form in which a `FunctionRef` is handed over."""

    procedure: str
    args: tuple
    arg_names: tuple = ()
    writable: tuple = ()
    functions: str = "numpy"


def read_only_copy(array: np.ndarray) -> np.ndarray:
    """A fresh copy the student's function cannot write into (nor make writable again)."""
    owner = np.array(array, copy=True)
    owner.setflags(write=False)
    view = owner.view()
    view.setflags(write=False)
    return view


class Prepared:
    """A call's arguments made ready: fresh objects, read-only where possible.

    args: what the student's function is called with. watched: name -> (object, snapshot)
    for inputs whose change after the call is reported. nodes: id(tensor) -> index, for
    results that refer to a case's graph. run: what to do with fn instead of calling it with
    `args` (an engine run, answers, a returned graph); it returns a result to describe, or a
    `Value` already described.
    """

    def __init__(self, args=(), watched=None, nodes=None, run=None):
        self.args = tuple(args)
        self.watched = watched or {}
        self.nodes = nodes
        self.run = run

    def call(self, fn):
        """Call the student's function and describe the result as plain data."""
        if self.run is not None:
            result = self.run(fn)
            return result if isinstance(result, Value) else describe(result)
        return describe(fn(*self.args), self.nodes)

    def changed(self) -> tuple:
        """Names of the watched inputs whose numbers differ from before the call (for a
        watched list: that no longer holds the same objects in the same order)."""
        names = []
        for name, (obj, snapshot) in self.watched.items():
            if isinstance(snapshot, list):  # a list must still hold the same objects, in order
                if len(obj) != len(snapshot) or any(a is not b for a, b in zip(obj, snapshot)):
                    names.append(name)
                continue
            try:
                now = np.asarray(obj)
                # a perturb-and-restore loop (x[j] += eps ... x[j] -= eps) may leave rounding behind
                same = now.shape == snapshot.shape and bool(np.allclose(now, snapshot, rtol=1e-12, atol=0.0,
                                                                          equal_nan=True))
            except Exception:  # noqa: BLE001 - a broken input counts as changed
                same = False
            if not same:
                names.append(name)
        return tuple(names)


def prepare(call: Call) -> Prepared:
    if call.procedure not in PROCEDURES:
        raise ValueError(f"unknown procedure {call.procedure!r}; the procedures are {PROCEDURES}")
    return _PREPARE[call.procedure](call)


def _arrays(call: Call) -> Prepared:
    args, watched = [], {}
    for name, arg in zip(call.arg_names, call.args):
        if isinstance(arg, np.ndarray):
            arg = np.array(arg, copy=True) if name in call.writable else read_only_copy(arg)
            watched[name] = (arg, np.array(arg, copy=True))
        args.append(_materialised(arg, call.functions))
    return Prepared(args, watched)


def _materialised(arg, functions: str):
    """A plain-data argument as the object the student's function receives."""
    if isinstance(arg, FunctionRef):
        return arg.tensor() if functions == "tensor" else arg.numpy()
    if isinstance(arg, BackwardRef):
        return arg.numpy()
    if isinstance(arg, Seed):
        return arg.generator()
    return arg


def _graph(call: Call) -> Prepared:
    tensors = build(call.args[0])
    return Prepared((tensors[-1],), nodes={id(t): i for i, t in enumerate(tensors)})


def _chain(call: Call) -> Prepared:
    jacobians = [read_only_copy(J) for J in call.args[0]]
    grad_last = read_only_copy(call.args[1])
    return Prepared((jacobians, grad_last), {"input_jacobians": (jacobians, list(jacobians)),
                                             "grad_last": (grad_last, np.array(grad_last))})


def _engine(call: Call) -> Prepared:
    return Prepared(run=call.args[0].run)


def _answers(call: Call) -> Prepared:
    names, pick, rows = call.args

    def run(fn):
        answers = fn()
        if not isinstance(answers, (tuple, list)) or len(answers) != len(names):
            raise TypeError(f"the function should return {len(names)} answers ({', '.join(names)}), but it "
                            f"returned {_a(answers)}")
        if pick is not None:   # only this answer: another one's error must not cost it its case
            return _answer(names[pick], answers[pick], rows[pick])
        return tuple(_answer(name, answer, row) for name, answer, row in zip(names, answers, rows))
    return Prepared(run=run)


def _answer(name: str, answer, rows):
    """A value as it is; a function called on each row (rows: a tuple of argument tuples)."""
    if rows is None:
        return answer
    if not callable(answer):
        raise TypeError(f"{name} should be a function, but it is {_a(answer)}")
    return tuple(answer(*row) for row in rows)


def _a(obj) -> str:
    name = type(obj).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def _returned_graph(call: Call) -> Prepared:
    return Prepared(run=lambda fn: describe_returned_graph(fn(), tuple(call.args[0])))


_PREPARE = {"arrays": _arrays, "graph": _graph, "chain": _chain, "engine": _engine, "answers": _answers,
            "returned_graph": _returned_graph}
