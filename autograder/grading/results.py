"""What grading found, kept beside the gradebook for the instructor's report:
`.autograder/results/<assignment>/<student>.json` in the course folder (never in a sandbox).

One file per student, written atomically by the grader's one writer after the student's
points went into gradebook.db:

    {"student", "assignment", "graded_at", "seconds", "sandbox_cpu_seconds", "total", "possible",
     "graded": false when a notebook could not be read (then "problems" says why),
     "problems": [...], "notes": [...],
     "cells": [{"notebook", "grade_id", "exercise", "suite", "points", "possible"}],
     "exercises": {id: {"problem", "cell_errors", "visible": CheckResult, "hidden": CheckResult}}}

A CheckResult is `autograder.result.CheckResult.to_dict()`: passed, cases, the named
mistake(s) and the report text, whose smallest failing case shows inputs and values, never
the hidden tests' code or a solution.
"""
from __future__ import annotations

import datetime
import json
import os
from pathlib import Path


def results_folder(course: Path, assignment: str) -> Path:
    return Path(course) / ".autograder" / "results" / assignment


def save_results(plan, grade) -> Path:
    folder = results_folder(plan.course, plan.assignment)
    folder.mkdir(parents=True, exist_ok=True)
    data = {
        "student": grade.student, "assignment": plan.assignment,
        "graded_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "seconds": round(grade.seconds, 3), "sandbox_cpu_seconds": round(grade.sandbox_cpu_seconds, 3),
        "total": grade.total, "possible": grade.possible,
        "graded": grade.graded, "problems": grade.problems, "notes": grade.notes,
        "cells": [{"notebook": notebook, "grade_id": cell.grade_id, "exercise": cell.exercise, "suite": cell.suite,
                   "points": points, "possible": cell.points} for notebook, cell, points in grade.cells],
        "exercises": {exercise: {"problem": r.problem, "cell_errors": r.cell_errors,
                                 **{suite: result.to_dict() for suite, result in r.results.items()}}
                      for exercise, r in grade.results.items()},
    }
    path = folder / f"{grade.student}.json"
    partial = path.with_suffix(".json.partial")
    partial.write_text(json.dumps(data, indent=1, default=_plain))
    os.replace(partial, path)
    return path


def load_results(course: Path, assignment: str) -> list[dict]:
    """Every student's results of an assignment, by student id."""
    folder = results_folder(course, assignment)
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]


def _plain(value):
    """numpy numbers and other odd leaves as JSON."""
    if hasattr(value, "item"):
        return value.item()
    return str(value)
