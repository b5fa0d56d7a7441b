"""The checks inside a real Jupyter kernel, as a notebook's test cells call them: the time
limit works there (SIGALRM in the kernel's main thread), nothing reaches stderr, and a
failing `check` is an error output — what nbgrader scores as 0."""

import pytest

from tests.helpers import REPO
from tests.helpers.dependencies import require


@pytest.fixture(scope="module")
def run_cells():
    nbformat = require("nbformat")
    nbclient = require("nbclient")

    def run(*sources):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
        nb.cells.insert(0, nbformat.v4.new_code_cell(f"import sys\nsys.path.insert(0, {str(REPO)!r})"))
        client = nbclient.NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True)
        client.execute()
        return nb.cells[1:]
    return run


def _text(cell, name):
    return "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream" and o["name"] == name)


def test_check_and_score_in_a_kernel(run_cells):
    cells = run_cells(
        "from autograder import check, score, run_check\nimport numpy as np",
        "def sigmoid_backward(x, out, grad_output):\n    return grad_output * out * (1 - out)\n"
        "check('sigmoid_backward', sigmoid_backward);",
        "def endless(x, out, grad_output):\n    while True:\n        pass\n"
        "result = run_check('sigmoid_backward', endless, time_limit=0.5)\nprint(result.cases[0].problem)",
        "def naive(x, out, grad_output):\n    s = 1 / (1 + np.exp(-x))\n    return grad_output * s * (1 - s)\n"
        "score('sigmoid_backward', naive, points=3)",
        "check('sigmoid_backward', lambda x, out, g: out * (1 - out))",
    )
    ok, endless, partial, failing = cells[1:]
    assert _text(ok, "stdout").startswith("✓ sigmoid_backward")
    assert "did not return within 0.5 s" in _text(endless, "stdout")
    score_value = [o for o in partial.outputs if o["output_type"] == "execute_result"]
    assert 0 < float(score_value[0]["data"]["text/plain"]) < 3
    assert "overflow" in _text(partial, "stdout")
    errors = [o for o in failing.outputs if o["output_type"] == "error"]
    assert [o["ename"] for o in errors] == ["ExerciseFailed"]
    # the report is the error, shown once, with no frames from the kit (_render_traceback_)
    assert _text(failing, "stdout") == ""
    traceback = "\n".join(errors[0]["traceback"])
    assert traceback.startswith("✗ sigmoid_backward") and "Likely mistake: ignores the upstream gradient" in traceback
    assert "File " not in traceback and "autograder" not in traceback and len(errors[0]["traceback"]) < 40
    assert all(_text(cell, "stderr") == "" for cell in cells)
