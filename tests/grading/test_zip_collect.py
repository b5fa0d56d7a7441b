"""An LMS download collected with nbgrader's own `nbgrader zip_collect` (the course's
nbgrader_config.py names Canvas's file names), then graded by `autograder grade`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.grading.classroom import (
    ASSIGNMENT,
    NOTEBOOK,
    autograder,
    new_course,
    released_notebook,
    source_notebook,
)

pytestmark = pytest.mark.slow


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    """nbgrader as an instructor runs it: in the course root, with the environment's bin/ on PATH."""
    bin_folder = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_folder}:{os.environ.get('PATH', '')}")
    done = subprocess.run([str(bin_folder / "nbgrader"), *args], cwd=course, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def collected_course(tmp_path_factory):
    course = new_course(tmp_path_factory.mktemp("zip_course"))
    autograder(course, "release", ASSIGNMENT)
    archive = course / "downloaded" / ASSIGNMENT / "archive"
    archive.mkdir(parents=True)
    stem = NOTEBOOK.removesuffix(".ipynb")
    with zipfile.ZipFile(archive / "submissions.zip", "w") as download:   # Canvas's "Download Submissions"
        download.writestr(f"doejane_12345_67890_{NOTEBOOK}", json.dumps(source_notebook()))
        download.writestr(f"smith.j_late_23456_78901_{stem}-1.ipynb", json.dumps(released_notebook(course)))
    collected = nbgrader(course, "zip_collect", ASSIGNMENT)
    graded = autograder(course, "grade", ASSIGNMENT, "--no-feedback-run")
    return {"course": course, "collected": collected, "graded": graded}


def test_zip_collect_files_each_canvas_download_under_its_student(collected_course):
    submitted = collected_course["course"] / "submitted"
    assert sorted(p.relative_to(submitted).as_posix() for p in submitted.glob("*/*/*.ipynb")) == [
        f"doejane/{ASSIGNMENT}/{NOTEBOOK}", f"smith.j/{ASSIGNMENT}/{NOTEBOOK}"], collected_course["collected"].stderr


def test_both_collected_students_are_graded(collected_course):
    results = collected_course["course"] / ".autograder" / "results" / ASSIGNMENT
    graded = {p.stem: json.loads(p.read_text()) for p in results.glob("*.json")}
    assert set(graded) == {"doejane", "smith.j"}, collected_course["graded"].stdout
    assert all(r["graded"] for r in graded.values())
    assert graded["doejane"]["total"] == 13.0 and graded["smith.j"]["total"] == 0.0
