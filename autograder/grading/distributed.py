"""Grading on a dask.distributed cluster: `autograder grade ASSIGNMENT --scheduler tcp://host:8786`.

dask is the engine: its scheduler hands out one task per student (`grade_one`, in the
worker's warm sandbox, `reuse.py`), a worker that dies has its tasks run again elsewhere,
and the results come back here, where the one writer puts them into the gradebook as they
arrive — so nothing is lost or counted twice.
Every worker needs the kit's environment (`pip install -e '.[grading]'`), bubblewrap, and
the course folder at the same path (a shared file system): it reads `submitted/` and
writes `autograded/`. Start workers with one thread each (`--nthreads 1`): a feedback run
changes the process's working folder, as nbgrader expects.
"""
from __future__ import annotations

from .grade import StudentGrade, grade_one


def grade_on_cluster(plan, students: list, scheduler: str):
    """Each student's StudentGrade, as the cluster finishes them."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise SystemExit("--scheduler needs dask.distributed: pip install -e '.[grading]'") from None
    with Client(scheduler) as client:
        futures = {client.submit(grade_one, plan, student, pure=False, key=f"grade-{plan.assignment}-{student}"):
                   student for student in students}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as err:  # noqa: BLE001 - the cluster gave up on it: say so, grade the rest
                yield StudentGrade.not_graded(futures[future], f"the cluster could not grade it ({type(err).__name__}: "
                                                               f"{str(err)[:200]})")
