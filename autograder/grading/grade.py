"""`autograder grade`: every submission of an assignment, graded where student code cannot
touch the grade. For each student, in order:

1. forget the student's earlier autograded scores (a stopped run leaves none standing);
2. read each submitted notebook (never trusting its test cells or metadata) — a notebook
   that cannot be read scores 0 with the reason;
3. per exercise, collect the student's function in a sandbox and judge it here (`judging`);
4. the feedback run: nbgrader's autograde with the kernel in the same sandbox, each test
   cell showing the judgement (`feedback`);
   the sandbox is the worker's warm one, reset after every exercise and kernel and replaced
   after a number of submissions (`reuse`);
5. write the judged points into nbgrader's gradebook (`gradebook`).
"""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .collection import WarmSandbox
from .gradebook import forget_scores, grading_seed, open_gradebook, private_copy, write_scores
from .judging import judge_notebook
from .notebooks import UnreadableSubmission, graded_cells, read_submission, safe_name
from .results import save_results
from .reuse import SUBMISSIONS_PER_SANDBOX, SandboxKeeper, worker_keeper
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
    cells: list = field(default_factory=list)     # (notebook, GradedCell, points)
    comments: dict = field(default_factory=dict)  # notebook -> why it was not graded
    timestamp: object = None
    seconds: float = 0.0
    sandbox_cpu_seconds: float = 0.0   # CPU time inside the sandboxes (the grader's own is not in it)

    failure: str | None = None   # the grader (not the student) could not grade it

    @classmethod
    def not_graded(cls, student: str, reason: str) -> StudentGrade:
        return cls(student, problems=[f"not graded: {reason}"], failure=reason)

    @property
    def graded(self) -> bool:
        """Every notebook could be read and graded (a 0 here means no work, not "not graded")."""
        return self.failure is None and not self.comments

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


@dataclass(frozen=True)
class Plan:
    """Everything a worker needs to grade one student of an assignment (picklable: it goes
    to worker processes and to dask workers, which need the same course folder)."""

    course: Path
    assignment: str
    notebooks: tuple
    cells: dict
    seed: int
    limits: Limits
    feedback: bool
    per_sandbox: int = SUBMISSIONS_PER_SANDBOX   # submissions one warm sandbox grades (`reuse.py`)


def plan_for(course: Path, assignment: str, limits: Limits | None = None, feedback: bool = True,
             per_sandbox: int = SUBMISSIONS_PER_SANDBOX) -> Plan:
    course = Path(course).resolve()
    notebooks = tuple(source_notebooks(course, assignment))
    cells = {path.stem: graded_cells(path) for path in notebooks}
    return Plan(course, assignment, notebooks, cells, grading_seed(course, assignment), limits or Limits(), feedback,
                per_sandbox)


def grade_assignment(course: Path, assignment: str, students: list | None = None, limits: Limits | None = None,
                     feedback: bool = True, workers: int = 1, scheduler: str | None = None,
                     on_graded=None, per_sandbox: int = SUBMISSIONS_PER_SANDBOX) -> tuple[list, list]:
    """Grade the students' submissions; returns (StudentGrade per student, folder problems).

    The students are graded one by one (workers=1), by a pool of `workers` processes, or by a
    dask.distributed cluster (`scheduler` = "tcp://host:port"); whichever, this process alone
    writes the gradebook, as each student's grade arrives. `on_graded(grade)` is called then
    (for a progress bar). Each worker grades its submissions one after another in a warm
    sandbox that it replaces after `per_sandbox` of them (`reuse.py`)."""
    plan = plan_for(course, assignment, limits, feedback, per_sandbox)
    found, problems = submitted_students(plan.course, assignment)
    students = list(students or found)
    grades = []
    with open_gradebook(plan.course) as gradebook:
        # a run stopped midway leaves no earlier score standing
        forget_scores(gradebook, assignment, students, {nb: [c.grade_id for c in cs] for nb, cs in plan.cells.items()})
        for grade in _graded(plan, students, workers, scheduler):
            record(plan, grade, gradebook)
            grades.append(grade)
            if on_graded is not None:
                on_graded(grade)
    grades.sort(key=lambda g: students.index(g.student))
    return grades, problems


def _graded(plan: Plan, students: list, workers: int, scheduler: str | None):
    """Each student's StudentGrade, in the order they finish."""
    if scheduler:
        from .distributed import grade_on_cluster
        yield from grade_on_cluster(plan, students, scheduler)
    elif workers > 1 and len(students) > 1:
        from concurrent.futures import ProcessPoolExecutor, as_completed
        with ProcessPoolExecutor(workers) as pool:
            futures = {pool.submit(grade_one, plan, s): s for s in students}
            for future in as_completed(futures):
                try:
                    yield future.result()
                except Exception as err:  # noqa: BLE001 - a worker died: say so, grade the rest
                    yield StudentGrade.not_graded(futures[future], f"its worker process failed ({type(err).__name__})")
    else:
        with SandboxKeeper(plan.limits, plan.per_sandbox) as keeper:
            for student in students:
                yield grade_with(plan, student, keeper)


def record(plan: Plan, grade: StudentGrade, gradebook) -> None:
    """The one writer: the judged points into gradebook.db (open in `gradebook`), the results
    beside it. A student the grader could not grade keeps no score (None: not graded), never
    a silent 0."""
    if grade.failure is None:
        write_scores(gradebook, plan.assignment, grade.student, grade.points, grade.comments, grade.timestamp)
    save_results(plan, grade)
    verdict = f"{grade.total:g} of {grade.possible:g} points" if grade.graded else "NOT GRADED"
    log.info("%s: %s (%.1f s)%s%s", grade.student, verdict, grade.seconds,
             "".join(f"\n  problem: {p}" for p in grade.problems), "".join(f"\n  note: {n}" for n in grade.notes))


def grade_one(plan: Plan, student: str) -> StudentGrade:
    """Grade one student in this worker's warm sandbox (any process, any machine that sees
    the course folder); writes autograded/<student>/ but never the gradebook."""
    return grade_with(plan, student, worker_keeper(plan.limits, plan.per_sandbox))


def grade_with(plan: Plan, student: str, keeper: SandboxKeeper) -> StudentGrade:
    """One student's grade: every exercise collected, then the feedback run, in the keeper's
    warm sandbox (`collection.WarmSandbox`, reset after every exercise and kernel)."""
    with keeper.for_submission() as sandbox:
        before = sandbox.cpu_seconds
        grade = _grade_in(plan, student, sandbox)
    grade.sandbox_cpu_seconds = sandbox.cpu_seconds - before
    return grade


def _grade_in(plan: Plan, student: str, sandbox: WarmSandbox) -> StudentGrade:
    started = time.monotonic()
    course, assignment = plan.course, plan.assignment
    grade = StudentGrade(student)
    grade.timestamp = _timestamp(course, assignment, student)
    judged = {}
    for source in plan.notebooks:
        notebook = source.stem
        graded = plan.cells[notebook]
        grade.possible += sum(c.points for c in graded)
        try:
            submission = read_submission(course / "submitted" / student / assignment / source.name, source)
        except UnreadableSubmission as err:
            grade.problems.append(str(err))
            grade.comments[notebook] = f"Not graded: {err}."
            for cell in graded:
                grade.points[(notebook, cell.grade_id)] = 0.0
                grade.cells.append((notebook, cell, 0.0))
                judged[cell.grade_id] = (0.0, cell.points, f"Not graded: {err}.")
            continue
        grade.notes += [f"{notebook}: {note}" for note in submission.notes]
        for results, scored in judge_notebook(graded, submission, plan.seed, sandbox):
            grade.results[results.exercise] = results
            if results.problem:
                grade.problems.append(f"{results.exercise}: {results.problem}")
            for cell, points, result in scored:
                grade.points[(notebook, cell.grade_id)] = points
                grade.cells.append((notebook, cell, points))
                judged[cell.grade_id] = (points, cell.points, result.message)
    if plan.feedback and not grade.comments:
        run_feedback(course, assignment, student, judged, sandbox, grade)
    elif plan.feedback:
        grade.notes.append("no feedback run: a notebook could not be read")
    grade.seconds = time.monotonic() - started
    return grade


def _timestamp(course: Path, assignment: str, student: str):
    """The submission time nbgrader's collect recorded (timestamp.txt), or None."""
    from nbgrader.coursedir import CourseDirectory
    return CourseDirectory(root=str(course)).get_existing_timestamp(str(course / "submitted" / student / assignment))


def run_feedback(course, assignment, student, judged, sandbox, grade) -> None:
    """nbgrader's autograde of the submission (kernel in the sandbox, judgement shown); a
    failure here costs no point, it is recorded for the instructor."""
    from .feedback import feedback_preprocessors
    from .kernel import warm_kernel_manager
    from .nbgrader_api import nbgrader_api

    kernels = warm_kernel_manager(sandbox)
    scratch = sandbox.workspace.folder

    def configure(config):
        config.CourseDirectory.db_url = private_copy(course, scratch / "gradebook.db")
        config.Autograde.autograde_preprocessors = feedback_preprocessors(judged, kernels)
        config.Execute.timeout = 30

    with nbgrader_api(course, configure) as api:
        outcome = api.autograde(assignment, student, force=True, create=True)
    if not outcome.get("success"):
        grade.problems.append("the feedback run failed (the judged points still count): "
                              + _last_line(outcome.get("error") or outcome.get("log") or ""))


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no reason given"
