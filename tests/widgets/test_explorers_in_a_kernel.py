"""The explorers (minigrad.widgets) in the kernel, without a browser.

- every control changes the plotted data, and a move asks for a redraw with draw_idle
  (never draw(), which blanks an ipympl figure that has no view yet);
- 50 moves leak no figure and no widget;
- bad values (learning rate 0 or NaN, batch size above N, divergence to inf/NaN, a student
  backward that raises or returns garbage) give a message, not a traceback;
- the maths: descent on x² as notebook 1 predicts, full batch below 2/λ_max, a student's
  correct backward trains exactly like the engine's;
- the playground's Step, Reset and Run (with and without an event loop), Pause;
- the layered ipympl canvas renders the same pixels as a full render;
- both figure paths: the ipympl canvas, and the PNG image used when ipympl is missing;
- a notebook using the explorers runs headless under nbclient with no error or stderr.
(`import minigrad` staying numpy-only is tests/project/test_setup_contract.py's.)
Run: PYTHONPATH=. python -m pytest tests/widgets -q
"""
import asyncio
import gc
import os
import sys

import numpy as np
import pytest

from tests.helpers import REPO
from tests.helpers.dependencies import require

os.environ.setdefault("MPLBACKEND", "Agg")    # before matplotlib is imported
widgets = require("ipywidgets")
require("matplotlib")

from matplotlib._pylab_helpers import Gcf  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import minigrad  # noqa: E402
from minigrad.widgets import Curve, descent_1d, loss_surface, training_playground  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")  # a warning would reach a notebook's stderr
EXPLORERS = {"descent_1d": descent_1d, "loss_surface": loss_surface, "training_playground": training_playground}

# A second valid value for every control of every explorer.
MOVES = {
    "descent_1d": {"function": "double_well", "learning_rate": 0.05, "steps": 35},
    "loss_surface": {"learning_rate": 0.05, "batch_size": 3, "steps": 80},
    "training_playground": {"data": "xor", "activation": "relu", "learning_rate": 0.05, "batch_size": 50,
                            "hidden": 3, "epochs": 7, "seed": 4},
}


@pytest.fixture(params=["ipympl", "png"])
def canvas_kind(request, monkeypatch):
    """Run a test with the ipympl canvas, and again as if ipympl were not installed."""
    if request.param == "ipympl":
        require("ipympl")
    else:
        monkeypatch.setitem(sys.modules, "minigrad.widgets.canvas", None)  # `from .canvas import` fails
    return request.param


def plotted(explorer) -> list:
    """Copies of the data of every line, image and point set in the explorer's figure."""
    data = []
    for ax in explorer.figure.axes:
        data += [np.array(line.get_xydata(), dtype=float) for line in ax.lines]
        data += [np.array(image.get_array(), dtype=float) for image in ax.images]
        data += [np.array(points.get_offsets(), dtype=float) for points in ax.collections
                 if hasattr(points, "get_offsets")]
    return data


def same(a: list, b: list) -> bool:
    return len(a) == len(b) and all(x.shape == y.shape and np.array_equal(x, y, equal_nan=True) for x, y in zip(a, b))


def rendered(explorer) -> np.ndarray:
    """The pixels the front end would get: a layered ipympl render, or the PNG fallback's image."""
    if explorer._live.uses_ipympl:
        explorer.figure.canvas.draw()
        return np.asarray(explorer.figure.canvas.get_renderer().buffer_rgba()).copy()
    from io import BytesIO

    from PIL import Image
    return np.asarray(Image.open(BytesIO(explorer._live.widget.value))).copy()


class RedrawSpy:
    """Counts draw_idle() calls on an ipympl canvas and fails on a direct draw()."""

    def __init__(self, explorer, monkeypatch):
        self.idle = 0
        canvas = explorer.figure.canvas
        monkeypatch.setattr(canvas, "draw_idle", self._idle)
        monkeypatch.setattr(canvas, "draw", self._draw)

    def _idle(self):
        self.idle += 1

    def _draw(self):
        raise AssertionError("an explorer called canvas.draw(); with no view yet ipympl stays blank")


# ----- the package ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", EXPLORERS)
def test_explorer_has_the_documented_parts(name):
    explorer = EXPLORERS[name]()
    assert isinstance(explorer.widget, widgets.VBox)
    assert isinstance(explorer.figure, Figure)
    assert isinstance(explorer.message, widgets.Label) and explorer.message.value == ""
    for control in MOVES[name]:
        assert getattr(explorer, control) is explorer._controls[control]
    bundle = explorer._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == explorer.widget.model_id


# ----- every control changes the plot -----------------------------------------------------------
@pytest.mark.parametrize("name", EXPLORERS)
def test_every_control_changes_the_plotted_data(name, canvas_kind, monkeypatch):
    explorer = EXPLORERS[name]()
    spy = RedrawSpy(explorer, monkeypatch) if canvas_kind == "ipympl" else None
    for control, value in MOVES[name].items():
        before, picture = plotted(explorer), (None if spy else explorer._live.widget.value)
        idle = spy.idle if spy else 0
        getattr(explorer, control).value = value
        assert not same(before, plotted(explorer)), f"{name}: moving {control} to {value!r} changed nothing"
        assert explorer.message.value == "", f"{name}.{control} = {value!r}: {explorer.message.value}"
        if spy:
            assert spy.idle == idle + 1, f"{name}: moving {control} must ask for one redraw (draw_idle)"
        else:
            assert explorer._live.widget.value != picture, f"{name}: the PNG did not change with {control}"


@pytest.mark.parametrize("name", EXPLORERS)
def test_a_move_changes_the_rendered_pixels(name, canvas_kind):
    explorer = EXPLORERS[name]()
    before = rendered(explorer)
    explorer.learning_rate.value = explorer.learning_rate.value * 10 ** 0.1  # one arrow-key press
    assert not np.array_equal(before, rendered(explorer))


@pytest.mark.parametrize("name", EXPLORERS)
def test_layered_render_equals_a_full_render(name):
    require("ipympl")
    explorer = EXPLORERS[name]()
    canvas = explorer.figure.canvas
    canvas.draw()
    for control, value in MOVES[name].items():
        explorer.update(**{control: value})
        layered = rendered(explorer)
        FigureCanvasAgg.draw(canvas)
        full = np.asarray(canvas.get_renderer().buffer_rgba())
        assert np.array_equal(layered, full), f"{name}: after moving {control}, the layered render differs"


def test_layered_canvas_rerenders_the_background_only_when_needed(monkeypatch):
    require("ipympl")
    explorer = descent_1d()
    canvas = explorer.figure.canvas
    full_renders = []
    original = explorer.figure.draw
    monkeypatch.setattr(explorer.figure, "draw", lambda renderer: (full_renders.append(1), original(renderer)))
    canvas.draw()
    explorer.learning_rate.value = 0.3
    canvas.draw()
    assert len(full_renders) == 1, "a learning-rate move must reuse the background"
    explorer.steps.value = 40  # a new range on the f(x_k) axis
    canvas.draw()
    explorer.function.value = "double_well"  # a new curve
    canvas.draw()
    assert len(full_renders) == 3


# ----- no leaks -----------------------------------------------------------------------------------
def live(kind) -> int:
    gc.collect()
    # issubclass(type(...)) rather than isinstance: isinstance reads __class__, which some
    # third-party objects (torch's deprecated aliases, if torch is loaded) answer with a warning
    return sum(issubclass(type(obj), kind) for obj in gc.get_objects())


@pytest.mark.parametrize("name", EXPLORERS)
def test_fifty_moves_leak_no_figure_and_no_widget(name, canvas_kind):
    explorer = EXPLORERS[name](epochs=2) if name == "training_playground" else EXPLORERS[name]()
    explorer.learning_rate.value = 0.2
    figures, widget_count = live(Figure), live(widgets.Widget)
    for move in range(50):
        explorer.learning_rate.value = [0.01, 0.1, 0.5][move % 3]
    assert live(Figure) == figures
    assert live(widgets.Widget) == widget_count
    assert Gcf.get_num_fig_managers() == 0, "explorers must not register figures with pyplot"


# ----- bad values give a message ----------------------------------------------------------------
BAD_VALUES = [("learning_rate", 0, "learning rate"), ("learning_rate", float("nan"), "learning rate"),
              ("learning_rate", -1.0, "learning rate"), ("steps", 0, "steps"), ("batch_size", 201, "batch size"),
              ("batch_size", 2.5, "batch size"), ("epochs", 10_000, "epochs"), ("data", "circles", "data set")]


@pytest.mark.parametrize("name, values, words", [(name, {control: value}, words)
                                                 for name in EXPLORERS for control, value, words in BAD_VALUES
                                                 if control in MOVES[name]])
def test_a_bad_value_from_code_leaves_everything_and_says_why(name, values, words):
    explorer = EXPLORERS[name]()
    before, controls = plotted(explorer), explorer.values
    assert explorer.update(**values) is None
    assert words in explorer.message.value and "got" in explorer.message.value
    assert same(before, plotted(explorer)) and explorer.values == controls


@pytest.mark.parametrize("name", EXPLORERS)
def test_nan_set_on_the_slider_itself_gives_a_message(name):
    explorer = EXPLORERS[name]()
    explorer.learning_rate.value = float("nan")  # FloatLogSlider lets NaN through
    assert "learning rate must be a number from 0.001 to 10; got nan" in explorer.message.value
    explorer.learning_rate.value = 0.1
    assert explorer.message.value == ""


def test_sliders_clamp_what_they_cannot_show():
    explorer = loss_surface()
    explorer.learning_rate.value = 0  # the widget clamps to its range: no error, nothing wrong
    explorer.batch_size.value = 10_000
    assert explorer.learning_rate.value == pytest.approx(1e-3) and explorer.batch_size.value == 200
    assert explorer.message.value == ""


@pytest.mark.parametrize("name", EXPLORERS)
def test_bad_constructor_values_fall_back_to_the_defaults_with_a_message(name):
    explorer = EXPLORERS[name](learning_rate=0)
    assert explorer.message.value.startswith("learning rate must be a number from 0.001 to 10; got 0. Using 0.")
    assert any(len(data) for data in plotted(explorer))


def test_an_unknown_control_name_is_a_programming_error():
    with pytest.raises(TypeError, match="no control named lr"):
        loss_surface().update(lr=0.1)


# ----- divergence -----------------------------------------------------------------------------
def test_descent_1d_stops_at_runaway_iterates_and_keeps_its_axes():
    explorer = descent_1d(steps=100)
    limits = [(ax.get_xlim(), ax.get_ylim()) for ax in explorer.figure.axes]
    path = explorer.update(learning_rate=10.0)
    assert path.diverged_at is not None and np.all(np.isfinite(path.x)) and np.all(np.isfinite(path.f))
    assert len(path.x) == path.diverged_at  # every iterate before the runaway one
    assert f"Diverged at step {path.diverged_at}" in explorer.message.value
    assert [(ax.get_xlim(), ax.get_ylim()) for ax in explorer.figure.axes] == limits


def test_descent_1d_says_when_the_walk_leaves_the_plot():
    explorer = descent_1d()
    path = explorer.update(learning_rate=1.2, steps=20)  # |1 − 2η| = 1.4: grows, but slowly
    assert path.diverged_at is None and abs(path.x[-1]) > 4.5
    assert "left the plot" in explorer.message.value and "diverging" in explorer.message.value


def test_descent_1d_converges_as_the_notebook_predicts():
    explorer = descent_1d()
    assert abs(explorer.update(learning_rate=0.5, steps=1).x[-1]) < 1e-12  # one step to the minimum
    path = explorer.update(learning_rate=10 ** -0.1, steps=30)  # 0.79: zig-zags inward
    assert np.all(np.diff(np.sign(path.x)) != 0) and abs(path.x[-1]) < 1e-3
    assert explorer.message.value == ""


def test_loss_surface_divergence_names_the_paths():
    explorer = loss_surface()
    paths = explorer.update(learning_rate=3.0)
    assert all(path.diverged_at is not None for path in paths.values())
    assert all(np.all(np.isfinite(path.weights)) for path in paths.values())
    message = explorer.message.value
    assert "Full batch diverged at step" in message and "2/λ_max = 1.03" in message


def test_loss_surface_paths_follow_the_maths():
    explorer = loss_surface()
    paths = explorer.update(learning_rate=0.3, batch_size=200, steps=200)
    full, mini = paths["full batch"], paths["minibatch"]
    np.testing.assert_allclose(full.weights[-1], explorer.best, atol=1e-6)
    np.testing.assert_allclose(mini.weights, full.weights)  # a batch of all N samples is full batch
    assert np.all(np.diff(full.loss) <= 1e-12)  # below 2/λ_max the full-batch loss never rises
    assert paths["SGD"].loss[-1] > full.loss[-1]  # SGD only gets near the minimum
    again = explorer.update(batch_size=7)
    assert np.array_equal(again["full batch"].weights, full.weights)  # the batch size moves only its path
    assert np.array_equal(explorer.update(batch_size=7)["minibatch"].weights, again["minibatch"].weights)


# ----- the training playground ----------------------------------------------------------------
def sigmoid_backward(x, out, grad_output):
    return grad_output * out * (1 - out)


def tanh_backward(x, out, grad_output):
    return grad_output * (1 - out ** 2)


def linear_backward(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.sum(axis=0)


def cross_entropy_backward(logits, labels, grad_output):
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1
    return grad_output * p / len(labels)


def test_playground_trains_and_is_repeatable():
    explorer = training_playground(learning_rate=1.0)
    result = explorer.update(epochs=30)
    assert result.epoch == 30 and result.stopped is None and result.accuracy > 0.95
    assert result.losses[-1] < result.losses[0] / 3
    assert np.array_equal(explorer.update(epochs=30).losses, result.losses)  # same seed, same run
    assert "epoch 30" in explorer.status.value and "accuracy" in explorer.status.value


def test_playground_step_reset_and_run_without_an_event_loop():
    explorer = training_playground(epochs=5)
    assert explorer.step().epoch == 6
    explorer.step_button.click()
    assert "epoch 7" in explorer.status.value
    explorer.reset_button.click()
    assert "epoch 0" in explorer.status.value
    explorer.run_button.click()  # no running loop: trains the `epochs` epochs at once
    assert "epoch 5" in explorer.status.value and explorer.run_button.description == "Run"


def test_playground_run_animates_one_epoch_per_frame_and_pauses(monkeypatch):
    require("ipympl")
    monkeypatch.setattr("minigrad.widgets.playground.FRAME_PAUSE", 0.0)
    explorer = training_playground(epochs=4)
    spy = RedrawSpy(explorer, monkeypatch)

    async def run_then_pause():
        explorer.run_button.click()
        assert explorer.run_button.description == "Pause"
        await explorer._task
        finished = explorer.step(0).epoch
        explorer.run_button.click()
        await asyncio.sleep(0)
        explorer.run_button.click()  # Pause
        return finished

    assert asyncio.run(run_then_pause()) == 8
    assert spy.idle >= 5  # a redraw for each epoch and one at the end
    assert explorer._task is None and explorer.run_button.description == "Run"
    assert explorer.step(0).epoch < 12


def test_pause_then_run_again_keeps_the_new_run(monkeypatch):
    monkeypatch.setattr("minigrad.widgets.playground.FRAME_PAUSE", 0.0)
    explorer = training_playground(epochs=3)

    async def pause_and_run_again():
        explorer.run_button.click()
        await asyncio.sleep(0)  # the first run trains an epoch and waits
        explorer.run_button.click()  # Pause
        explorer.run_button.click()  # Run again before the first run has seen its cancellation
        second = explorer._task
        await asyncio.sleep(0)
        assert explorer._task is second and explorer.run_button.description == "Pause"
        await second

    asyncio.run(pause_and_run_again())
    assert explorer.run_button.description == "Run" and explorer._task is None
    assert "epoch 7" in explorer.status.value  # 3 from the start, 1 from the first run, 3 from the second


def test_a_control_move_cancels_a_running_run(monkeypatch):
    monkeypatch.setattr("minigrad.widgets.playground.FRAME_PAUSE", 0.0)
    explorer = training_playground(epochs=3)

    async def move_while_running():
        explorer.run_button.click()
        task = explorer._task
        await asyncio.sleep(0)
        explorer.learning_rate.value = 0.5
        await asyncio.gather(task, return_exceptions=True)
        return task

    assert asyncio.run(move_while_running()).cancelled()
    assert "epoch 3" in explorer.status.value and explorer.run_button.description == "Run"


def test_playground_with_the_students_correct_backward_trains_like_the_engine():
    engine = training_playground(activation="tanh", epochs=5).update()
    theirs = training_playground(epochs=5, backward={"tanh": tanh_backward, "linear": linear_backward,
                                                     "cross_entropy": cross_entropy_backward})
    assert theirs.activation.value == "tanh"
    np.testing.assert_allclose(theirs.update().losses, engine.losses, rtol=1e-10)
    assert "your backward: tanh, linear, cross_entropy" in theirs.status.value


def test_activation_follows_the_students_backward():
    explorer = training_playground(epochs=2, backward={"sigmoid": sigmoid_backward, "mul": np.multiply})
    assert explorer.activation.value == "sigmoid"
    assert "your backward: sigmoid (not in this network: mul)" in explorer.status.value


def raises(x, out, grad_output):
    return grad_output * (1 // 0)


def wrong_shape(x, out, grad_output):
    return grad_output.sum(axis=1)


def two_of_three(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output


def not_numbers(x, out, grad_output):
    return "dL/dx"


def returns_none(x, out, grad_output):
    return None


def nan_for_finite(x, out, grad_output):
    return grad_output * np.nan


@pytest.mark.parametrize("op, fn, says", [
    ("sigmoid", raises, "your raises (the sigmoid backward) raised ZeroDivisionError: integer division or modulo by "
                        f"zero (line {raises.__code__.co_firstlineno + 1} of raises: return grad_output * (1 // 0))"),
    ("sigmoid", wrong_shape, "your wrong_shape (the sigmoid backward) returned shape (20,) as its gradient, for an "
                             "input of shape (20, 8)"),
    ("linear", two_of_three, "your two_of_three (the linear backward) returned 2 gradient(s); it must return 3, one "
                             "per input"),
    ("sigmoid", not_numbers, "your not_numbers (the sigmoid backward) returned str as its gradient; it must be an "
                             "array of numbers"),
    ("sigmoid", returns_none, "your returns_none (the sigmoid backward) returned None"),
    ("sigmoid", nan_for_finite, "your nan_for_finite (the sigmoid backward) returned nan or inf in its gradient, "
                                "although every input was finite"),
])
def test_a_broken_student_backward_stops_training_with_a_message_naming_it(op, fn, says):
    original = minigrad.get_op(op).backward
    explorer = training_playground(activation="sigmoid", backward={op: fn})
    result = explorer.update(learning_rate=0.5)
    assert explorer.message.value == f"Training stopped in epoch 1: {says}."
    assert result.stopped == explorer.message.value and result.epoch == 0
    assert minigrad.get_op(op).backward is original, "the engine's own backward must be back"
    explorer.step_button.click()  # stays stopped, still no traceback
    assert explorer.message.value.startswith("Training stopped in epoch 1")


def test_a_backward_not_written_yet_is_named_and_the_playground_trains_with_the_reference():
    def sigmoid_backward(x, out, grad_output):
        raise NotImplementedError()

    reference = training_playground(activation="sigmoid").update()
    explorer = training_playground(backward={"sigmoid": sigmoid_backward})
    result = explorer.update()
    assert explorer.message.value == ("Your sigmoid_backward is not written yet, so training uses the engine's own "
                                      "sigmoid backward (the reference) instead.")
    assert explorer.activation.value == "sigmoid" and "your backward" not in explorer.status.value
    np.testing.assert_array_equal(result.losses, reference.losses)


def test_a_student_backward_that_never_returns_is_stopped_within_its_time_limit():
    def sigmoid_backward(x, out, grad_output):
        while True:
            pass

    explorer = training_playground(backward={"sigmoid": sigmoid_backward}, epochs=1)
    assert explorer.message.value == ("Training stopped in epoch 1: your sigmoid_backward (the sigmoid backward) did "
                                      "not return within 2 s (an endless loop?) and was stopped.")


def test_what_a_student_backward_prints_is_capped_per_cell(capsys, monkeypatch):
    monkeypatch.setattr(minigrad.guard, "_cell", lambda: "the cell running now")
    def sigmoid_backward(x, out, grad_output):
        print("x" * 1_000_000)
        return grad_output * out * (1 - out)

    explorer = training_playground(backward={"sigmoid": sigmoid_backward}, epochs=3)
    printed = capsys.readouterr().out
    assert explorer.message.value == "" and explorer.update().epoch == 3
    assert len(printed) < 3 * minigrad.guard.SHOWN_PER_CELL and "printed more than this cell shows" in printed


def test_divergence_to_inf_and_nan_in_the_playground_gives_a_message():
    def exploding(logits, labels, grad_output):  # finite but enormous: the weights overflow
        return cross_entropy_backward(logits, labels, grad_output) * 1e300

    explorer = training_playground(backward={"cross_entropy": exploding})
    result = explorer.update()
    assert result.stopped and "Training diverged in epoch 1: the loss became nan" in explorer.message.value
    assert "Lower the learning rate" in explorer.message.value


@pytest.mark.parametrize("backward, says", [
    ({"sigmod": sigmoid_backward}, "backward names an op 'sigmod' that does not exist"),
    ({"sigmoid": 3}, "backward['sigmoid'] must be a function; got int."),
    ([sigmoid_backward], "backward must be a dict like {'sigmoid': sigmoid_backward}; got list."),
])
def test_a_malformed_backward_argument_is_explained_and_the_engine_trains(backward, says):
    explorer = training_playground(epochs=3, backward=backward)
    assert says in explorer.message.value and "Training uses the engine's own backward." in explorer.message.value
    assert "epoch 3" in explorer.status.value


# ----- the 1-D explorer with the student's update, and custom curves ------------------------------
def test_descent_1d_runs_the_students_update_rule():
    def gradient_descent_update(x, gradx, learning_rate):
        return x - learning_rate * gradx

    ours = descent_1d(learning_rate=0.3).update()
    theirs = descent_1d(learning_rate=0.3, update=gradient_descent_update).update()
    np.testing.assert_array_equal(theirs.x, ours.x)


def test_descent_1d_reports_a_failing_update_rule_by_its_name():
    def broken(x, gradx, learning_rate):
        raise ValueError("no")

    explorer = descent_1d(update=broken)
    assert explorer.message.value.startswith("Your update function broken raised ValueError: no (line ")
    explorer = descent_1d(update=lambda x, gradx, learning_rate: "x")
    assert explorer.message.value == "Your update function returned str; it must return the new x, a number."
    explorer = descent_1d(update=lambda x, gradx, learning_rate: None)
    assert explorer.message.value == "Your update function <lambda> returned None."


@pytest.mark.parametrize("body, says", [
    ("raise NotImplementedError()", "is not written yet: it raises NotImplementedError"),
    ("while True: pass", "did not return within 2 s (an endless loop?) and was stopped"),
])
def test_descent_1d_without_a_usable_update_says_so_and_walks_with_the_reference(body, says):
    namespace = {}
    exec(f"def gradient_descent_update(x, gradx, learning_rate):\n    {body}\n", namespace)
    explorer = descent_1d(learning_rate=0.3, update=namespace["gradient_descent_update"])
    assert explorer.message.value == (f"Your gradient_descent_update {says}, so the walk below uses the reference "
                                      "update x − η·f′(x).")
    np.testing.assert_array_equal(explorer.update().x, descent_1d(learning_rate=0.3).update().x)


def test_descent_1d_accepts_a_curve_of_ones_own():
    cosine = Curve("cosine", np.cos, lambda x: -np.sin(x), x0=0.5, xlim=(-1.0, 7.0), ylim=(-1.2, 1.2))
    explorer = descent_1d(cosine, learning_rate=0.5, steps=60)
    assert explorer.function.value == "cosine" and "parabola" in explorer.function.options
    assert explorer.update().x[-1] == pytest.approx(np.pi, abs=1e-6)


# ----- headless notebook ----------------------------------------------------------------------
def test_a_notebook_with_the_explorers_runs_headless_without_errors_or_stderr(tmp_path):
    nbformat = require("nbformat")
    nbclient = require("nbclient")
    cells = [
        "from minigrad.widgets import descent_1d, loss_surface, training_playground",
        "d = descent_1d('double_well')\nd",
        "s = loss_surface()\ns.learning_rate.value = 0.2\ns.batch_size.value = 3\ns",
        "p = training_playground(epochs=3)\np.step(2)\np",
        "assert d.message.value == s.message.value == p.message.value == ''\nprint(p.status.value)",
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3", resources={
        "metadata": {"path": str(tmp_path)}})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONPATH", os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
        client.execute()
    outputs = [output for cell in notebook.cells for output in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"], outputs
    views = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(views) == 3
    assert any("epoch 5" in o.get("text", "") for o in outputs)


def test_plots_drawn_after_an_explorer_stay_inline_pictures(tmp_path):
    """Importing ipympl switches pyplot's backend; the explorers must put it back, so a later
    `plt` figure is a PNG as before, not an ipympl widget with a toolbar."""
    nbformat = require("nbformat")
    nbclient = require("nbclient")
    cells = [
        "%matplotlib inline\nimport matplotlib\nimport matplotlib.pyplot as plt\nprint(matplotlib.get_backend())",
        "from minigrad.widgets import descent_1d\ndescent_1d()",
        "fig, ax = plt.subplots()\nax.plot([0, 1], [1, 0])\nplt.show()\nprint(matplotlib.get_backend())",
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3", resources={
        "metadata": {"path": str(tmp_path)}})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONPATH", os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
        client.execute()
    before, explorer, after = (cell.outputs for cell in notebook.cells)
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in explorer)
    assert [o.get("data", {}).keys() >= {"image/png"} for o in after if o.output_type == "display_data"] == [True]
    assert not any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in after)
    assert before[0].text == after[-1].text == "inline\n"
