"""What an exercise is: its student signature, its cases, how to call the student's function
on a case, how to judge what came back, and which mistakes to look for.

Most exercises take arrays and return arrays (`Exercise` itself). Exercises whose student
function takes a graph, a function or a random generator override `prepare` (turn a case's
plain-data arguments into real objects) and `judge_result`.
"""
from __future__ import annotations

import numpy as np

from ..judge import Verdict, judge_arrays, judge_engine_run
from ..cases import checked_seed, derived_seed, read_only_copy
from ..functions import BackwardRef, FunctionRef
from ..values import describe


class Prepared:
    """A case's arguments made ready for one call: fresh objects, read-only where possible.

    args: what the student's function is called with. watched: name -> (object, snapshot)
    for inputs whose change after the call is reported. nodes: id(tensor) -> index, for
    results that refer to a case's graph.
    """

    def __init__(self, args, watched=None, nodes=None):
        self.args = tuple(args)
        self.watched = watched or {}
        self.nodes = nodes

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


class Exercise:
    """An exercise whose student function takes arrays (and numbers) and returns arrays.

    id: the exercise id of docs/exercises.md. signature: how the student's function is
    called. arg_names: its parameters. returns: the names of what it returns, in order.
    build: (suite, seed) -> list of cases (seeded; see `autograder.cases`). detectors: the
    mistakes to look for (see `autograder.mistakes`). engine: an `EngineRun` that runs the
    student's function inside the reference engine, or None. shape_notes: per returned
    component, whose shape it must have ("x's shape").
    """

    def __init__(self, id, signature, arg_names, returns, build, detectors=(), engine=None,
                 shape_notes=(), writable=()):
        self.id = id
        self.signature = signature
        self.arg_names = tuple(arg_names)
        self.returns = tuple(returns)
        self.build = build
        self.detectors = tuple(detectors)
        self.engine = engine
        self.shape_notes = tuple(shape_notes)
        self.writable = tuple(writable)   # arguments passed as writable copies (then compared)
        self._cases = {}

    def __repr__(self):
        return f"<exercise {self.id}: {self.signature}>"

    @property
    def mistake_ids(self) -> tuple:
        return tuple(dict.fromkeys(d.mistake for d in self.detectors))

    def cases(self, suite: str, seed: int | None = None) -> list:
        """The suite's cases (built once, then reused: they are read-only plain data).

        seed: None for the suite as written; a non-negative int for the same cases (count,
        names, kinds, order) with other random values — arrays, upstream gradients, the
        engine run's model — for grading.
        """
        seed = checked_seed(seed)
        if (suite, seed) not in self._cases:
            cases = list(self.build(suite, seed))
            if self.engine is not None:
                cases.append(self.engine.case(seed=derived_seed(3 if suite == "visible" else 11, seed)))
            self._cases[(suite, seed)] = cases
        return self._cases[(suite, seed)]

    # ----- collecting (these two run next to student code) ------------------------------------
    def prepare(self, case) -> Prepared:
        args, watched = [], {}
        for name, arg in zip(self.arg_names, case.args):
            if isinstance(arg, np.ndarray):
                if name in self.writable:
                    arg = np.array(arg, copy=True)
                else:
                    arg = read_only_copy(arg)
                watched[name] = (arg, np.array(arg, copy=True))
            args.append(self.materialise(arg))
        return Prepared(args, watched)

    def materialise(self, arg):
        """A plain-data argument as the object the student's function receives."""
        if isinstance(arg, (FunctionRef, BackwardRef)):
            return arg.numpy()
        return arg

    def call(self, fn, case, prepared: Prepared):
        """Call the student's function on a case and describe the result as plain data."""
        if case.kind == "engine":
            return describe(self.engine.run(fn, case))
        return describe(fn(*prepared.args), prepared.nodes)

    # ----- judging (pure) ---------------------------------------------------------------------
    def judge_result(self, case, value) -> Verdict:
        if case.kind == "engine":
            return judge_engine_run(self, case, value)
        return judge_arrays(self, case, value)

    def component_names(self, case) -> tuple:
        return tuple(case.info.get("components", self.returns))

    def shape_note(self, case, c: int) -> str:
        if case.kind == "engine" or c >= len(self.shape_notes):
            return ""
        return self.shape_notes[c]

    def describe_args(self, case) -> list:
        """(name, value) pairs of a case's arguments, for the report."""
        return list(zip(self.arg_names, case.args))
