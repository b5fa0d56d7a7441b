"""The lecture app's notebook (course/app/playground.ipynb), checked without executing it.

Voilà runs this notebook and shows its outputs without the code. Checked here: it is stored
without outputs and widget state, with the python3 kernel; it uses the explorers only
through the public `minigrad.widgets` API (its names in `__all__`, no attribute starting
with `_`); and the README's test command runs it under nbval (that run is the kernel-side
test: every cell executes top to bottom in a real kernel). The page itself is tested in a
real browser in tests/browser/test_lecture_app.py.
"""
import ast
import json

import minigrad.widgets
from tests.helpers import REPO

APP = REPO / "course" / "app" / "playground.ipynb"
ALLOWED_MODULES = {"minigrad.widgets", "ipywidgets", "html"}


def code_cells() -> list:
    cells = json.loads(APP.read_text(encoding="utf-8"))["cells"]
    return [cell for cell in cells if cell["cell_type"] == "code"]


def test_stored_without_outputs_with_the_python3_kernel():
    notebook = json.loads(APP.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    assert "widgets" not in notebook["metadata"], "the app stores widget state in its metadata; clear it"
    for index, cell in enumerate(code_cells()):
        assert cell["outputs"] == [] and cell["execution_count"] is None, f"code cell {index} stores outputs"


def test_uses_only_the_public_explorer_api():
    for index, cell in enumerate(code_cells()):
        tree = ast.parse("".join(cell["source"]))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.module in ALLOWED_MODULES, f"cell {index} imports from {node.module}"
                if node.module == "minigrad.widgets":
                    private = {alias.name for alias in node.names} - set(minigrad.widgets.__all__)
                    assert not private, f"cell {index} imports {private}, not in minigrad.widgets.__all__"
            elif isinstance(node, ast.Import):
                names = {alias.name for alias in node.names}
                assert names <= ALLOWED_MODULES, f"cell {index} imports {names - ALLOWED_MODULES}"
            elif isinstance(node, ast.Attribute):
                assert not node.attr.startswith("_"), f"cell {index} reaches into .{node.attr}"


def test_the_test_command_runs_the_app_under_nbval():
    script = (REPO / "scripts" / "run-tests.sh").read_text()
    command = next(line for line in script.splitlines() if "--nbval-lax" in line)
    assert "course/app" in command.split(), "scripts/run-tests.sh must give course/app to nbval"
