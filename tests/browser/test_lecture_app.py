"""The lecture app (course/app/playground.ipynb under Voilà) in a real chromium, by keyboard.

Voilà serves the app on a free port of 127.0.0.1 (the `lecture_app` fixture). The tests:
- the page shows no code, only the three explorers in tabs, each with a note per control;
- arrow keys on the learning-rate and batch-size sliders change the readout and the figure's
  pixels, with no error anywhere (screenshots: artifacts/app_<tab>.png);
- in the browser's accessibility tree (playwright's ARIA snapshot) every slider, list,
  button and tab has a name, and Tab reaches every control of each tab;
- at 200 % zoom every label and note is shown whole, inside the window.

    PYTHONPATH=. python -m pytest tests/browser/test_lecture_app.py -q -s
"""
import re

import pytest

from .labserver import unnamed_controls, wait_until
from .test_explorers_in_jupyterlab import PAGE_HELPERS, toward_the_middle

pytestmark = pytest.mark.browser

TABS = {"one number": "descent-1d", "batches": "loss-surface", "training": "training-playground"}
TIMEOUT_MS = 15_000


def open_app(browser, url: str, **context_options):
    """A new page on the app, once every explorer's figure has been drawn; (context, page, page errors)."""
    context = browser.new_context(**{"viewport": {"width": 1400, "height": 1000}, "device_scale_factor": 1,
                                     **context_options})
    context.add_init_script(PAGE_HELPERS)  # before the page's own scripts: it counts every canvas paint
    page = context.new_page()
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.goto(url)
    wait_until(page, f"document.querySelectorAll('.minigrad-explorer').length === {len(TABS)}")
    return context, page, page_errors


def show_tab(page, title: str):
    """Select a tab with the mouse; the explorer box inside it, once its canvas is drawn and quiet."""
    page.get_by_role("tab", name=title).click()
    box = page.wait_for_selector(f".minigrad-{TABS[title]}", state="visible")
    page.wait_for_function("box => { const c = window.__mg.canvas(box); return c && c.width > 0 && "
                           "window.__mg.lastDraw.has(c); }", arg=box, timeout=120_000)
    quiet(page, box)
    return box


def quiet(page, box, quiet_ms: int = 500) -> str:
    """The box's canvas hash once it has not been painted for `quiet_ms`."""
    return page.evaluate("""async ([box, quiet]) => {
        const mg = window.__mg, canvas = mg.canvas(box), start = performance.now();
        while (performance.now() - (mg.lastDraw.get(canvas) || 0) < quiet) {
            if (performance.now() - start > 60000) throw new Error('the canvas never went quiet');
            await new Promise(r => setTimeout(r, 50));
        }
        return mg.hash(canvas);
    }""", [box, quiet_ms])


def press_arrow(page, box, label: str) -> None:
    """Focus the slider `label` and press the arrow key towards its middle; the readout and the pixels must change."""
    row = box.query_selector(f".widget-slider:has(.widget-label:text-is('{label}'))")
    assert row is not None, f"no slider labelled {label!r} in this tab"
    handle, readout = row.query_selector(".noUi-handle[role=slider]"), row.query_selector(".widget-readout")
    before, shown = quiet(page, box), readout.text_content()
    page.evaluate("([box, before, timeout]) => { window.__mgChanged = "
                  "window.__mg.waitForChange(window.__mg.canvas(box), before, timeout); }", [box, before, TIMEOUT_MS])
    handle.focus()
    page.keyboard.press(toward_the_middle(handle))
    page.evaluate("async () => await window.__mgChanged")
    assert readout.text_content() != shown, f"the {label} readout did not move"


@pytest.fixture(scope="module")
def app_page(lecture_app, browser):
    """The app opened once for the tests that only look or move sliders; (page, page errors)."""
    context, page, page_errors = open_app(browser, lecture_app)
    yield page, page_errors
    context.close()


def test_the_app_shows_the_explorers_and_no_code(app_page):
    page, _ = app_page
    assert [tab.text_content() for tab in page.get_by_role("tab").all()] == list(TABS)
    assert page.query_selector_all(".jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .cm-editor, .CodeMirror") == []
    shown = page.evaluate("document.body.innerText")
    for code in ("import ", "from minigrad", "widgets.Tab(", "def "):
        assert code not in shown, f"the page shows code: {code!r}"


@pytest.mark.parametrize("title", list(TABS))
def test_every_control_of_a_tab_has_a_note_on_what_to_try(app_page, title):
    page, _ = app_page
    box = show_tab(page, title)
    controls = ".widget-slider .widget-label, .widget-dropdown .widget-label, .minigrad-explorer > * > button"
    shown = [element for element in box.query_selector_all(controls) if element.is_visible()]
    labels = {element.text_content().strip() for element in shown} - {""}
    notes = " ".join(b.text_content() for b in page.query_selector_all(".minigrad-app-notes b") if b.is_visible())
    missing = sorted(label for label in labels if label not in notes)
    assert labels and not missing, f"tab {title!r}: no note on what to try with {missing}"


@pytest.mark.parametrize("title", ["batches", "training"])
def test_keyboard_moves_redraw_the_figure_without_errors(app_page, title, artifacts):
    page, page_errors = app_page
    box = show_tab(page, title)
    for label in ("learning rate", "batch size"):
        for _ in range(3):
            press_arrow(page, box, label)
    quiet(page, box)
    screenshot = artifacts / f"app_{title.replace(' ', '_')}.png"
    page.screenshot(path=str(screenshot))
    print(f"\nscreenshot: {screenshot}")
    assert "Traceback" not in page.evaluate("document.body.innerText")
    assert page.query_selector_all(".jp-OutputArea-output[data-mime-type*='stderr'], .jp-RenderedText[data-mime-type"
                                   "='application/vnd.jupyter.error']") == []
    assert page.query_selector_all("text=Error displaying widget") == []
    assert page_errors == [], f"uncaught errors in the page: {page_errors}"


@pytest.mark.parametrize("title", list(TABS))
def test_every_control_has_an_accessible_name(app_page, title):
    page, _ = app_page
    show_tab(page, title)
    snapshot = page.locator(".minigrad-app").aria_snapshot()
    assert re.search(r'- slider "learning rate"', snapshot), f"no named learning-rate slider in:\n{snapshot}"
    assert re.search(rf'- tab "{title}" \[selected\]', snapshot)
    assert unnamed_controls(snapshot) == [], f"controls without an accessible name in tab {title!r}:\n{snapshot}"
    assert re.search(r'- \'?img "[^"]+"', snapshot), "the figure has no text alternative"


def tab_walk(page, presses: int = 60) -> list:
    """What Tab focuses, press by press from the top: an element's data-tab-order mark, else its role or tag."""
    page.evaluate("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    reached = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.dataset.tabOrder || document.activeElement.role "
                                     "|| document.activeElement.tagName"))
    return reached


@pytest.mark.parametrize("title", list(TABS))
def test_tab_reaches_every_control(lecture_app, browser, title):
    context, page, _ = open_app(browser, lecture_app)
    try:
        box = show_tab(page, title)
        controls = page.evaluate("""(box) => {
            // (ipympl's toolbar buttons are in the page but hidden: the explorers turn the toolbar off)
            const panelControls = [...box.querySelectorAll('[role=slider], select, button')]
                .filter(el => el.checkVisibility() && !el.closest('.jupyter-matplotlib-toolbar'));
            return panelControls.map((el, i) => {
                el.dataset.tabOrder = `control ${i}: ${el.getAttribute('aria-label') || el.textContent.trim()}`;
                return el.dataset.tabOrder;
            });
        }""", box)
        reached = tab_walk(page)
        missing = [control for control in controls if control not in reached]
        assert len(controls) >= 3 and not missing, f"Tab never reaches {missing}; it went {reached}"
        # the tab bar is one stop (its arrow keys choose the tab: test_tabs_switch_with_the_keyboard)
        assert "tab" in reached, f"Tab never reaches the tab bar; it went {reached}"
    finally:
        context.close()


def test_tabs_switch_with_the_keyboard(lecture_app, browser):
    context, page, _ = open_app(browser, lecture_app)
    try:
        page.get_by_role("tab", name="one number").focus()
        for title in ("batches", "training"):
            page.keyboard.press("ArrowRight")
            page.keyboard.press("Enter")
            page.wait_for_selector(f".minigrad-{TABS[title]}", state="visible")
            assert page.get_by_role("tab", name=title).get_attribute("aria-selected") == "true"
    finally:
        context.close()


def test_labels_and_notes_stay_whole_at_200_percent_zoom(lecture_app, browser, artifacts):
    """200 % zoom of a 1400 × 1000 window: half as many CSS pixels, each drawn twice as large."""
    context, page, _ = open_app(browser, lecture_app, viewport={"width": 700, "height": 500}, device_scale_factor=2)
    try:
        for title in TABS:
            box = show_tab(page, title)
            problems = page.evaluate("""(box) => {
                const found = [], width = document.documentElement.clientWidth;
                const texts = [...box.querySelectorAll('.widget-label, .widget-readout, .minigrad-message, button')];
                const notes = [...document.querySelectorAll('.minigrad-app-notes li')].filter(li => li.offsetParent);
                for (const el of [...texts, ...notes]) {
                    if (!el.offsetParent || !el.textContent.trim()) continue;
                    const what = el.textContent.trim().slice(0, 30);
                    if (el.scrollWidth > el.clientWidth + 1) found.push(`cut off: ${what}`);
                    if (el.getBoundingClientRect().right > width + 1) found.push(`outside the window: ${what}`);
                }
                for (const handle of box.querySelectorAll('[role=slider]')) {
                    const right = handle.getBoundingClientRect().right;
                    if (right > width + 1) found.push(`slider outside the window: ${handle.ariaLabel}`);
                }
                return found;
            }""", box)
            assert problems == [], f"tab {title!r} at 200 % zoom: {problems}"
        page.screenshot(path=str(artifacts / "app_zoom200.png"), full_page=True)
    finally:
        context.close()
