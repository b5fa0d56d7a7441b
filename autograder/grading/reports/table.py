"""`grades_by_exercise.csv`: one row per student, for each assignment a column per exercise
(autograded points, 2 decimals), the assignment's total and its status. A submission that
could not be graded has empty points and says why in its status: never a silent 0."""
from __future__ import annotations

import csv
from pathlib import Path

CSV_NAME = "grades_by_exercise.csv"


def points_text(value: float | None) -> str:
    """Points with 2 decimals ("6.70", never "6.699999999999999"); "" when there are none."""
    return "" if value is None else f"{round(float(value), 2) + 0.0:.2f}"


def header(assignments: list) -> list:
    columns = ["student_id"]
    for data in assignments:
        columns += [f"{data.assignment}/{e.id}" for e in data.exercises]
        columns += [f"{data.assignment}/total", f"{data.assignment}/status"]
    return columns


def rows(assignments: list) -> list:
    students = sorted({s for data in assignments for s in data.students})
    table = []
    for student in students:
        row = [student]
        for data in assignments:
            result = data.students.get(student)
            graded = result is not None and result.graded
            row += [points_text(result.points.get(e.id, 0.0)) if graded else "" for e in data.exercises]
            row.append(points_text(result.total) if graded else "")
            row.append(result.status if result is not None else "not handed in")
        table.append(row)
    return table


def write_table(course: Path, assignments: list) -> Path:
    path = Path(course) / CSV_NAME
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header(assignments))
        writer.writerows(rows(assignments))
    return path
