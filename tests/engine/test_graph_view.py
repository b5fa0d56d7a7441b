"""Tests of minigrad.graph_view: listing a graph's tensors and drawing it."""
import subprocess
import sys

import numpy as np
import pytest

import minigrad as mg
from minigrad import functional as F
from minigrad import nn
from minigrad.graph_view import BOX_HEIGHT, ROW_STEP, draw_graph, graph_nodes, layer_columns, layout, node_label
from tests.helpers import REPO
from tests.helpers.dependencies import require

matplotlib = require("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _assert_parents_first(order, root):
    position = {id(t): i for i, t in enumerate(order)}
    assert len(position) == len(order), "a tensor appears twice"
    assert order[-1] is root
    for t in order:
        for parent in t.parents:
            assert id(parent) in position, "a reachable tensor is missing"
            assert position[id(parent)] < position[id(t)]


def _edges(nodes):
    return sum(len(t.parents) for t in nodes)


def mlp_loss():
    """MSE(Linear(Sigmoid(Linear(X, W1, b1)), W2, b2), y) after backward: 10 tensors."""
    rng = np.random.default_rng(0)
    X = mg.Tensor(rng.normal(size=(8, 2)), name="X")
    y = mg.Tensor(rng.normal(size=(8, 1)), name="y")
    first, second = nn.Linear(2, 4, rng=0), nn.Linear(4, 1, rng=1)
    loss = F.mse_loss(second(F.sigmoid(first(X))), y)
    loss.backward()
    return loss, first, second


# ----- graph_nodes -------------------------------------------------------------------
def test_x_times_x_plus_x():
    x = mg.Tensor([1.0, 2.0], requires_grad=True)
    square = x * x
    root = square + x
    order = graph_nodes(root)
    assert [id(t) for t in order] == [id(x), id(square), id(root)]


def test_constants_are_included_unlike_topological_order():
    x = mg.Tensor(2.0, requires_grad=True)
    c = mg.Tensor(3.0)
    root = x * c
    order = graph_nodes(root)
    _assert_parents_first(order, root)
    assert any(t is c for t in order)
    assert not any(t is c for t in mg.topological_order(root))


def test_diamond():
    x = mg.Tensor([0.5, -1.0], requires_grad=True)
    a = x.exp()
    left, right = a.tanh(), a.sigmoid()
    root = left + right
    order = graph_nodes(root)
    _assert_parents_first(order, root)
    assert len(order) == 5


def test_add_of_double_negation_and_x():
    x = mg.Tensor(1.5, requires_grad=True)
    root = F.add(F.neg(F.neg(x)), x)
    order = graph_nodes(root)
    _assert_parents_first(order, root)
    assert len(order) == 4 and order[0] is x


def test_a_leaf_alone():
    x = mg.Tensor(1.0)
    assert graph_nodes(x) == [x]


def test_a_chain_100_000_deep_needs_no_recursion():
    x = mg.Tensor(1.0, requires_grad=True)
    chain = [x]
    for _ in range(100_000):
        chain.append(-chain[-1])
    order = graph_nodes(chain[-1])
    assert len(order) == 100_001
    assert all(a is b for a, b in zip(order, chain))


# ----- layout ------------------------------------------------------------------------
def test_columns_put_every_input_left_of_its_consumer():
    loss, first, second = mlp_loss()
    nodes = graph_nodes(loss)
    column = layer_columns(nodes)
    for t in nodes:
        for parent in t.parents:
            assert column[id(parent)] < column[id(t)]
    hidden = loss.parents[0].parents[0]          # sigmoid's output
    assert hidden.op == "sigmoid"
    assert column[id(second.weight)] == column[id(second.bias)] == column[id(hidden)] == 2
    assert column[id(first.weight)] == 0 and column[id(loss)] == 4


def test_boxes_in_a_column_do_not_overlap():
    loss, _, _ = mlp_loss()
    positions, _ = layout(loss, graph_nodes(loss))
    points = sorted(positions.values())
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 == x1:
            assert abs(y1 - y0) >= ROW_STEP - 1e-12


def test_an_arrow_that_skips_a_column_goes_around_the_box_in_it():
    x = mg.Tensor([1.0, 2.0], requires_grad=True)
    square = x * x
    root = square + x
    positions, waypoints = layout(root, graph_nodes(root))
    (gap,) = waypoints[(id(root), 1)]            # x -> add skips mul's column
    square_x, square_y = positions[id(square)]
    assert gap[0] == square_x
    assert abs(gap[1] - square_y) > BOX_HEIGHT / 2


# ----- labels ------------------------------------------------------------------------
def test_labels_show_name_op_value_and_gradient():
    a = mg.Tensor(2.0, requires_grad=True, name="a")
    h = a * 3.0
    assert node_label(a) == "a\n2"
    assert node_label(h) == "mul\n6"
    h.name = "h"
    h.backward()
    assert node_label(h) == "h = mul\n6\ngrad 1"
    assert node_label(a) == "a\n2\ngrad 3"
    assert node_label(a, show_grad=False) == "a\n2"


def test_labels_of_arrays_and_unnamed_leaves():
    W = mg.Tensor(np.arange(6.0).reshape(2, 3), requires_grad=True)
    assert node_label(W) == "parameter\n(2, 3), mean 2.5"
    assert node_label(mg.Tensor([1.0, 2.0])) == "constant\n(2,), mean 1.5"
    (W * 2.0).sum().backward()
    assert node_label(W).splitlines()[-1] == f"grad (2, 3), ‖g‖ {np.sqrt(24):.3g}"


# ----- drawing -----------------------------------------------------------------------
def test_draw_graph_makes_one_box_and_text_per_tensor_and_one_arrow_per_edge():
    loss, _, _ = mlp_loss()
    nodes = graph_nodes(loss)
    ax = draw_graph(loss)
    assert isinstance(ax, matplotlib.axes.Axes)
    assert len(ax.texts) == len(nodes) == 10
    assert sum(isinstance(p, FancyBboxPatch) for p in ax.patches) == len(nodes)
    assert sum(isinstance(p, FancyArrowPatch) for p in ax.patches) == _edges(nodes) == 9
    titles = sorted(text.get_text().splitlines()[0] for text in ax.texts)
    assert titles == sorted(["X", "W", "b", "linear", "sigmoid", "W", "b", "linear", "y", "mse_loss"])


def test_every_label_fits_inside_its_box():
    loss, _, _ = mlp_loss()
    ax = draw_graph(loss)
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    for text, box in zip(ax.texts, boxes):
        inner, outer = text.get_window_extent(renderer), box.get_window_extent(renderer)
        assert outer.x0 < inner.x0 and inner.x1 < outer.x1, text.get_text()
        assert outer.y0 < inner.y0 and inner.y1 < outer.y1, text.get_text()


def test_show_grad_false_leaves_the_gradients_out():
    loss, _, _ = mlp_loss()
    ax = draw_graph(loss, show_grad=False)
    assert not any("grad" in text.get_text() for text in ax.texts)


def test_draw_graph_closes_cleanly():
    loss, _, _ = mlp_loss()
    ax = draw_graph(loss)
    assert plt.get_fignums() == [ax.figure.number]
    plt.close(ax.figure)
    assert plt.get_fignums() == []


def test_draw_graph_on_given_axes_opens_no_figure():
    loss, _, _ = mlp_loss()
    fig, given = plt.subplots()
    assert draw_graph(loss, ax=given) is given
    assert plt.get_fignums() == [fig.number]
    assert len(given.texts) == 10


def test_draw_graph_of_a_single_leaf():
    ax = draw_graph(mg.Tensor(4.0, name="x"))
    assert [t.get_text() for t in ax.texts] == ["x\n4"]


def test_importing_the_graph_module_does_not_import_matplotlib():
    code = "import sys, minigrad.graph_view; sys.exit('matplotlib' in sys.modules)"
    # in the repository root, so that this checkout's minigrad is the one imported
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO).returncode == 0
