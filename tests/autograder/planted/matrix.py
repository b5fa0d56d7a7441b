"""The exercises × mistakes matrix, measured: every planted mistake (tests.autograder.planted)
is run through both suites of its exercise, and a cell says whether the check failed it
("caught") and named that very mistake ("named").

    python -m tests.autograder.planted.matrix            # print the table (from the repository root)
    python -m tests.autograder.planted.matrix --write    # rewrite the table in docs/mistakes.md
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from autograder import run_check
from autograder.catalogue import CATALOGUE
from autograder.exercises import EXERCISES

from .registry import PLANTED

DOC = Path(__file__).resolve().parents[3] / "docs" / "mistakes.md"
BEGIN, END = "<!-- matrix: begin (python -m tests.autograder.planted.matrix --write) -->", "<!-- matrix: end -->"


@dataclass
class Cell:
    """One planted solution, run through both suites."""

    exercise: str
    mistake: str
    solution: str
    caught: bool     # failed in the visible and in the hidden suite
    named: bool      # and in both the main named mistake is the planted one
    named_instead: tuple = ()


def run_planted(exercise_id: str, mistake_id: str, fn) -> Cell:
    results = [run_check(exercise_id, fn, suite) for suite in ("visible", "hidden")]
    caught = all(not r.passed for r in results)
    named = caught and all(r.mistake == mistake_id for r in results)
    return Cell(exercise_id, mistake_id, fn.__name__, caught, named,
                tuple(dict.fromkeys(r.mistake for r in results if r.mistake != mistake_id)))


def measure() -> list:
    return [run_planted(exercise_id, mistake_id, fn)
            for exercise_id in EXERCISES
            for mistake_id, fns in PLANTED.get(exercise_id, {}).items()
            for fn in fns]


def table(cells: list) -> str:
    """Markdown: one row per exercise, one column per mistake of the catalogue that occurs."""
    columns = [m for m in CATALOGUE if any(c.mistake == m for c in cells)]
    head = "| exercise | " + " | ".join(f"`{m}`" for m in columns) + " |"
    rule = "|---|" + "---|" * len(columns)
    rows = [head, rule]
    for exercise_id, exercise in EXERCISES.items():
        marks = []
        for m in columns:
            mine = [c for c in cells if c.exercise == exercise_id and c.mistake == m]
            if not mine:
                marks.append("no plant" if m in exercise.mistake_ids else "")
            elif all(c.named for c in mine):
                marks.append(f"● {len(mine)}")
            elif all(c.caught for c in mine):
                marks.append("◐ not named")
            else:
                marks.append("✗ MISSED")
        rows.append(f"| `{exercise_id}` | " + " | ".join(marks) + " |")
    return "\n".join(rows)


def legend(cells: list) -> str:
    named = sum(c.named for c in cells)
    return (f"{len(cells)} planted solutions over {len({c.exercise for c in cells})} exercises: "
            f"{sum(c.caught for c in cells)} caught, {named} caught and named.\n\n"
            "● n: n planted solutions with this mistake, each failed by both suites (visible and hidden) "
            "with this mistake named first; ◐: failed but named otherwise; ✗: passed at least one suite. "
            "An empty cell: the mistake does not apply to the exercise.")


def catalogue(cells: list) -> str:
    rows = ["| id | the student reads | recognised by | exercises |", "|---|---|---|---|"]
    for m in CATALOGUE.values():
        where = sorted({c.exercise for c in cells if c.mistake == m.id}, key=list(EXERCISES).index)
        rows.append(f"| `{m.id}` | {m.name} | {m.seen} | {', '.join(f'`{e}`' for e in where)} |")
    return "\n".join(rows)


def block(cells: list) -> str:
    return (f"{BEGIN}\n## The matrix\n\n{legend(cells)}\n\n{table(cells)}\n\n"
            f"## The catalogue\n\n{catalogue(cells)}\n{END}")


def write(cells: list, path: Path = DOC) -> None:
    text = path.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    path.write_text(text[:start] + block(cells) + text[end:], encoding="utf-8")


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    cells = measure()
    if "--write" in argv:
        write(cells)
        print(f"wrote the matrix into {DOC}")
    else:
        print(block(cells))
    return 0 if all(c.named for c in cells) else 1


if __name__ == "__main__":
    raise SystemExit(main())
