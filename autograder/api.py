"""What notebooks call: `check` (visible suite: prints a one-line
report when all is well, raises `ExerciseFailed` carrying the report on failure), `score` (hidden
suite, returns partial credit) and `run_check` (returns the `CheckResult`, silently).

    from autograder import check, score
    check("sigmoid_backward", sigmoid_backward)
    score("sigmoid_backward", sigmoid_backward, points=3)

Each runs the three steps of a check: collect (run the student's function, keep plain
data), judge (a pure function of that data) and report (the text for the student).

The visible suite as written (`check`) is judged from the data shipped in the package
(`autograder.shipped`), so it works where students have only the installed package. The
hidden suite (`score`) and grading-time seeds need the answer key (`autograder.exercises`),
which is in the course's repository only; without it they raise `AnswerKeyMissing`.
"""
from __future__ import annotations

from .answer_key import answer_key, key_available
from .case import SUITES
from .collecting import DEFAULT_TIME_LIMIT, collect
from .judge import judge
from .report import report
from .result import CheckResult, ExerciseFailed
from .shipped import answers_withheld, shipped_exercise


def run_check(exercise_id: str, fn, suite: str = "visible", time_limit: float = DEFAULT_TIME_LIMIT,
              seed: int | None = None) -> CheckResult:
    """Run one suite ("visible" or "hidden") of an exercise on `fn`; print nothing, raise nothing
    (except for an unknown exercise id, suite or seed). seed: None for the suite as written,
    an int for the same cases with other random values (see `Exercise.cases`)."""
    exercise = exercise_for(exercise_id, suite, seed)
    cases = exercise.cases(suite, seed)
    outcomes = collect(fn, [case.call for case in cases], time_limit)
    verdict = judge(exercise, suite, cases, outcomes)
    message = report(exercise, cases, outcomes, verdict)
    return CheckResult.of(verdict, cases, message)


def exercise_for(exercise_id: str, suite: str, seed: int | None):
    """The exercise that judges (suite, seed): the shipped visible suite, or the answer key's.
    Where the answer key is present, it also judges the answers that are values, whose
    shipped suites cannot name their mistakes (see `autograder.shipped`)."""
    if suite not in SUITES:
        raise ValueError(f"suite must be one of {SUITES}, got {suite!r}")
    if suite == "visible" and seed is None:
        exercise = shipped_exercise(exercise_id)
        if not (answers_withheld(exercise) and key_available()):
            return exercise
    return answer_key(f"the {suite} suite of {exercise_id}" + ("" if seed is None else f" with seed {seed}")
                      ).get_exercise(exercise_id)


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
