"""`autograder report`: a small class of assignment 03 graded by `autograder grade`, then
reported on — the CSV of points per exercise, the instructor's page and the students'
feedback pages, checked as text and in the real chromium (screenshots in artifacts/).

A fast part checks the same code on results written by hand (rounding, a student who did
not hand in an assignment, escaping)."""
from __future__ import annotations

import csv
import inspect
import json
import re
from pathlib import Path

import pytest

from autograder.catalogue import CATALOGUE
from tests.autograder.planted.activations import tanh_backward_at_input
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.grading.classroom import (
    ASSIGNMENT,
    REPO,
    autograder,
    hand_in,
    new_course,
    released_notebook,
    source_notebook,
    with_cells,
)

EXERCISES = ["sigmoid", "sigmoid_backward", "tanh_backward", "gradient_check_error"]
POSSIBLE = {"sigmoid": 3.0, "sigmoid_backward": 4.0, "tanh_backward": 3.0, "gradient_check_error": 3.0}
ARTIFACTS = REPO / "artifacts"


def planted_source(function, name: str) -> str:
    """A planted solution's source, renamed to the notebook's function and without its decorator."""
    lines = [line for line in inspect.getsource(function).splitlines() if not line.startswith("@")]
    return re.sub(r"def \w+\(", f"def {name}(", "\n".join(lines), count=1)


def secret_lines() -> list:
    """Every solution and hidden-test line of the source notebook that is worth looking for."""
    found = []
    for cell in source_notebook()["cells"]:
        text = "".join(cell["source"])
        for begin, end in (("### BEGIN SOLUTION", "### END SOLUTION"),
                           ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")):
            if begin in text:
                block = text.split(begin, 1)[1].split(end, 1)[0]
                found += [line.strip() for line in block.splitlines() if len(line.strip()) > 15]
    return found


def read_csv(course: Path) -> dict:
    with (course / "grades_by_exercise.csv").open(newline="") as rows:
        return {row["student_id"]: row for row in csv.DictReader(rows)}


# ----- a class graded by `autograder grade`, reported by `autograder report` -------------------
@pytest.fixture(scope="module")
def reported_class(tmp_path_factory):
    course = new_course(tmp_path_factory.mktemp("report_course"))
    autograder(course, "release", ASSIGNMENT)
    source, release = source_notebook(), released_notebook(course)
    hand_in(course, "correct", source)
    hand_in(course, "empty", release)
    hand_in(course, "mistaken", with_cells(source, replace={
        "tanh_backward": planted_source(tanh_backward_at_input, "tanh_backward")}))   # 1 - x² for 1 - out²
    hand_in(course, "unreadable", b"{")
    graded = autograder(course, "grade", ASSIGNMENT, "--no-feedback-run")
    done = autograder(course, "report", ASSIGNMENT)
    folder = course / "reports" / ASSIGNMENT
    return {"course": course, "graded": graded, "done": done, "csv": read_csv(course),
            "index": (folder / "index.html").read_text(),
            "pages": {p.stem: p.read_text() for p in (folder / "students").glob("*.html")}}


@pytest.mark.slow
def test_report_prints_where_it_wrote_what(reported_class):
    out = reported_class["done"].stdout
    for written in ("grades_by_exercise.csv", f"reports/{ASSIGNMENT}/index.html", f"reports/{ASSIGNMENT}/students"):
        assert written in out, out
    assert set(reported_class["pages"]) == {"correct", "empty", "mistaken", "unreadable"}


@pytest.mark.slow
def test_report_csv_has_points_per_exercise_totals_and_statuses(reported_class):
    table = reported_class["csv"]
    columns = list(next(iter(table.values())))
    assert columns == ["student_id", *(f"{ASSIGNMENT}/{e}" for e in EXERCISES), f"{ASSIGNMENT}/total",
                       f"{ASSIGNMENT}/status"]
    correct, empty, mistaken = table["correct"], table["empty"], table["mistaken"]
    assert [correct[f"{ASSIGNMENT}/{e}"] for e in EXERCISES] == [f"{POSSIBLE[e]:.2f}" for e in EXERCISES]
    assert correct[f"{ASSIGNMENT}/total"] == "13.00" and correct[f"{ASSIGNMENT}/status"] == "graded"
    assert empty[f"{ASSIGNMENT}/total"] == "0.00" and empty[f"{ASSIGNMENT}/status"] == "graded"
    # the planted mistake costs only tanh_backward's points (the visible check's 1 point, most hidden cases)
    assert float(mistaken[f"{ASSIGNMENT}/tanh_backward"]) < 1.0
    assert [mistaken[f"{ASSIGNMENT}/{e}"] for e in EXERCISES if e != "tanh_backward"] == ["3.00", "4.00", "3.00"]
    total = sum(float(mistaken[f"{ASSIGNMENT}/{e}"]) for e in EXERCISES)
    assert float(mistaken[f"{ASSIGNMENT}/total"]) == pytest.approx(total, abs=0.011)
    unreadable = table["unreadable"]
    assert unreadable[f"{ASSIGNMENT}/status"].startswith("not graded: ")
    assert "not valid notebook JSON" in unreadable[f"{ASSIGNMENT}/status"]
    assert all(unreadable[f"{ASSIGNMENT}/{e}"] == "" for e in [*EXERCISES, "total"])   # never a silent 0
    for row in table.values():
        for column, value in row.items():
            if column.endswith("status") or column == "student_id" or not value:
                continue
            assert re.fullmatch(r"\d+\.\d\d", value), (column, value)


@pytest.mark.slow
def test_report_names_the_mistake_on_the_student_page_and_counts_it_for_the_class(reported_class):
    mistake = CATALOGUE["wrong_point"]
    page = reported_class["pages"]["mistaken"]
    assert mistake.name in page and mistake.hint in page
    assert "Smallest failing case" in page and "<pre>" in page
    assert mistake.name not in reported_class["pages"]["correct"]
    rows = re.findall(r"<tr>(.*?)</tr>", reported_class["index"].split('id="mistakes"', 1)[1].split("<h2", 1)[0])
    named = [row for row in rows if mistake.name in row]
    assert len(named) == 1
    cells = re.findall(r"<td[^>]*>(.*?)</td>", named[0])
    assert cells[1:4] == ["tanh_backward", "1", "mistaken"], cells


@pytest.mark.slow
def test_report_marks_the_unreadable_submission_not_graded_everywhere(reported_class):
    page = reported_class["pages"]["unreadable"]
    top = page.split("<h2", 1)[0]
    assert "Not graded:" in top and "not valid notebook JSON" in top
    problems = reported_class["index"].split('id="problems"', 1)[1].split("<h2", 1)[0]
    assert "unreadable" in problems and "not graded: " in problems
    assert "could not be graded" in reported_class["index"]
    assert "Not graded" not in reported_class["pages"]["correct"]


@pytest.mark.slow
def test_report_pages_are_self_contained_and_show_no_solution_or_hidden_test(reported_class):
    secrets = secret_lines()
    assert secrets
    for name, text in [("index", reported_class["index"]), *reported_class["pages"].items()]:
        assert text.startswith("<!DOCTYPE html>") and '<html lang="en">' in text and "<title>" in text, name
        assert not re.search(r"""(src|href)=["']?(https?:|//)|<link|<script|@import""", text), name
        assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text, name
        shown = [line for line in secrets if line in text]
        assert not shown, (name, shown)
        assert all(re.search(r'\salt="[^"]+"', img) for img in re.findall(r"<img[^>]*>", text)), name
    assert reported_class["index"].count("<img") >= 3
    assert "<th" in reported_class["index"]


@pytest.mark.slow
@pytest.mark.browser
def test_report_pages_in_chromium(reported_class):
    from playwright.sync_api import sync_playwright
    ARTIFACTS.mkdir(exist_ok=True)
    folder = reported_class["course"] / "reports" / ASSIGNMENT
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = chromium.new_page(viewport={"width": 1100, "height": 900})
            requests = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto((folder / "index.html").as_uri())
            page.wait_for_load_state("load")
            images = page.evaluate("Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.alt])")
            assert len(images) >= 3 and all(done and width > 0 and alt for done, width, alt in images), images
            assert page.locator("table th").count() >= 10
            assert page.title() == f"{ASSIGNMENT}: class report"
            page.screenshot(path=str(ARTIFACTS / "report_instructor.png"), full_page=True)
            page.goto((folder / "students" / "mistaken.html").as_uri())
            page.wait_for_load_state("load")
            assert CATALOGUE["wrong_point"].name in page.inner_text("body")
            assert page.locator("table th").count() >= 5 and page.locator("pre").count() >= 1
            page.screenshot(path=str(ARTIFACTS / "report_student.png"), full_page=True)
            assert all(url.startswith(("file:", "data:")) for url in requests), requests
        finally:
            chromium.close()


# ----- fast: the same code on results written by hand --------------------------------------------
def results_file(course: Path, assignment: str, student: str, cells: list, graded: bool = True,
                 exercises: dict | None = None, problems: list | None = None) -> None:
    folder = course / ".autograder" / "results" / assignment
    folder.mkdir(parents=True, exist_ok=True)
    data = {"student": student, "assignment": assignment, "seconds": 1.5, "graded": graded,
            "total": round(sum(c["points"] for c in cells), 6), "possible": sum(c["possible"] for c in cells),
            "problems": problems or [], "notes": [], "cells": cells, "exercises": exercises or {}}
    (folder / f"{student}.json").write_text(json.dumps(data))


def cell(exercise: str, suite: str, points: float, possible: float) -> dict:
    return {"notebook": "sigmoid_backward", "grade_id": f"{suite}_{exercise}", "exercise": exercise, "suite": suite,
            "points": points, "possible": possible}


def test_report_rounds_marks_missing_assignments_and_escapes(tmp_path):
    from autograder.grading.reports import write_reports
    course = new_course(tmp_path, (ASSIGNMENT, "04_weighted_sum_backprop"))
    message = "<script>alert('x')</script> smallest failing case: x = [1.]"
    result = {"exercise": "sigmoid", "suite": "visible", "passed": False, "cases_passed": 0, "cases_total": 1,
              "fraction": 0.0, "mistake": "unstable", "mistakes": ["unstable", "made_up"], "message": message,
              "cases": []}
    results_file(course, ASSIGNMENT, "ada", [cell("sigmoid", "visible", 0.0, 1.0), cell("sigmoid", "hidden", 0.1, 2.0),
                                             cell("sigmoid", "hidden", 0.2, 0.0),
                                             cell("tanh_backward", "hidden", 6.699999999999999, 3.0)],
                 exercises={"sigmoid": {"problem": None, "cell_errors": [], "visible": result}})
    results_file(course, ASSIGNMENT, "bob", [cell("sigmoid", "visible", 0.0, 1.0)], graded=False,
                 problems=["sigmoid_backward.ipynb is empty (0 bytes)"])
    results_file(course, "04_weighted_sum_backprop", "bob", [cell("mul_backward", "visible", 2.0, 2.0)])
    lines = write_reports(course, [ASSIGNMENT, "04_weighted_sum_backprop"])
    assert any("grades_by_exercise.csv" in line for line in lines)
    table = read_csv(course)
    ada, bob = table["ada"], table["bob"]
    assert ada[f"{ASSIGNMENT}/sigmoid"] == "0.30" and ada[f"{ASSIGNMENT}/tanh_backward"] == "6.70"
    assert ada[f"{ASSIGNMENT}/total"] == "7.00"
    assert ada["04_weighted_sum_backprop/status"] == "not handed in" and ada["04_weighted_sum_backprop/total"] == ""
    assert bob[f"{ASSIGNMENT}/status"] == "not graded: sigmoid_backward.ipynb is empty (0 bytes)"
    assert bob[f"{ASSIGNMENT}/total"] == "" and bob["04_weighted_sum_backprop/status"] == "graded"
    page = (course / "reports" / ASSIGNMENT / "students" / "ada.html").read_text()
    assert "<script>" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert CATALOGUE["unstable"].name in page and "made up" in page
    missing = (course / "reports" / "04_weighted_sum_backprop" / "students" / "ada.html").read_text()
    assert "Not handed in" in missing
    index = (course / "reports" / ASSIGNMENT / "index.html").read_text()
    assert "<script>" not in index and "bob" in index.split('id="problems"', 1)[1]


def test_report_refuses_an_assignment_without_results(tmp_path):
    course = new_course(tmp_path)
    done = autograder(course, "report", ASSIGNMENT, check=False)
    assert done.returncode == 1 and "run `autograder grade" in done.stderr
    assert not (course / "grades_by_exercise.csv").exists()
