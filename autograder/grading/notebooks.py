"""Reading notebooks for grading: the instructor's (trusted) and the student's (not).

From the *source* notebook come the graded cells: each test cell's grade id, its points,
and the exercise, suite and function its `check(...)` or `score(...)` call names. Nothing
about grading is ever read from a submission: its test cells, metadata and points may have
been edited. From the *submission* come only the student's code cells, in order, without
the source's test cells (whatever the submission's copies of them say), and a list of what
looks tampered with, for the instructor.
"""
from __future__ import annotations

import ast
import json
import os
from dataclasses import dataclass
from pathlib import Path

MAX_NOTEBOOK_BYTES = 20 * 2**20
MAX_CELL_CHARACTERS = 200_000
CHECKS = {"check": "visible", "score": "hidden"}


class UnreadableSubmission(Exception):
    """The submission cannot be graded at all; the message says why, for the instructor."""


@dataclass(frozen=True)
class GradedCell:
    """A test cell of the source notebook.

    grade_id, points: as in the source (and in nbgrader's gradebook). exercise, suite,
    function: what its `check("exercise", function)` (suite "visible") or
    `score("exercise", function, points=...)` (suite "hidden") call names. `function` is
    the source text of the second argument: a name, or a lambda over the student's names
    (`lambda: (df_dx, df_dy, df_dz)`) for answers that are values.
    """

    notebook: str
    grade_id: str
    points: float
    exercise: str
    suite: str
    function: str


def nbgrader_meta(cell: dict) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def graded_cells(path: str | Path) -> list[GradedCell]:
    """The autograded test cells of a source notebook. A graded code cell that is not one
    `check`/`score` call is an error: every point must be decided by a judgement."""
    path = Path(path)
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for cell in notebook["cells"]:
        meta = nbgrader_meta(cell)
        if cell["cell_type"] != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        call = _check_call(cell_source(cell))
        if call is None:
            raise ValueError(f"{path.name}: test cell {meta['grade_id']!r} does not call check(...) or "
                             "score(...): the grader can only award points that a check decides")
        name, exercise, function = call
        cells.append(GradedCell(path.stem, meta["grade_id"], float(meta.get("points", 0)), exercise,
                                CHECKS[name], function))
    return cells


def _check_call(source: str):
    """('check' or 'score', exercise id, function name) of the cell's one check call."""
    text = "\n".join(line for line in source.splitlines() if "### " not in line)   # hidden-test markers
    found = []
    for node in ast.walk(ast.parse(text)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CHECKS
                and len(node.args) >= 2 and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[1], (ast.Name, ast.Lambda))):
            found.append((node.func.id, node.args[0].value, ast.get_source_segment(text, node.args[1])))
    return found[0] if len(found) == 1 else None


def cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


@dataclass
class Submission:
    """What a student handed in for one notebook: their code cells, how many of them come
    before each of the source's test cells (by grade id), and what looked wrong."""

    code_cells: list
    notes: list
    before_test: dict

    def cells_for(self, graded: list) -> list:
        """The code cells that run before the first of these test cells, as nbgrader runs
        them (all cells when the test cells were deleted)."""
        counts = [self.before_test[c.grade_id] for c in graded if c.grade_id in self.before_test]
        return self.code_cells[:min(counts)] if counts else list(self.code_cells)


def read_submission(path: str | Path, source_path: str | Path) -> Submission:
    """The student's code cells (the source's test cells left out) and notes on tampering.

    Raises UnreadableSubmission when the file cannot be graded at all (missing, empty, too
    big, not JSON, not an nbformat 4 notebook)."""
    path = Path(path)
    if not path.is_file():
        others = sorted(p.name for p in path.parent.glob("*.ipynb")) if path.parent.is_dir() else []
        instead = f" (found {', '.join(others)} instead: rename it to {path.name})" if others else ""
        raise UnreadableSubmission(f"no notebook {path.name} was handed in{instead}")
    size = path.stat().st_size
    if size == 0:
        raise UnreadableSubmission(f"{path.name} is empty (0 bytes): ask the student to save the notebook in "
                                   "JupyterLab and hand it in again")
    if size > MAX_NOTEBOOK_BYTES:
        raise UnreadableSubmission(f"{path.name} is {size / 2**20:.0f} MB, more than the "
                                   f"{MAX_NOTEBOOK_BYTES // 2**20} MB a notebook may have (clear its outputs)")
    try:
        notebook = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UnreadableSubmission(f"{path.name} is not valid notebook JSON ({type(err).__name__}: "
                                   f"{str(err)[:120]}): the file is damaged or not a notebook; ask the student "
                                   "to hand in the .ipynb saved from JupyterLab again") from None
    if isinstance(notebook, dict) and notebook.get("nbformat") not in (4, None):
        raise UnreadableSubmission(f"{path.name} is an nbformat {notebook.get('nbformat')!r} notebook; "
                                   "save it from JupyterLab (nbformat 4)")
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list) or notebook.get("nbformat") != 4:
        raise UnreadableSubmission(f"{path.name} is JSON but not an nbformat 4 notebook (no list of cells)")
    source = json.loads(Path(source_path).read_text(encoding="utf-8"))
    tests = {nbgrader_meta(c).get("grade_id"): c for c in source["cells"]
             if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")
             and c["cell_type"] == "code"}
    expected = {nbgrader_meta(c).get("grade_id"): nbgrader_meta(c) for c in source["cells"]
                if nbgrader_meta(c).get("grade_id")}
    code, notes, before_test = [], [], {}
    for cell in notebook["cells"]:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        meta = nbgrader_meta(cell)
        grade_id = meta.get("grade_id")
        if grade_id in expected and _changed_flags(meta, expected[grade_id]):
            notes.append(f"the nbgrader metadata of cell {grade_id!r} was changed "
                         f"({_changed_flags(meta, expected[grade_id])}); the source's is used")
        if grade_id in tests:
            before_test.setdefault(grade_id, len(code))
            original = cell_source(tests[grade_id])
            if cell_source(cell).strip() not in (split_hidden_tests(original)[0].strip(), original.strip()):
                notes.append(f"test cell {grade_id!r} was edited (the grader ignores it: it never runs test cells)")
            continue
        if grade_id and grade_id not in expected:
            notes.append(f"cell {str(grade_id)[:40]!r} has nbgrader metadata the assignment does not have")
        text = cell_source(cell)
        if not isinstance(text, str):
            continue
        if len(text) > MAX_CELL_CHARACTERS:
            notes.append(f"a code cell of {len(text):,} characters was left out (more than "
                         f"{MAX_CELL_CHARACTERS:,})")
            continue
        code.append(text)
    for grade_id in tests.keys() - before_test.keys():
        notes.append(f"test cell {grade_id!r} was deleted (the grader does not need it)")
    return Submission(code, notes, before_test)


def split_hidden_tests(source: str, placeholder: str | None = None) -> tuple[str, list[str]]:
    """(the cell as students see it — each hidden-tests block removed, or replaced by the
    line `placeholder` —, the hidden blocks' texts)."""
    kept, blocks, hidden = [], [], None
    for line in source.splitlines():
        if "### BEGIN HIDDEN TESTS" in line:
            hidden = []
            if placeholder is not None:
                kept.append(placeholder)
        elif "### END HIDDEN TESTS" in line and hidden is not None:
            blocks.append("\n".join(hidden))
            hidden = None
        elif hidden is not None:
            hidden.append(line)
        else:
            kept.append(line)
    return "\n".join(kept), blocks


def _changed_flags(meta: dict, original: dict) -> str:
    keys = ("grade", "solution", "locked", "points")
    return ", ".join(k for k in keys if meta.get(k) != original.get(k))


def safe_name(name: str) -> bool:
    """A folder name that nbgrader and a file system both take as it is (a student id)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return bool(name) and name not in (".", "..") and os.sep not in name and name.isprintable() \
        and all(c.isalnum() or c in "-_.@" for c in name)
