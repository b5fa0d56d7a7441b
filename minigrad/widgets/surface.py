"""Three ways down one loss surface: full batch, minibatch and SGD.

The model is linear regression with two weights, ŷ = X w, on data from
`minigrad.data.regression_2d` whose second feature is scaled by 1/2, so the bowl is
stretched (one direction four times as curved as the other). The loss and the gradient
of a batch B of samples are

    L_B(w) = (1/|B|) Σ_{i∈B} (x_i·w − y_i)²,    ∇L_B(w) = (2/|B|) X_Bᵀ (X_B w − y_B).

Every path starts at the same point and takes `steps` steps w ← w − η ∇L_B(w): full batch
uses all N samples each step (the true gradient), minibatch uses consecutive slices of a
fresh permutation each epoch, SGD one sample at a time. The permutations come from a fixed
seed, so moving a slider changes nothing but that parameter. The contours (of the loss on
all the data) are drawn once. Full batch converges exactly when η < 2/λ_max, λ_max the
largest eigenvalue of the Hessian H = (2/N) XᵀX; smaller batches add noise around the
full-batch path, and with a fixed η they never settle at the minimum, only near it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..data import minibatch_indices, regression_2d
from .base import Explorer, int_slider, log_slider
from .palette import GREY, SERIES

ESCAPE = 1e6
"""A path farther than this from the minimum counts as diverged."""

FEATURE_SCALE = np.array([1.0, 0.5])
PATHS = ("full batch", "minibatch", "SGD")


@dataclass(frozen=True)
class SurfacePath:
    """The weights after each step (K+1, 2), the loss on all the data there, and the step it diverged at."""

    weights: np.ndarray
    loss: np.ndarray
    diverged_at: int | None


def stretched_regression(n: int, noise: float, seed: int):
    """regression_2d with the second feature halved and the true weights still (2, −3)."""
    X, y = regression_2d(n=n, noise=noise, seed=seed, weights=(2.0, -3.0) * FEATURE_SCALE)
    return X * FEATURE_SCALE, y


def batch_schedule(n: int, batch_size: int, steps: int, seed: int) -> list:
    """The index batches of `steps` steps: epoch after epoch of `minibatch_indices`."""
    rng = np.random.default_rng(seed)
    batches: list = []
    while len(batches) < steps:
        batches.extend(minibatch_indices(n, batch_size, rng))
    return batches[:steps]


def mean_squared_error(X, y, weights) -> np.ndarray:
    """L(w) on all the data for each row w of `weights` (shape (K, 2) -> (K,))."""
    residuals = X @ np.atleast_2d(weights).T - y[:, None]
    return np.mean(residuals ** 2, axis=0)


def descend(X, y, start, learning_rate: float, batches) -> SurfacePath:
    """Gradient descent from `start`, one step per batch, stopped where it runs away."""
    w = np.asarray(start, dtype=np.float64)
    path, diverged_at = [w], None
    with np.errstate(all="ignore"):
        for k, index in enumerate(batches, start=1):
            Xb = X[index]
            w = w - learning_rate * (2.0 / len(index)) * (Xb.T @ (Xb @ w - y[index]))
            if not (np.all(np.isfinite(w)) and np.abs(w).max() <= ESCAPE):
                diverged_at = k
                break
            path.append(w)
        weights = np.array(path)
        return SurfacePath(weights, mean_squared_error(X, y, weights), diverged_at)


class LossSurface(Explorer):
    """The loss-surface explorer; build it with `loss_surface`."""

    FIGURE_LABEL = ("Left: contours of the loss over the two weights, with the paths of full batch (blue, "
                    "circles, solid), minibatch (orange, squares, dashed) and SGD (purple, triangles, dotted) "
                    "from the start (black circle) towards the minimum (black star). Right: the loss on all "
                    "the data at each step, one line per path; faint lines are the previous run.")

    def __init__(self, learning_rate, batch_size, steps, n, noise, seed):
        super().__init__(width=9.0, height=3.8)
        self.X, self.y = stretched_regression(n, noise, seed)
        self.seed = seed
        self.best = np.linalg.lstsq(self.X, self.y, rcond=None)[0]
        self.lambda_max = float(np.linalg.eigvalsh(2.0 / n * self.X.T @ self.X).max())
        self.start = self.best + np.array([-4.0, 3.5])
        self.learning_rate = log_slider("learning rate", 0.3)
        self.batch_size = int_slider("batch size", min(10, n), 1, n)
        self.steps = int_slider("steps", 50, 1, 200)
        self._watch(learning_rate=self.learning_rate, batch_size=self.batch_size, steps=self.steps)
        self._build_artists()
        self._lay_out("loss-surface", self.learning_rate, self.batch_size, self.steps)
        self._start({"learning_rate": learning_rate, "batch_size": batch_size, "steps": steps})

    def _build_artists(self):
        fig = self.figure
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.14, top=0.91, wspace=0.22)
        self._plane, self._curves = fig.subplots(1, 2)
        self.view = np.array([self.best - 4.5, self.best + 4.5])
        w1, w2 = np.meshgrid(np.linspace(self.view[0, 0], self.view[1, 0], 80),
                             np.linspace(self.view[0, 1], self.view[1, 1], 80))
        loss = mean_squared_error(self.X, self.y, np.column_stack([w1.ravel(), w2.ravel()])).reshape(w1.shape)
        lowest = mean_squared_error(self.X, self.y, self.best)[0]
        levels = lowest + (loss.max() - lowest) * np.geomspace(1e-3, 1, 12)
        self._plane.contour(w1, w2, loss, levels=levels, colors=GREY, linewidths=0.6)
        self._plane.set(xlim=self.view[:, 0], ylim=self.view[:, 1], xlabel="w₁", ylabel="w₂")
        self._paths, self._ghost_paths, self._losses, self._ghost_losses = {}, {}, {}, {}
        for style, name in zip(SERIES, PATHS):
            line = {"color": style["color"], "linestyle": style["linestyle"]}
            self._ghost_paths[name], = self._plane.plot([], [], **line, lw=1, alpha=0.3)
            self._paths[name], = self._plane.plot([], [], **line, marker=style["marker"], lw=1.2, ms=3, label=name)
            self._ghost_losses[name], = self._curves.plot([], [], **line, lw=1, alpha=0.3)
            self._losses[name], = self._curves.plot([], [], **line, lw=1.5, label=name)
            self._live.moving(self._ghost_paths[name], self._paths[name], self._ghost_losses[name], self._losses[name])
        markers = (self._plane.plot(*self.start, "ko", ms=6, label="start")
                   + self._plane.plot(*self.best, "k*", ms=9, label="minimum"))  # on top of the paths
        self._live.moving(*markers)
        self._plane.legend(loc="lower center", bbox_to_anchor=(0.5, 1), fontsize=8, ncols=5, frameon=False,
                           columnspacing=1.0, handlelength=2.2)
        self._curves.legend(loc="upper right", fontsize=8, frameon=False, handlelength=2.2)
        start_loss = mean_squared_error(self.X, self.y, self.start)[0]
        self._curves.set(yscale="log", ylim=(max(lowest / 2, 1e-6), start_loss * 10), xlabel="step")
        self._curves.set_title("loss on all the data (faint: previous run)", fontsize=10)
        for ax in (self._plane, self._curves):
            ax.set_autoscale_on(False)

    def _recompute(self) -> dict:
        n, steps = len(self.X), self.steps.value
        schedules = {"full batch": [np.arange(n)] * steps,
                     "minibatch": batch_schedule(n, self.batch_size.value, steps, self.seed),
                     "SGD": batch_schedule(n, 1, steps, self.seed)}
        paths = {name: descend(self.X, self.y, self.start, self.learning_rate.value, schedules[name])
                 for name in PATHS}
        for name, path in paths.items():
            self._ghost_paths[name].set_data(self._paths[name].get_data())
            self._ghost_losses[name].set_data(self._losses[name].get_data())
            self._paths[name].set_data(path.weights[:, 0], path.weights[:, 1])
            self._losses[name].set_data(np.arange(len(path.loss)), path.loss)
        self._curves.set_xlim(0, steps)
        self.message.value = self._divergence_note(paths)
        return paths

    def _divergence_note(self, paths: dict) -> str:
        running_away = []
        for name, path in paths.items():
            last = path.weights[-1]
            if path.diverged_at is not None:
                running_away.append(f"{name} diverged at step {path.diverged_at}")
            elif np.any(last < self.view[0]) or np.any(last > self.view[1]):
                running_away.append(f"{name} left the plot")
        if not running_away:
            return ""
        sentence = "; ".join(running_away)
        return (f"{sentence[0].upper()}{sentence[1:]}. Full batch converges only for learning rates "
                f"below 2/λ_max = {2 / self.lambda_max:.2f} here; single samples can be steeper, so small "
                "batches run away at smaller rates.")


def loss_surface(learning_rate: float = 0.3, batch_size: int = 10, steps: int = 50,
                 n: int = 200, noise: float = 0.5, seed: int = 0) -> LossSurface:
    """Full batch, minibatch and SGD paths on a two-weight regression loss, with sliders.

    learning_rate: log scale, 0.001 to 10. batch_size: the minibatch path's batch, 1 to n.
    steps: 1 to 200 steps per path. n, noise, seed: the data (`regression_2d`) and the
    fixed order of the batches. The faint lines are the previous run.
    """
    return LossSurface(learning_rate, batch_size, steps, n, noise, seed)
