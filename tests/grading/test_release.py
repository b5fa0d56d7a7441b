"""`autograder release` on every assignment of the course: each source notebook scores full
marks and each student version 0, both graded the tamper-proof way (collected in the
sandbox, judged outside), and nothing instructor-only reaches release/."""
from __future__ import annotations

import json

import pytest

from tests.grading.attacks import FAKE_GRADER, NAMESPACE_CHEATS, SNOOPING
from tests.grading.classroom import REPO, autograder, hand_in, new_course, with_cells

pytestmark = pytest.mark.slow
ASSIGNMENTS = sorted(p.name for p in (REPO / "course" / "notebooks").iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def whole_course(tmp_path_factory):
    course = new_course(tmp_path_factory.mktemp("whole_course"), ASSIGNMENTS)
    return course, autograder(course, "release", *ASSIGNMENTS)


def test_every_assignment_is_released_after_its_source_scores_full_and_its_release_zero(whole_course):
    tmp_path, done = whole_course
    assert len(ASSIGNMENTS) == 6
    assert "Unwritable directory" not in done.stdout + done.stderr   # nbgrader's exchange check, not ours
    for assignment in ASSIGNMENTS:
        assert f"{assignment}: released to" in done.stdout
        assert "solutions score" in done.stdout and "the student version scores 0 of" in done.stdout
        for notebook in (tmp_path / "release" / assignment).glob("*.ipynb"):
            text = notebook.read_text()
            assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert not list(tmp_path.glob("release/*/*.seed"))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_a_hostile_submission_gains_nothing_in_any_assignment(whole_course, assignment):
    """The release with the usual cheats (the checks rebound or patched, later cells emptied,
    numpy's comparisons and builtins patched, the disk searched for answers, a fake grader
    line) scores what the release scores: 0."""
    course, _ = whole_course
    cheats = NAMESPACE_CHEATS + [SNOOPING, FAKE_GRADER]
    for notebook in (course / "release" / assignment).glob("*.ipynb"):
        released = json.loads(notebook.read_text())
        hand_in(course, "cheater", with_cells(released, after_imports=cheats), name=notebook.name,
                assignment=assignment)
    done = autograder(course, "grade", assignment, "--no-feedback-run")
    assert "cheater" in done.stdout and " 0 of " in done.stdout.split("cheater", 1)[1].splitlines()[0], done.stdout


def test_a_source_whose_solution_is_wrong_is_not_released(tmp_path):
    new_course(tmp_path)
    notebook = tmp_path / "notebooks" / "03_sigmoid_backward" / "sigmoid_backward.ipynb"
    notebook.write_text(notebook.read_text().replace("out * (1", "out * (2"))
    done = autograder(tmp_path, "release", "03_sigmoid_backward", check=False)
    assert done.returncode == 1 and "NOT released" in done.stderr
    assert not (tmp_path / "release" / "03_sigmoid_backward").exists()
