"""`autograder report ASSIGNMENT...`: what grading found, for the instructor and the students.

Reads `.autograder/results/<assignment>/*.json` (written by `autograder grade`) and the
source notebooks' graded cells; writes, in the course root:

    grades_by_exercise.csv                        a row per student, points per exercise (table)
    reports/<assignment>/index.html               the instructor's page (instructor_page, plots)
    reports/<assignment>/students/<student>.html  each student's feedback (student_page)

One job per module: `classdata` reads, `table` writes the CSV, `page` is the shared HTML,
`plots` draws, `student_page` and `instructor_page` write the pages.
"""
from __future__ import annotations

from pathlib import Path

from ..notebooks import safe_name
from .classdata import load_assignment, roster
from .instructor_page import instructor_page
from .student_page import student_page
from .table import write_table


class NoResults(Exception):
    """An assignment that cannot be reported on (no such assignment, never graded)."""


def write_reports(course: Path, assignments: list) -> list:
    """Write the CSV and the pages of `assignments`; returns what was written, as lines to print."""
    course = Path(course)
    for assignment in assignments:
        if not safe_name(assignment):
            raise NoResults(f"{assignment!r} is not an assignment name")
        if not (course / "notebooks" / assignment).is_dir():
            raise NoResults(f"there is no assignment {assignment!r} (no folder notebooks/{assignment}/)")
        if not any((course / ".autograder" / "results" / assignment).glob("*.json")):
            raise NoResults(f"{assignment} has no results yet: run `autograder grade {assignment}` first")
    students = roster(course, assignments)
    loaded = [load_assignment(course, assignment, students) for assignment in assignments]
    lines = []
    table = write_table(course, loaded)
    lines.append(f"{table.relative_to(course)}: {len(students)} student(s), a column per exercise of "
                 f"{', '.join(assignments)} (autograded points, a total and a status per assignment)")
    for data in loaded:
        folder = course / "reports" / data.assignment
        (folder / "students").mkdir(parents=True, exist_ok=True)
        index = folder / "index.html"
        index.write_text(instructor_page(data), encoding="utf-8")
        for result in data.students.values():
            (folder / "students" / f"{result.student}.html").write_text(student_page(data, result), encoding="utf-8")
        not_graded = [r.student for r in data.handed_in() if not r.graded]
        lines.append(f"{index.relative_to(course)}: the instructor's page of {data.assignment} "
                     f"({len(data.graded())} graded, {len(not_graded)} not graded"
                     + (f": {', '.join(not_graded)}" if not_graded else "") + ")")
        lines.append(f"{(folder / 'students').relative_to(course)}/<student>.html: {len(data.students)} feedback "
                     "page(s), one per student")
    return lines
