"""Helpers of the grading tests: a course of one's own: a temporary copy of the course root with
assignment 03 released by `autograder release`, and helpers to hand in notebooks."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ASSIGNMENT = "03_sigmoid_backward"
NOTEBOOK = "sigmoid_backward.ipynb"


def autograder(course: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run the instructor's tool as an instructor would, in the course root."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}")
    done = subprocess.run([sys.executable, "-m", "autograder", *args], cwd=course, env=env, capture_output=True,
                          text=True, timeout=1800)
    if check and done.returncode != 0:
        raise AssertionError(f"autograder {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


def new_course(folder: Path, assignments=(ASSIGNMENT,)) -> Path:
    """A course root of one's own in `folder`: the course's config and source notebooks."""
    shutil.copy(REPO / "course" / "nbgrader_config.py", folder)
    for assignment in assignments:
        shutil.copytree(REPO / "course" / "notebooks" / assignment, folder / "notebooks" / assignment)
    return folder


@pytest.fixture(scope="session")
def released_course(tmp_path_factory) -> Path:
    course = new_course(tmp_path_factory.mktemp("course"))
    autograder(course, "release", ASSIGNMENT)
    return course


def source_notebook() -> dict:
    return json.loads((REPO / "course" / "notebooks" / ASSIGNMENT / NOTEBOOK).read_text())


def released_notebook(course: Path) -> dict:
    return json.loads((course / "release" / ASSIGNMENT / NOTEBOOK).read_text())


def with_cells(notebook: dict, replace: dict | None = None, after_imports: list | None = None) -> dict:
    """A copy of `notebook` with solution cells replaced by grade_id, and new code cells
    inserted after the first code cell (the imports)."""
    notebook = json.loads(json.dumps(notebook))
    for cell in notebook["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if replace and grade_id in replace:
            cell["source"] = replace[grade_id]
    first = next(i for i, c in enumerate(notebook["cells"]) if c["cell_type"] == "code")
    for offset, source in enumerate(after_imports or []):
        notebook["cells"].insert(first + 1 + offset, {"cell_type": "code", "execution_count": None,
                                                      "metadata": {}, "outputs": [], "source": source})
    return notebook


def hand_in(course: Path, student: str, notebook, name: str = NOTEBOOK, assignment: str = ASSIGNMENT) -> Path:
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(notebook, bytes):
        path.write_bytes(notebook)
    else:
        path.write_text(json.dumps(notebook, indent=1))
    return path


def exported_grades(course: Path) -> dict:
    """student -> autograded points of the assignment, read back through nbgrader's API."""
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {s.student.id: round(s.score, 6) for s in gradebook.assignment_submissions(ASSIGNMENT)}
