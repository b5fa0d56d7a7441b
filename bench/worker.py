"""One benchmark process: one system, its thread pools pinned, timing what it is asked to.

    python -m bench.worker {floor|minigrad|torch} --threads 1

The orchestrator (`bench/run.py`) starts one worker per system, so numpy's and PyTorch's
thread pools never share a process, and only one worker computes at any moment (the
others wait on their stdin). Requests and answers are one JSON object per line:

    {"load": path}                      -> {"versions": ..., "threads": ...}
    {"check": key, "steps": k}          -> {"losses": [the losses of the first k steps]}
    {"calibrate": key, "seconds": s}    -> {"iterations": n}   (n runs take about s; warms up)
    {"time": key, "iterations": n}      -> {"seconds": time per run}

Every run of a training case starts again from the initial weights, so with the same n
every system does the same computation: the same n steps on the same batches (carried on
across samples, a faster system would be further into training than a slower one). The
garbage collector stays on, as in a real training loop; it is emptied before a sample.
"""
from __future__ import annotations

import argparse
import gc
import importlib
import itertools
import json
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from .workload import OP_CASES, TRAINING_CASES, TrainingCase, read

SYSTEMS = {"floor": "bench.numpy_floor", "minigrad": "bench.minigrad_system", "torch": "bench.torch_system"}
CASES = {case.key: case for case in TRAINING_CASES + OP_CASES}
WARM_UP_FRACTION = 0.1  # runs before each sample, as a fraction of its length (caches go cold while waiting)


class Worker:
    """Builds the cases of one system and times them."""

    def __init__(self, system: str, threads: int):
        self.system = system
        self.module = importlib.import_module(SYSTEMS[system])
        threadpool_limits(limits=threads)  # after the import: torch brings its own OpenMP pool
        if system == "torch":
            import torch

            torch.set_num_threads(threads)
            torch.set_num_interop_threads(1)
        self.workload = None
        self.inputs = {}

    def load(self, path: str) -> dict:
        self.workload = path
        versions = {"python": sys.version.split()[0], "numpy": np.__version__}
        threads = {info["internal_api"]: (info["num_threads"], info.get("version")) for info in threadpool_info()}
        if self.system == "torch":
            import torch

            versions["torch"] = torch.__version__
            threads["torch"] = (torch.get_num_threads(), None)
        return {"versions": versions, "threads": threads}

    def fresh_step(self, case: TrainingCase):
        """A training step from the initial weights, and the batches as this system takes them."""
        if case.key not in self.inputs:
            batches, weights = read(self.workload, case)
            self.inputs[case.key] = [self.module.batch(X, y) for X, y in batches], weights
        batches, weights = self.inputs[case.key]
        return self.module.training_step(weights), batches

    def fresh_run(self, key: str):
        """A function n -> None running the case n times, a training case from its initial weights."""
        case = CASES[key]
        if isinstance(case, TrainingCase):
            step, batches = self.fresh_step(case)

            def run(n):
                for X, y in itertools.islice(itertools.cycle(batches), n):
                    step(X, y)
        else:
            call = self.module.op(case)

            def run(n):
                for _ in itertools.repeat(None, n):
                    call()
        return run

    def check(self, key: str, steps: int) -> dict:
        step, batches = self.fresh_step(CASES[key])
        return {"losses": [step(X, y).item() for X, y in batches[:steps]]}

    def time(self, key: str, iterations: int) -> dict:
        self.fresh_run(key)(max(1, int(iterations * WARM_UP_FRACTION)))
        run = self.fresh_run(key)
        gc.collect()
        start = time.perf_counter()
        run(iterations)
        return {"seconds": (time.perf_counter() - start) / iterations}

    def calibrate(self, key: str, seconds: float) -> dict:
        """How many runs take about `seconds`, measured after warming up for as long.

        The warm-up absorbs one-time costs (PyTorch's first backward takes ~0.4 s).
        Then n doubles until n runs take a tenth of `seconds`, and is scaled up.
        """
        run = self.fresh_run(key)
        start = time.perf_counter()
        while time.perf_counter() - start < seconds:
            run(1)
        n = 1
        while True:
            run = self.fresh_run(key)
            start = time.perf_counter()
            run(n)
            elapsed = time.perf_counter() - start
            if elapsed >= seconds / 10:
                return {"iterations": max(1, round(n * seconds / elapsed))}
            n *= 2

    def serve(self, requests, answers) -> None:
        for line in requests:
            request = json.loads(line)
            if "load" in request:
                answer = self.load(request["load"])
            elif "check" in request:
                answer = self.check(request["check"], request["steps"])
            elif "calibrate" in request:
                answer = self.calibrate(request["calibrate"], request["seconds"])
            else:
                answer = self.time(request["time"], request["iterations"])
            answers.write(json.dumps(answer) + "\n")
            answers.flush()


def main():
    parser = argparse.ArgumentParser(description="one benchmark worker (started by bench/run.py)")
    parser.add_argument("system", choices=sorted(SYSTEMS))
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    Worker(args.system, args.threads).serve(sys.stdin, sys.stdout)


if __name__ == "__main__":
    main()
