"""What the reports show, read from what `autograder grade` left: the per-student results
(`.autograder/results/<assignment>/<student>.json`, see `autograder.grading.results`), the
source notebooks' graded cells (which exercises an assignment has and their points), and
the class roster (nbgrader's gradebook and the submitted/ folders).

Only data: no HTML, no CSV, no plot. A student's entry never holds code: the results hold
points, named mistakes and the report text the student's check cells show anyway.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..notebooks import graded_cells, safe_name
from ..results import results_folder

NOT_HANDED_IN = "not handed in"


@dataclass(frozen=True)
class Exercise:
    id: str
    possible: float


@dataclass
class StudentResult:
    """One student's work on one assignment, as the reports need it."""

    student: str
    handed_in: bool
    graded: bool
    reason: str | None = None                      # why not graded (None when graded)
    points: dict = field(default_factory=dict)     # exercise -> points
    total: float | None = None
    possible: float = 0.0
    seconds: float | None = None
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    exercises: dict = field(default_factory=dict)  # exercise -> {"problem", "cell_errors", "visible", "hidden"}
    possible_by_exercise: dict = field(default_factory=dict)

    @property
    def status(self) -> str:
        if not self.handed_in:
            return NOT_HANDED_IN
        return "graded" if self.graded else f"not graded: {self.reason}"

    def mistakes(self, exercise: str) -> list:
        """The named mistakes' ids in an exercise, main one first, each once."""
        found = []
        for suite in ("visible", "hidden"):
            result = self.exercises.get(exercise, {}).get(suite) or {}
            for mistake in [result.get("mistake"), *(result.get("mistakes") or [])]:
                if mistake and mistake not in found:
                    found.append(mistake)
        return found


@dataclass
class AssignmentData:
    assignment: str
    exercises: list                                 # [Exercise], in the notebooks' order
    students: dict                                  # student -> StudentResult

    @property
    def possible(self) -> float:
        return sum(e.possible for e in self.exercises)

    def handed_in(self) -> list:
        return [r for r in self.students.values() if r.handed_in]

    def graded(self) -> list:
        return [r for r in self.students.values() if r.graded]


def load_assignment(course: Path, assignment: str, roster: list | None = None) -> AssignmentData:
    """Every student's result of `assignment`; students of `roster` without a results file
    are "not handed in" (or "not graded" when their submission is there but was not graded)."""
    course = Path(course)
    results = {}
    for path in sorted(results_folder(course, assignment).glob("*.json")):
        if not safe_name(path.stem):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            results[path.stem] = StudentResult(path.stem, True, False,
                                               f"its results file {path.name} cannot be read ({type(err).__name__}); "
                                               "grade it again")
            continue
        results[path.stem] = _student_result(path.stem, data)
    exercises = source_exercises(course, assignment) or _exercises_in_results(results.values())
    for result in results.values():
        result.possible = result.possible or sum(e.possible for e in exercises)
    for student in roster or []:
        if student not in results:
            submitted = (course / "submitted" / student / assignment).is_dir()
            results[student] = StudentResult(
                student, submitted, False,
                "handed in but not graded yet (run `autograder grade`)" if submitted else None,
                possible=sum(e.possible for e in exercises))
    return AssignmentData(assignment, exercises, dict(sorted(results.items())))


def source_exercises(course: Path, assignment: str) -> list:
    """The autograded exercises of the source notebooks, in order, with their points ([] when
    a notebook has test cells the grader cannot read: then the results say)."""
    possible = {}
    for notebook in sorted((Path(course) / "notebooks" / assignment).glob("*.ipynb")):
        try:
            cells = graded_cells(notebook)
        except (OSError, ValueError, SyntaxError, KeyError):
            return []
        for cell in cells:
            possible[cell.exercise] = possible.get(cell.exercise, 0.0) + cell.points
    return [Exercise(e, p) for e, p in possible.items()]


def _exercises_in_results(results) -> list:
    possible = {}
    for result in results:
        for exercise, points in result.possible_by_exercise.items():
            possible.setdefault(exercise, points)
    return [Exercise(e, p) for e, p in possible.items()]


def _student_result(student: str, data: dict) -> StudentResult:
    points, possible = {}, {}
    for cell in data.get("cells", []):
        points[cell["exercise"]] = points.get(cell["exercise"], 0.0) + float(cell.get("points") or 0.0)
        possible[cell["exercise"]] = possible.get(cell["exercise"], 0.0) + float(cell.get("possible") or 0.0)
    graded = bool(data.get("graded", True))
    problems = [str(p) for p in data.get("problems", [])]
    reason = None
    if not graded:
        reason = "; ".join(p.removeprefix("not graded: ") for p in problems) or "the grader gave no reason"
    return StudentResult(
        student, True, graded, reason, points if graded else {}, data.get("total") if graded else None,
        float(data.get("possible") or 0.0), data.get("seconds"), problems, [str(n) for n in data.get("notes", [])],
        data.get("exercises") or {}, possible)


def roster(course: Path, assignments: list) -> list:
    """Every student the course knows: nbgrader's gradebook, submitted/ and the results."""
    course = Path(course)
    students = set()
    database = course / "gradebook.db"
    if database.is_file():
        try:
            with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
                students.update(row[0] for row in db.execute("select id from student"))
        except sqlite3.Error:
            pass
    for assignment in assignments:
        students.update(p.stem for p in results_folder(course, assignment).glob("*.json"))
        submitted = course / "submitted"
        if submitted.is_dir():
            students.update(p.parent.name for p in submitted.glob(f"*/{assignment}") if p.is_dir())
    return sorted(s for s in students if isinstance(s, str) and safe_name(s))
