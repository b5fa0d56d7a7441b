"""Grading a class: plain `nbgrader autograde` against `autograder grade`, serial and parallel.

    PYTHONPATH=. python bench/grading.py                         # 100 submissions of assignment 03
    PYTHONPATH=. python bench/grading.py --submissions 20 --modes nbgrader,workers1

The benchmark makes a class in a temporary copy of the course: a mix of correct (the
source solutions), wrong (a planted mistake), empty (the released version), broken (not a
notebook) and hostile (rebinds the checks) submissions, one fifth each. Then, in one run,
it grades the same class with each mode:

- nbgrader   — `nbgrader autograde ASSIGNMENT --force`: one kernel per notebook, serially,
               points taken from the kernel's output (not tamper-proof);
- workers1   — `autograder grade --workers 1`: sandboxed collection, judgement outside,
               feedback run, all serial;
- workers2   — `autograder grade --workers 2`;
- workers2-fresh — the same with `--submissions-per-sandbox 1`: a fresh sandbox for every
               submission instead of each worker's warm one (what reusing it saves);
- dask2      — `autograder grade --scheduler` on a dask LocalCluster of 2 one-thread workers.

It prints wall time, time per submission, the speed-up over serial nbgrader, the CPU time
per submission and the load average around each mode (other work on the machine slows the
wall times, not the CPU times), and the per-submission cost that the README's 1 000-student
estimate is computed from. CPU time is that of the processes the mode started (reaped child
processes: nbgrader and its kernels, the grader and its workers, dask's workers) plus what
the sandboxes reported using (`sandbox_cpu_seconds` in `.autograder/results/`): processes
in a sandbox's own process namespace are not the grader's children.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = "03_sigmoid_backward"
NOTEBOOK = "sigmoid_backward.ipynb"
WRONG_TANH = ("def tanh_backward(x, out, grad_output):\n"
              "    return grad_output * (1.0 - x * x)   # the input where the output belongs\n")
HOSTILE_CELL = "check = score = lambda *args, **kwargs: 3.0"


def environment() -> dict:
    return dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
                PYTHONPATH=str(REPO))


def run(args: list, cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=environment(), capture_output=True, text=True)
    if done.returncode != 0 and "nbgrader" not in args[2]:   # nbgrader exits 1 when a notebook is broken
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def sandbox_cpu(course: Path) -> float:
    folder = course / ".autograder" / "results" / ASSIGNMENT
    return sum(json.loads(p.read_text()).get("sandbox_cpu_seconds", 0.0) for p in folder.glob("*.json"))


def make_class(course: Path, count: int) -> None:
    source = json.loads((course / "notebooks" / ASSIGNMENT / NOTEBOOK).read_text())
    release = json.loads((course / "release" / ASSIGNMENT / NOTEBOOK).read_text())
    wrong = json.loads(json.dumps(source))
    for cell in wrong["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "tanh_backward":
            cell["source"] = WRONG_TANH
    hostile = json.loads(json.dumps(release))
    hostile["cells"].insert(2, {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                                "source": HOSTILE_CELL})
    kinds = [json.dumps(source), json.dumps(wrong), json.dumps(release), "{ not a notebook", json.dumps(hostile)]
    for k in range(count):
        folder = course / "submitted" / f"student{k:04d}" / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / NOTEBOOK).write_text(kinds[k % len(kinds)])


def fresh_gradebook(course: Path, pristine: Path) -> None:
    """Every mode starts from the gradebook just after the release."""
    shutil.copy(pristine, course / "gradebook.db")
    for folder in ("autograded", ".autograder/results"):
        shutil.rmtree(course / folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=100)
    parser.add_argument("--modes", default="nbgrader,workers1,workers2,workers2-fresh,dask2")
    args = parser.parse_args()
    modes = args.modes.split(",")
    timings, cpu, loads = {}, {}, {}
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as scratch:
        course = Path(scratch)
        shutil.copy(REPO / "course" / "nbgrader_config.py", course)
        shutil.copytree(REPO / "course" / "notebooks" / ASSIGNMENT, course / "notebooks" / ASSIGNMENT)
        run([sys.executable, "-m", "autograder", "release", ASSIGNMENT], course)
        pristine = Path(scratch) / "gradebook-after-release.db"
        shutil.copy(course / "gradebook.db", pristine)
        make_class(course, args.submissions)
        grade = [sys.executable, "-m", "autograder", "grade", ASSIGNMENT]
        for mode in modes:
            fresh_gradebook(course, pristine)
            before, load_before = children_cpu(), os.getloadavg()[0]
            if mode == "nbgrader":
                timings[mode] = run([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--force"], course)
            elif mode.startswith("workers"):
                workers, _, fresh = mode.removeprefix("workers").partition("-")
                per_sandbox = ["--submissions-per-sandbox", "1"] if fresh == "fresh" else []
                timings[mode] = run(grade + ["--workers", workers] + per_sandbox, course)
            elif mode == "dask2":
                from distributed import LocalCluster
                with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=40,
                                  env={"PATH": environment()["PATH"]}) as cluster:
                    timings[mode] = run(grade + ["--scheduler", cluster.scheduler_address], course)
            cpu[mode] = children_cpu() - before + sandbox_cpu(course)
            loads[mode] = (load_before, os.getloadavg()[0])
    print(f"{ASSIGNMENT}: {args.submissions} submissions (correct, wrong, empty, broken, hostile: 1/5 each); "
          f"{os.cpu_count()} cores")
    print("| mode | wall s | s per submission | speed-up over serial nbgrader | CPU s per submission "
          "| load before → after |")
    print("|---|---|---|---|---|---|")
    base = timings.get("nbgrader")
    for mode, seconds in timings.items():
        speedup = f"{base / seconds:.2f}x" if base else "—"
        print(f"| {mode} | {seconds:.0f} | {seconds / args.submissions:.2f} | {speedup} | "
              f"{cpu[mode] / args.submissions:.2f} | {loads[mode][0]:.1f} → {loads[mode][1]:.1f} |")
    if "workers1" in timings:
        per = cpu["workers1"] / args.submissions
        print(f"1 000 students × 6 assignments at {per:.1f} CPU s each: {1000 * 6 * per / 3600:.1f} core-hours; "
              f"on 10 workers of 2 cores about {1000 * 6 * per / 3600 / 20 * 60:.0f} minutes")


if __name__ == "__main__":
    main()
