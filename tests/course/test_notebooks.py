"""Format rules for every course notebook (course/notebooks/<assignment>/<notebook>.ipynb).

What is checked, per notebook, without executing anything:
- stored without outputs (execution_count null, no widget state), except the printed text of
  cells marked `# NBVAL_CHECK_OUTPUT`, which nbval compares (it skips cells stored unrun);
- kernelspec python3, language python; valid nbformat;
- nbgrader metadata valid (nbgrader's own validator, schema version 3), unique grade ids;
- at least two autograded exercises, each a solution region (### BEGIN/END SOLUTION) followed
  by locked test cells, at least one of them with hidden tests (### BEGIN/END HIDDEN TESTS);
- markers only where nbgrader expects them (solution regions in solution cells, hidden tests
  in locked grade cells), balanced;
- learning goals in the first cell;
- every function a student writes (a top-level def in a solution cell) is `@guarded`, imported
  in the first code cell.
Executing the notebooks is nbval's job; grading them for real is tests/course/test_nbgrader.py.
"""
import json
import os
import re

import pytest

from tests.helpers import REPO
from tests.helpers.dependencies import require

SOURCE = REPO / "course" / "notebooks"
NOTEBOOKS = sorted(p for p in SOURCE.glob("*/*.ipynb") if ".ipynb_checkpoints" not in p.parts)
IDS = [str(p.relative_to(SOURCE)) for p in NOTEBOOKS]

# The course tools are optional locally (skip) but required in CI (env CI set: fail loudly).
if os.environ.get("CI"):
    import nbformat
    import nbgrader  # noqa: F401
else:
    nbformat = require("nbformat")
    require("nbgrader")


def cell_text(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_test_cell(cell) -> bool:
    m = nbgrader_meta(cell)
    return cell["cell_type"] == "code" and m.get("grade", False) and not m.get("solution", False)


@pytest.fixture(params=NOTEBOOKS, ids=IDS)
def notebook(request):
    with open(request.param, encoding="utf-8") as f:
        raw = json.load(f)
    return request.param, raw


def test_the_course_has_notebooks():
    assert NOTEBOOKS, f"no notebooks found under {SOURCE}/<assignment>/"


def test_one_notebook_per_assignment_folder_in_course_order():
    folders = [p.parent.name for p in NOTEBOOKS]
    assert len(folders) == len(set(folders)), f"an assignment folder holds several notebooks: {folders}"
    numbers = [f.split("_", 1)[0] for f in folders]
    assert all(re.fullmatch(r"\d\d", n) for n in numbers), f"folders must start with a two-digit number: {folders}"
    assert len(numbers) == len(set(numbers)), f"two assignments share a number: {folders}"
    for folder in folders:
        assert re.fullmatch(r"[A-Za-z0-9_\-]+", folder), f"{folder!r}: nbgrader ids allow letters, digits, _ and -"


CHECKED = "# NBVAL_CHECK_OUTPUT"


def test_stored_without_outputs_except_checked_key_numbers(notebook):
    """No outputs, except the text that nbval compares.

    nbval compares only cells that were run (execution_count set) and have stored outputs, so
    a `# NBVAL_CHECK_OUTPUT` cell stored without outputs checks nothing. Such a cell stores
    its printed text (stdout only: no images, no reprs that change between runs); every other
    code cell stores nothing.
    """
    path, nb = notebook
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        outputs, count = cell.get("outputs"), cell.get("execution_count")
        if cell_text(cell).lstrip().startswith(CHECKED):
            assert outputs, f"{path.name} cell {i} is marked {CHECKED} but stores no output: nbval checks nothing"
            assert isinstance(count, int), f"{path.name} cell {i}: a checked cell needs an execution_count"
            kinds = {(o.get("output_type"), o.get("name")) for o in outputs}
            assert kinds == {("stream", "stdout")}, (
                f"{path.name} cell {i}: a checked cell stores printed text only (stdout), "
                f"not {sorted(map(str, kinds))}")
        else:
            assert outputs == [], f"{path.name} cell {i} has stored outputs; clear them before committing"
            assert count is None, f"{path.name} cell {i} has an execution count; clear it"
    assert "widgets" not in nb["metadata"], f"{path.name} stores widget state in its metadata; clear it"


def test_key_numbers_are_checked(notebook):
    path, nb = notebook
    checked = [c for c in nb["cells"] if c["cell_type"] == "code" and cell_text(c).lstrip().startswith(CHECKED)]
    assert checked, f"{path.name}: mark at least one cell that prints key numbers with {CHECKED}"


def test_kernelspec_python3_and_valid_nbformat(notebook):
    path, nb = notebook
    spec = nb["metadata"].get("kernelspec", {})
    assert spec.get("name") == "python3", f"{path.name}: kernelspec name is {spec.get('name')!r}, want 'python3'"
    assert spec.get("language") == "python", f"{path.name}: kernelspec language is {spec.get('language')!r}"
    nbformat.validate(nbformat.from_dict(nb))


def test_nbgrader_metadata_valid(notebook):
    from nbgrader.nbgraderformat import MetadataValidator, ValidationError

    path, nb = notebook
    node = nbformat.from_dict(nb)
    try:
        MetadataValidator().validate_nb(node)
    except ValidationError as error:  # pragma: no cover - the message is the point
        pytest.fail(f"{path.name}: invalid nbgrader metadata: {error}")
    ids = []
    for i, cell in enumerate(nb["cells"]):
        meta = nbgrader_meta(cell)
        if not meta:
            continue
        assert meta.get("schema_version") == 3, f"{path.name} cell {i}: nbgrader schema_version must be 3"
        if meta.get("grade") or meta.get("solution") or meta.get("locked"):
            assert re.fullmatch(r"[a-zA-Z0-9_\-]+", meta.get("grade_id", "")), f"{path.name} cell {i}: bad grade_id"
            ids.append(meta["grade_id"])
        if meta.get("grade"):
            assert isinstance(meta.get("points"), (int, float)) and meta["points"] > 0, (
                f"{path.name} cell {i} ({meta.get('grade_id')}): a graded cell needs positive points")
        if is_test_cell(cell):
            assert meta.get("locked"), f"{path.name} cell {i} ({meta['grade_id']}): test cells must be locked"
        if meta.get("solution"):
            assert not meta.get("locked"), f"{path.name} cell {i} ({meta['grade_id']}): a solution cell is locked"
    duplicates = sorted({g for g in ids if ids.count(g) > 1})
    assert not duplicates, f"{path.name}: duplicate grade ids {duplicates}"


def test_markers_balanced_and_in_the_right_cells(notebook):
    path, nb = notebook
    for i, cell in enumerate(nb["cells"]):
        text, meta = cell_text(cell), nbgrader_meta(cell)
        where = f"{path.name} cell {i} ({meta.get('grade_id', 'no nbgrader metadata')})"
        for begin, end in [("### BEGIN SOLUTION", "### END SOLUTION"),
                           ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")]:
            assert text.count(begin) == text.count(end), f"{where}: {begin!r} and {end!r} do not pair up"
            assert text.find(begin) <= text.find(end), f"{where}: {end!r} comes before {begin!r}"
        if "### BEGIN SOLUTION" in text:
            assert meta.get("solution"), f"{where}: a solution region outside a solution cell is never cleared"
        if "### BEGIN HIDDEN TESTS" in text:
            assert is_test_cell(cell) and meta.get("locked"), (
                f"{where}: hidden tests belong in a locked, graded test cell")


def exercises(nb) -> list:
    """(solution grade_id, [test cells that follow it, up to the next solution cell])."""
    found, current = [], None
    for cell in nb["cells"]:
        meta = nbgrader_meta(cell)
        if cell["cell_type"] == "code" and meta.get("solution") and "### BEGIN SOLUTION" in cell_text(cell):
            current = (meta["grade_id"], [])
            found.append(current)
        elif current is not None and is_test_cell(cell):
            current[1].append(cell)
    return found


def test_at_least_two_autograded_exercises_with_hidden_tests(notebook):
    path, nb = notebook
    complete = []
    for solution_id, tests in exercises(nb):
        visible = [t for t in tests if "### BEGIN HIDDEN TESTS" not in cell_text(t)]
        hidden = [t for t in tests if "### BEGIN HIDDEN TESTS" in cell_text(t)]
        if visible and hidden:
            complete.append(solution_id)
    assert len(complete) >= 2, (
        f"{path.name}: needs at least two autograded exercises, each with a solution region, a visible "
        f"test cell and a hidden-tests cell after it; complete ones: {complete}")


def test_learning_goals_at_the_top(notebook):
    path, nb = notebook
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown" and "learning goals" in cell_text(first).lower(), (
        f"{path.name}: the first cell must be markdown stating the learning goals")


def test_points_add_up(notebook):
    path, nb = notebook
    total = sum(nbgrader_meta(c).get("points", 0) for c in nb["cells"] if nbgrader_meta(c).get("grade"))
    auto = sum(nbgrader_meta(c)["points"] for c in nb["cells"] if is_test_cell(c))
    assert auto >= 4, f"{path.name}: only {auto} autograded points"
    assert total >= auto


def test_every_function_the_student_writes_is_guarded(notebook):
    """Outside the checks the notebook calls these functions itself; `@guarded` gives those
    calls the checks' limits (docs/exercises.md)."""
    path, nb = notebook
    first_code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    assert "from minigrad import guarded" in cell_text(first_code), f"{path.name}: the first code cell must import it"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and nbgrader_meta(cell).get("solution"):
            text = cell_text(cell)
            bare = [m.group(1) for m in re.finditer(r"^(?<!@guarded\n)def (\w+)\(", text, re.M)]
            assert not bare, f"{path.name}: {', '.join(bare)} must carry @guarded on the line above its def"
