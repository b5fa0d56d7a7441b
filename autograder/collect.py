"""Collecting: run the student's function on every case of a suite, with limits, and keep
only plain data (`autograder.values.Outcome`). This is the only place student code runs.

A grading pipeline can call `collect` in a sandbox, serialise the outcomes
(`autograder.serialize`), and judge them in a process that never ran student code.
"""
from __future__ import annotations

from .runner import DEFAULT_TIME_LIMIT, run_limited
from .values import Outcome

MAX_TIMEOUTS = 2   # after this many time-outs the remaining cases are skipped


def collect(exercise, fn, cases, time_limit: float = DEFAULT_TIME_LIMIT) -> list:
    """One `Outcome` per case, in order. Never raises for anything the student's code does."""
    outcomes, timeouts = [], 0
    for case in cases:
        if timeouts >= MAX_TIMEOUTS:
            outcomes.append(Outcome("skipped", error="earlier cases ran out of time, so the rest were not run"))
            continue
        if not callable(fn):
            outcomes.append(Outcome("raised", error=f"TypeError: the check needs your function itself, but got "
                                                    f"a {type(fn).__name__} (pass the name without brackets)"))
            continue
        prepared = exercise.prepare(case)
        record = run_limited(lambda: exercise.call(fn, case, prepared), time_limit)
        timeouts += record.status == "timeout"
        outcomes.append(Outcome(record.status, record.result, record.error, record.where, record.printed,
                                record.printed_chars, tuple(record.warnings), prepared.changed()))
    return outcomes
