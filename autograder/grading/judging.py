"""Collect in a sandbox, judge here: the results of one exercise of one submission.

    results = judge_submission_exercise(exercise, "sigmoid_backward", cells, seed, workspace)

The grader (this process) builds the visible cases and the hidden cases of the grading
seed, keeps their expected values, and sends the sandbox only the calls' arguments — after
the student's cells have run. What comes back is plain data (outcomes as JSON, read
strictly); the judgement and the report are made here, where no student code ever ran.
"""
from __future__ import annotations

import base64
import json
import pickle
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..collecting import Outcome
from ..collecting.outcomes_json import outcome_from_plain
from ..exercises import get_exercise
from ..judge import judge
from ..report import report
from ..result import CheckResult
from .library import build_library, withheld_code
from .sandbox import Limits, Sandbox, own, unused_uid

CELL_SECONDS = 10.0     # one code cell of the student's notebook
CELLS_SECONDS = 45.0    # all the cells before the exercise's test cell
CALL_SECONDS = 2.0      # one call of the student's function


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
    """A grading run's scratch folder: one sandbox library per exercise, built once."""

    def __init__(self, folder: str | Path, limits: Limits | None = None):
        self.folder = Path(folder)
        self.limits = limits or Limits()
        self.isolated = Sandbox(self.folder, self.folder).isolated
        self.uid = unused_uid()
        self._libraries = {}
        self._runs = 0

    def library(self, exercise) -> Path:
        """The sandbox library for collecting `exercise` (None: for the feedback run)."""
        name = exercise.id if exercise is not None else "feedback"
        if name not in self._libraries:
            withheld = withheld_code(exercise) if exercise is not None else ()
            self._libraries[name] = build_library(self.folder / "libraries" / name, withheld)
        return self._libraries[name]

    def library_without_answers(self) -> Path:
        """The library of the feedback run: the whole engine, and no answer of the checks."""
        return self.library(None)

    def work_folder(self) -> Path:
        """An empty folder the sandboxed code may write in (owned by the sandbox's user)."""
        self._runs += 1
        work = self.folder / "runs" / str(self._runs)
        work.mkdir(parents=True)
        own(work, self.uid)
        return work


def judge_submission_exercise(exercise_id: str, function: str, code_cells: list, seed: int,
                              workspace: Workspace) -> ExerciseResults:
    """Collect `function` (defined by the student's `code_cells`) in a sandbox on the visible
    cases and the hidden cases of `seed`; judge both suites here."""
    exercise = get_exercise(exercise_id)
    suites = {"visible": exercise.cases("visible"), "hidden": exercise.cases("hidden", seed=seed)}
    calls = [case.call for cases in suites.values() for case in cases]
    outcomes, problem, cell_errors, seconds = _collect_in_sandbox(exercise, function, code_cells, calls, workspace)
    results, start = {}, 0
    for suite, cases in suites.items():
        part = outcomes[start:start + len(cases)]
        start += len(cases)
        verdict = judge(exercise, suite, cases, part)
        results[suite] = CheckResult.of(verdict, cases, report(exercise, cases, part, verdict))
    return ExerciseResults(exercise_id, results, problem, cell_errors, seconds)


def judge_notebook(graded: list, submission, seed: int, workspace: Workspace):
    """Every exercise of a notebook's test cells (`graded`), collected and judged: yields
    (ExerciseResults, [(GradedCell, points, CheckResult)]). A visible test cell earns its
    points when every case passes, a hidden one its points × the fraction of cases passed."""
    by_exercise = {}
    for cell in graded:
        by_exercise.setdefault((cell.exercise, cell.function), []).append(cell)
    for (exercise, function), cells in by_exercise.items():
        results = judge_submission_exercise(exercise, function, submission.cells_for(cells), seed, workspace)
        scored = []
        for cell in cells:
            result = results.results[cell.suite]
            share = result.fraction if cell.suite == "hidden" else float(result.passed)
            scored.append((cell, round(cell.points * share, 6), result))
        yield results, scored


def _collect_in_sandbox(exercise, function, code_cells, calls, workspace):
    """(outcomes, problem or None, the cells' errors, seconds) — always one outcome per call."""
    job = {"cells": code_cells, "function": function, "cell_seconds": CELL_SECONDS,
           "cells_seconds": CELLS_SECONDS, "time_limit": CALL_SECONDS,
           "own_pid_namespace": workspace.isolated}
    state = {"ready": None, "outcomes": None}
    sent = base64.b64encode(pickle.dumps(calls)) + b"\n"

    def talk(line: bytes, send) -> None:
        message = _message(line)
        if message is None:
            return
        if state["ready"] is None and message.get("ready") is True:
            state["ready"] = message
            send(sent)
        elif state["ready"] is not None and state["outcomes"] is None and "outcomes" in message:
            state["outcomes"] = message["outcomes"]

    work = workspace.work_folder()
    sandbox = Sandbox(workspace.library(exercise), work, workspace.limits, uid=workspace.uid)
    finished = sandbox.run([sandbox.python(), "-m", "autograder.grading.collector"],
                           talk=talk, first_input=json.dumps(job).encode() + b"\n")
    shutil.rmtree(work, ignore_errors=True)
    cell_errors = [str(e)[:300] for e in (state["ready"] or {}).get("cell_errors", [])[:20]
                   if isinstance(e, str)]
    outcomes = _read_outcomes(state["outcomes"], len(calls))
    if outcomes is not None:
        return outcomes, None, cell_errors, finished.seconds
    problem = _what_happened(finished, state)
    failed = Outcome("exited", error=f"stopped the grading process: {problem}")
    return [failed] * len(calls), problem, cell_errors, finished.seconds


def _message(line: bytes):
    try:
        message = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    return message if isinstance(message, dict) else None


def _read_outcomes(plain, count: int):
    if not isinstance(plain, list) or len(plain) != count:
        return None
    try:
        return [outcome_from_plain(item) for item in plain]
    except ValueError:
        return None


def _what_happened(finished, state) -> str:
    """Why no outcomes came back, in words an instructor and a student understand."""
    if finished.problem:
        return finished.problem
    code = finished.returncode
    if state["ready"] is None:
        where = "while the notebook's cells ran"
    else:
        where = "while your function was being called"
    if code is not None and code < 0:
        import signal
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        hint = {"SIGKILL": " (killed: too much memory, or it killed itself)",
                "SIGXCPU": " (it used up its CPU time)", "SIGSEGV": " (a crash in compiled code)"}.get(name, "")
        return f"the process ended with {name}{hint} {where}"
    if code == 0 and state["outcomes"] is not None:
        return "it sent back outcomes the grader could not read"
    said = finished.stderr_tail.decode(errors="replace").strip().splitlines()
    last = f": {said[-1][:200]}" if said and state["ready"] is None else ""
    return f"the process ended (exit code {code}) {where}{last}"
