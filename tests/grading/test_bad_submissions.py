"""Bad submissions in one class: each gets a clear message for the instructor, the others
are graded, and nothing about grading is read from a submission (points, ids, flags)."""
from __future__ import annotations

import json
import os

import pytest

from tests.grading.classroom import ASSIGNMENT, NOTEBOOK, autograder, exported_grades, hand_in, source_notebook

pytestmark = pytest.mark.slow
FULL = 13.0


def without_test_cells(notebook: dict) -> dict:
    notebook = json.loads(json.dumps(notebook))
    notebook["cells"] = [c for c in notebook["cells"] if not c["metadata"].get("nbgrader", {}).get("points")
                         or c["cell_type"] != "code"]
    return notebook


def tampered(notebook: dict) -> dict:
    """Test cells edited to pass, their points raised, a solution cell renamed and unlocked."""
    notebook = json.loads(json.dumps(notebook))
    for cell in notebook["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("grade") and cell["cell_type"] == "code":
            cell["source"] = "pass"
            meta["points"] = 100
            meta["solution"] = True
        elif meta.get("solution") and cell["cell_type"] == "code":
            meta["grade_id"] = meta["grade_id"] + "_mine"
            meta["locked"] = True
    return notebook


@pytest.fixture(scope="module")
def bad_class(released_course):
    course = released_course
    source = source_notebook()
    hand_in(course, "good", source)
    hand_in(course, "invalid_json", b'{"cells": [')
    hand_in(course, "empty_file", b"")
    hand_in(course, "nbformat3", {"nbformat": 3, "nbformat_minor": 0, "worksheets": [], "metadata": {}})
    hand_in(course, "renamed", source, name="sigmoid_backward (1).ipynb")
    hand_in(course, "no_tests", without_test_cells(source))
    hand_in(course, "tampered", tampered(source))
    big = json.loads(json.dumps(source))
    big["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x" * 100_000_000}]
    hand_in(course, "huge", big)
    (course / "submitted" / "not a valid id!" / ASSIGNMENT).mkdir(parents=True)
    (course / "submitted" / "not a valid id!" / ASSIGNMENT / NOTEBOOK).write_text(json.dumps(source))
    os.makedirs(os.path.join(os.fsencode(course / "submitted"), b"\xff\xfeodd", os.fsencode(ASSIGNMENT)))
    done = autograder(course, "grade", ASSIGNMENT, "--student", "good", "--student", "invalid_json",
                      "--student", "empty_file", "--student", "nbformat3", "--student", "renamed",
                      "--student", "no_tests", "--student", "tampered", "--student", "huge")
    listed = autograder(course, "grade", ASSIGNMENT, "--student", "good", "--no-feedback-run")
    return {"done": done, "listed": listed, "grades": exported_grades(course)}


def test_good_and_harmlessly_edited_submissions_get_their_points(bad_class):
    grades = bad_class["grades"]
    assert grades["good"] == FULL
    assert grades["no_tests"] == FULL      # the grader never needed the test cells
    assert grades["tampered"] == FULL      # edited tests and metadata change nothing, points stay the source's


@pytest.mark.parametrize("student, message", [
    ("invalid_json", "is not valid notebook JSON"),
    ("empty_file", "is empty (0 bytes)"),
    ("nbformat3", "is an nbformat 3 notebook"),
    ("renamed", "found sigmoid_backward (1).ipynb instead: rename it"),
    ("huge", "more than the 20 MB a notebook may have"),
])
def test_each_unreadable_submission_scores_zero_with_its_reason(bad_class, student, message):
    assert bad_class["grades"][student] == 0.0
    log = bad_class["done"].stdout + bad_class["done"].stderr
    assert message in log, log


def test_tampering_is_reported_to_the_instructor(bad_class):
    log = bad_class["done"].stderr
    assert "was edited (the grader ignores it" in log and "nbgrader metadata of cell" in log
    assert "was deleted (the grader does not need it)" in log


def test_unusable_folder_names_are_named_and_skipped(bad_class):
    log = bad_class["listed"].stderr
    assert "'not a valid id!': not a usable student id" in log
    assert log.count("not a usable student id") == 2, log   # the name that is not UTF-8 too
