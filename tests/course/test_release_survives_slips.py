"""Every release notebook, run from the top in a kernel with its stubs replaced by a student's
slips, finishes, stays small and names the student's function wherever something failed.

The release is made as nbgrader makes it (its ClearSolutions, ClearHiddenTests and
ClearOutput preprocessors on the source notebooks). Then every function the student writes
gets one of four slips, planted at the top of its body, in front of the right answer:
  - endless: `while True: pass`,
  - flood:   prints 1 MB per call (then computes the right answer),
  - raises:  `raise RuntimeError(...)`,
  - none:    `return None`.
Module-level answers (numbers) are the right ones. Sampling, to keep the run near two minutes
of kernel time: each notebook runs twice; in run k the i-th function of the notebook gets slip
number (i + 2k) mod 4, so every notebook meets all four slips (each has at least three
functions) and every function two of them.

Asserted for each run, cell by cell:
  - no cell runs longer than CELL_BOUND seconds (nbclient's per-cell timeout), so the whole
    notebook finishes within CELL_BOUND times its number of code cells;
  - the text a cell stores (streams, errors, text/plain and text/html; pictures excluded)
    stays under OUTPUT_LIMIT characters;
  - every error a cell shows names a function with a slip (a check cell may name its exercise
    instead, as `check("bfs_counterexample", make_counterexample)` does), or is a NameError left
    behind by a cell that failed earlier; and its traceback holds no frame from minigrad/ or
    autograder/.
"""
from __future__ import annotations

import json
import re

import pytest

from tests.helpers import REPO
from tests.helpers.dependencies import require

nbformat = require("nbformat")
nbclient = require("nbclient")
preprocessors = require("nbgrader.preprocessors")

pytestmark = pytest.mark.slow

SOURCE = REPO / "course" / "notebooks"
NOTEBOOKS = sorted(p for p in SOURCE.glob("*/*.ipynb") if ".ipynb_checkpoints" not in p.parts)
SLIPS = {
    "endless": "while True:\n    pass",
    "flood": 'print("x" * 1_000_000)',
    "raises": 'raise RuntimeError("a planted slip")',
    "none": "return None",
}
RUNS = 2
CELL_BOUND = 30           # seconds: a guarded call stops after 2 s, a check after two time-outs of 2 s
OUTPUT_LIMIT = 8_000      # characters of text one cell may store
SOLUTION = re.compile(r"^([ \t]*)### BEGIN SOLUTION\n(.*?)^[ \t]*### END SOLUTION\n?", re.S | re.M)
KIT_FRAME = re.compile(r"(minigrad|autograder)/[\w/]+\.py")


def released(path):
    """The student's version of a source notebook, made by nbgrader's own preprocessors."""
    notebook, resources = nbformat.read(path, as_version=4), {"language": "python"}
    for step in (preprocessors.ClearSolutions(), preprocessors.ClearHiddenTests(), preprocessors.ClearOutput()):
        notebook, resources = step.preprocess(notebook, resources)
    return notebook


def grade_id(cell) -> str | None:
    meta = cell.metadata.get("nbgrader", {})
    return meta.get("grade_id") if cell.cell_type == "code" and meta.get("solution") else None


def with_slips(source_cell: str, slips: list) -> str:
    """The source cell's solution, each function's body led by the next slip in `slips`."""
    def answer(match):
        indent, body = match.group(1), match.group(2)
        if not indent:                       # module-level answers (numbers): the right ones
            return body
        slip = "".join(indent + line + "\n" for line in slips.pop(0).splitlines())
        return slip + body

    return SOLUTION.sub(answer, source_cell)


def planted(path, run: int):
    """The release of `path` with slips planted for run number `run`; (notebook, {function: slip})."""
    source = {grade_id(c): c.source for c in nbformat.read(path, as_version=4).cells if grade_id(c)}
    notebook = released(path)
    order = [name for cell_id, text in source.items() for name in re.findall(r"^def (\w+)\(", text, re.M)
             if "### BEGIN SOLUTION" in text]
    names = list(SLIPS)
    slip_of = {name: names[(i + 2 * run) % len(names)] for i, name in enumerate(order)}
    for cell in notebook.cells:
        if grade_id(cell) in source:
            text = source[grade_id(cell)]
            functions = [n for n in re.findall(r"^def (\w+)\(", text, re.M) if n in slip_of]
            cell.source = with_slips(text, [SLIPS[slip_of[n]] for n in functions])
    return notebook, slip_of


def stored_text(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type == "error":
            parts += [output.ename, output.evalue, *output.traceback]
        else:
            data = output.get("data", {})
            parts += [data.get("text/plain", ""), data.get("text/html", "")]
    return "".join(parts)


CASES = [pytest.param(path, run, id=f"{path.parent.name}-run{run}") for path in NOTEBOOKS for run in range(RUNS)]


def test_every_notebook_meets_every_slip():
    met = {path: set() for path in NOTEBOOKS}
    for path in NOTEBOOKS:
        for run in range(RUNS):
            met[path] |= set(planted(path, run)[1].values())
    assert all(slips == set(SLIPS) for slips in met.values()), met


@pytest.mark.parametrize("path, run", CASES)
def test_a_release_with_slips_finishes_small_and_names_the_function(path, run, tmp_path):
    notebook, slip_of = planted(path, run)
    client = nbclient.NotebookClient(notebook, timeout=CELL_BOUND, kernel_name="python3", allow_errors=True,
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()    # a cell over CELL_BOUND raises CellTimeoutError here

    errors = 0
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        text = stored_text(cell)
        assert len(text) < OUTPUT_LIMIT, f"cell {index} stores {len(text):,} characters:\n{text[:600]}"
        for output in cell.outputs:
            if output.output_type != "error":
                continue
            errors += 1
            shown = "\n".join([*output.traceback, output.evalue])
            assert not KIT_FRAME.search(shown), f"cell {index} shows the kit's frames:\n{shown}"
            if output.ename == "NameError":
                continue          # a name an earlier failing cell did not get to define
            named = [*slip_of, *re.findall(r'check\("(\w+)"', cell.source)]
            assert re.search(r"\b(" + "|".join(named) + r")\b", shown), \
                f"cell {index} fails without naming a slipped function ({json.dumps(slip_of)}):\n{cell.source}\n{shown}"
    assert errors, "slips were planted, yet no cell failed"
