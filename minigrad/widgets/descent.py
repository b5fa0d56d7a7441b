"""Gradient descent on a function of one number, with a learning-rate slider.

From x₀ the explorer repeats  x_{k+1} = x_k − η f′(x_k)  and draws every iterate on the
curve (left) and f(x_k) against the step k (right). Near a minimum x* with curvature
f″(x*) = c, one step multiplies the distance to x* by about (1 − η c): it creeps for
η c ≪ 1, lands in one step at η c = 1, zig-zags inward for 1 < η c < 2 and runs away for
η c > 2. For f(x) = x² (c = 2) that is η < 0.5, 0.5, 0.5 … 1 and η > 1.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..errors import StudentCodeError, error_text
from ..guard import guarded
from .base import Explorer, dropdown, int_slider, log_slider
from .palette import BLUE, GREY

ESCAPE = 1e6
"""An iterate farther than this from 0 counts as diverged (it would only grow to inf)."""


@dataclass(frozen=True)
class Curve:
    """A function to descend: f, its derivative df, the start x0 and the fixed view."""

    name: str
    f: Callable
    df: Callable
    x0: float
    xlim: tuple
    ylim: tuple


CURVES = {
    "parabola": Curve("parabola", lambda x: x ** 2, lambda x: 2 * x, x0=3.0, xlim=(-4.5, 4.5), ylim=(-1.0, 21.0)),
    # Two valleys: a shallow one at x ≈ 0.96 and a deeper one at x ≈ −1.04 (the tilt 0.3x).
    "double_well": Curve("double_well", lambda x: x ** 4 - 2 * x ** 2 + 0.3 * x, lambda x: 4 * x ** 3 - 4 * x + 0.3,
                         x0=1.8, xlim=(-2.0, 2.0), ylim=(-1.6, 9.0)),
}
"""The functions the dropdown offers: f(x) = x² and the tilted double well x⁴ − 2x² + 0.3x."""


@dataclass(frozen=True)
class DescentPath:
    """The iterates x_0..x_K, their values f(x_k), and the step at which descent diverged."""

    x: np.ndarray
    f: np.ndarray
    diverged_at: int | None


class UpdateFailed(Exception):
    """A student's update function raised or did not return a number (the sentence says which)."""


def _gradient_step(x, gradx, learning_rate):
    return x - learning_rate * gradx


def _checked_step(update, x, gradx, learning_rate) -> float:
    try:
        new = update(x, gradx, learning_rate)
    except StudentCodeError as error:   # a guarded student function: its name and what happened
        raise UpdateFailed(f"{error.function} {error.problem}") from None
    except Exception as error:
        raise UpdateFailed(f"raised {error_text(error)}") from None
    try:
        return float(new)
    except (TypeError, ValueError):
        raise UpdateFailed(f"returned {type(new).__name__}; it must return the new x, a number") from None


def descend(curve: Curve, learning_rate: float, steps: int, update=_gradient_step) -> DescentPath:
    """Run `steps` steps of gradient descent from curve.x0, stopping at a runaway iterate.

    `update(x, gradx, learning_rate)` is one step (default x − learning_rate · gradx), so a
    student's `gradient_descent_update` can drive the walk; if it raises or returns
    something that is not a number, `UpdateFailed` says so (naming a guarded function).
    """
    xs = [float(curve.x0)]
    diverged_at = None
    with np.errstate(all="ignore"):
        for k in range(1, steps + 1):
            x = _checked_step(update, xs[-1], curve.df(xs[-1]), learning_rate)
            if not (np.isfinite(x) and abs(x) <= ESCAPE and np.isfinite(curve.f(x))):
                diverged_at = k
                break
            xs.append(x)
        x = np.array(xs)
        return DescentPath(x, curve.f(x), diverged_at)


REFERENCE = "the reference update x − η·f′(x)"


def student_update(update, curve: Curve) -> tuple:
    """(the update rule to use, a note): the student's `update`, guarded (`minigrad.guarded`),
    tried once on a small step; if it is not written yet or does not return in time, the
    reference update and a sentence that says so."""
    if update is None:
        return _gradient_step, ""
    update = guarded(update)
    try:
        update(float(curve.x0), float(curve.df(curve.x0)), 1e-3)
    except StudentCodeError as failure:
        if failure.not_written or failure.timed_out:
            return _gradient_step, f"Your {failure.function} {failure.problem}, so the walk below uses {REFERENCE}."
    except Exception:   # noqa: BLE001 - a walk will meet it again and say so
        pass
    return update, ""


def _divergence_note(path: DescentPath, curve: Curve) -> str:
    """A sentence when the walk ran away or left the view; empty when it did not."""
    if path.diverged_at is not None:
        return (f"Diverged at step {path.diverged_at}: x ran away (|x| > {ESCAPE:.0e}), each step "
                "overshooting the minimum by more than the last. Lower the learning rate.")
    inside = (path.x >= curve.xlim[0]) & (path.x <= curve.xlim[1])
    if not inside[-1]:
        left = np.flatnonzero(inside)[-1] + 1 if inside.any() else 0
        return (f"The walk left the plot at step {left} and ends at x = {path.x[-1]:.3g}: "
                "it is diverging. Lower the learning rate.")
    return ""


class Descent1D(Explorer):
    """The 1-D explorer; build it with `descent_1d`."""

    FIGURE_LABEL = ("Left: the function and the iterates of gradient descent on it, now (blue circles) and in "
                    "the previous run (grey). Right: the value f(x_k) at each step k.")

    def __init__(self, function, learning_rate, steps, update, curves):
        super().__init__(width=9.0, height=3.2)
        self._curves = curves
        self._update_rule, self._note = student_update(update, curves.get(function, next(iter(curves.values()))))
        self.function = dropdown("function", list(curves), next(iter(curves)))
        self.learning_rate = log_slider("learning rate", 0.1)
        self.steps = int_slider("steps", 20, 1, 100)
        self._watch(function=self.function, learning_rate=self.learning_rate, steps=self.steps)
        self._build_artists()
        self._lay_out("descent-1d", self.function, self.learning_rate, self.steps)
        self._shown_curve = None
        self._start({"function": function, "learning_rate": learning_rate, "steps": steps})

    def _build_artists(self):
        fig = self.figure
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.16, top=0.9, wspace=0.25)
        self._on_curve, self._per_step = fig.subplots(1, 2)
        self._curve_line, = self._on_curve.plot([], [], color="0.3", lw=1.5)
        self._ghost_walk, = self._on_curve.plot([], [], "x--", color=GREY, ms=4, lw=1, label="previous")
        self._walk, = self._on_curve.plot([], [], "o-", color=BLUE, ms=4, lw=1, label="now")
        self._on_curve.set_xlabel("x")
        self._on_curve.set_title("iterates on the curve", fontsize=10, loc="left")
        self._on_curve.legend(loc="lower right", bbox_to_anchor=(1, 1), fontsize=8, ncols=2, frameon=False)
        self._ghost_values, = self._per_step.plot([], [], "x--", color=GREY, ms=4, lw=1)
        self._values, = self._per_step.plot([], [], "o-", color=BLUE, ms=3, lw=1)
        self._per_step.set_xlabel("step k")
        self._per_step.set_title("f(x_k) against the step", fontsize=10)
        for ax in (self._on_curve, self._per_step):
            ax.set_autoscale_on(False)
        self._live.moving(self._ghost_walk, self._walk, self._ghost_values, self._values)

    def _show_curve(self, curve: Curve):
        grid = np.linspace(*curve.xlim, 400)
        self._curve_line.set_data(grid, curve.f(grid))
        self._on_curve.set(xlim=curve.xlim, ylim=curve.ylim)
        self._per_step.set_ylim(curve.ylim)
        self._ghost_walk.set_data([], [])
        self._ghost_values.set_data([], [])
        self._shown_curve = curve
        self._live.refresh_background()

    def _recompute(self) -> DescentPath:
        curve = self._curves[self.function.value]
        if curve is not self._shown_curve:
            self._show_curve(curve)
        else:
            self._ghost_walk.set_data(self._walk.get_data())
            self._ghost_values.set_data(self._values.get_data())
        steps = self.steps.value
        try:
            path = descend(curve, self.learning_rate.value, steps, self._update_rule)
        except UpdateFailed as failure:
            self.message.value = f"Your update function {failure}."
            path = DescentPath(np.array([curve.x0]), np.array([curve.f(curve.x0)]), None)
        self._walk.set_data(path.x, path.f)
        self._values.set_data(np.arange(len(path.x)), path.f)
        self._per_step.set_xlim(-0.5, steps + 0.5)
        self.message.value = " ".join(filter(None, [self._note, self.message.value or _divergence_note(path, curve)]))
        return path


def descent_1d(function="parabola", learning_rate: float = 0.1, steps: int = 20, update=None) -> Descent1D:
    """Gradient descent on a 1-D function: a learning-rate slider (log scale, 0.001 to 10) and a steps slider.

    function: "parabola" (f = x², from x₀ = 3), "double_well" (x⁴ − 2x² + 0.3x, from x₀ = 1.8)
        or a `Curve` of your own. update: optional `update(x, gradx, learning_rate)`, e.g. the
        student's `gradient_descent_update`, called through `minigrad.guarded` (a time limit, an
        output cap, one sentence for an error); one not written yet (or that never returns) is
        named on the message line and the walk uses the reference update x − η·f′(x).
        Divergence stops the walk and says so; the axes stay.
    """
    curves = dict(CURVES)
    if isinstance(function, Curve):
        curves = {function.name: function, **curves}
        function = function.name
    return Descent1D(function, learning_rate, steps, update, curves)
