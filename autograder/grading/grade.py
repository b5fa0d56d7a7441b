"""`autograder grade`: every submission of an assignment, graded where student code cannot
touch the grade. For each student, in order:

1. forget the student's earlier autograded scores (a stopped run leaves none standing);
2. read each submitted notebook (never trusting its test cells or metadata) — a notebook
   that cannot be read scores 0 with the reason;
3. per exercise, collect the student's function in a sandbox and judge it here (`judging`);
4. the feedback run: nbgrader's autograde with the kernel in a sandbox, each test cell
   showing the judgement (`feedback`);
5. write the judged points into nbgrader's gradebook (`gradebook`).
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .gradebook import forget_scores, grading_seed, write_scores
from .judging import Workspace, judge_submission_exercise
from .notebooks import UnreadableSubmission, graded_cells, read_submission, safe_name
from .sandbox import Limits

log = logging.getLogger("autograder")


@dataclass
class StudentGrade:
    """What grading one student gave: points per (notebook, grade_id), and what went wrong."""

    student: str
    points: dict = field(default_factory=dict)
    possible: float = 0.0
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    results: dict = field(default_factory=dict)   # exercise -> ExerciseResults
    seconds: float = 0.0

    @property
    def total(self) -> float:
        return round(sum(self.points.values()), 6)


def source_notebooks(course: Path, assignment: str) -> list[Path]:
    folder = course / "notebooks" / assignment
    notebooks = sorted(folder.glob("*.ipynb"))
    if not notebooks:
        raise SystemExit(f"There is no assignment {assignment!r}: no notebook in {folder}.")
    return notebooks


def submitted_students(course: Path, assignment: str) -> tuple[list, list]:
    """(students whose folder holds the assignment, problems with folders that cannot be used)."""
    root = course / "submitted"
    students, problems = [], []
    if not root.is_dir():
        return students, problems
    for entry in sorted(os.listdir(root)):
        if not (root / entry / assignment).is_dir():
            continue
        if safe_name(entry):
            students.append(entry)
        else:
            problems.append(f"submitted/{entry!r}: not a usable student id (letters, digits, '-', '_', '.', '@' "
                            "only); rename the folder and grade again")
    return students, problems


def grade_assignment(course: Path, assignment: str, students: list | None = None,
                     limits: Limits | None = None, feedback: bool = True) -> tuple[list, list]:
    """Grade the students' submissions; returns (StudentGrade per student, folder problems)."""
    course = Path(course).resolve()
    notebooks = source_notebooks(course, assignment)
    cells = {path.stem: graded_cells(path) for path in notebooks}
    found, problems = submitted_students(course, assignment)
    students = students or found
    seed = grading_seed(course, assignment)
    grades = []
    with tempfile.TemporaryDirectory(prefix="autograder-") as scratch:
        os.chmod(scratch, 0o755)
        workspace = Workspace(scratch, limits)
        for student in students:
            grades.append(grade_student(course, assignment, student, notebooks, cells, seed, workspace, feedback))
    return grades, problems


def grade_student(course, assignment, student, notebooks, cells, seed, workspace, feedback=True) -> StudentGrade:
    started = time.monotonic()
    grade = StudentGrade(student)
    forget_scores(course, assignment, student, {nb: [c.grade_id for c in cs] for nb, cs in cells.items()})
    judged, comments = {}, {}
    for source in notebooks:
        notebook = source.stem
        graded = cells[notebook]
        grade.possible += sum(c.points for c in graded)
        try:
            submission = read_submission(course / "submitted" / student / assignment / source.name, source)
        except UnreadableSubmission as err:
            grade.problems.append(str(err))
            comments[notebook] = f"Not graded: {err}."
            for cell in graded:
                grade.points[(notebook, cell.grade_id)] = 0.0
                judged[cell.grade_id] = (0.0, cell.points, f"Not graded: {err}.")
            continue
        grade.notes += [f"{notebook}: {note}" for note in submission.notes]
        by_exercise = {}
        for cell in graded:
            by_exercise.setdefault((cell.exercise, cell.function), []).append(cell)
        for (exercise, function), its_cells in by_exercise.items():
            results = judge_submission_exercise(exercise, function, submission.cells_for(its_cells), seed, workspace)
            grade.results[exercise] = results
            if results.problem:
                grade.problems.append(f"{exercise}: {results.problem}")
            for cell in its_cells:
                result = results.results[cell.suite]
                points = cell.points * (result.fraction if cell.suite == "hidden" else float(result.passed))
                points = round(points, 6)
                grade.points[(notebook, cell.grade_id)] = points
                judged[cell.grade_id] = (points, cell.points, result.message)
    if feedback and not comments:
        run_feedback(course, assignment, student, judged, workspace, grade)
    elif feedback:
        grade.notes.append("no feedback run: a notebook could not be read")
    write_scores(course, assignment, student, grade.points, comments)
    grade.seconds = time.monotonic() - started
    log.info("%s: %g of %g points (%.1f s)%s%s", student, grade.total, grade.possible, grade.seconds,
             "".join(f"\n  problem: {p}" for p in grade.problems), "".join(f"\n  note: {n}" for n in grade.notes))
    return grade


def run_feedback(course, assignment, student, judged, workspace, grade) -> None:
    """nbgrader's autograde of the submission (kernel sandboxed, judgement shown); a failure
    here costs no point, it is recorded for the instructor."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    from .feedback import feedback_preprocessors
    from .kernel import sandboxed_kernel_manager

    run = workspace.folder / "feedback" / student
    kernels = sandboxed_kernel_manager(workspace.library_without_answers(), run / "work", run / "channels",
                                       workspace.limits, workspace.uid)
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    config.Autograde.autograde_preprocessors = feedback_preprocessors(judged, kernels)
    config.Execute.timeout = 30
    previous = os.getcwd()
    os.chdir(course)
    try:
        api = NbGraderAPI(CourseDirectory(config=config), config=config)
        outcome = api.autograde(assignment, student, force=True, create=True)
    finally:
        os.chdir(previous)
        shutil.rmtree(run, ignore_errors=True)
    if not outcome.get("success"):
        grade.problems.append("the feedback run failed (the judged points still count): "
                              + _last_line(outcome.get("error") or outcome.get("log") or ""))


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no reason given"
