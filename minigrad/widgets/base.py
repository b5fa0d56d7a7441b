"""What every explorer shares: its controls, a figure drawn in place, a message line.

The technique (see the course notes on widgets): the figure is built once; a control
change recomputes the numbers, puts them into the existing artists (`set_data`) and asks
for a redraw with `draw_idle()`, which is safe before the figure is on screen (a direct
`canvas.draw()` then leaves ipympl blank). With ipympl installed the figure is an ipympl
canvas widget; without it, the figure is rendered to PNG into an `ipywidgets.Image`.
"""
from __future__ import annotations

import io
import math
import numbers
from contextlib import contextmanager

import ipywidgets as widgets

from .accessible import ScreenReaderNames

SLIDER_LAYOUT = {"width": "440px"}
SLIDER_STYLE = {"description_width": "7em"}
# A Label is one line, cut off with "…"; a message must wrap so it can be read in full.
MESSAGE_CSS = ("<style>.minigrad-message { white-space: normal !important; height: auto !important; "
               "line-height: 1.4 !important; }</style>")


def log_slider(description: str, value: float, low: float = 1e-3, high: float = 10.0) -> widgets.FloatLogSlider:
    """A base-10 log-scale slider from `low` to `high` (for learning rates).

    Arrow keys move the exponent by 0.1, i.e. the value by a factor 10^0.1 ≈ 1.26.
    Only a release or a key press sends a new value (`continuous_update=False`).
    """
    return widgets.FloatLogSlider(value=value, base=10, min=math.log10(low), max=math.log10(high), step=0.1,
                                  description=description, readout_format=".3g", continuous_update=False,
                                  layout=SLIDER_LAYOUT, style=SLIDER_STYLE)


def int_slider(description: str, value: int, low: int, high: int) -> widgets.IntSlider:
    """A whole-number slider from `low` to `high` that updates on release or key press."""
    return widgets.IntSlider(value=value, min=low, max=high, description=description, continuous_update=False,
                             layout=SLIDER_LAYOUT, style=SLIDER_STYLE)


def dropdown(description: str, options, value) -> widgets.Dropdown:
    """A drop-down list of `options` (names)."""
    return widgets.Dropdown(options=list(options), value=value, description=description,
                            layout={"width": "260px"}, style=SLIDER_STYLE)


def value_problem(control, value) -> str | None:
    """Why `value` cannot be used for `control` (a sentence), or None if it can."""
    name = control.description
    if isinstance(control, widgets.Dropdown):
        if value not in control.options:
            return f"{name} must be one of {', '.join(map(str, control.options))}; got {value!r}."
        return None
    if isinstance(control, widgets.FloatLogSlider):
        low, high = control.base ** control.min, control.base ** control.max
        if not isinstance(value, numbers.Real) or not low * (1 - 1e-9) <= value <= high * (1 + 1e-9):
            return f"{name} must be a number from {low:g} to {high:g}; got {value!r}."
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not control.min <= value <= control.max:
        return f"{name} must be a whole number from {control.min} to {control.max}; got {value!r}."
    return None


class LiveFigure:
    """A matplotlib figure shown as a widget and redrawn in place.

    With ipympl, the widget is a `LayeredCanvas`: register the artists that change from
    move to move with `moving(...)` and only they are re-rendered. Without ipympl, every
    redraw renders a PNG into an `ipywidgets.Image`. The figure is never registered with
    pyplot, so the inline backend does not show it a second time, and it is
    garbage-collected with its explorer.
    """

    def __init__(self, width: float, height: float):
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(width, height), dpi=100)
        self._image = None
        try:
            from .canvas import LayeredCanvas
        except ImportError:
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            FigureCanvasAgg(self.figure)
            self._image = widgets.Image(format="png", layout={"width": f"{int(width * 100)}px"})
            self.widget = self._image
        else:
            self.widget = LayeredCanvas(self.figure)

    @property
    def uses_ipympl(self) -> bool:
        return self._image is None

    def moving(self, *artists) -> None:
        """Artists whose data changes with the controls (drawn over a cached background)."""
        if self._image is None:
            self.widget.moving.extend(artists)

    def refresh_background(self) -> None:
        """Call after changing anything not registered as moving, other than an axis range."""
        if self._image is None:
            self.widget.refresh_background()

    def redraw(self) -> None:
        """Show the artists' new data: ipympl redraws when its view asks; else a new PNG."""
        if self._image is None:
            self.figure.canvas.draw_idle()
            return
        with io.BytesIO() as png:
            self.figure.savefig(png, format="png")
            self._image.value = png.getvalue()


class Explorer:
    """Controls, a `LiveFigure` and a message line; a control change calls `_recompute`.

    Subclasses create their controls, register them with `_watch(name=control, ...)`, build
    their artists once, and implement `_recompute()`, which reads the control values,
    updates the artists and returns the result.
    """

    def __init__(self, width: float, height: float):
        self._live = LiveFigure(width, height)
        self.figure = self._live.figure
        self.message = widgets.Label(value="", style={"text_color": "#b00020"})
        self.message.add_class("minigrad-message")
        self._controls: dict = {}
        self._holding = False
        self.widget = None  # set by `_lay_out`

    FIGURE_LABEL = ""
    """What the figure shows, in words: a screen reader announces it for the plot (see accessible.py)."""

    def _lay_out(self, kind: str, *controls) -> None:
        """The explorer's box: controls, figure, message; CSS classes minigrad-explorer and minigrad-<kind>."""
        self.widget = widgets.VBox([*controls, self._live.widget, self.message, widgets.HTML(MESSAGE_CSS),
                                    ScreenReaderNames(self.FIGURE_LABEL)])
        self.widget.add_class("minigrad-explorer").add_class(f"minigrad-{kind}")

    # ----- controls ---------------------------------------------------------------------------
    def _watch(self, **controls) -> None:
        for name, control in controls.items():
            self._controls[name] = control
            control.observe(self._on_change, names="value")

    @property
    def values(self) -> dict:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self._controls.items()}

    @contextmanager
    def _hold(self):
        """Set several controls without recomputing after each one."""
        holding, self._holding = self._holding, True
        try:
            yield
        finally:
            self._holding = holding

    def _on_change(self, change) -> None:
        if not self._holding:
            self._update_checked({})

    def update(self, **values):
        """Set controls to these values (as moving them would) and recompute now.

        Returns what was computed, or None when a value cannot be used: then the message
        line says why, and the controls and the plot stay as they were.
        """
        unknown = sorted(set(values) - set(self._controls))
        if unknown:
            raise TypeError(f"{type(self).__name__} has no control named {', '.join(unknown)}; "
                            f"its controls are {', '.join(self._controls)}.")
        return self._update_checked(values)

    def _problems(self, values: dict) -> list:
        """A sentence for each value (current ones, overridden by `values`) that cannot be used."""
        merged = {**self.values, **values}
        problems = [value_problem(self._controls[name], value) for name, value in merged.items()]
        return [p for p in problems if p]

    def _update_checked(self, values: dict):
        problems = self._problems(values)
        if problems:
            self.message.value = " ".join(problems)
            return None
        with self._hold():
            for name, value in values.items():
                self._controls[name].value = value
        self.message.value = ""
        result = self._recompute()
        self._live.redraw()
        return result

    def _start(self, values: dict):
        """Apply a constructor's values; a bad one is named and its control keeps its default."""
        problems = []
        with self._hold():
            for name, value in values.items():
                control = self._controls[name]
                problem = value_problem(control, value)
                if problem:
                    problems.append(f"{problem} Using {control.value:g}." if isinstance(control.value, float)
                                    else f"{problem} Using {control.value!r}.")
                else:
                    control.value = value
        self._recompute()
        self._live.redraw()
        self.message.value = " ".join(problems + [self.message.value]).strip()

    def _recompute(self):  # pragma: no cover - contract
        raise NotImplementedError

    # ----- display ----------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
