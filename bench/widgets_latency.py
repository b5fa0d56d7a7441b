"""How long one slider move of each explorer takes in the kernel; and in the browser, if measured.

Kernel: for each explorer, 30 moves of a slider by one keyboard step (the learning rate by
a factor 10^0.1, a whole-number slider by 1), back and forth within 5 steps of the default.
Each move is timed from setting the value (the explorer recomputes and updates its
artists) to the end of the figure's render: with a front end, ipympl renders the figure
when the view asks and sends the changed pixels as PNG; `canvas.draw()` does exactly that
here, with the canvas set up as after a view has connected. Reported: median and 90th
percentile, in ms. The explorers' canvas re-renders only the artists that move
(minigrad/widgets/canvas.py); a move that changes an axis range renders everything.

Browser: tests/browser (pytest -m browser) measures key press to new canvas pixels in
JupyterLab and writes artifacts/browser_latency.json; this script prints it when present.

    PYTHONPATH=. python bench/widgets_latency.py [--moves 30]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
BROWSER_RESULTS = REPO / "artifacts" / "browser_latency.json"


def keyboard_moves(slider, moves: int, reach: int = 5) -> list:
    """The values a slider takes under `moves` arrow-key presses, back and forth within `reach` presses of the start."""
    position, direction, presses = 0, 1, []
    for _ in range(moves):
        if abs(position + direction) > reach:
            direction = -direction
        position += direction
        presses.append(position)
    if hasattr(slider, "base"):  # FloatLogSlider: a key moves the exponent by one step
        return [float(slider.base ** (np.log10(slider.value) + slider.step * k)) for k in presses]
    return [min(max(slider.value + slider.step * k, slider.min), slider.max) for k in presses]


def time_moves(explorer, slider_name: str, moves: int) -> list:
    """Milliseconds from each slider move to the end of the render a front end would get."""
    canvas = explorer.figure.canvas
    canvas.syncing_data_url = False  # what ipympl does once a view has said 'initialized'
    canvas.draw()
    slider = getattr(explorer, slider_name)
    times = []
    for value in keyboard_moves(slider, moves):
        start = time.perf_counter()
        slider.value = value
        canvas.draw()
        times.append((time.perf_counter() - start) * 1000)
    return times


def tanh_backward(x, out, grad_output):
    return grad_output * (1 - out ** 2)


def linear_backward(x, W, b, grad_output):
    return grad_output @ W.T, x.T @ grad_output, grad_output.sum(axis=0)


def kernel_latencies(moves: int) -> list:
    from minigrad.widgets import descent_1d, loss_surface, training_playground

    def with_student_backward():  # as in the course notebooks: a student's (correct) functions, checked
        return training_playground(backward={"tanh": tanh_backward, "linear": linear_backward})

    cases = [("descent_1d", descent_1d, "learning_rate"), ("descent_1d", descent_1d, "steps"),
             ("loss_surface", loss_surface, "learning_rate"), ("loss_surface", loss_surface, "batch_size"),
             ("training_playground", training_playground, "learning_rate"),
             ("training_playground", training_playground, "batch_size"),
             ("training_playground, student backward", with_student_backward, "learning_rate")]
    rows = []
    for name, build, slider in cases:
        explorer = build()
        if not explorer._live.uses_ipympl:
            raise SystemExit("ipympl is not installed: the benchmark measures the ipympl canvas.")
        times = time_moves(explorer, slider, moves)
        rows.append((name, slider, float(np.median(times)), float(np.percentile(times, 90))))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("MPLBACKEND", "Agg")
    print(f"# Explorer latency ({os.cpu_count()} cores, Python {platform.python_version()})\n")
    print(f"Kernel: one slider move = recompute + update artists + render (median / p90 of {args.moves} moves)\n")
    print("| explorer | slider | median ms | p90 ms |")
    print("|---|---|---|---|")
    for name, slider, median, p90 in kernel_latencies(args.moves):
        print(f"| {name} | {slider} | {median:.0f} | {p90:.0f} |")
    if BROWSER_RESULTS.exists():
        browser = json.loads(BROWSER_RESULTS.read_text())
        print(f"\nBrowser ({', '.join(browser['notebooks'])}): key press to new canvas pixels\n")
        print("| explorer and slider | presses | median ms | p90 ms |")
        print("|---|---|---|---|")
        for slider, ms in browser["latency_ms"].items():
            print(f"| {slider} | {len(ms)} | {np.median(ms):.0f} | {np.percentile(ms, 90):.0f} |")
        print(f"| all | {browser['presses']} | {browser['median_ms']:.0f} | |")
    else:
        print(f"\nBrowser: no measurements yet ({BROWSER_RESULTS.relative_to(REPO)} is written by "
              "`pytest tests/browser`).")


if __name__ == "__main__":
    main()
