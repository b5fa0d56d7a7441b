"""What notebooks call: `check` (visible suite: prints a one-line
report when all is well, raises `ExerciseFailed` carrying the report on failure), `score` (hidden
suite, returns partial credit) and `run_check` (returns the `CheckResult`, silently).

    from autograder import check, score
    check("sigmoid_backward", sigmoid_backward)
    score("sigmoid_backward", sigmoid_backward, points=3)

Each runs the three steps of a check: collect (run the student's function, keep plain
data), judge (a pure function of that data) and report (the text for the student).
"""
from __future__ import annotations

from .collecting import DEFAULT_TIME_LIMIT, collect
from .exercises import get_exercise
from .judge import judge
from .report import report
from .result import CheckResult, ExerciseFailed


def run_check(exercise_id: str, fn, suite: str = "visible", time_limit: float = DEFAULT_TIME_LIMIT,
              seed: int | None = None) -> CheckResult:
    """Run one suite ("visible" or "hidden") of an exercise on `fn`; print nothing, raise nothing
    (except for an unknown exercise id, suite or seed). seed: None for the suite as written,
    an int for the same cases with other random values (see `Exercise.cases`)."""
    exercise = get_exercise(exercise_id)
    cases = exercise.cases(suite, seed)
    outcomes = collect(fn, [case.call for case in cases], time_limit)
    verdict = judge(exercise, suite, cases, outcomes)
    message = report(exercise, cases, outcomes, verdict)
    return CheckResult.of(verdict, cases, message)


def check(exercise_id: str, fn, time_limit: float = DEFAULT_TIME_LIMIT) -> CheckResult:
    """The visible test of a notebook: print the (one-line) report and return the result when
    every case passes; otherwise print nothing and raise `ExerciseFailed`, whose message is the
    report (what the notebook, nbgrader's Validate and its feedback all show)."""
    result = run_check(exercise_id, fn, "visible", time_limit)
    if not result.passed:
        raise ExerciseFailed(result.message) from None
    print(result.message)
    return result


def score(exercise_id: str, fn, points: float = 1.0, time_limit: float = DEFAULT_TIME_LIMIT,
          seed: int | None = None) -> float:
    """The hidden test: print the report, return points × the fraction of cases passed."""
    result = run_check(exercise_id, fn, "hidden", time_limit, seed)
    print(result.message)
    return float(points) * result.fraction
