"""A class of honest, broken and hostile submissions of assignment 03, graded in one run by
`autograder grade`. Each hostile submission tries what an ambitious student with an
evening and the kit's source would try; none may gain a point over the unmodified
release, change another student's grade, leave a process behind, or get hidden tests or
solutions into any output."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.grading.attacks import (
    ENDLESS,
    FAKE_GRADER,
    FLOOD,
    FORK_BOMB,
    NAMESPACE_CHEATS,
    OUTLIVING,
    PTH,
    REFERENCE_CALLS,
    SNOOPING,
)
from tests.grading.classroom import (
    ASSIGNMENT,
    autograder,
    exported_grades,
    hand_in,
    released_notebook,
    source_notebook,
    with_cells,
)

pytestmark = pytest.mark.slow
FULL = 13.0

@pytest.fixture(scope="module")
def graded_class(released_course):
    course = released_course
    release, source = released_notebook(course), source_notebook()
    solutions = {c["metadata"]["nbgrader"]["grade_id"]: c["source"] for c in source["cells"]
                 if c["metadata"].get("nbgrader", {}).get("solution") and c["cell_type"] == "code"}
    hand_in(course, "honest", source)
    hand_in(course, "empty", release)
    hand_in(course, "namespace", with_cells(release, after_imports=NAMESPACE_CHEATS))
    hand_in(course, "snooper", with_cells(release, after_imports=[SNOOPING]))
    hand_in(course, "reference", with_cells(release, replace=REFERENCE_CALLS))
    hand_in(course, "endless", with_cells(release, replace=ENDLESS, after_imports=[OUTLIVING, FORK_BOMB]))
    killer = dict(solutions, sigmoid_backward="import os\ndef sigmoid_backward(x, out, grad_output):\n    os._exit(0)",
                  tanh_backward="import os, signal\ndef tanh_backward(x, out, grad_output):\n"
                                "    os.kill(os.getpid(), signal.SIGKILL)")
    hand_in(course, "killer", with_cells(source, replace=killer))
    hand_in(course, "flooder", with_cells(source, after_imports=[FLOOD, FAKE_GRADER, PTH]))
    hand_in(course, "honest_after", source)
    venv = Path(sys.prefix)
    before = set(venv.rglob("*.pth"))
    running = _sandbox_processes()   # another grading run on the machine is not this run's leftover
    done = autograder(course, "grade", ASSIGNMENT)
    return {"course": course, "done": done, "grades": exported_grades(course), "pth_before": before,
            "pth_after": set(venv.rglob("*.pth")), "sandbox_processes_before": running}


def test_honest_students_get_full_marks_in_a_hostile_class(graded_class):
    grades = graded_class["grades"]
    assert grades["honest"] == FULL and grades["honest_after"] == FULL, graded_class["done"].stdout


@pytest.mark.parametrize("student", ["empty", "namespace", "snooper", "reference", "endless"])
def test_no_attack_gains_a_point_over_the_release(graded_class, student):
    assert graded_class["grades"][student] == 0.0, graded_class["done"].stdout


def test_a_call_that_ends_the_process_costs_only_its_exercise(graded_class):
    # sigmoid_backward (1 + 3 points) and tanh_backward (1 + 2) end their process; 13 - 7 = 6
    assert graded_class["grades"]["killer"] == 6.0


def test_an_honest_feedback_notebook_keeps_its_figures_and_nothing_is_cut(graded_class):
    notebook = graded_class["course"] / "autograded" / "honest" / ASSIGNMENT / "sigmoid_backward.ipynb"
    outputs = [o for c in json.loads(notebook.read_text())["cells"] for o in c.get("outputs", [])]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert "cut by the grader" not in json.dumps(outputs)


def test_floods_fake_grader_lines_and_pth_files_change_nothing(graded_class):
    assert graded_class["grades"]["flooder"] == FULL
    assert graded_class["pth_after"] == graded_class["pth_before"]
    notebook = graded_class["course"] / "autograded" / "flooder" / ASSIGNMENT / "sigmoid_backward.ipynb"
    assert notebook.stat().st_size < 2_000_000


def test_the_gradebook_has_no_trigger_and_no_foreign_score(graded_class):
    with sqlite3.connect(graded_class["course"] / "gradebook.db") as db:
        assert db.execute("select count(*) from sqlite_master where type = 'trigger'").fetchone()[0] == 0
        assert db.execute("select max(auto_score) from grade").fetchone()[0] <= 3


def test_no_process_of_a_sandbox_user_is_left(graded_class):
    left = sorted(_sandbox_processes() - graded_class["sandbox_processes_before"])
    assert not left, subprocess.run(["ps", "-o", "pid,uid,args", "-p", ",".join(left)], capture_output=True,
                                    text=True).stdout


def _sandbox_processes() -> set:
    """The pids of processes owned by a sandbox's user (autograder.grading.sandbox.SANDBOX_UIDS)."""
    uids = range(200_000, 300_000)
    return {entry for entry in os.listdir("/proc") if entry.isdigit() and _owner(entry) in uids}


def _owner(pid: str) -> int | None:
    try:
        return os.stat(f"/proc/{pid}").st_uid
    except OSError:
        return None


def test_no_output_shows_hidden_tests_or_solutions(graded_class):
    course = graded_class["course"]
    source = source_notebook()
    secret = []
    for cell in source["cells"]:
        text = "".join(cell["source"])
        for begin, end in (("### BEGIN SOLUTION", "### END SOLUTION"),
                           ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")):
            if begin in text:
                block = text.split(begin, 1)[1].split(end, 1)[0]
                secret += [line.strip() for line in block.splitlines() if len(line.strip()) > 25]
    assert secret
    for student in ("empty", "namespace", "snooper", "reference", "endless"):
        path = course / "autograded" / student / ASSIGNMENT / "sigmoid_backward.ipynb"
        text = "\n".join("".join(c["source"]) + json.dumps(c.get("outputs", []))
                         for c in json.loads(path.read_text())["cells"])
        shown = [line for line in secret if line in text]
        assert not shown, (student, shown)
        assert "BEGIN HIDDEN TESTS" not in text and "/work/" not in text
