"""Names that a screen reader announces for an explorer's controls and figure.

ipywidgets 8 draws a slider's description as a `<label>` beside a `<div role="slider">`
handle; a label names only form elements, so the handle has no accessible name and a
screen reader says just "slider". A log slider's handle also reports its exponent
(aria-valuenow −0.5 for a learning rate of 0.316). `ScreenReaderNames` is an invisible
widget placed in the explorer's box; its front-end code, run in JupyterLab and Voilà alike
(through anywidget), gives every control of that box what is missing:

- slider handles: `aria-label` = the slider's description, `aria-valuetext` = its readout
  (the value as shown, e.g. "0.316"), kept up to date as the value moves;
- drop-down lists: `aria-label` = their description (buttons are named by their text);
- a slider's readout (where a value can be typed): `role="textbox"`, `aria-label` = "<name> value";
- the figure: `role="img"` and `aria-label` = `figure_label` (what the plot shows) on ipympl's
  canvas (its overlay canvas is hidden from screen readers), or `alt` on the PNG without ipympl.

Keyboard: ipywidgets' sliders, lists and buttons already take the focus with Tab and move
with the arrow keys. ipympl's figure, though, is in the Tab order and keeps the focus once
it has it (its key handler swallows Tab); the explorers bind no keys to the figure, so it is
taken out of the Tab order and Tab pressed on it moves the focus on.
"""
from __future__ import annotations

import anywidget
import traitlets

NAMING_SCRIPT = r"""
function nameControls(box, figureLabel) {
  for (const row of box.querySelectorAll('.widget-slider')) {
    const label = row.querySelector('.widget-label');
    const readout = row.querySelector('.widget-readout');
    const handle = row.querySelector('[role=slider]');
    if (!label || !handle) continue;
    const name = label.textContent.trim();
    if (name && handle.getAttribute('aria-label') !== name) handle.setAttribute('aria-label', name);
    const shown = readout ? readout.textContent.trim() : '';
    if (shown && handle.getAttribute('aria-valuetext') !== shown) handle.setAttribute('aria-valuetext', shown);
    if (readout && readout.getAttribute('aria-label') !== `${name} value`) {
      readout.setAttribute('role', 'textbox');
      readout.setAttribute('aria-label', `${name} value`);
    }
  }
  for (const row of box.querySelectorAll('.widget-dropdown')) {
    const label = row.querySelector('.widget-label'), select = row.querySelector('select');
    const name = label ? label.textContent.trim() : '';
    if (select && name && select.getAttribute('aria-label') !== name) select.setAttribute('aria-label', name);
  }
  // The figure takes no keys (the explorers turn matplotlib's key bindings off), so it leaves the Tab order.
  for (const area of box.querySelectorAll('.jupyter-matplotlib-canvas-div')) area.tabIndex = -1;
  // ipympl stacks two canvases (the figure, and an overlay for zoom boxes): name the first, hide the rest.
  const [figure, ...overlays] = box.querySelectorAll('canvas');
  if (figure && figure.getAttribute('aria-label') !== figureLabel) {
    figure.setAttribute('role', 'img');
    figure.setAttribute('aria-label', figureLabel);
  }
  for (const overlay of overlays) overlay.setAttribute('aria-hidden', 'true');
  // without ipympl the figure is a PNG in an <img>
  for (const image of box.querySelectorAll('img')) {
    if (image.alt !== figureLabel) image.alt = figureLabel;
  }
}

export default {
  render({ model, el }) {
    let observer = null;
    const attach = () => {
      const box = el.closest('.minigrad-explorer');
      if (!box) { requestAnimationFrame(attach); return; }
      const name = () => nameControls(box, model.get('figure_label'));
      name();
      // ipympl's figure swallows Tab (a keyboard trap once clicked): let Tab move the focus on instead.
      box.addEventListener('keydown', (event) => {
        if (event.key === 'Tab' && event.target.closest('.jupyter-matplotlib')) event.stopPropagation();
      }, true);
      observer = new MutationObserver(name);
      observer.observe(box, { subtree: true, childList: true, characterData: true });
    };
    attach();
    return () => { if (observer) observer.disconnect(); };
  },
};
"""


class ScreenReaderNames(anywidget.AnyWidget):
    """Put one in an explorer's box (CSS class minigrad-explorer) to name its controls and figure."""

    _esm = NAMING_SCRIPT
    figure_label = traitlets.Unicode("").tag(sync=True)

    def __init__(self, figure_label: str):
        super().__init__(figure_label=figure_label, layout={"display": "none"})
