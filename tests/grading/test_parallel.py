"""Grading a class in parallel gives the grades of a serial run: with a pool of workers on
this machine, and on a dask.distributed cluster — also when a worker dies mid-run."""
from __future__ import annotations

import os
import signal

import pytest

from tests.grading.classroom import (
    ASSIGNMENT,
    autograder,
    hand_in,
    new_course,
    released_notebook,
    source_notebook,
)
from tests.helpers.dependencies import require

pytestmark = pytest.mark.slow
STUDENTS = ["s1", "s2", "s3", "s4", "s5", "s6"]


def cell_scores(course) -> dict:
    """(student, grade_id) -> autograded score, read back through nbgrader's API."""
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {(submission.student.id, grade.name): grade.auto_score
                for submission in gradebook.assignment_submissions(ASSIGNMENT)
                for notebook in submission.notebooks for grade in notebook.grades}


@pytest.fixture(scope="module")
def class_of_six(tmp_path_factory):
    course = new_course(tmp_path_factory.mktemp("parallel"))
    autograder(course, "release", ASSIGNMENT)
    source, release = source_notebook(), released_notebook(course)
    for k, student in enumerate(STUDENTS):
        hand_in(course, student, source if k % 2 == 0 else release)
    autograder(course, "grade", ASSIGNMENT, "--workers", "1")
    return course, cell_scores(course)


@pytest.mark.parametrize("per_sandbox", ["20", "1"])
def test_a_pool_of_workers_gives_the_serial_grades(class_of_six, per_sandbox):
    """Whether each worker keeps its warm sandbox for several submissions or starts a fresh one
    for each (the serial run kept one for all six)."""
    course, serial = class_of_six
    assert {s for s, _ in serial} == set(STUDENTS) and len(serial) == 6 * 10   # 8 autograded, 2 by hand
    done = autograder(course, "grade", ASSIGNMENT, "--workers", "2", "--submissions-per-sandbox", per_sandbox)
    assert cell_scores(course) == serial
    assert "graded 6 of 6 submission(s)" in done.stdout
    for student in STUDENTS:
        assert (course / "autograded" / student / ASSIGNMENT / "sigmoid_backward.ipynb").is_file()


def test_a_dask_cluster_gives_the_serial_grades_even_when_a_worker_dies(class_of_six):
    distributed = require("distributed")
    from autograder.grading.grade import grade_assignment

    course, serial = class_of_six
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        pids = list(client.run(os.getpid).values())
        killed = []

        def kill_a_worker_after_the_first_grade(grade):
            if not killed:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        grades, _ = grade_assignment(course, ASSIGNMENT, feedback=False, scheduler=cluster.scheduler_address,
                                     on_graded=kill_a_worker_after_the_first_grade)
    assert killed
    assert sorted(g.student for g in grades) == STUDENTS          # each once: nothing lost, nothing twice
    assert all(g.graded for g in grades)
    assert cell_scores(course) == serial
