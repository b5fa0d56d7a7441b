"""Key press to new pixels in the lecture app (Voilà), with 1, 4 and 8 sessions at once.

Starts Voilà on a free port of 127.0.0.1 serving course/app/playground.ipynb, opens N pages
at once in chromium (each page is a session: a kernel of its own), and in every page, on the
"batches" tab (loss_surface) and the "training" tab (training_playground), presses an arrow
key `--presses` times on the learning-rate and on the batch-size slider, alternately right
and left. One press is timed in the page, from the keydown event to the first paint of the
figure's canvas whose pixels differ (the method of tests/browser); the next press waits
until the canvas has been quiet for 300 ms, so a session moves a slider about as fast as a
hand can. The sessions press at the same time. Reported per N and slider: median and 90th
percentile in ms, with the 1-minute load average before each round; the JSON goes to
artifacts/app_latency.json. The browser runs on the same machine as the kernels and takes
CPU from them: a class's browsers run on the students' own machines.

    PYTHONPATH=. python bench/app_latency.py [--sessions 1 4 8] [--presses 30]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, voila_command
from tests.browser.test_explorers_in_jupyterlab import PAGE_HELPERS

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "course" / "app"
RESULTS = REPO / "artifacts" / "app_latency.json"
SLIDERS = {"batches": ("loss-surface", ("learning rate", "batch size")),
           "training": ("training-playground", ("learning rate", "batch size"))}
TARGET_MS = 150

PRESS_AND_WAIT = """async ([box, label]) => {
    const mg = window.__mg, canvas = mg.canvas(box);
    const quiet = async (ms) => {
        while (performance.now() - (mg.lastDraw.get(canvas) || 0) < ms) await new Promise(r => setTimeout(r, 25));
    };
    await quiet(300);
    const row = [...box.querySelectorAll('.widget-slider')]
        .find(r => r.querySelector('.widget-label').textContent.trim() === label);
    const handle = row.querySelector('[role=slider]');
    handle.focus();
    window.__mgChanged = mg.waitForChange(canvas, mg.hash(canvas), 60000);
    return true;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def voila(port: int, log: Path):
    """Voilà serving the app, as `scripts/open-course.sh --app --headless` does; stopped afterwards."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    with open(log, "w") as out:
        server = subprocess.Popen(voila_command(port), cwd=APP, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/static/voila.js", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"Voilà did not start; see {log}")
                time.sleep(0.25)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


async def session(browser, url: str, presses: int) -> dict:
    """One page of the app: {(tab, slider): [ms per press]}."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    await context.add_init_script(PAGE_HELPERS)
    page = await context.new_page()
    await page.goto(url, timeout=300_000)
    await page.wait_for_function("document.querySelectorAll('.minigrad-explorer').length === 3", timeout=300_000)
    times = {}
    for tab, (kind, labels) in SLIDERS.items():
        await page.get_by_role("tab", name=tab).click()
        box = await page.wait_for_selector(f".minigrad-{kind}", state="visible")
        await page.wait_for_function("box => window.__mg.lastDraw.has(window.__mg.canvas(box))", arg=box,
                                     timeout=300_000)
        for label in labels:
            row = []
            for press in range(presses):
                await page.evaluate(PRESS_AND_WAIT, [box, label])
                await page.keyboard.press("ArrowRight" if press % 2 == 0 else "ArrowLeft")
                painted = await page.evaluate("async () => await window.__mgChanged")
                row.append(round(painted - await page.evaluate("window.__mgKeyTime"), 1))
            times[f"{tab}: {label}"] = row
    await context.close()
    return times


async def measure(url: str, sessions: int, presses: int) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            results = await asyncio.gather(*(session(browser, url, presses) for _ in range(sessions)))
        finally:
            await browser.close()
    return {key: [ms for result in results for ms in result[key]] for key in results[0]}


def p90(values: list) -> float:
    return statistics.quantiles(values, n=10)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--presses", type=int, default=30, help="arrow-key presses per slider and session")
    args = parser.parse_args()
    RESULTS.parent.mkdir(exist_ok=True)
    report = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": f"{platform.machine()}, {os.cpu_count()} cores",
              "presses_per_slider": args.presses, "target_median_ms": TARGET_MS, "rounds": []}
    with voila(free_port(), RESULTS.parent / "app_latency_voila.log") as url:
        for sessions in args.sessions:
            load_before = os.getloadavg()[0]
            started = time.monotonic()
            times = asyncio.run(measure(url, sessions, args.presses))
            round_ = {"sessions": sessions, "load_1min_before": round(load_before, 2),
                      "load_1min_after": round(os.getloadavg()[0], 2), "seconds": round(time.monotonic() - started),
                      "latency_ms": times}
            report["rounds"].append(round_)
            print(f"\n{sessions} session(s), load average {load_before:.2f} before, "
                  f"{round_['load_1min_after']:.2f} after, {round_['seconds']} s")
            for key, values in times.items():
                median = statistics.median(values)
                print(f"  {key:28s} median {median:6.0f} ms   p90 {p90(values):6.0f} ms   "
                      f"({len(values)} presses){'' if median <= TARGET_MS else '   over the target'}")
    RESULTS.write_text(json.dumps(report, indent=2))
    print(f"\nwritten: {RESULTS}")


if __name__ == "__main__":
    main()
