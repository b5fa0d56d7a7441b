"""The explorers in a real JupyterLab, driven through chromium with the keyboard.

For every course notebook that embeds an explorer: open it, run all cells, then in each
explorer with a learning-rate slider press arrow keys on the learning-rate and (where
there is one) batch-size slider handles. Each press must change the slider's readout and
the figure's pixels (a hash of the ipympl canvas); no cell may show an error or a stderr
stream, no widget may fail to render, no message may be cut off. At least one notebook
must have an explorer with a batch-size slider. The time from key press to new pixels
goes to artifacts/browser_latency.json (bench/widgets_latency.py prints it), a screenshot
of each notebook to artifacts/browser_<assignment>.png. The playground's Run button must
animate its canvas. In the browser's accessibility tree (playwright's ARIA snapshot) every
control of every explorer has a name, and its figure a text alternative.

    PYTHONPATH=. python -m pytest tests/browser -q -s     # -s shows the artifact paths
"""
import re

import pytest

from .labserver import unnamed_controls, wait_until

pytestmark = pytest.mark.browser

PRESSES = 6
TIMEOUT_MS = 15_000

PAGE_HELPERS = """
window.__mg = {
  panel() { return window.jupyterapp.shell.currentWidget; },
  kernelIdle() {
    const kernel = this.panel()?.sessionContext?.session?.kernel;
    return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
  },
  lastBusy: 0,
  watchKernel() {
    this.panel().sessionContext.session.kernel.statusChanged.connect((_, status) => {
      if (status !== 'idle') this.lastBusy = performance.now();
    });
  },
  allCellsRan() {
    const cells = this.panel().content.widgets.filter(cell => cell.model.type === 'code');
    return cells.every(cell => cell.model.executionCount !== null);
  },
  badOutputs() {
    const found = [];
    this.panel().content.widgets.forEach((cell, index) => {
      if (cell.model.type !== 'code') return;
      for (const output of cell.model.outputs.toJSON()) {
        if (output.output_type === 'error') found.push(`cell ${index}: ${output.ename}: ${output.evalue}`);
        if (output.output_type === 'stream' && output.name === 'stderr') {
          found.push(`cell ${index} stderr: ${output.text}`);
        }
      }
    });
    return found;
  },
  explorer(withText) {
    // textContent, not innerText: JupyterLab skips rendering cells off screen (content-visibility)
    return [...document.querySelectorAll('.minigrad-explorer')].find(box => box.textContent.includes(withText));
  },
  canvas(box) { return box.querySelector('.jupyter-matplotlib-canvas-div canvas'); },
  hash(canvas) {
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let h = 2166136261;
    for (let i = 0; i < pixels.length; i += 4) {
      h ^= pixels[i] | (pixels[i + 1] << 8) | (pixels[i + 2] << 16);
      h = Math.imul(h, 16777619);
    }
    return (h >>> 0) + ':' + canvas.width + 'x' + canvas.height;
  },
  lastDraw: new WeakMap(),
  waiter: null,
  // Resolves with the time of the first paint of `canvas` whose pixels differ from `before`.
  waitForChange(canvas, before, timeoutMs) {
    return new Promise((resolve, reject) => {
      const giveUp = () => { this.waiter = null; reject(new Error('the canvas did not change')); };
      const timer = setTimeout(giveUp, timeoutMs);
      this.waiter = {canvas, check: (paintedAt) => {
        if (this.hash(canvas) === before) return;
        clearTimeout(timer);
        this.waiter = null;
        resolve(paintedAt);
      }};
    });
  },
};
// ipympl paints every new image with drawImage: note when, instead of polling the pixels
// (polling would take CPU from the kernel on a small machine and slow what we measure).
const paint = CanvasRenderingContext2D.prototype.drawImage;
CanvasRenderingContext2D.prototype.drawImage = function (...args) {
  const result = paint.apply(this, args);
  const paintedAt = performance.now();
  window.__mg.lastDraw.set(this.canvas, paintedAt);
  if (window.__mg.waiter && window.__mg.waiter.canvas === this.canvas) window.__mg.waiter.check(paintedAt);
  const frames = window.__mg.frames;
  if (frames && frames.canvas === this.canvas) frames.seen.add(window.__mg.hash(this.canvas));
  return result;
};
document.addEventListener('keydown', () => { window.__mgKeyTime = performance.now(); }, true);
"""


def toward_the_middle(handle) -> str:
    """The arrow key that moves a slider towards the middle of its range (the notebook may have left it at an end).

    For a FloatLogSlider the aria values are exponents, so the middle is the geometric one.
    """
    now, low, high = (float(handle.get_attribute(f"aria-value{end}")) for end in ("now", "min", "max"))
    return "ArrowLeft" if now > (low + high) / 2 else "ArrowRight"


def settled_hash(page, box, quiet_ms: int = 500) -> str:
    """The canvas hash once neither the kernel nor this canvas has been busy for `quiet_ms`.

    After scrolling, the notebook's other ipympl figures initialise and draw in the kernel;
    a key press then would wait behind them, which is not this explorer's latency.
    """
    return page.evaluate("""async ([box, quiet]) => {
        const mg = window.__mg, canvas = mg.canvas(box);
        const last = () => Math.max(mg.lastBusy, mg.lastDraw.get(canvas) || 0), start = performance.now();
        while (!mg.kernelIdle() || performance.now() - last() < quiet) {
            if (performance.now() - start > 60000) throw new Error('the kernel or the canvas never went quiet');
            await new Promise(r => setTimeout(r, 50));
        }
        return mg.hash(canvas);
    }""", [box, quiet_ms])


def open_and_run_all(browser, base: str, token: str, path) -> tuple:
    """Open a notebook in JupyterLab, run all its cells, wait for the kernel; (context, page, page errors)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
    page = context.new_page()
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.goto(f"{base}/lab/tree/{path.as_posix()}?reset&token={token}")
    wait_until(page, "window.jupyterapp && window.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel")
    page.evaluate(PAGE_HELPERS)
    page.evaluate("window.__mg.watchKernel()")
    wait_until(page, "window.__mg.kernelIdle()")
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    wait_until(page, "window.__mg.allCellsRan() && window.__mg.kernelIdle()", timeout_ms=300_000)
    return context, page, page_errors


@pytest.fixture(scope="module")
def lab_pages(jupyterlab, browser):
    """`lab_pages(notebook)`: (page, page errors) for the notebook, opened and run once per module."""
    base, token, served = jupyterlab
    opened = {}

    def page_for(notebook):
        if notebook not in opened:
            opened[notebook] = open_and_run_all(browser, base, token, served[notebook])
        _, page, page_errors = opened[notebook]
        return page, page_errors

    yield page_for
    for context, _, _ in opened.values():
        context.close()


def test_a_course_notebook_has_an_explorer_with_a_batch_size_slider(embedded_explorers):
    assert {"loss_surface", "training_playground"} & embedded_explorers, (
        "no course notebook (course/notebooks/*/*.ipynb) embeds loss_surface(...) or training_playground(...); "
        "the browser test moves their batch-size sliders.")


def press_and_time(page, box, label: str) -> float:
    """Press an arrow key on the slider `label` of explorer `box`; ms from key press to new canvas pixels."""
    row = box.query_selector(f".widget-slider:has(.widget-label:text-is('{label}'))")
    handle, readout = row.query_selector(".noUi-handle[role=slider]"), row.query_selector(".widget-readout")
    before, shown = settled_hash(page, box), readout.text_content()
    page.evaluate("([box, before, timeout]) => { window.__mgChanged = "
                  "window.__mg.waitForChange(window.__mg.canvas(box), before, timeout); }", [box, before, TIMEOUT_MS])
    handle.focus()
    handle.press(toward_the_middle(handle))
    changed_at = page.evaluate("async () => await window.__mgChanged")
    assert readout.text_content() != shown, f"the {label} readout did not move"
    return round(changed_at - page.evaluate("window.__mgKeyTime"), 1)


def explorer_kind(box) -> str:
    """'loss_surface' for a box with the class minigrad-loss-surface, and so on."""
    kinds = [c for c in box.get_attribute("class").split() if c.startswith("minigrad-") and c != "minigrad-explorer"]
    return kinds[0].removeprefix("minigrad-").replace("-", "_")


def test_keyboard_moves_change_the_plot_without_errors(explorer_notebook, lab_pages, artifacts, latency_log):
    page, page_errors = lab_pages(explorer_notebook)
    page.wait_for_function("() => document.querySelector('.minigrad-explorer')", timeout=60_000)
    boxes = [box for box in page.query_selector_all(".minigrad-explorer") if "learning rate" in box.text_content()]
    assert boxes, "the notebook shows no explorer with a learning-rate slider"
    latencies = {}
    for box in boxes:
        box.scroll_into_view_if_needed()
        page.wait_for_function("box => window.__mg.canvas(box) && window.__mg.canvas(box).width > 0", arg=box)
        for label in ("learning rate", "batch size"):
            if label in box.text_content():
                latencies[f"{explorer_kind(box)} {label}"] = [press_and_time(page, box, label) for _ in range(PRESSES)]
        settled_hash(page, box)
        if box == boxes[0]:
            screenshot = artifacts / f"browser_{explorer_notebook.parent.name}.png"
            page.screenshot(path=str(screenshot))
            print(f"\nscreenshot: {screenshot}")
    print(f"key press to new pixels (ms), {explorer_notebook.parent.name}: {latencies}")
    latency_log["notebooks"].append(f"{explorer_notebook.parent.name}/{explorer_notebook.name}")
    for key, values in latencies.items():
        latency_log["latency_ms"].setdefault(key, []).extend(values)

    assert page.evaluate("window.__mg.badOutputs()") == []
    assert not [box for box in boxes if "Traceback" in box.text_content()]
    cut_off = [box.query_selector(".minigrad-message").evaluate("m => m.scrollWidth > m.clientWidth") for box in boxes]
    assert not any(cut_off), "an explorer's message is cut off instead of wrapping"
    assert page.query_selector_all("text=Error displaying widget") == []
    assert page_errors == [], f"uncaught errors in the page: {page_errors}"


def test_run_button_animates_the_playground(playground_notebook, lab_pages):
    page, page_errors = lab_pages(playground_notebook)
    box = page.wait_for_function("() => document.querySelector('.minigrad-training-playground')",
                                 timeout=60_000).as_element()
    box.scroll_into_view_if_needed()
    status = box.query_selector(".minigrad-status")
    start_epoch = int(status.text_content().split()[1])
    epochs = int(box.query_selector(".widget-slider:has(.widget-label:text-is('epochs')) .widget-readout")
                 .text_content())
    settled_hash(page, box)
    frames = page.evaluate("""async (box) => {
        const canvas = window.__mg.canvas(box), buttons = () => [...box.querySelectorAll('button')];
        window.__mg.frames = {canvas, seen: new Set([window.__mg.hash(canvas)])};
        buttons().find(b => b.innerText.trim() === 'Run').click();
        const start = performance.now();
        while (performance.now() - start < 20000) {
            await new Promise(r => setTimeout(r, 100));
            if (performance.now() - start > 500 && buttons().some(b => b.innerText.trim() === 'Run')) break;
        }
        return window.__mg.frames.seen.size;
    }""", box)
    settled_hash(page, box)
    wait_until(page, "window.__mg.kernelIdle()")
    assert int(status.text_content().split()[1]) == start_epoch + epochs
    assert frames >= 3, f"Run showed {frames - 1} new frame(s); it should draw as it trains"
    assert page.evaluate("window.__mg.badOutputs()") == []
    assert page_errors == []


def test_every_explorer_control_has_an_accessible_name(explorer_notebook, lab_pages):
    page, _ = lab_pages(explorer_notebook)
    boxes = page.locator(".minigrad-explorer")
    assert boxes.count() > 0, "the notebook shows no explorer"
    for index in range(boxes.count()):
        box = boxes.nth(index)
        box.scroll_into_view_if_needed()
        page.wait_for_function("box => box.querySelector('[role=slider][aria-label]')", arg=box.element_handle())
        snapshot = box.aria_snapshot()
        assert re.search(r'- slider "[^"]+"', snapshot), f"no named slider in explorer {index}:\n{snapshot}"
        assert unnamed_controls(snapshot) == [], f"controls without an accessible name in explorer {index}:\n{snapshot}"
        assert re.search(r'- \'?img "[^"]+"', snapshot), f"explorer {index}'s figure has no text alternative"
