"""`reports/<assignment>/index.html`: the instructor's page of an assignment.

The score distribution per exercise, the most common named mistakes (how many students
made each), the submissions that could not be graded or ran into problems and why, the
grading time, and every student with a link to their feedback page. Self-contained: the
plots are embedded PNGs."""
from __future__ import annotations

import statistics
from collections import Counter
from urllib.parse import quote

from . import plots
from .page import esc, image, page, table
from .student_page import mistake_words
from .table import points_text


def mistake_counts(data) -> list:
    """[((exercise, mistake id), [students])], the most common first."""
    made = {}
    for result in data.graded():
        for exercise in data.exercises:
            for mistake in result.mistakes(exercise.id):
                made.setdefault((exercise.id, mistake), []).append(result.student)
    order = {e.id: i for i, e in enumerate(data.exercises)}
    return sorted(made.items(), key=lambda item: (-len(item[1]), order.get(item[0][0], 0), item[0][1]))


def troubles(result) -> list:
    """What went wrong with a submission, for the instructor (empty: nothing)."""
    found = [] if result.graded else [f"not graded: {result.reason}"]
    found += [p for p in result.problems if result.graded]
    raised = {}
    for exercise, answer in result.exercises.items():
        for error in answer.get("cell_errors") or []:
            raised.setdefault(str(error).strip(), []).append(exercise)
    for error, exercises in raised.items():
        found.append(f"{len(exercises)} cell run(s) raised {error} (in {', '.join(dict.fromkeys(exercises))})")
    found += [f"note: {n}" for n in result.notes]
    return found


def instructor_page(data) -> str:
    title = f"{data.assignment}: class report"
    handed, graded = data.handed_in(), data.graded()
    not_graded = [r for r in handed if not r.graded]
    missing = [r for r in data.students.values() if not r.handed_in]
    totals = [float(r.total or 0.0) for r in graded]
    parts = [f"<h1>{esc(title)}</h1>",
             f"<p>{len(data.students)} student(s): {len(handed)} handed in, {len(graded)} graded, "
             f"<strong>{len(not_graded)} could not be graded</strong>, {len(missing)} not handed in. "
             f"Autograded points only (of {esc(points_text(data.possible))}); answers graded by hand are in "
             "nbgrader's gradebook (<code>nbgrader export</code>).</p>"]
    if totals:
        parts.append(f"<p>Total of the graded submissions: mean {points_text(statistics.mean(totals))}, median "
                     f"{points_text(statistics.median(totals))}, lowest {points_text(min(totals))}, highest "
                     f"{points_text(max(totals))}.</p>")
    parts += distribution_section(data, graded, totals)
    parts += mistakes_section(data)
    parts += troubles_section(data)
    parts += timing_section(handed)
    parts += students_section(data)
    return page(title, "\n".join(parts))


def distribution_section(data, graded, totals) -> list:
    parts = ["<h2 id=\"scores\">Score distribution per exercise</h2>"]
    if not graded:
        return parts + ["<p>No submission was graded.</p>"]
    fractions = {e.id: [r.points.get(e.id, 0.0) / e.possible for r in graded] for e in data.exercises if e.possible}
    ids = [e.id for e in data.exercises]
    parts.append(image(plots.exercise_strip(ids, fractions),
                       "Strip plot: the fraction of the points each graded student got, per exercise ("
                       + ", ".join(f"{e}: mean {statistics.mean(v):.0%}" for e, v in fractions.items() if v) + ")."))
    parts.append(image(plots.total_histogram(totals, data.possible),
                       f"Histogram of the {len(totals)} graded submissions' total autograded points, from "
                       f"{points_text(min(totals))} to {points_text(max(totals))} of {points_text(data.possible)}."))
    rows = []
    for exercise in data.exercises:
        values = [r.points.get(exercise.id, 0.0) for r in graded]
        rows.append([esc(exercise.id), points_text(exercise.possible), points_text(statistics.mean(values)),
                     points_text(statistics.median(values)),
                     str(sum(abs(v - exercise.possible) < 1e-9 for v in values)), str(sum(v == 0 for v in values))])
    parts.append(table(["exercise", "points", "mean", "median", "full marks", "zero"], rows,
                       numeric=(1, 2, 3, 4, 5), caption=f"Points per exercise, {len(graded)} graded submission(s)"))
    return parts


def mistakes_section(data) -> list:
    parts = ["<h2 id=\"mistakes\">The most common named mistakes</h2>"]
    counted = mistake_counts(data)
    if not counted:
        return parts + ["<p>No named mistake in the graded submissions.</p>"]
    rows = [[esc(mistake_words(m)[0]), esc(exercise), str(len(students)), esc(", ".join(students)),
             esc(mistake_words(m)[1])] for (exercise, m), students in counted]
    parts.append(table(["mistake", "exercise", "students", "who", "hint given"], rows, numeric=(2,),
                       caption="Named mistakes: how many students made each"))
    shown = counted[:15]
    labels = [f"{mistake_words(m)[0]} ({exercise})" for (exercise, m), _ in shown]
    parts.append(image(plots.mistake_bars(labels, [len(s) for _, s in shown]),
                       "Bar chart of the most common named mistakes: "
                       + "; ".join(f"{label}: {len(s)} student(s)" for label, (_, s) in zip(labels, shown)) + "."))
    return parts


def troubles_section(data) -> list:
    parts = ["<h2 id=\"problems\">Submissions that could not be graded or ran into problems</h2>"]
    rows = []
    for result in data.handed_in():
        found = troubles(result)
        if found:
            rows.append([_student_link(result.student), esc(result.status),
                         "<br>".join(esc(t[:400]) for t in found[:12])
                         + (f"<br>… and {len(found) - 12} more" if len(found) > 12 else "")])
    if not rows:
        return parts + ["<p>None: every submission was graded without a problem.</p>"]
    parts.append(table(["student", "status", "why / what happened"], rows,
                       caption="Not graded (no score was recorded) and graded with problems"))
    return parts


def timing_section(handed) -> list:
    parts = ["<h2 id=\"time\">Grading time</h2>"]
    seconds = {r.student: float(r.seconds) for r in handed if r.seconds is not None}
    if not seconds:
        return parts + ["<p>No grading time was recorded.</p>"]
    slowest = max(seconds, key=seconds.get)
    rows = [["total (work of all submissions)", f"{sum(seconds.values()):.1f}"],
            ["median per submission", f"{statistics.median(seconds.values()):.1f}"],
            [f"longest per submission ({esc(slowest)})", f"{seconds[slowest]:.1f}"]]
    parts.append(table(["", "seconds"], rows, numeric=(1,),
                       caption=f"Time spent grading {len(seconds)} submission(s) (parallel workers overlap)"))
    return parts


def students_section(data) -> list:
    rows = [[_student_link(r.student), esc(points_text(r.total)) if r.graded else "—", esc(r.status),
             str(Counter(m for e in data.exercises for m in r.mistakes(e.id)).total())]
            for r in data.students.values()]
    return ["<h2 id=\"students\">Students</h2>",
            table(["student", "autograded points", "status", "named mistakes"], rows, numeric=(1, 3))]


def _student_link(student: str) -> str:
    return f"<a href=\"students/{quote(student)}.html\">{esc(student)}</a>"
