"""A training playground in the spirit of TensorFlow Playground, inside the notebook.

A network with one hidden layer, ŷ = softmax(W₂ act(W₁ x + b₁) + b₂), learns a 2-D
classification set (`minigrad.data.DATASETS`) by minibatch SGD on the cross-entropy
L = −(1/|B|) Σ_{i∈B} log ŷ_i[y_i]: each epoch visits every sample once, in batches drawn
from a permutation fixed by the seed. Left: the decision regions (each grid point coloured
by the predicted class probabilities, a 60×60 grid on one image artist) and the data;
right: the loss on all the data after each epoch.

Moving any control retrains from the start (same seed, same picture), so the whole
consequence of a change shows at once. Step trains one more epoch; Run trains `epochs`
more, drawing each one (and turns into Pause); Reset goes back to the untrained network.
With `backward={"sigmoid": sigmoid_backward, ...}` the engine backpropagates through the
student's own functions, guarded (see `minigrad.widgets.student`); one not written yet is
named on the message line and the engine's own backward (the reference) takes its place.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import to_rgb

from .. import functional as F
from .. import nn, optim
from ..data import DATASETS, minibatch_indices
from ..errors import BackwardFailed, error_text
from ..op import no_grad
from ..tensor import Tensor
from .base import Explorer, dropdown, int_slider, log_slider
from .palette import CLASSES, VERMILLION
from .student import backward_problem, student_backward

GRID = 60
FRAME_PAUSE = 0.04
"""Seconds Run waits after each epoch, so the kernel can answer the figure's draw request."""
COLOURS = np.array([to_rgb(colour) for colour, _ in CLASSES])
REGION_COLOURS = 1 - 0.45 * (1 - COLOURS)  # the same hues, paler, for the decision regions


@dataclass(frozen=True)
class TrainingResult:
    """Where training stands: the loss after each epoch (epoch 0 = untrained), accuracy, why it stopped."""

    losses: np.ndarray
    accuracy: float
    stopped: str | None

    @property
    def epoch(self) -> int:
        return len(self.losses) - 1


def evaluate(model, X, y) -> tuple:
    """(cross-entropy loss, accuracy) of `model` on all of X, y, without recording a graph."""
    with no_grad(), np.errstate(all="ignore"):
        logits = model(Tensor(X)).data
        loss = float(F.cross_entropy(Tensor(logits), y).data)
    return loss, float(np.mean(np.argmax(logits, axis=1) == y))


def train_epoch(model, optimizer, X, y, batch_size: int, rng) -> None:
    """One pass over the data in minibatches: w ← w − η ∇L_B(w) for each batch B."""
    with np.errstate(all="ignore"):
        for index in minibatch_indices(len(X), batch_size, rng):
            optimizer.zero_grad()
            F.cross_entropy(model(Tensor(X[index])), y[index]).backward()
            optimizer.step()


class TrainingPlayground(Explorer):
    """The training playground; build it with `training_playground`."""

    FIGURE_LABEL = ("Left: the data, one colour and marker per class (the legend names them), over the regions "
                    "where the network predicts each class, in paler shades of the same colours. Right: the "
                    "loss on all the data after each epoch.")

    def __init__(self, values: dict, n: int, backward: dict):
        super().__init__(width=9.0, height=3.6)
        self.n = n
        problem = backward_problem(backward)
        self.backward = {} if problem else dict(backward)
        self._note = f"{problem} Training uses the engine's own backward." if problem else ""
        self.data = dropdown("data set", list(DATASETS), "moons")
        self.activation = dropdown("activation", list(nn.ACTIVATIONS), "tanh")
        self.learning_rate = log_slider("learning rate", 0.3)
        self.batch_size = int_slider("batch size", min(20, n), 1, n)
        self.hidden = int_slider("hidden units", 8, 1, 32)
        self.epochs = int_slider("epochs", 20, 1, 200)
        self.seed = int_slider("seed", 0, 0, 9)
        self._watch(data=self.data, activation=self.activation, learning_rate=self.learning_rate,
                    batch_size=self.batch_size, hidden=self.hidden, epochs=self.epochs, seed=self.seed)
        self.run_button = widgets.Button(description="Run", icon="play", layout={"width": "90px"})
        self.step_button = widgets.Button(description="Step", icon="step-forward", layout={"width": "90px"})
        self.reset_button = widgets.Button(description="Reset", icon="undo", layout={"width": "90px"})
        self.run_button.on_click(self._on_run)
        self.step_button.on_click(lambda _: self._act(self.step))
        self.reset_button.on_click(lambda _: self._act(self.reset))
        self.status = widgets.Label()
        self.status.add_class("minigrad-status")
        self._task = None
        self._shown_data = None
        self._build_artists()
        wrap = {"flex_flow": "row wrap"}  # at 200 % zoom a row that does not fit goes on below
        self._lay_out("training-playground", widgets.HBox([self.data, self.activation], layout=wrap),
                      widgets.HBox([widgets.VBox([self.learning_rate, self.batch_size, self.epochs]),
                                    widgets.VBox([self.hidden, self.seed])], layout=wrap),
                      widgets.HBox([self.run_button, self.step_button, self.reset_button, self.status], layout=wrap))
        self._start(values)

    # ----- figure -----------------------------------------------------------------------------
    def _build_artists(self):
        fig = self.figure
        fig.subplots_adjust(left=0.06, right=0.98, bottom=0.14, top=0.91, wspace=0.4)  # room for the legend
        self._regions, self._curve = fig.subplots(1, 2)
        self._image = self._regions.imshow(np.ones((GRID, GRID, 3)), origin="lower", interpolation="bilinear")
        self._points = [self._regions.scatter(np.empty(0), np.empty(0), s=14, color=colour, marker=marker,
                                              edgecolors="white", linewidths=0.4, label=f"class {k}")
                        for k, (colour, marker) in enumerate(CLASSES)]
        self._regions.set_title("decision regions and data", fontsize=10)
        self._loss_line, = self._curve.plot([], [], "-", color=VERMILLION, lw=1.5)
        self._curve.set(ylim=(0, 1.5), xlabel="epoch")
        self._curve.set_title("loss on all the data", fontsize=10)
        for ax in (self._regions, self._curve):
            ax.set_autoscale_on(False)
        self._live.moving(self._image, *self._points, self._loss_line)

    def _show_data(self):
        """New data set or seed: move the points and the grid of the decision regions."""
        key = (self.data.value, self.seed.value)
        if key == self._shown_data:
            return
        self.X, self.y = DATASETS[self.data.value](n=self.n, seed=self.seed.value)
        low, high = self.X.min(axis=0) - 0.3, self.X.max(axis=0) + 0.3
        g1, g2 = np.meshgrid(np.linspace(low[0], high[0], GRID), np.linspace(low[1], high[1], GRID))
        self._grid = np.column_stack([g1.ravel(), g2.ravel()])
        for k, points in enumerate(self._points):
            points.set_offsets(self.X[self.y == k])
        classes = int(self.y.max()) + 1
        self._regions.legend(handles=self._points[:classes], loc="upper left", bbox_to_anchor=(1.0, 1.0),
                             fontsize=8, frameon=False, handletextpad=0.2, markerscale=1.5)
        self._live.refresh_background()
        self._image.set_extent((low[0], high[0], low[1], high[1]))
        self._regions.set(xlim=(low[0], high[0]), ylim=(low[1], high[1]))
        self._shown_data = key

    def _show_training(self) -> TrainingResult:
        with no_grad(), np.errstate(all="ignore"):
            logits = self.model(Tensor(self._grid)).data
        probabilities = np.exp(logits - logits.max(axis=1, keepdims=True))
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        regions = probabilities @ REGION_COLOURS[: logits.shape[1]]
        self._image.set_data(np.nan_to_num(regions, nan=1.0).reshape(GRID, GRID, 3).clip(0, 1))
        losses = np.array(self._losses)
        self._loss_line.set_data(np.arange(len(losses)), losses)
        self._curve.set_xlim(0, max(self.epochs.value, len(losses) - 1))
        loss, accuracy = evaluate(self.model, self.X, self.y)
        self.status.value = f"epoch {len(losses) - 1} · loss {loss:.3f} · accuracy {accuracy:.0%}{self._yours()}"
        return TrainingResult(losses, accuracy, self._stopped)

    def _yours(self) -> str:
        """Which of the student's backward functions this network runs (and which it does not)."""
        if not self.backward:
            return ""
        used = [op for op in self.backward if op in ("linear", "cross_entropy", self.activation.value)]
        unused = [op for op in self.backward if op not in used]
        text = f" · your backward: {', '.join(used) or 'none used'}"
        return text + (f" (not in this network: {', '.join(unused)})" if unused else "")

    # ----- training ---------------------------------------------------------------------------
    def _new_network(self):
        self._show_data()
        classes = int(self.y.max()) + 1
        self.model = nn.mlp([2, self.hidden.value, classes], self.activation.value, seed=self.seed.value)
        self.optimizer = optim.SGD(self.model.parameters(), lr=self.learning_rate.value)
        self._batch_rng = np.random.default_rng(self.seed.value)
        self._losses = [evaluate(self.model, self.X, self.y)[0]]
        self._stopped = None

    def _train(self, epochs: int) -> bool:
        """Train up to `epochs` more epochs; False (and a message) once training has stopped.

        A student's backward that is not written yet is left out (`_use_reference`) and
        training starts again from the untrained network with the engine's own backward.
        """
        done = 0
        while done < epochs:
            if self._stopped:
                return False
            epoch = len(self._losses)
            try:
                with student_backward(self.backward):
                    train_epoch(self.model, self.optimizer, self.X, self.y, self.batch_size.value, self._batch_rng)
            except BackwardFailed as failure:
                if failure.cause is not None and failure.cause.not_written and failure.op in self.backward:
                    self._use_reference(failure)
                    done = 0
                    continue
                self._stopped = f"Training stopped in epoch {epoch}: {failure}."
            except Exception as error:  # anything else a student's function can provoke
                self._stopped = f"Training stopped in epoch {epoch}: {error_text(error)}."
            else:
                loss = evaluate(self.model, self.X, self.y)[0]
                self._losses.append(loss)
                if not np.isfinite(loss):
                    self._stopped = (f"Training diverged in epoch {epoch}: the loss became {loss}. "
                                     "Lower the learning rate.")
            done += 1
            self.message.value = self._stopped or self._note
        return not self._stopped

    def _use_reference(self, failure: BackwardFailed) -> None:
        """Train with the engine's own backward for `failure.op` from now on, and say so."""
        del self.backward[failure.op]
        self._note = " ".join(filter(None, [self._note, (
            f"Your {failure.function} is not written yet, so training uses the engine's own "
            f"{failure.op} backward (the reference) instead.")]))
        self._new_network()

    def _recompute(self) -> TrainingResult:
        self._cancel_run()
        self._new_network()
        self.message.value = self._note
        self._train(self.epochs.value)
        return self._show_training()

    # ----- buttons ----------------------------------------------------------------------------
    def _act(self, action):
        """Run a button's action unless a control holds a value that cannot be used."""
        problems = self._problems({})
        if problems:
            self.message.value = " ".join(problems)
            return None
        return action()

    def step(self, epochs: int = 1) -> TrainingResult:
        """Train `epochs` more epochs from where training stands (the Step button: one)."""
        self._train(epochs)
        result = self._show_training()
        self._live.redraw()
        return result

    def reset(self) -> TrainingResult:
        """Back to the untrained network of this seed (the Reset button)."""
        self._cancel_run()
        self._new_network()
        self.message.value = self._note
        result = self._show_training()
        self._live.redraw()
        return result

    def _on_run(self, _button):
        if self._task is not None:
            self._cancel_run()
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (plain Python): train all the epochs, then draw
            self._act(lambda: self.step(self.epochs.value))
            return
        self._task = loop.create_task(self._run_animated(self.epochs.value))
        self.run_button.description, self.run_button.icon = "Pause", "pause"

    async def _run_animated(self, epochs: int):
        """Train epoch by epoch, drawing each; awaiting between epochs lets Pause and redraws in."""
        try:
            for _ in range(epochs):
                trained = self._act(lambda: self._train(1))
                self._show_training()
                self._live.redraw()
                if not trained:
                    break
                await asyncio.sleep(FRAME_PAUSE)
        finally:
            if self._task is asyncio.current_task():  # not already replaced by a newer Run
                self._task = None
                self.run_button.description, self.run_button.icon = "Run", "play"

    def _cancel_run(self):
        if self._task is not None:
            self._task.cancel()
            self._task = None
            self.run_button.description, self.run_button.icon = "Run", "play"


def training_playground(data: str = "moons", learning_rate: float = 0.3, batch_size: int = 20, hidden: int = 8,
                        epochs: int = 20, seed: int = 0, activation: str | None = None, n: int = 200,
                        backward: dict | None = None) -> TrainingPlayground:
    """Train a one-hidden-layer network on a 2-D data set, live: sliders, Run, Step and Reset.

    data: a name in `minigrad.data.DATASETS`. learning_rate: log scale, 0.001 to 10.
    batch_size: 1 to n. hidden: 1 to 32 units. epochs: what a slider move and Run train,
    1 to 200. seed: 0 to 9 (data, initial weights and batch order). activation: "tanh",
    "relu" or "sigmoid"; by default the one `backward` has a function for, else "tanh".
    backward: {op name: student backward function} with the signatures of docs/exercises.md,
    e.g. {"sigmoid": sigmoid_backward, "linear": linear_backward, "cross_entropy": ...}.
    """
    backward = {} if backward is None else backward
    if activation is None:
        given = [op for op in nn.ACTIVATIONS if isinstance(backward, dict) and op in backward]
        activation = given[0] if given else "tanh"
    values = {"data": data, "activation": activation, "learning_rate": learning_rate, "batch_size": batch_size,
              "hidden": hidden, "epochs": epochs, "seed": seed}
    return TrainingPlayground(values, n, backward)
