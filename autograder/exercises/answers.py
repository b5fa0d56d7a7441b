"""Answers that are values: numbers a student works out on paper, and small functions of them.

A notebook's test cell names them as a lambda over the student's names, e.g.
`lambda: (df_dx, df_dy, df_dz)`; the collect side calls it with no arguments and keeps one
answer, or all of them (procedure "answers", `autograder.collecting.calls`). An answer that
is a function (`step_factor`) is called there on the case's rows of arguments, and only its
results come back. A case judges one answer (the hidden suites: one case per answer, so the
fraction of cases passed is the fraction of answers right) or all of them (the visible
suites: one case, passed when every answer is right).

    parabola_rates: lambda: (step_factor, one_step_rate, first_unstable_rate)
        step_factor(learning_rate) = 1 − 2·learning_rate   (one step on f(x) = x² multiplies x by it)
        one_step_rate = 0.5, first_unstable_rate = 1.0
    hand_gradients: lambda: (df_dx, df_dy, df_dz) for f = (x·y + z)·x at (2, −3, 4): (−8, 4, 2)
"""
from __future__ import annotations

import numpy as np

from ..collecting.calls import Call
from ..compare import CaseVerdict, as_result_array, compare_values, describe_kind, result_tolerances
from ..detectors import Variant
from .base import Exercise
from .cases import Case, frozen, rng_for


class AnswersExercise(Exercise):
    """An exercise whose student function takes no arguments and returns the answers named in
    `returns`. `rows` gives, per answer, None (a value) or the argument tuples a function-answer
    is called on in a case (`case.info["rows"]` overrides it). `explain(case, c, got)` says in
    words what is wrong with answer c when its numbers are wrong (None: the generic sentence)."""

    procedure = "answers"

    def __init__(self, id, signature, returns, build, detectors=(), explain=None, has_inputs=True):
        super().__init__(id, signature, (), returns, build, detectors)
        self.explain = explain
        self.has_inputs = has_inputs

    def call_for(self, case) -> Call:
        return Call(self.procedure, (self.returns, case.info.get("answer"), case.args[0]))

    def judged(self, case) -> tuple:
        """The answers a case judges."""
        pick = case.info.get("answer")
        return tuple(range(len(self.returns))) if pick is None else (pick,)

    def describe_args(self, case) -> list:
        return []

    def judge_result(self, case, value) -> CaseVerdict:
        judged = self.judged(case)
        if len(judged) == 1:
            parts = {judged[0]: value}
        elif value.kind in ("tuple", "list") and value.length == len(self.returns):
            parts = dict(zip(judged, value.items))
        else:   # the collect side checks the count; this is a malformed reply
            return CaseVerdict(False, f"it returned {describe_kind(value)}, not {len(self.returns)} answers.", judged)
        rows = case.args[0]
        got, problems, failing, max_error = [None] * len(self.returns), [], [], 0.0
        for c in judged:
            array, problem = self._numbers(parts[c], case.expected[c], c, rows[c])
            if problem is None:
                got[c] = array
                rtol, atol = result_tolerances(parts[c], case.expected[c], case.rtol, case.atol)
                problem, error, _ = compare_values(array, case.expected[c], rtol, atol, self.returns[c])
                max_error = max(max_error, error)
                if problem and self.explain and np.all(np.isfinite(array)):
                    problem = self.explain(case, c, array) or problem
            if problem:
                problems.append(problem)
                failing.append(c)
        # no `worst`: the report would print the expected answer, which the student is to work out
        if failing:
            return CaseVerdict(False, " ".join(problems), tuple(failing), tuple(got), max_error)
        return CaseVerdict(True, None, (), tuple(got), max_error)

    def _numbers(self, part, expected, c: int, rows):
        """The answer's numbers as a float64 array shaped like `expected`, or a problem."""
        name = self.returns[c]
        if rows is None:
            return as_result_array(part, expected, name)
        if part.kind != "tuple" or part.length != len(rows):
            return None, f"{name} gave {describe_kind(part)}."
        values = []
        for row, item in zip(rows, part.items):
            call = f"{name}({', '.join(f'{a:g}' for a in row)})"
            array, problem = as_result_array(item, np.zeros(()), call)
            if problem:
                return None, problem
            values.append(float(array))
        return np.array(values), None


def _rows_case(name, kind, returns, expected, rows, answer=None, rtol=1e-6, atol=1e-9):
    """A case judging one answer (`answer`, an index) or all of them (None)."""
    expected = tuple(None if e is None else frozen(e) for e in expected)
    return Case(name, kind, (rows,), expected, rtol=rtol, atol=atol,
                info={"answer": answer, "size": 1 if answer is not None else len(returns)})


def _one_only(expected: tuple, c: int) -> tuple:
    return tuple(e if k == c else None for k, e in enumerate(expected))


def _flip(case):
    """Variant result: every judged answer with its sign flipped."""
    return tuple(None if e is None else -e for e in case.expected)


# ----- parabola_rates -----------------------------------------------------------------------------
RATES = ("step_factor(learning_rate)", "one_step_rate", "first_unstable_rate")


def _one_step(x: float, eta: float) -> float:
    """A reference step of gradient descent on f(x) = x² (plain floats: no numpy warnings)."""
    return x - eta * 2 * x


def _parabola_cases(suite, seed=None):
    rng = rng_for("parabola_rates", suite, seed=seed)
    written = (0.05, 0.3, 0.75, 1.2, 0.0) if suite == "visible" else (0.0, 0.2, 0.5, 0.9, 1.7)
    if seed is None:
        etas = written
    else:   # the same kinds of rates: creeping, zig-zagging inward and running away
        etas = tuple(round(float(v), 3) for v in (rng.uniform(0.01, 0.45), rng.uniform(0.55, 0.95),
                                                  rng.uniform(1.05, 2.0), rng.uniform(0.01, 2.0)))
        etas = etas + (0.0, 0.5)[: len(written) - len(etas)]
    rows = (tuple((eta,) for eta in etas), None, None)
    expected = (np.array([1 - 2 * eta for eta in etas]), 0.5, 1.0)
    if suite == "visible":
        return [_rows_case(f"the three answers (step_factor at {len(etas)} learning rates)", "edge", RATES, expected,
                           rows)]
    return [_rows_case(f"step_factor at {len(etas)} learning rates", "edge", RATES, _one_only(expected, 0), rows, 0),
            _rows_case("one_step_rate", "edge", RATES, _one_only(expected, 1), rows, 1),
            _rows_case("first_unstable_rate", "edge", RATES, _one_only(expected, 2), rows, 2)]


def _explain_rates(case, c, got) -> str:
    """The visible test cell's sentences: what gradient descent on x² actually does."""
    if c == 0:
        etas = [row[0] for row in case.args[0][0]]
        k = int(np.argmax(np.abs(got - case.expected[0]) / (case.atol + case.rtol * np.abs(case.expected[0]))))
        return (f"step_factor({etas[k]:g}) = {got[k]:.6g}, but one step from x = 3 with this learning rate lands "
                f"at {_one_step(3.0, etas[k]):.6g}: the factor should turn 3 into that.")
    rate = float(got)
    if c == 1:
        return f"with one_step_rate = {rate:g}, one step from x = 3 lands at {_one_step(3.0, rate):.6g}, not 0."
    if rate == 0:
        return ("with first_unstable_rate = 0, x never moves from 3: a learning rate of 0 takes no step at all. "
                "Look for the smallest rate at which descent stops getting closer to 0.")
    x = 3.0
    for _ in range(50):
        x = _one_step(x, rate)
    where = f"{x:.3g}" if abs(x) < 1e6 else "beyond ±1e6"
    return (f"after 50 steps with first_unstable_rate = {rate:g}, x is {where}: at the boundary between "
            "converging and diverging, |x| neither shrinks nor grows.")


def _slope_without_two(case):
    """Variant result: the answers of descent taken with the slope x instead of 2x."""
    etas = np.array([row[0] for row in case.args[0][0]])
    return tuple(None if e is None else v for e, v in zip(case.expected, (1 - etas, 1.0, 2.0)))


def _uphill(case):
    etas = np.array([row[0] for row in case.args[0][0]])
    return (1 + 2 * etas, None, None)


parabola_rates = AnswersExercise(
    "parabola_rates", "lambda: (step_factor, one_step_rate, first_unstable_rate)", RATES, _parabola_cases,
    (Variant("missing_factor", _slope_without_two,
             seen="Your answers fit gradient descent taken with the slope x instead of f'(x) = 2x: the factor 2 "
                  "of the derivative of x² is missing.",
             hint="Write one step out in full, x_new = x − η·f'(x) with f(x) = x², and collect the terms in x."),
     Variant("sign_error", _uphill,
             seen="Your step_factor is 1 + 2·learning_rate: that is a step uphill, x + η·f'(x).",
             hint="Gradient descent moves against the slope. Which sign does η·f'(x) get?")),
    explain=_explain_rates)


# ----- hand_gradients -----------------------------------------------------------------------------
GRADIENTS = ("df_dx", "df_dy", "df_dz")
HINTS = {   # the visible test cell's hints, one per partial derivative
    "df_dx": "x reaches f along two paths (directly, and through q = x*y); add the two contributions.",
    "df_dy": "y only reaches f through q: multiply df/dq by dq/dy = x.",
    "df_dz": "z enters through r = q + z, and df/dr is the other factor of the product, x.",
}
POINT = "f = (x*y + z)*x at x = 2, y = -3, z = 4"


def _gradient_cases(suite, seed=None):
    expected = (-8.0, 4.0, 2.0)   # q = -6, r = -2; df/dr = x = 2; df/dx = r + df/dq * y = -2 - 6
    rows = (None, None, None)
    if suite == "visible":
        return [_rows_case(f"the three partial derivatives of {POINT}", "edge", GRADIENTS, expected, rows)]
    return [_rows_case(f"{name} of {POINT}", "edge", GRADIENTS, _one_only(expected, c), rows, c)
            for c, name in enumerate(GRADIENTS)]


def _explain_gradient(case, c, got) -> str:
    name = GRADIENTS[c]
    return f"{name} = {float(got):g} is not right. Hint: {HINTS[name]}"


def _only(c, value):
    """Variant result: `value` for answer c, nothing said about the others."""
    return lambda case: tuple(value if k == c and e is not None else None for k, e in enumerate(case.expected))


hand_gradients = AnswersExercise(
    "hand_gradients", "lambda: (df_dx, df_dy, df_dz)", GRADIENTS, _gradient_cases,
    (Variant("overwrite_fanout", _only(0, -2.0),
             seen="Your df_dx = -2 is the direct path alone (df/dx with q held fixed, which is r): x also reaches f "
                  "through q = x*y, and that path's share is missing.",
             hint="x is used twice. Work out the share of each path that leaves x; fan-out gradients add up."),
     Variant("overwrite_fanout", _only(0, -6.0),
             seen="Your df_dx = -6 is the path through q = x*y alone: x also multiplies r directly, and that "
                  "path's share is missing.",
             hint="x is used twice. Work out the share of each path that leaves x; fan-out gradients add up."),
     Variant("ignored_upstream", _only(2, 1.0),
             seen="Your df_dz = 1 is the local derivative dr/dz alone, without df/dr, the gradient that arrives at "
                  "r from the product above it.",
             hint="The chain rule multiplies the local derivative by the gradient that reaches the node from "
                  "above: df/dz = df/dr · dr/dz."),
     Variant("sign_error", _flip)),
    explain=_explain_gradient, has_inputs=False)

EXERCISES = (parabola_rates, hand_gradients)
