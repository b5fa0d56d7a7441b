"""Judging answers that are values (`parabola_rates`, `hand_gradients`): the student's
function takes no arguments and returns the answers; an answer that is a function
(`step_factor`) comes back as its results on the case's rows of arguments.

A case judges one answer or all of them. Each answer's numbers are compared with the case's
expected values; an answer judged *through* a function (`case.info["through"]`, by name from
`THROUGH`) is first mapped by it — a learning rate is judged by what one step of the engine
does with it. The hints (`explain`) say in the course's words what is wrong with an answer
(what one step from x = 3 gives, which path of x is missing); no report prints an expected
value.

The answer key (`autograder.exercises.answers`) holds the answers. The visible suites shipped
to students hold none: `by_engine` fills a shipped case in with what the engine computes,
which is all a student's own copy of the engine could compute too (see docs/exercises.md).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

import minigrad as mg
from minigrad.optim import SGD

from ..collecting.calls import Call
from ..compare import CaseVerdict, as_result_array, compare_values, describe_kind, result_tolerances
from ..exercise import Exercise


class AnswersExercise(Exercise):
    """An exercise whose student function takes no arguments and returns the answers named in
    `returns`. `rows` gives, per answer, None (a value) or the argument tuples a function-answer
    is called on in a case (`case.info["rows"]` overrides it). `explain(case, c, got)` says in
    words what is wrong with answer c when its numbers are wrong (None: the generic sentence).
    `by_engine(case)`: the visible case with its expected values computed by the engine, for a
    suite shipped without them (`autograder.shipped`)."""

    procedure = "answers"

    def __init__(self, id, signature, returns, build, detectors=(), explain=None, has_inputs=True, by_engine=None):
        super().__init__(id, signature, (), returns, build, detectors)
        self.explain = explain
        self.has_inputs = has_inputs
        self.by_engine = by_engine

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
        through = case.info.get("through") or (None,) * len(self.returns)
        got, problems, failing, max_error = [None] * len(self.returns), [], [], 0.0
        for c in judged:
            array, problem = self._numbers(parts[c], case.expected[c], c, rows[c])
            if problem is None:
                got[c] = array
                judged_value = array if through[c] is None else THROUGH[through[c]](array)
                rtol, atol = result_tolerances(parts[c], case.expected[c], case.rtol, case.atol)
                problem, error, _ = compare_values(judged_value, case.expected[c], rtol, atol, self.returns[c])
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


# ----- parabola_rates ----------------------------------------------------------------------------
def engine_step_factor(learning_rate):
    """What one step of gradient descent on f(x) = x² multiplies x by, for each learning rate:
    the engine's backward gives f'(1) and `minigrad.optim.SGD` takes the step from x = 1."""
    rates = np.asarray(learning_rate, dtype=np.float64)
    factors = []
    for rate in rates.reshape(-1):
        if rate == 0:   # no step at all (SGD refuses a rate of 0, pointless in training): x stays
            factors.append(1.0)
            continue
        x = mg.Tensor(np.array(1.0), requires_grad=True)
        (x * x).backward()
        with np.errstate(all="ignore"):   # a rate of 1e308 gives -inf, judged as such, without a warning
            SGD([x], lr=float(rate)).step()
        factors.append(float(x.data))
    return np.array(factors).reshape(rates.shape)


THROUGH = {"step_factor": engine_step_factor}


def parabola_by_engine(case):
    """The visible case of parabola_rates, filled in by the engine: step_factor at the case's
    rates; one_step_rate judged through the step it gives (it must land on the minimum: factor
    0) and first_unstable_rate too (the boundary where |x| stops shrinking: factor −1)."""
    rates = np.array([row[0] for row in case.args[0][0]])
    expected = (engine_step_factor(rates), np.asarray(0.0), np.asarray(-1.0))
    return replace(case, expected=expected, info={**case.info, "through": (None, "step_factor", "step_factor")})


def _one_step(x: float, eta: float) -> float:
    """A reference step of gradient descent on f(x) = x² (plain floats: no numpy warnings)."""
    return x - eta * 2 * x


def explain_rates(case, c, got) -> str:
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


# ----- hand_gradients ----------------------------------------------------------------------------
GRADIENTS = ("df_dx", "df_dy", "df_dz")
HINTS = {   # the visible test cell's hints, one per partial derivative
    "df_dx": "x reaches f along two paths (directly, and through q = x*y); add the two contributions.",
    "df_dy": "y only reaches f through q: multiply df/dq by dq/dy = x.",
    "df_dz": "z enters through r = q + z, and df/dr is the other factor of the product, x.",
}


def hand_gradients_by_engine(case):
    """The visible case of hand_gradients, filled in by the engine's backward pass on
    f = (x*y + z)*x at (2, −3, 4) — what the notebook asks the student not to use."""
    x, y, z = (mg.Tensor(np.array(v), requires_grad=True) for v in (2.0, -3.0, 4.0))
    ((x * y + z) * x).backward()
    return replace(case, expected=tuple(np.asarray(float(t.grad)) for t in (x, y, z)))


def explain_gradient(case, c, got) -> str:
    name = GRADIENTS[c]
    return f"{name} = {float(got):g} is not right. Hint: {HINTS[name]}"
