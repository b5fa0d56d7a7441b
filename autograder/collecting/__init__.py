"""The collect side of the checks: everything that runs next to the student's code, and
nothing that knows an answer. It imports only the standard library, numpy, minigrad and
itself — never the exercises' references, the expected values, the detectors, the
catalogue or the report — so a grading pipeline can run it in a sandbox:

    from autograder.collecting import collect
    outcomes = collect(fn, [case.call for case in cases], time_limit)   # list[Outcome]

A case's `call` (a `Call`) is plain, picklable data: which procedure prepares the student's
arguments, and with what. `collect` never raises for anything the student's code does.
"""
from .calls import Call
from .collector import collect
from .outcomes_json import outcomes_from_json, outcomes_to_json
from .runner import DEFAULT_TIME_LIMIT
from .values import Outcome, Value, describe

__all__ = ["collect", "Call", "Outcome", "Value", "describe", "outcomes_to_json", "outcomes_from_json",
           "DEFAULT_TIME_LIMIT"]
