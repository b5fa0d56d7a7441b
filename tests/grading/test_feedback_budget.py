"""The feedback run's time budget for a whole notebook: once it is used up, the cells after it
are left unrun with a note (a notebook of slow cells cannot hold up a class's grading)."""
from __future__ import annotations

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbformat.v4 import new_code_cell, new_notebook

from autograder.grading import feedback


class LocalExecute(feedback.SandboxedExecute):
    sandbox_kernels = AsyncKernelManager   # a plain local kernel: the budget is what is tested


def test_cells_after_the_notebook_budget_are_not_run(monkeypatch):
    """A cell that would end after the budget is stopped when it ends (its time limit is what
    is left of the budget), and the cells after it are not run."""
    monkeypatch.setattr(feedback, "NOTEBOOK_SECONDS", 3.0)
    notebook = new_notebook(cells=[new_code_cell("print('first')"),
                                   new_code_cell("import time; time.sleep(8); print('second')"),
                                   new_code_cell("print('third')")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    done, _ = LocalExecute(timeout=30).preprocess(nbformat.from_dict(notebook), {"metadata": {"path": "."}})
    printed = ["".join(o.get("text", "") for o in cell.outputs) for cell in done.cells]
    assert "first" in printed[0]
    assert "second" not in printed[1]
    assert "third" not in printed[2] and "not run" in printed[2], printed
