"""Collecting: run the student's function on every call of a suite, with limits, and keep
only plain data (`Outcome`). This is the only place student code runs.

    outcomes = collect(fn, [case.call for case in cases], time_limit)
"""
from __future__ import annotations

from .calls import prepare
from .runner import DEFAULT_TIME_LIMIT, run_limited
from .values import Outcome

MAX_TIMEOUTS = 2   # after this many time-outs the remaining calls are skipped


def collect(fn, calls, time_limit: float = DEFAULT_TIME_LIMIT) -> list:
    """One `Outcome` per call, in order. Never raises for anything the student's code does."""
    outcomes, timeouts = [], 0
    for call in calls:
        if timeouts >= MAX_TIMEOUTS:
            outcomes.append(Outcome("skipped", error="earlier cases ran out of time, so the rest were not run"))
            continue
        if not callable(fn):
            outcomes.append(Outcome("raised", error=f"TypeError: the check needs your function itself, but got "
                                                    f"a {type(fn).__name__} (pass the name without brackets)"))
            continue
        prepared = prepare(call)
        outcome = run_limited(lambda prepared=prepared: prepared.call(fn), time_limit)
        outcome.mutated = prepared.changed()
        timeouts += outcome.status == "timeout"
        outcomes.append(outcome)
    return outcomes
