"""A student's first session, as the README tells it, in a real JupyterLab and chromium.

`bash scripts/open-course.sh --headless` (the README's first command) prepares the student
copies of every assignment (nbgrader's release) and opens notebook 1. The student runs the
notebook from the top with Shift+Enter, meets the stub of exercise 1, types a forward
difference, reads the check's verdict (which names that mistake), fixes it with a central
difference, sees the check pass and saves: the saved file holds the student's code. No
empty Nbgrader menu is shown. In notebook 3 the student's first, wrong sigmoid backward gets
the check's named mistake and hint, the "Try it" cell of the unwritten sigmoid one sentence
naming it, and the saturation plot drawn after the training playground is still an inline
picture (no ipympl toolbar). The student copies go to a temporary folder
($MINIGRAD_WORKSPACE); screenshots go to artifacts/student_notebook1.png,
artifacts/student_notebook3_mistake.png and artifacts/student_notebook3_plot_after_explorer.png,
the server's log to artifacts/student_lab.log.
"""
import json
import os
import re
import secrets

import pytest

from autograder.catalogue import CATALOGUE
from tests.helpers import REPO

from .labserver import free_port, quiet_settings, running_server, wait_until

pytestmark = pytest.mark.browser

FORWARD_DIFFERENCE = '''def numerical_derivative(f, x, h=1e-5):
    """My first try: step forward only."""
    return (f(x + h) - f(x)) / h
'''
SLOPE_ONLY = '''@guarded
def sigmoid_backward(x, out, grad_output):
    """My first try: the sigmoid's slope."""
    return out * (1 - out)
'''
CENTRAL_DIFFERENCE = '''def numerical_derivative(f, x, h=1e-5):
    """Step both ways and divide by the distance between the two points."""
    return (f(x + h) - f(x - h)) / (2 * h)
'''

NOTEBOOK_HELPERS = """
window.__student = {
  panel() { return window.jupyterapp.shell.currentWidget; },
  cells() { return this.panel().content.widgets; },
  find(text) {
    return this.cells().findIndex(c => c.model.type === 'code' && c.model.sharedModel.getSource().includes(text));
  },
  source(i) { return this.cells()[i].model.sharedModel.getSource(); },
  count(i) { return this.cells()[i].model.executionCount; },
  kernelIdle() {
    const kernel = this.panel().sessionContext.session?.kernel;
    return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
  },
  outputs(i) { return this.cells()[i].model.outputs?.toJSON() ?? []; },
  text(i) {
    return this.outputs(i).map(o => o.output_type === 'stream' ? o.text
      : o.output_type === 'error' ? `${o.ename}: ${o.evalue}` : (o.data?.['text/plain'] ?? '')).join('');
  },
  errors(i) { return this.outputs(i).filter(o => o.output_type === 'error').map(o => `${o.ename}: ${o.evalue}`); },
};
"""


@pytest.fixture(scope="module")
def student_lab(artifacts, tmp_path_factory):
    """The README's first command, headless, with the student copies in a temporary folder."""
    root = tmp_path_factory.mktemp("student")
    workspace = root / "workspace"
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "MINIGRAD_WORKSPACE": str(workspace), "JUPYTERLAB_SETTINGS_DIR": str(quiet_settings(root))}
    command = ["bash", str(REPO / "scripts" / "open-course.sh"), "--headless", f"--port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               "--LabApp.expose_app_in_browser=True", f"--LabApp.workspaces_dir={root / 'lab-workspaces'}"]
    # set-up (already done here) and nbgrader's release of six assignments come before the server
    with running_server(command, env, root, artifacts / "student_lab.log", port, token, startup_s=300) as base:
        yield base, token, workspace


def test_the_first_command_gives_the_student_every_assignment_without_solutions(student_lab):
    _, _, workspace = student_lab
    sources = sorted(p.name for p in (REPO / "course" / "notebooks").iterdir() if p.is_dir())
    assert sorted(p.name for p in workspace.iterdir() if p.is_dir()) == sources
    for notebook in workspace.glob("*/*.ipynb"):
        text = notebook.read_text(encoding="utf-8")
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "score("):
            assert marker not in text, f"the student's copy {notebook.name} still holds {marker!r}"
        assert "NotImplementedError" in text, f"{notebook.name} has no stub for the student to fill in"


def printed_url(log_path, base: str, token: str) -> str:
    """The URL the command printed for the student to open (Jupyter masks the token as '...')."""
    found = re.search(re.escape(base) + r"/\S*\?token=\.\.\.", log_path.read_text())
    assert found, f"the command printed no URL on {base}; see {log_path}"
    return found.group(0).replace("token=...", f"token={token}")


def run_cells_with_shift_enter(page, first: int, last: int):
    """Select cell `first` in command mode and press Shift+Enter through cell `last`, one cell at a time.

    Each code cell is waited for before the next press, as a student reads each result: a cell
    that raises (the stub does) would make the kernel drop the executions queued behind it.
    """
    page.evaluate(f"""() => {{
        const notebook = window.__student.panel().content;
        notebook.mode = 'command';
        notebook.activeCellIndex = {first};
        notebook.node.focus();
    }}""")
    for index in range(first, last + 1):
        is_code = page.evaluate(f"window.__student.cells()[{index}].model.type === 'code'")
        before = page.evaluate(f"window.__student.count({index})") or 0
        page.keyboard.press("Shift+Enter")
        if is_code:
            wait_until(page, f"(window.__student.count({index}) || 0) > {before} && window.__student.kernelIdle()")


def show_cell(page, index: int):
    """Cell `index` scrolled to the middle of the view (JupyterLab renders only cells near it), as an element."""
    page.evaluate(f"window.__student.panel().content.scrollToItem({index}, 'center')")
    wait_until(page, f"window.__student.cells()[{index}].node.isConnected && "
                     f"window.__student.cells()[{index}].node.getBoundingClientRect().height > 0")
    return page.evaluate_handle(f"window.__student.cells()[{index}].node").as_element()


def type_into_cell(page, index: int, code: str):
    """Click into a cell's editor, select everything in it and type `code` over it."""
    editor = show_cell(page, index).query_selector(".cm-content")
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)
    typed = page.evaluate(f"window.__student.source({index})")
    assert typed.strip() == code.strip(), f"the editor holds something else than what was typed:\n{typed}"


def test_a_student_works_through_exercise_1_of_notebook_1(student_lab, browser, artifacts):
    base, token, workspace = student_lab
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
    page = context.new_page()
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    try:
        page.goto(printed_url(artifacts / "student_lab.log", base, token))
        wait_until(page, "window.jupyterapp.shell.currentWidget?.context?.path?.endsWith('.ipynb')")
        path = page.evaluate("window.jupyterapp.shell.currentWidget.context.path")
        assert path.startswith("01_"), f"the course opened {path}, not notebook 1"
        wait_until(page, "document.querySelector('.jp-Notebook .jp-Cell')")
        instructor_tools = page.evaluate("""[...document.querySelectorAll('#jp-right-stack .lm-TabBar-tab')]
            .map(tab => tab.textContent).filter(text => /create assignment/i.test(text))""")
        assert not instructor_tools, f"students see nbgrader's instructor tools: {instructor_tools}"
        menus = page.evaluate("[...document.querySelectorAll('.lm-MenuBar-itemLabel')].map(item => item.textContent)")
        assert "File" in menus and "Nbgrader" not in menus, f"the menu bar shows {menus}"
        page.evaluate(NOTEBOOK_HELPERS)
        wait_until(page, "window.__student.kernelIdle()")

        solution = page.evaluate("window.__student.find('def numerical_derivative')")
        check_cell = page.evaluate("""window.__student.find('check("numerical_derivative"')""")
        assert 0 < solution < check_cell, "notebook 1 must have the exercise, then the cell that checks it"
        assert "NotImplementedError" in page.evaluate(f"window.__student.source({solution})")

        # From the top, as a student reads: the stub's check fails and says so
        run_cells_with_shift_enter(page, 0, check_cell)
        for index in range(check_cell):
            assert index == solution + 1 or not page.evaluate(f"window.__student.errors({index})"), \
                f"cell {index} of the release fails before the student has written anything"
        assert "NotImplementedError" in page.evaluate(f"window.__student.text({check_cell})")

        # A forward difference: the check names the mistake
        type_into_cell(page, solution, FORWARD_DIFFERENCE)
        run_cells_with_shift_enter(page, solution, check_cell)
        verdict = page.evaluate(f"window.__student.text({check_cell})")
        assert "forward" in verdict and "0 of 8 cases passed" in verdict, verdict

        # The fix: the check passes, nothing in between errs
        type_into_cell(page, solution, CENTRAL_DIFFERENCE)
        run_cells_with_shift_enter(page, solution, check_cell)
        verdict = page.evaluate(f"window.__student.text({check_cell})")
        assert "8/8 cases passed" in verdict, verdict
        for index in range(solution, check_cell + 1):
            assert not page.evaluate(f"window.__student.errors({index})"), f"cell {index} still shows an error"

        screenshot = artifacts / "student_notebook1.png"
        page.locator(".jp-Notebook .jp-Cell").nth(check_cell).scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot))
        print(f"\nscreenshot: {screenshot}")

        # Saving keeps the student's work in their copy
        page.keyboard.press("Control+S")
        saved_path = workspace / path
        wait_until(page, "!window.jupyterapp.shell.currentWidget.context.model.dirty")
        cells = json.loads(saved_path.read_text(encoding="utf-8"))["cells"]
        assert any("(2 * h)" in "".join(cell["source"]) for cell in cells), "the saved notebook lost the fix"
        assert not page_errors, f"JavaScript errors in the page: {page_errors}"
    finally:
        context.close()


def open_notebook(page, base: str, token: str, path: str):
    page.goto(f"{base}/lab/tree/{path}?token={token}")
    wait_until(page, f"window.jupyterapp?.shell.currentWidget?.context?.path === {json.dumps(path)}")
    wait_until(page, "document.querySelector('.jp-Notebook .jp-Cell')")
    page.evaluate(NOTEBOOK_HELPERS)
    wait_until(page, "window.__student.kernelIdle()")


def test_notebook_3_names_the_first_mistake_and_keeps_plots_inline_after_the_explorer(student_lab, browser,
                                                                                        artifacts):
    base, token, _ = student_lab
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
    page = context.new_page()
    try:
        open_notebook(page, base, token, "03_sigmoid_backward/sigmoid_backward.ipynb")
        find = lambda text: page.evaluate(f"window.__student.find({json.dumps(text)})")  # noqa: E731
        try_sigmoid, solution = find("print(sigmoid(np.array("), find("def sigmoid_backward")
        check_cell, explorer, plot = find('check("sigmoid_backward"'), find("training_playground("), \
            find("def chain_gradient")
        assert 0 < try_sigmoid < solution < check_cell < explorer < plot

        # The first attempt: the slope alone, without the upstream gradient
        type_into_cell(page, solution, SLOPE_ONLY)
        run_cells_with_shift_enter(page, 0, check_cell)
        unwritten = page.evaluate(f"window.__student.errors({try_sigmoid})")
        assert unwritten == ["StudentCodeError: Your function sigmoid is not written yet: it raises "
                             "NotImplementedError. Write sigmoid in its cell, run that cell, then run this one "
                             "again."], unwritten
        verdict = " ".join(page.evaluate(f"window.__student.text({check_cell})").split())
        mistake = CATALOGUE["ignored_upstream"]
        assert f"Likely mistake: {mistake.name}." in verdict, verdict
        assert " ".join(f"Hint: {mistake.hint}".split()) in verdict, verdict
        show_cell(page, check_cell).screenshot(path=str(artifacts / "student_notebook3_mistake.png"))

        # The training playground, then the saturation plot: still a picture, as before any explorer
        run_cells_with_shift_enter(page, explorer, plot)
        cell = show_cell(page, plot)
        wait_until(page, f"window.__student.cells()[{plot}].node.querySelector('.jp-OutputArea img')")
        found = page.evaluate(f"""(() => {{
            const node = window.__student.cells()[{plot}].node;
            return {{images: node.querySelectorAll('.jp-OutputArea img').length,
                     widgets: node.querySelectorAll('.jupyter-matplotlib, .jupyter-widgets').length,
                     explorerCanvas: !!window.__student.cells()[{explorer}].node.querySelector('.jupyter-matplotlib')}};
        }})()""")
        assert found == {"images": 1, "widgets": 0, "explorerCanvas": True}, found
        assert not page.evaluate(f"window.__student.errors({plot})")
        cell.screenshot(path=str(artifacts / "student_notebook3_plot_after_explorer.png"))
        print(f"\nscreenshots: {artifacts / 'student_notebook3_mistake.png'}, "
              f"{artifacts / 'student_notebook3_plot_after_explorer.png'}")
    finally:
        context.close()
