"""What an exercise is: its student signature, its cases, how the student's function is
called on a case (a plain-data `Call` for the collect side), how to judge what came back,
and which mistakes to look for.

Most exercises take arrays and return arrays (`Exercise` itself). Exercises whose student
function takes a graph or a list of Jacobians name another collect-side `procedure` (see
`autograder.collecting.calls`), and override `judge_result`.
"""
from __future__ import annotations

from dataclasses import replace

from .case import checked_seed, derived_seed
from .collecting.calls import Call
from .compare import CaseVerdict, judge_arrays, judge_engine_run


class Exercise:
    """An exercise whose student function takes arrays (and numbers) and returns arrays.

    id: the exercise id of docs/exercises.md. signature: how the student's function is
    called. arg_names: its parameters. returns: the names of what it returns, in order.
    build: (suite, seed) -> list of cases (seeded, in the answer key `autograder.exercises`;
    for a suite shipped as data, `autograder.shipped.RecordedSuite`). detectors: the
    mistakes to look for (see `autograder.detectors`). engine: an `EngineRun` that runs the
    student's function inside the reference engine, or None. shape_notes: per returned
    component, whose shape it must have ("x's shape"). writable: arguments passed as writable
    copies (then compared). procedure, functions: how the collect side makes the call (see
    `autograder.collecting.calls`). has_inputs: False when the student's function takes no
    inputs at all (answers that are values, a graph it builds): then its suites differ at most
    in what they judge, and a grading-time seed changes nothing.
    """

    procedure = "arrays"
    functions = "numpy"
    has_inputs = True

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
        self.writable = tuple(writable)
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
            self._cases[(suite, seed)] = [case if case.call else replace(case, call=self.call_for(case))
                                          for case in cases]
        return self._cases[(suite, seed)]

    def call_for(self, case) -> Call:
        """The plain-data call of the student's function on a case (no expected values)."""
        return Call(self.procedure, case.args, self.arg_names, self.writable, self.functions)

    # ----- judging (pure) ---------------------------------------------------------------------
    def judge_result(self, case, value) -> CaseVerdict:
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
