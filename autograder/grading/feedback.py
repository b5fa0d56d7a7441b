"""The feedback run: nbgrader's own autograde of one submission, with the kernel in a sandbox
and the judgement (made elsewhere) shown beside each graded cell.

nbgrader does what it does well — restores the test cells from the gradebook, executes the
notebook, limits the output, writes `autograded/<student>/<assignment>/` — with three steps
replaced:
- `SandboxedExecute`: the kernel runs in the sandbox; the whole notebook has a time budget
  (cells after it are left unrun, with a note), each cell's output is capped as it arrives,
  and a kernel that dies or hangs ends the run instead of failing the submission;
- `ShowJudgement` (instead of `SaveAutoGrades`): each test cell shows the grader's report
  and the points that counted; hidden tests' code is replaced by one comment line. No point
  is read from the kernel's output: the gradebook gets the judged points (`gradebook.py`).
"""
from __future__ import annotations

import time

from jupyter_core.utils import run_sync
from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbformat.v4 import new_output
from nbgrader.preprocessors import CheckCellMetadata, Execute, IgnorePattern, LimitOutput, NbGraderPreprocessor

from .notebooks import split_hidden_tests

NOTEBOOK_SECONDS = 60.0           # the whole feedback run of one notebook
CELL_OUTPUT_CHARACTERS = 20_000   # text kept per cell (printed text, text/plain, text/html, ...)
CELL_PICTURE_CHARACTERS = 1_000_000       # pictures kept per cell (base64 PNG and the like): ten figures
NOTEBOOK_PICTURE_CHARACTERS = 4_000_000   # ... and in the whole notebook
HIDDEN_TESTS = "# Hidden tests: run by the course's grader outside your notebook."


class SandboxedExecute(Execute):
    """nbgrader's Execute, with a time budget for the notebook and output capped: text per cell,
    pictures (figures) per cell and per notebook, so that figures stay and floods do not."""

    sandbox_kernels = None   # the kernel manager class (see `feedback_preprocessors`)

    def __init__(self, *args, **kwargs):
        kwargs["kernel_manager_class"] = self.sandbox_kernels
        super().__init__(*args, **kwargs)

    def preprocess(self, nb, resources=None, km=None):
        self._deadline = time.monotonic() + NOTEBOOK_SECONDS
        self._stopped = None
        self._cut = set()
        self._pictures = 0
        try:
            return super().preprocess(nb, resources, km)
        except Exception as err:  # noqa: BLE001 - a dead or hung kernel ends the run, not the grading
            self._stopped = f"the kernel stopped ({type(err).__name__}); later cells were not run"
            for cell in nb.cells:
                if cell.cell_type == "code" and not cell.get("outputs") and cell.get("execution_count") is None:
                    _note(cell, self._stopped)
            return nb, resources

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if cell.cell_type == "code" and self._stopped is None and time.monotonic() > self._deadline:
            self._stopped = f"not run: the notebook used up its {NOTEBOOK_SECONDS:g} s"
        if self._stopped is not None:
            if cell.cell_type == "code":
                _note(cell, self._stopped)
            return cell
        self.timeout = max(1, min(self.timeout or 30, int(self._deadline - time.monotonic()) + 1))
        return await super().async_execute_cell(cell, cell_index, execution_count, store_history)

    # nbclient binds `execute_cell` to its own coroutine (`run_sync(async_execute_cell)` in the
    # class body), so the override above is only used once it is bound again here
    execute_cell = run_sync(async_execute_cell)

    def output(self, outs, msg, display_id, cell_index):
        kept_text = sum(_sizes(o)[0] for o in outs)
        kept_pictures = sum(_sizes(o)[1] for o in outs)
        content = msg.get("content", {})
        text, pictures = _sizes(content)
        too_many_pictures = (kept_pictures + pictures > CELL_PICTURE_CHARACTERS
                             or self._pictures + pictures > NOTEBOOK_PICTURE_CHARACTERS)
        if kept_text + text <= CELL_OUTPUT_CHARACTERS and not too_many_pictures:
            self._pictures += pictures
            return super().output(outs, msg, display_id, cell_index)
        if cell_index in self._cut:
            return None
        self._cut.add(cell_index)
        if too_many_pictures:
            outs.append(new_output("stream", name="stdout", text=(
                f"\n[pictures cut by the grader: at most {CELL_PICTURE_CHARACTERS:,} characters of them per cell "
                f"and {NOTEBOOK_PICTURE_CHARACTERS:,} per notebook]\n")))
            return None
        room = CELL_OUTPUT_CHARACTERS - kept_text
        if "text" in content and room > 0:
            outs.append(new_output("stream", name=content.get("name", "stdout"), text=content["text"][:room]))
        outs.append(new_output("stream", name="stdout", text=(
            f"\n[output cut by the grader after {CELL_OUTPUT_CHARACTERS:,} characters]\n")))
        return None


def _sizes(output) -> tuple:
    """(text, pictures): the characters of an output (or a message's content) that are text —
    printed text and text/* data — and those that are pictures (image/* data, base64)."""
    text, pictures = len(str(output.get("text", ""))), 0
    for mime, value in (output.get("data") or {}).items():
        if mime.startswith("image/"):
            pictures += len(str(value))
        else:
            text += len(str(value))
    return text, pictures


def _note(cell, text: str) -> None:
    cell.outputs = [new_output("stream", name="stdout", text=f"[{text}]\n")]


class ShowJudgement(NbGraderPreprocessor):
    """Each test cell: the grader's report and the points that counted, hidden code removed.

    `judged` maps grade_id -> (points, out of, report text).
    """

    def __init__(self, judged: dict, **kwargs):
        super().__init__(**kwargs)
        self.judged = judged

    def preprocess_cell(self, cell, resources, index):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            return cell, resources
        grade_id = meta.get("grade_id")
        cell.source = split_hidden_tests(cell.source, placeholder=HIDDEN_TESTS)[0]
        points, total, report = self.judged.get(grade_id, (0.0, meta.get("points", 0), "not graded"))
        text = (f"{report}\n\n— Points that counted: {points:g} of {total:g}, decided by the course's grader "
                "outside your notebook (your kernel's own output for this cell is not used).\n")
        cell.outputs = [new_output("stream", name="stdout", text=text)]
        return cell, resources


def feedback_preprocessors(judged: dict, kernels: type) -> list:
    """The autograde steps of the feedback run, in nbgrader's order; `kernels` is the
    sandboxed kernel manager class (`kernel.sandboxed_kernel_manager`)."""
    execute = type("SandboxedExecute", (SandboxedExecute,), {"sandbox_kernels": kernels})
    return [execute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, ShowJudgement(judged),
            CheckCellMetadata]
