"""The instructor page's plots, as base64 PNG (matplotlib's Agg canvas: no display, no
pyplot state)."""
from __future__ import annotations

import base64
import io

import numpy as np


def _figure(width: float = 7.5, height: float = 3.6):
    from matplotlib.figure import Figure
    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def exercise_strip(exercises: list, fractions: dict) -> str:
    """Each graded student's fraction of the points, per exercise (a strip of points, jittered)."""
    figure = _figure()
    axes = figure.add_subplot()
    rng = np.random.default_rng(0)
    for i, exercise in enumerate(exercises):
        values = np.asarray(fractions.get(exercise, []), dtype=float)
        if values.size:
            axes.scatter(i + rng.uniform(-0.18, 0.18, values.size), values, s=28, alpha=0.6, color="#1f5fa8")
            axes.plot([i - 0.3, i + 0.3], [values.mean()] * 2, color="#b00020", linewidth=2)
    axes.set_xticks(range(len(exercises)), exercises, rotation=20, ha="right")
    axes.set_ylim(-0.05, 1.05)
    axes.set_xlim(-0.6, max(len(exercises) - 0.4, 0.6))
    axes.set_ylabel("fraction of the points")
    axes.set_title("Points per exercise (a dot per graded student, the line is the mean)")
    axes.grid(axis="y", alpha=0.3)
    return _png(figure)


def total_histogram(totals: list, possible: float) -> str:
    figure = _figure(height=3.0)
    axes = figure.add_subplot()
    top = max(possible, max(totals, default=0.0), 1.0)
    axes.hist(totals, bins=np.linspace(0, top, min(int(np.ceil(top)), 20) + 1), color="#1f5fa8", edgecolor="white")
    axes.set_xlim(0, top)
    axes.set_xlabel(f"autograded points (of {possible:g})")
    axes.set_ylabel("students")
    axes.set_title("Total autograded points of the graded submissions")
    axes.yaxis.get_major_locator().set_params(integer=True)
    return _png(figure)


def mistake_bars(labels: list, counts: list) -> str:
    """A horizontal bar per named mistake: how many students made it (most common on top)."""
    figure = _figure(width=9.0, height=max(1.8, 0.45 * len(labels) + 1.0))
    axes = figure.add_subplot()
    positions = np.arange(len(labels))[::-1]
    axes.barh(positions, counts, color="#e0a800")
    axes.set_yticks(positions, labels)
    axes.set_xlabel("students")
    axes.xaxis.get_major_locator().set_params(integer=True)
    figure.suptitle("The most common named mistakes")
    return _png(figure)
