"""Write the visible suites students get, as data, from the answer key:

    python -m autograder.exercises.export        # rewrites autograder/suites/*.json

Run it after changing an exercise (its cases, references or detectors);
tests/autograder/test_shipped.py fails until the shipped data equals a fresh export.

For each exercise the data holds the exercise object with its visible suite as written
(`RecordedSuite`: the cases, their calls and expected values) and its detectors, each field
of a detector that is a function (a `Variant`'s `result`, a `Simulated`'s) replaced by its
results on those cases (`Recorded`). Answers that are values ship neither their expected
values nor those detectors (see `autograder.shipped`). Hidden suites are never written.
"""
from __future__ import annotations

import copy
import dataclasses
import sys
from pathlib import Path

import numpy as np

from ..plain_json import to_json
from ..recorded import Raised, Recorded, RecordedSuite
from ..shipped import answers_withheld
from . import EXERCISES

SUITES_FOLDER = Path(__file__).resolve().parent.parent / "suites"
COMMAND = "python -m autograder.exercises.export"


def export_text(exercise) -> str:
    """The shipped data of one exercise, as JSON text."""
    cases = exercise.cases("visible")
    names = [case.name for case in cases]
    if len(set(names)) != len(names):
        raise ValueError(f"{exercise.id}: the visible cases' names are not unique ({names}); a shipped suite "
                         "records results by case name")
    withheld = answers_withheld(exercise)
    shipped = copy.copy(exercise)
    shipped.engine = None        # its case is among the recorded ones
    shipped._cases = {}
    if withheld:
        shipped.build = RecordedSuite(exercise.id, tuple(_without_answers(case) for case in cases))
        shipped.detectors = tuple(d for d in exercise.detectors if not _functions(exercise, d))
    else:
        shipped.build = RecordedSuite(exercise.id, tuple(cases))
        shipped.detectors = tuple(_recorded(exercise, d, cases) for d in exercise.detectors)
    return to_json({"exercise": shipped, "answers_withheld": withheld}) + "\n"


def _functions(exercise, detector) -> dict:
    """The fields of a detector that are functions (what a solution with the mistake gives)."""
    if not dataclasses.is_dataclass(detector):
        raise TypeError(f"{exercise.id}: the detector {detector!r} is not a dataclass; make it one, so that "
                        "its fields can be shipped as data")
    return {f.name: getattr(detector, f.name) for f in dataclasses.fields(detector)
            if f.init and callable(getattr(detector, f.name)) and not isinstance(getattr(detector, f.name), type)}


def _recorded(exercise, detector, cases):
    functions = _functions(exercise, detector)
    recorded = {name: Recorded({case.name: _result(fn, case) for case in cases}) for name, fn in functions.items()}
    return dataclasses.replace(detector, **recorded)


def _result(fn, case):
    """fn's result on the case, or `Raised`; nothing for a run inside the engine, which the
    detectors never read (`autograder.judge` leaves engine runs out of their evidence)."""
    if case.kind == "engine":
        return None
    try:
        with np.errstate(all="ignore"):   # a mistake may predict NaN (0/0): that is its result
            return fn(case)
    except Exception as err:  # noqa: BLE001 - kept as data: the detector reads the message
        return Raised(str(err))


def _without_answers(case):
    return dataclasses.replace(case, expected=tuple(None for _ in case.expected))


def export(folder: Path = SUITES_FOLDER) -> list:
    """Write every exercise's file (and remove files of exercises that are gone); the paths written."""
    written = []
    for exercise_id, exercise in EXERCISES.items():
        path = folder / f"{exercise_id}.json"
        path.write_text(export_text(exercise), encoding="utf-8")
        written.append(path)
    for stale in set(folder.glob("*.json")) - set(written):
        stale.unlink()
    return written


def main() -> int:
    written = export()
    size = sum(p.stat().st_size for p in written)
    print(f"wrote the visible suites of {len(written)} exercises to {SUITES_FOLDER} ({size / 1e3:.0f} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
