"""What the answer key computed, kept as data, for the visible suites shipped to students
(`autograder.shipped`): the cases themselves, and each detector's `result` on each case.

    suite = RecordedSuite(cases)          # an exercise's `build`: the visible cases, as recorded
    result = Recorded({name: ...})        # a detector's `result(case)`, looked up by case name
"""
from __future__ import annotations

from dataclasses import dataclass

from .answer_key import AnswerKeyMissing


@dataclass(frozen=True)
class Raised:
    """The answer key's function raised on that case; its message (a Variant compares it
    with the student's error, `same_error`)."""

    message: str


@dataclass(frozen=True)
class Recorded:
    """A detector's `result` as data: results[case name] is what the answer key's function
    gave on that case of the visible suite (a tuple per component, or None), or `Raised`."""

    results: dict

    def __call__(self, case):
        if case.name not in self.results:
            raise KeyError(f"no result recorded for the case {case.name!r}; the shipped suites are out of date: "
                           "run `python -m autograder.exercises.export`")
        result = self.results[case.name]
        if isinstance(result, Raised):
            raise ValueError(result.message)
        return result


@dataclass(frozen=True)
class RecordedSuite:
    """An exercise's `build` for a suite shipped as data: the visible suite as written; other
    suites and grading-time seeds need the answer key."""

    exercise: str
    cases: tuple

    def __call__(self, suite: str, seed: int | None = None) -> list:
        if suite != "visible" or seed is not None:
            which = f"the {suite} suite" + ("" if seed is None else f" with seed {seed}")
            raise AnswerKeyMissing(f"{which} of {self.exercise} is not shipped to students: only the visible "
                                   "suite as written is; the instructor's grader runs the others.")
        return list(self.cases)
