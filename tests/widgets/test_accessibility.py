"""What the explorers give viewers who cannot rely on colour or on seeing the plot, in the kernel.

- every explorer's box holds one `ScreenReaderNames` with a description of its figure (the
  browser side, the names in the accessibility tree, is tests/browser's);
- the series drawn together (loss_surface's three paths, the playground's classes,
  descent_1d's run and previous run) each have a legend entry and differ in marker or dash,
  not in colour alone;
- their colours stay apart for viewers with protanopia or deuteranopia: simulated with the
  matrices of Machado, Oliveira and Fernandes (2009, severity 1) on linear RGB, every two
  colours are at least MIN_DISTANCE apart in sRGB (matplotlib's default blue, orange and
  green are 0.10 apart for protanopia; its red and green 0.12 for deuteranopia).
"""
import os

import numpy as np
import pytest

from tests.helpers.dependencies import require

os.environ.setdefault("MPLBACKEND", "Agg")
require("ipywidgets")
require("matplotlib")

from matplotlib.colors import to_rgb  # noqa: E402

from minigrad.widgets import descent_1d, loss_surface, training_playground  # noqa: E402
from minigrad.widgets.accessible import ScreenReaderNames  # noqa: E402

MIN_DISTANCE = 0.15
COLOUR_BLINDNESS = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
}


def seen_with(deficiency: str, colour) -> np.ndarray:
    """The sRGB colour that a viewer with `deficiency` sees for `colour`."""
    srgb = np.array(to_rgb(colour))
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    seen = np.clip(COLOUR_BLINDNESS[deficiency] @ linear, 0, 1)
    return np.where(seen <= 0.0031308, 12.92 * seen, 1.055 * seen ** (1 / 2.4) - 0.055)


def closest_pair(colours) -> dict:
    """{deficiency: the smallest sRGB distance between two of `colours` as that viewer sees them}."""
    return {deficiency: min(np.linalg.norm(seen_with(deficiency, a) - seen_with(deficiency, b))
                            for i, a in enumerate(colours) for b in colours[i + 1:])
            for deficiency in COLOUR_BLINDNESS}


def test_the_colour_check_tells_the_default_colours_apart_from_safe_ones():
    assert min(closest_pair(["C0", "C1", "C2"]).values()) < MIN_DISTANCE
    assert min(closest_pair(["C3", "C2"]).values()) < MIN_DISTANCE   # red against green


@pytest.mark.parametrize("make", [descent_1d, loss_surface, training_playground])
def test_every_explorer_describes_its_figure_for_screen_readers(make):
    explorer = make()
    namers = [child for child in explorer.widget.children if isinstance(child, ScreenReaderNames)]
    assert len(namers) == 1
    assert len(namers[0].figure_label) > 40, "the figure's description should say what the plot shows"


def legend_entries(ax) -> dict:
    """{label: the artist it stands for} in the legend of `ax`."""
    legend = ax.get_legend()
    assert legend is not None, f"the axes {ax.get_title()!r} has no legend"
    return {text.get_text(): handle for text, handle in zip(legend.get_texts(), legend.legend_handles)}


def test_loss_surface_paths_differ_in_marker_dash_and_colour():
    surface = loss_surface()
    plane = surface.figure.axes[0]
    entries = legend_entries(plane)
    assert list(entries) == ["full batch", "minibatch", "SGD", "start", "minimum"]
    paths = [line for line in plane.get_lines() if line.get_label() in ("full batch", "minibatch", "SGD")]
    assert len({line.get_marker() for line in paths}) == 3
    assert len({line.get_linestyle() for line in paths}) == 3
    assert min(closest_pair([line.get_color() for line in paths]).values()) >= MIN_DISTANCE
    assert list(legend_entries(surface.figure.axes[1])) == ["full batch", "minibatch", "SGD"]


def test_playground_classes_differ_in_marker_and_colour_and_the_legend_follows_the_data():
    playground = training_playground(data="spirals")
    regions = playground.figure.axes[0]
    entries = legend_entries(regions)
    assert list(entries) == ["class 0", "class 1", "class 2"]
    markers = {tuple(map(tuple, handle.get_paths()[0].vertices)) for handle in entries.values()}
    assert len(markers) == 3, "every class needs a marker of its own"
    assert min(closest_pair([handle.get_facecolor()[0][:3] for handle in entries.values()]).values()) >= MIN_DISTANCE
    playground.update(data="moons")
    assert list(legend_entries(regions)) == ["class 0", "class 1"]


def test_descent_run_and_previous_run_differ_in_marker_and_dash():
    explorer = descent_1d()
    entries = legend_entries(explorer.figure.axes[0])
    assert list(entries) == ["previous", "now"]
    previous, now = entries.values()
    assert previous.get_marker() != now.get_marker() and previous.get_linestyle() != now.get_linestyle()
