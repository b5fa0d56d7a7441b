"""`autograder release` on every assignment of the course: each source notebook scores full
marks and each student version 0, both graded the tamper-proof way (collected in the
sandbox, judged outside), and nothing instructor-only reaches release/."""
from __future__ import annotations

import shutil

import pytest

from tests.grading.classroom import REPO, autograder

pytestmark = pytest.mark.slow
ASSIGNMENTS = sorted(p.name for p in (REPO / "course" / "notebooks").iterdir() if p.is_dir())


def test_every_assignment_is_released_after_its_source_scores_full_and_its_release_zero(tmp_path):
    shutil.copy(REPO / "course" / "nbgrader_config.py", tmp_path)
    shutil.copytree(REPO / "course" / "notebooks", tmp_path / "notebooks")
    assert len(ASSIGNMENTS) == 6
    done = autograder(tmp_path, "release", *ASSIGNMENTS)
    for assignment in ASSIGNMENTS:
        assert f"{assignment}: released to" in done.stdout
        assert "solutions score" in done.stdout and "the student version scores 0 of" in done.stdout
        for notebook in (tmp_path / "release" / assignment).glob("*.ipynb"):
            text = notebook.read_text()
            assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert not list(tmp_path.glob("release/*/*.seed"))


def test_a_source_whose_solution_is_wrong_is_not_released(tmp_path):
    shutil.copy(REPO / "course" / "nbgrader_config.py", tmp_path)
    assignment = "03_sigmoid_backward"
    shutil.copytree(REPO / "course" / "notebooks" / assignment, tmp_path / "notebooks" / assignment)
    notebook = tmp_path / "notebooks" / "03_sigmoid_backward" / "sigmoid_backward.ipynb"
    notebook.write_text(notebook.read_text().replace("out * (1", "out * (2"))
    done = autograder(tmp_path, "release", "03_sigmoid_backward", check=False)
    assert done.returncode == 1 and "NOT released" in done.stderr
    assert not (tmp_path / "release" / "03_sigmoid_backward").exists()
