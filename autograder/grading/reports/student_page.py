"""`reports/<assignment>/students/<student>.html`: one student's feedback page.

Each exercise's points and result, the named mistake in plain words with its hint (from
`autograder.catalogue`), and the report text with the smallest failing case. It is made
from the results alone, which hold no hidden test's code and no solution, so the page
cannot show them. A submission that could not be graded says so at the top, with why.
"""
from __future__ import annotations

from ...catalogue import CATALOGUE
from .page import esc, page, table
from .table import points_text


def mistake_words(mistake_id: str) -> tuple[str, str]:
    """(name, hint) of a catalogued mistake; an unknown id is shown as it is, without a hint."""
    mistake = CATALOGUE.get(mistake_id)
    return (mistake.name, mistake.hint) if mistake else (mistake_id.replace("_", " "), "")


def suite_summary(result: dict | None) -> str:
    if not result:
        return "not run"
    verdict = "passed" if result.get("passed") else "failed"
    return f"{verdict}: {result.get('cases_passed', 0)} of {result.get('cases_total', 0)} cases"


def student_page(data, result) -> str:
    """The page of `result` (a StudentResult) in `data` (its AssignmentData)."""
    title = f"{data.assignment}: feedback for {result.student}"
    parts = [f"<h1>{esc(title)}</h1>"]
    if not result.handed_in:
        parts.append("<p class=\"alert\" role=\"alert\"><strong>Not handed in.</strong> There is no submission of "
                     "this assignment.</p>")
    elif not result.graded:
        parts.append(f"<p class=\"alert\" role=\"alert\"><strong>Not graded:</strong> {esc(result.reason)}. "
                     "The points below are not a score of your work; ask your instructor.</p>")
    else:
        parts.append(f"<p><strong>Autograded points: {esc(points_text(result.total))} of "
                     f"{esc(points_text(data.possible))}</strong> (answers graded by hand are not included).</p>")
    rows = []
    for exercise in data.exercises:
        answer = result.exercises.get(exercise.id, {})
        points = points_text(result.points.get(exercise.id, 0.0)) if result.graded else "—"
        names = ", ".join(mistake_words(m)[0] for m in result.mistakes(exercise.id))
        rows.append([f"<a href=\"#{esc(exercise.id)}\">{esc(exercise.id)}</a>", esc(points),
                     esc(points_text(exercise.possible)), esc(suite_summary(answer.get("visible"))),
                     esc(suite_summary(answer.get("hidden"))), esc(names or "—")])
    parts.append("<h2>Exercises</h2>")
    parts.append(table(["exercise", "points", "of", "checks in the notebook", "further tests", "named mistake"],
                       rows, numeric=(1, 2)))
    if result.graded:
        for exercise in data.exercises:
            parts.append(exercise_section(exercise, result))
    return page(title, "\n".join(parts))


def exercise_section(exercise, result) -> str:
    answer = result.exercises.get(exercise.id, {})
    points = points_text(result.points.get(exercise.id, 0.0))
    parts = [f"<section id=\"{esc(exercise.id)}\"><h2>{esc(exercise.id)}: {esc(points)} of "
             f"{esc(points_text(exercise.possible))} points</h2>"]
    if answer.get("problem"):
        parts.append(f"<p class=\"bad\">Your code could not be checked completely: {esc(answer['problem'])}</p>")
    for error in answer.get("cell_errors") or []:
        parts.append(f"<p class=\"bad\">A cell raised an error: <code>{esc(error)}</code></p>")
    for mistake_id in result.mistakes(exercise.id):
        name, hint = mistake_words(mistake_id)
        parts.append(f"<div class=\"mistake\"><p><strong>Likely mistake: {esc(name)}.</strong></p>"
                     + (f"<p>Hint: {esc(hint)}</p>" if hint else "") + "</div>")
    for suite, label in (("visible", "The checks in your notebook"), ("hidden", "The further tests")):
        checked = answer.get(suite)
        if not checked:
            continue
        if checked.get("passed"):
            parts.append(f"<p class=\"ok\">{label}: all {esc(checked.get('cases_total', 0))} cases passed.</p>")
        else:
            parts.append(f"<h3>{label}: {esc(suite_summary(checked))}</h3>")
            parts.append(f"<pre>{esc(checked.get('message', ''))}</pre>")
    if not answer:
        parts.append("<p>No result was recorded for this exercise.</p>")
    parts.append("</section>")
    return "\n".join(parts)
