"""nbgrader's gradebook, written only by the grader: the judged points of every autograded cell.

nbgrader's own tools keep working on top: `nbgrader export`, formgrader's manual grading
(answers graded by hand are never touched here) and `nbgrader generate_feedback`.
"""
from __future__ import annotations

import secrets
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry


def database_url(course: Path) -> str:
    return f"sqlite:///{Path(course).resolve() / 'gradebook.db'}"


def open_gradebook(course: Path) -> Gradebook:
    """The course's gradebook, opened once for a whole grading run (`with open_gradebook(...)`)."""
    return Gradebook(database_url(course))


def forget_scores(gradebook: Gradebook, assignment: str, students: list, grade_ids: dict) -> None:
    """Set the students' autograded scores to None before grading again, so that a run that
    is stopped midway leaves no score from an earlier run standing (None reads "not graded")."""
    for student in students:
        try:
            gradebook.find_submission(assignment, student)
        except MissingEntry:
            continue
        for notebook, ids in grade_ids.items():
            for grade_id in ids:
                try:
                    gradebook.find_grade(grade_id, notebook, assignment, student).auto_score = None
                except MissingEntry:
                    continue
    gradebook.db.commit()


def write_scores(gradebook: Gradebook, assignment: str, student: str, points: dict, comments: dict,
                 timestamp=None) -> None:
    """points: (notebook, grade_id) -> points. comments: notebook -> text for the instructor
    (why a notebook could not be graded), put on its cells' comments. timestamp: when it was
    handed in (for nbgrader's late penalties), if known. Committed before it returns."""
    gradebook.update_or_create_student(student)
    if timestamp is not None:
        gradebook.update_or_create_submission(assignment, student, timestamp=timestamp)
    else:
        gradebook.update_or_create_submission(assignment, student)
    for (notebook, grade_id), score in points.items():
        grade = gradebook.find_grade(grade_id, notebook, assignment, student)
        grade.auto_score = float(score)
        grade.needs_manual_grade = grade.manual_score is not None
    for notebook, text in comments.items():
        submission = gradebook.find_submission_notebook(notebook, assignment, student)
        for comment in submission.comments:
            comment.auto_comment = text
    gradebook.db.commit()


def private_copy(course: Path, target: Path) -> str:
    """A snapshot of gradebook.db for a worker's feedback run (nbgrader writes into the
    gradebook it is given; only the grader's one writer touches the real one). Its URL."""
    import sqlite3
    source = sqlite3.connect(f"file:{Path(course).resolve() / 'gradebook.db'}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    with copy:
        source.backup(copy)
    source.close()
    copy.close()
    return f"sqlite:///{target}"


def grading_seed(course: Path, assignment: str) -> int:
    """The assignment's hidden-case seed: drawn at its first grading, kept outside every
    sandbox (in the course folder's `.autograder/`), so regrading gives the same grades."""
    folder = Path(course) / ".autograder"
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / f"{assignment}.seed"
    if not path.exists():
        path.write_text(f"{secrets.randbits(63)}\n")
        path.chmod(0o600)
    return int(path.read_text().strip())
