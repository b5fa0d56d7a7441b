"""minigrad against the numpy floor and PyTorch CPU: a markdown table of times and ratios.

    PYTHONPATH=. python -m bench            # the full run (~2 minutes)
    PYTHONPATH=. python bench/run.py --quick

Systems: the floor (a hand-written numpy forward/backward, no graph), minigrad, and
PyTorch with torch.optim.SGD — each in its own worker process (`bench/worker.py`) with its
thread pools pinned to --threads. Cases (`bench/workload.py`): one SGD step of the course's
64-32-10 MLP on the digits at batch 64 and of a BLAS-bound 256-256-10 MLP at batch 1024,
in float32 and float64, all from the same initial weights on the same batches; and single
ops on 1x1 tensors. A sample runs a case n times (n calibrated so that minigrad takes
about --seconds; the same n for every system). Each round takes one sample of every case
on every system in turn (floor, minigrad, torch), so the samples of a case lie within a
second of one another; this machine's speed drifts by tens of percent over minutes, so
ratios are taken within a round and the table reports medians over the rounds (the
ratio's quartiles in brackets).
"""
from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make `bench` and `minigrad` importable
    sys.path.insert(0, str(REPO))

from bench.workload import OP_CASES, TRAINING_CASES, write  # noqa: E402

SYSTEMS = ("floor", "minigrad", "torch")
CHECK_STEPS = 3
COURSE_TARGET, COURSE_STRETCH, TORCH_TARGET, BLAS_TARGET = 2.0, 1.6, 2.5, 1.10
FORWARD_TARGET_US, FORWARD_BACKWARD_TARGET_US = 4.0, 7.0


# glibc's malloc serves blocks over 128 KB with fresh mmap()s and hands freed heap back to
# the kernel, so a step at the BLAS-bound size page-faults on every array it allocates
# (~900 faults per step for the floor, ~1,100 for minigrad: a third of the step), and how
# much depends on the process's allocation history. These settings keep freed memory for
# reuse, so the table compares computation; --default-malloc measures without them.
MALLOC_REUSE = {"MALLOC_MMAP_THRESHOLD_": str(32 << 20), "MALLOC_TRIM_THRESHOLD_": str(1 << 30)}


class WorkerProcess:
    """A running `bench.worker` for one system, spoken to one JSON line at a time."""

    def __init__(self, system: str, threads: int, malloc_reuse: bool = True):
        env = {**os.environ, **(MALLOC_REUSE if malloc_reuse else {})}
        env.update({name: str(threads) for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")})
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.worker", system, "--threads", str(threads)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO, env=env)
        self.system = system

    def ask(self, **request) -> dict:
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"the {self.system} worker stopped (its error is printed above).")
        return json.loads(answer)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def measure(workers: dict, cases: list, rounds: int, seconds: float) -> dict:
    """{case key: {system: [seconds per run, one per round]}}, rounds alternating the systems.

    Every system warms up, then runs a case as many times as minigrad runs it in `seconds`:
    the same number of training steps from the same weights, the same computation.
    """
    iterations = {}
    for key in cases:
        calibrated = {name: worker.ask(calibrate=key, seconds=seconds)["iterations"]
                      for name, worker in workers.items()}
        iterations[key] = calibrated["minigrad"]
    times = {key: {name: [] for name in workers} for key in cases}
    for r in range(rounds):
        print(f"round {r + 1}/{rounds}", end="\r", file=sys.stderr, flush=True)
        for key in cases:
            for name, worker in workers.items():
                times[key][name].append(worker.ask(time=key, iterations=iterations[key])["seconds"])
    print(file=sys.stderr)
    return times


def ratio(numerators, denominators) -> tuple:
    """Median and quartiles of the per-round ratios."""
    ratios = [a / b for a, b in zip(numerators, denominators)]
    q1, median, q3 = statistics.quantiles(ratios, n=4, method="inclusive")
    return median, q1, q3


def us(values) -> str:
    value = statistics.median(values) * 1e6
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def training_table(times: dict, has_torch: bool) -> list:
    lines = ["| training step | floor µs | minigrad µs | torch µs | minigrad / floor | torch / minigrad | targets |",
             "|---|---|---|---|---|---|---|"]
    for case in TRAINING_CASES:
        t = times.get(case.key)
        if t is None:
            continue
        over_floor, lo, hi = ratio(t["minigrad"], t["floor"])
        torch_us, torch_ratio, speedup = "–", "–", None
        if has_torch:
            speedup, _, _ = ratio(t["torch"], t["minigrad"])
            torch_us, torch_ratio = us(t["torch"]), f"{speedup:.1f}x"
        if case.data == "digits":  # the course size
            targets = (f"≤ {COURSE_TARGET}x floor {verdict(over_floor <= COURSE_TARGET)}, "
                       f"stretch {COURSE_STRETCH}x {verdict(over_floor <= COURSE_STRETCH)}")
            if speedup is not None:
                targets += f"; ≥ {TORCH_TARGET}x faster than torch {verdict(speedup >= TORCH_TARGET)}"
        else:
            targets = f"≤ {BLAS_TARGET}x floor {verdict(over_floor <= BLAS_TARGET)}"
        lines.append(f"| {case.name}, {case.dtype} | {us(t['floor'])} | {us(t['minigrad'])} | {torch_us} | "
                     f"{over_floor:.2f}x ({lo:.2f}–{hi:.2f}) | {torch_ratio} | {targets} |")
    return lines


def op_table(times: dict, has_torch: bool) -> list:
    lines = ["| op on 1x1 float64 | numpy µs | minigrad µs | torch µs | minigrad − numpy µs | target |",
             "|---|---|---|---|---|---|"]
    for case in OP_CASES:
        t = times.get(case.key)
        if t is None:
            continue
        mine = statistics.median(t["minigrad"]) * 1e6
        overhead = statistics.median(a - b for a, b in zip(t["minigrad"], t["floor"])) * 1e6
        target = FORWARD_BACKWARD_TARGET_US if case.backward else FORWARD_TARGET_US
        lines.append(f"| {case.key} | {us(t['floor'])} | {mine:.1f} | {us(t['torch']) if has_torch else '–'} | "
                     f"{overhead:.1f} | ≤ {target:g} µs {verdict(mine <= target)} |")
    return lines


def agreement(workers: dict, cases: list) -> str:
    """A sentence: how closely each system's first losses match the floor's, per dtype."""
    worst = {}
    for case in cases:
        losses = {name: worker.ask(check=case.key, steps=CHECK_STEPS)["losses"] for name, worker in workers.items()}
        for name in workers:
            for a, b in zip(losses[name], losses["floor"]):
                worst[case.dtype] = max(worst.get(case.dtype, 0.0), abs(a - b) / abs(b))
    within = " and ".join(f"{value:.0e} in {dtype}" for dtype, value in worst.items())
    return (f"Same initial weights and batches in every system: the losses of the first {CHECK_STEPS} "
            f"steps agree with the floor's to a relative {within}.")


def machine(info: dict, threads: int) -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                 if line.startswith("model name")]
        model = names[0] if names else model
    versions = {k: v for worker in info.values() for k, v in worker["versions"].items()}
    blas = ", ".join(sorted({f"{api} {version}" for worker in info.values()
                             for api, (_, version) in worker["threads"].items() if version}))
    return (f"{os.cpu_count()} cores ({model}); "
            + ", ".join(f"{k} {v}" for k, v in versions.items())
            + f" ({blas}); {threads} thread(s) per process")


def main(argv=None):
    parser = argparse.ArgumentParser(description="minigrad against a numpy floor and PyTorch CPU.")
    parser.add_argument("--quick", action="store_true", help="5 short rounds (~30 s): a first look, noisier")
    parser.add_argument("--rounds", type=int, help="alternated rounds (default 15; --quick 5)")
    parser.add_argument("--seconds", type=float, help="length of one sample in seconds (default 0.15; --quick 0.03)")
    parser.add_argument("--threads", type=int, default=1, help="threads per process (default 1)")
    parser.add_argument("--only", choices=("training", "ops"), help="run one of the two tables")
    parser.add_argument("--default-malloc", action="store_true",
                        help="leave glibc's malloc as it is (large steps then page-fault on every array)")
    args = parser.parse_args(argv)
    rounds = args.rounds or (5 if args.quick else 15)
    if rounds < 2:
        parser.error("--rounds must be at least 2 (the table shows quartiles over the rounds).")
    seconds = args.seconds or (0.03 if args.quick else 0.15)
    systems = [s for s in SYSTEMS if s != "torch" or importlib.util.find_spec("torch")]
    training = [] if args.only == "ops" else TRAINING_CASES
    ops = [] if args.only == "training" else OP_CASES

    load_before = os.getloadavg()
    workers = {name: WorkerProcess(name, args.threads, not args.default_malloc) for name in systems}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = str(Path(tmp) / "workload.npz")
            write(path, training)
            info = {name: worker.ask(load=path) for name, worker in workers.items()}
            checks = agreement(workers, training)
            times = measure(workers, [case.key for case in training + ops], rounds, seconds)
    finally:
        for worker in workers.values():
            worker.close()
    load_after = os.getloadavg()

    has_torch = "torch" in workers
    print(f"# minigrad benchmarks, {datetime.date.today().isoformat()}\n")
    print(f"Machine: {machine(info, args.threads)}. Load average (1 min) {load_before[0]:.2f} before, "
          f"{load_after[0]:.2f} after. {rounds} rounds of {seconds:g} s samples; medians. "
          f"{'glibc malloc defaults' if args.default_malloc else 'malloc keeps freed memory (MALLOC_*_THRESHOLD_)'}.\n")
    if not has_torch:
        print("PyTorch is not installed: its columns are empty.\n")
    if training:
        print("\n".join(training_table(times, has_torch)) + "\n")
        print(checks + "\n")
    if ops:
        print("\n".join(op_table(times, has_torch)) + "\n")
    command = " ".join(["PYTHONPATH=. python -m bench", *(sys.argv[1:] if argv is None else argv)])
    print(f"Reproduce: `{command}`.")


if __name__ == "__main__":
    main()
