"""`autograder release`: the student version of an assignment, made by nbgrader only after
the source has proven itself — its solutions score full marks and the student version 0,
both judged the way submissions are — and checked to hold nothing instructor-only."""
from __future__ import annotations

import json
import os
import secrets
import shutil
import tempfile
from pathlib import Path

from .collection import WarmSandbox
from .judging import Workspace, judge_notebook
from .nbgrader_api import nbgrader_api
from .notebooks import cell_source, graded_cells, read_submission, split_hidden_tests
from .sandbox import Limits

INSTRUCTOR_ONLY = ("### BEGIN SOLUTION", "### END SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")


class ReleaseRefused(Exception):
    """The source or the made release failed a check; the message says which and why."""


def points_of(notebook: Path, source: Path, seed: int, workspace: Workspace) -> tuple[float, float, list]:
    """(points, possible, failures) of `notebook` graded against `source`'s test cells."""
    submission = read_submission(notebook, source)
    graded = graded_cells(source)
    points, possible, failures = 0.0, sum(cell.points for cell in graded), []
    with WarmSandbox(workspace) as sandbox:
        for _, scored in judge_notebook(graded, submission, seed, sandbox):
            for cell, earned, result in scored:
                points += earned
                if earned < cell.points:
                    failures.append(f"{cell.grade_id}: {earned:g} of {cell.points:g} "
                                    f"({result.message.splitlines()[0] if result.message else 'no report'})")
    return round(points, 6), possible, failures


def release(course: Path, assignment: str, limits: Limits | None = None) -> list[str]:
    """Check, then run nbgrader's generate_assignment; returns what was checked, in lines."""
    course = Path(course).resolve()
    sources = sorted((course / "notebooks" / assignment).glob("*.ipynb"))
    if not sources:
        raise ReleaseRefused(f"there is no assignment {assignment!r} in {course / 'notebooks'}")
    seed = secrets.randbits(63)
    lines = []
    with tempfile.TemporaryDirectory(prefix="autograder-release-") as scratch:
        os.chmod(scratch, 0o755)
        workspace = Workspace(scratch, limits)
        for source in sources:
            points, possible, failures = points_of(source, source, seed, workspace)
            if points != possible:
                raise ReleaseRefused(f"{source.name}: the solutions score {points:g} of {possible:g}:\n  "
                                     + "\n  ".join(failures))
            lines.append(f"{source.name}: solutions score {points:g} of {possible:g}")
        _generate(course, assignment)
        for source in sources:
            released = course / "release" / assignment / source.name
            leaks = instructor_only_content(released, source)
            if leaks:
                shutil.rmtree(course / "release" / assignment, ignore_errors=True)
                raise ReleaseRefused(f"{released.name} would hold instructor-only content: {'; '.join(leaks)}")
            points, possible, _ = points_of(released, source, seed, workspace)
            if points != 0:
                shutil.rmtree(course / "release" / assignment, ignore_errors=True)
                raise ReleaseRefused(f"{released.name}: the student version scores {points:g} of {possible:g} "
                                     "before any work (it must score 0)")
            lines.append(f"{released.name}: the student version scores 0 of {possible:g}; no solution "
                         "or hidden test in it")
    return lines


def instructor_only_content(released: Path, source: Path) -> list[str]:
    """What of the source's solutions and hidden tests is still in the released notebook."""
    text = released.read_text(encoding="utf-8")
    leaks = [f"the marker {marker!r}" for marker in INSTRUCTOR_ONLY if marker in text]
    notebook = json.loads(source.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        for block in split_hidden_tests(cell_source(cell))[1]:
            if block.strip() and json.dumps(block.strip())[1:-1] in text:
                leaks.append(f"hidden tests of cell {cell['metadata'].get('nbgrader', {}).get('grade_id')!r}")
    return leaks


def _generate(course: Path, assignment: str) -> None:
    with nbgrader_api(course) as api:
        outcome = api.generate_assignment(assignment, force=True)
    if not outcome.get("success"):
        raise ReleaseRefused("nbgrader generate_assignment failed:\n" + (outcome.get("error") or outcome.get("log")))
