"""Collect in a sandbox, judge here: the results of each exercise of one submission.

    for results, scored in judge_notebook(graded_cells, submission, seed, workspace): ...

The grader (this process) builds the visible cases and the hidden cases of the grading
seed, keeps their expected values, and sends the sandbox only the calls' arguments — after
the student's cells have run. What comes back is plain data (outcomes as JSON, read
strictly); the judgement and the report are made here, where no student code ever ran.
The exercises of a notebook are collected one after another in one warm sandbox
(`collection.WarmSandbox`), each by a collector of its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..exercises import get_exercise
from ..judge import judge
from ..report import report
from ..result import CheckResult
from .collection import WarmSandbox
from .library import build_program, library_bytecode, library_files
from .sandbox import Limits, Sandbox, own, unused_uid
from .withheld import withheld_code


@dataclass
class ExerciseResults:
    """The judged suites of one exercise (suite -> CheckResult), and what went wrong around
    them: `problem` when the sandbox could not deliver outcomes, the cells that raised."""

    exercise: str
    results: dict
    problem: str | None = None
    cell_errors: list = field(default_factory=list)
    seconds: float = 0.0


class Workspace:
    """A grading run's scratch folder: the collector program (written once), the libraries
    (made once per exercise) and work folders for the sandboxes."""

    def __init__(self, folder: str | Path, limits: Limits | None = None):
        self.folder = Path(folder)
        self.limits = limits or Limits()
        self.isolated = Sandbox(self.folder, self.folder).isolated
        self.uid = unused_uid()
        self._program = None
        self._libraries = {}
        self._runs = 0

    def library(self, exercise) -> dict:
        """The sandbox library for collecting `exercise` (None: for the feedback run's
        kernel, the whole engine): {"files": {relative path: text}, "bytecode": {relative
        .pyc path: base64}}."""
        name = exercise.id if exercise is not None else None
        if name not in self._libraries:
            files = library_files(withheld_code(exercise) if exercise is not None else ())
            self._libraries[name] = {"files": files, "bytecode": library_bytecode(files)}
        return self._libraries[name]

    def program(self) -> Path:
        """The folder that holds the collector program (and nothing of the kit)."""
        if self._program is None:
            self._program = build_program(self.folder / "program")
        return self._program

    def work_folder(self) -> Path:
        """An empty folder the sandboxed code may write in (owned by the sandbox's user)."""
        self._runs += 1
        work = self.folder / "runs" / str(self._runs)
        work.mkdir(parents=True)
        own(work, self.uid)
        return work


def judge_exercise(exercise_id: str, function: str, code_cells: list, seed: int,
                   sandbox: WarmSandbox) -> ExerciseResults:
    """Collect `function` (defined by the student's `code_cells`) in `sandbox` on the
    visible cases and the hidden cases of `seed`; judge both suites here."""
    exercise = get_exercise(exercise_id)
    suites = {"visible": exercise.cases("visible"), "hidden": exercise.cases("hidden", seed=seed)}
    calls = [case.call for cases in suites.values() for case in cases]
    outcomes, problem, cell_errors, seconds = sandbox.collect(exercise, function, code_cells, calls)
    results, start = {}, 0
    for suite, cases in suites.items():
        part = outcomes[start:start + len(cases)]
        start += len(cases)
        verdict = judge(exercise, suite, cases, part)
        results[suite] = CheckResult.of(verdict, cases, report(exercise, cases, part, verdict))
    return ExerciseResults(exercise_id, results, problem, cell_errors, seconds)


def judge_notebook(graded: list, submission, seed: int, sandbox: WarmSandbox):
    """Every exercise of a notebook's test cells (`graded`), collected in `sandbox` and
    judged: yields (ExerciseResults, [(GradedCell, points, CheckResult)]). A visible test
    cell earns its points when every case passes, a hidden one its points × the fraction of
    cases passed."""
    by_exercise = {}
    for cell in graded:
        by_exercise.setdefault((cell.exercise, cell.function), []).append(cell)
    for (exercise, function), cells in by_exercise.items():
        results = judge_exercise(exercise, function, submission.cells_for(cells), seed, sandbox)
        scored = []
        for cell in cells:
            result = results.results[cell.suite]
            share = result.fraction if cell.suite == "hidden" else float(result.passed)
            scored.append((cell, round(cell.points * share, 6), result))
        yield results, scored
