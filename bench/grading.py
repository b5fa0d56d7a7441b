"""Grading time per submission: `autograder grade` against plain `nbgrader autograde`.

    PYTHONPATH=. python bench/grading.py                       # assignment 03, 20 submissions
    PYTHONPATH=. python bench/grading.py --assignment 04_weighted_sum_backprop --submissions 10

Both grade the same submissions of one assignment, serially, in one run, in a temporary
copy of the course: half of them the source solutions (full marks), half the released
student version (nothing done). nbgrader runs each notebook once in a kernel and takes the
points from the kernel's output; `autograder grade` collects each exercise in a sandbox,
judges outside it, and runs the notebook once more in a sandboxed kernel for the student's
feedback. The two are run in turns (nbgrader first, then the grader, `--rounds` times) and
the medians of the per-submission times are printed with their ratio.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(args: list, cwd: Path) -> float:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}")
    started = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assignment", default="03_sigmoid_backward")
    parser.add_argument("--submissions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as scratch:
        course = Path(scratch)
        shutil.copy(REPO / "course" / "nbgrader_config.py", course)
        shutil.copytree(REPO / "course" / "notebooks" / args.assignment, course / "notebooks" / args.assignment)
        run([sys.executable, "-m", "autograder", "release", args.assignment], course)
        for k in range(args.submissions):
            folder = course / "submitted" / f"student{k:03d}" / args.assignment
            folder.mkdir(parents=True)
            origin = course / ("notebooks" if k % 2 == 0 else "release") / args.assignment
            for notebook in origin.glob("*.ipynb"):
                shutil.copy(notebook, folder / notebook.name)
        nbgrader, grader = [], []
        for _ in range(args.rounds):
            nbgrader.append(run([sys.executable, "-m", "nbgrader", "autograde", args.assignment, "--force"], course)
                            / args.submissions)
            grader.append(run([sys.executable, "-m", "autograder", "grade", args.assignment], course)
                          / args.submissions)
    plain, ours = statistics.median(nbgrader), statistics.median(grader)
    print(f"{args.assignment}, {args.submissions} submissions, serial, {args.rounds} round(s); "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"  nbgrader autograde : {plain:6.2f} s per submission")
    print(f"  autograder grade   : {ours:6.2f} s per submission  ({ours / plain:.2f}x nbgrader's time)")


if __name__ == "__main__":
    main()
