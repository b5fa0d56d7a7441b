"""The instructor's command-line tool, run in the course root (`course/`):

    autograder release 03_sigmoid_backward          # check the source, then make release/
    autograder grade 03_sigmoid_backward            # grade submitted/*/03_sigmoid_backward/
    autograder grade 03_sigmoid_backward --student alice --student bob
    autograder report 03_sigmoid_backward           # grades_by_exercise.csv, reports/<assignment>/

Every autograded point is decided by a judgement made outside the student's process (see
autograder/grading/ and course/README.md); nbgrader's gradebook receives the points, so
`nbgrader export`, formgrader and `nbgrader generate_feedback` work as usual.
"""
from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import sys
from pathlib import Path

from .answer_key import key_available


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="autograder", description=__doc__.split("\n\n")[0])
    parser.add_argument("--course", default=".", help="the nbgrader course root (default: this folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    release = commands.add_parser("release", help="check an assignment's source, then make its student version")
    release.add_argument("assignments", nargs="+", metavar="ASSIGNMENT")
    grade = commands.add_parser("grade", help="grade the submissions of an assignment")
    grade.add_argument("assignment", metavar="ASSIGNMENT")
    grade.add_argument("--student", action="append", dest="students", metavar="ID",
                       help="grade only this student (repeat for several)")
    grade.add_argument("--no-feedback-run", action="store_true",
                       help="skip nbgrader's execution of the notebooks (the points are the same)")
    grade.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N",
                       help="grade N submissions at a time on this machine (default: the number of cores)")
    grade.add_argument("--submissions-per-sandbox", type=int, metavar="N",
                       help="how many submissions a worker's warm sandbox grades, reset between them, before a "
                            "fresh one starts (default 20; 1: a fresh sandbox for every submission)")
    grade.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                       help="grade on a dask.distributed cluster instead (see README: grading a large class)")
    report = commands.add_parser("report", help="points per exercise (CSV), the class's and each student's pages")
    report.add_argument("assignments", nargs="+", metavar="ASSIGNMENT")
    args = parser.parse_args(argv)
    if importlib.util.find_spec("autograder.grading") is None or not key_available():
        print("autograder release | grade | report is the instructor's tool: it runs from a clone of the course's "
              "repository (pip install -e '.[course]'), which holds the answer key and the grader. The package "
              "students install has neither.", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.ERROR, format="%(message)s", stream=sys.stderr)
    logging.getLogger("autograder").setLevel(logging.INFO)
    course = Path(args.course).resolve()
    if not (course / "nbgrader_config.py").is_file():
        print(f"{course} is not an nbgrader course root (no nbgrader_config.py); run this in course/ or "
              "pass --course PATH.", file=sys.stderr)
        return 2
    if args.command == "report":
        return _report(course, args.assignments)
    from .grading.sandbox import bubblewrap, weaker_mode_warning
    if bubblewrap() is None:
        print(weaker_mode_warning(), file=sys.stderr)
    if args.command == "release":
        return _release(course, args.assignments)
    if args.submissions_per_sandbox is not None and args.submissions_per_sandbox < 1:
        parser.error("--submissions-per-sandbox must be at least 1")
    return _grade(course, args.assignment, args.students, not args.no_feedback_run, args.workers, args.scheduler,
                  args.submissions_per_sandbox)


def _release(course: Path, assignments: list) -> int:
    from .grading.release import ReleaseRefused, release
    for assignment in assignments:
        try:
            for line in release(course, assignment):
                print(f"{assignment}: {line}")
        except ReleaseRefused as err:
            print(f"{assignment}: NOT released — {err}", file=sys.stderr)
            return 1
        print(f"{assignment}: released to {course / 'release' / assignment}")
    return 0


def _grade(course: Path, assignment: str, students: list | None, feedback: bool, workers: int,
           scheduler: str | None, per_sandbox: int | None) -> int:
    import time

    from .grading.grade import grade_assignment, submitted_students
    from .grading.reuse import SUBMISSIONS_PER_SANDBOX
    started = time.monotonic()
    found, _ = submitted_students(course, assignment)
    total = len(students or found)
    progress = _progress_bar(total)
    failed = []

    def on_graded(grade):
        if not grade.graded:
            failed.append(grade)
        if progress is not None:
            progress.set_postfix_str(f"failed {len(failed)}")
            progress.update(1)

    logging.getLogger("autograder").setLevel(logging.WARNING if progress is not None else logging.INFO)
    try:
        grades, problems = grade_assignment(course, assignment, students, feedback=feedback, workers=max(1, workers),
                                            scheduler=scheduler, on_graded=on_graded,
                                            per_sandbox=per_sandbox or SUBMISSIONS_PER_SANDBOX)
    finally:
        if progress is not None:
            progress.close()
    for problem in problems:
        print(f"not graded: {problem}", file=sys.stderr)
    if not grades:
        print(f"no submission of {assignment} in {course / 'submitted'} (expected "
              f"submitted/<student>/{assignment}/<notebook>.ipynb)", file=sys.stderr)
        return 1
    width = max(len(g.student) for g in grades)
    print(f"{'student'.ljust(width)}  points")
    for g in grades:
        flag = "" if g.graded else "  NOT GRADED"
        flag += f"  ({len(g.problems)} problem(s): {g.problems[0][:100]})" if g.problems else ""
        print(f"{g.student.ljust(width)}  {g.total:g} of {g.possible:g}{flag}")
    seconds = time.monotonic() - started
    print(f"graded {len(grades) - len(failed)} of {len(grades)} submission(s) in {seconds:.0f} s "
          f"({sum(g.seconds for g in grades) / len(grades):.1f} s of work each); "
          f"{len(failed)} could not be graded" + "".join(f"\n  {g.student}: {'; '.join(g.problems)[:200]}"
                                                        for g in failed))
    print("the points are in gradebook.db (nbgrader export), the autograded notebooks in autograded/, "
          "the results for `autograder report` in .autograder/results/")
    return 0


def _report(course: Path, assignments: list) -> int:
    from .grading.reports import NoResults, write_reports
    try:
        lines = write_reports(course, assignments)
    except NoResults as err:
        print(f"no report: {err}", file=sys.stderr)
        return 1
    print(f"wrote in {course}:")
    for line in lines:
        print(f"  {line}")
    return 0


def _progress_bar(total: int):
    """tqdm's bar on a terminal (done / total, time left); None when not a terminal."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm
    return tqdm(total=total, unit="submission", file=sys.stderr)
