"""The visible suites as students get them: data in `autograder/suites/<exercise>.json`,
written from the answer key by `python -m autograder.exercises.export`.

    exercise = shipped_exercise("sigmoid_backward")   # an Exercise whose suite is data
    cases = exercise.cases("visible")                 # any other suite: AnswerKeyMissing

A shipped exercise is judged exactly as the answer key's: the same cases and expected
values, the same judging code, and every detector that needs a reference (a `Variant`'s
`result`) with that reference's results on those cases recorded (`autograder.recorded`).
No reference function, case builder or hidden case is in the data.

Answers that are values (`parabola_rates`, `hand_gradients`: the expected value *is* the
answer) are shipped without their expected values and without the detectors that would
give them away; their exercise's `by_engine` fills the visible case in with what the engine
computes (docs/exercises.md says what that means).
"""
from __future__ import annotations

from functools import cache
from importlib import resources

from .plain_json import from_json

SUITES_PACKAGE = "autograder.suites"


def shipped_ids() -> tuple:
    """The exercises whose visible suite is shipped."""
    folder = resources.files(SUITES_PACKAGE)
    return tuple(sorted(p.name[:-len(".json")] for p in folder.iterdir() if p.name.endswith(".json")))


@cache
def shipped_exercise(exercise_id: str):
    """The exercise as shipped to students, read from its data; a KeyError lists the known ids."""
    if not isinstance(exercise_id, str) or exercise_id not in shipped_ids():
        known = ", ".join(shipped_ids())
        raise KeyError(f"there is no exercise {exercise_id!r}; the exercises are: {known}")
    data = from_json((resources.files(SUITES_PACKAGE) / f"{exercise_id}.json").read_text(encoding="utf-8"))
    exercise = data["exercise"]
    if data["answers_withheld"]:
        suite = exercise.build
        exercise.build = type(suite)(suite.exercise, tuple(exercise.by_engine(case) for case in suite.cases))
    exercise._cases = {}
    return exercise


def answers_withheld(exercise) -> bool:
    """Whether an exercise's expected values are its answers (then they are not shipped)."""
    return getattr(exercise, "by_engine", None) is not None
