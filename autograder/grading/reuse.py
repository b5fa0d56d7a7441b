"""One warm sandbox per grading worker, reused from one submission to the next.

    with SandboxKeeper(limits, per_sandbox=20) as keeper:
        for student in students:
            with keeper.for_submission() as sandbox:   # a collection.WarmSandbox
                ...

Starting a sandbox (bubblewrap, then Python with numpy, IPython, matplotlib and ipykernel)
costs CPU time that a worker keeping its sandbox pays once per `per_sandbox` submissions
(bench/grading.py: 0.3 s of CPU per submission of assignment 03, 1.19 s against 1.02 s of
wall time with two workers). Reusing it is safe for the same reasons that one
sandbox serves every exercise of a submission (`collector.py`): its warm process never runs
student code and cannot be traced or read by it, and after every exercise and every kernel
it kills every other process in the sandbox's own process namespace and empties what
outlives them — the home and /tmp folders, the kernels' socket folder, System V IPC and the
user's keyrings — checks that nothing is left and says so (`clean`) before the grader sends
anything else (a sandbox that is not clean is stopped). So the next
submission starts where the previous one's first exercise started.

A sandbox is replaced by a fresh one after `per_sandbox` submissions (1: a fresh sandbox for
every submission), whenever it stopped (a crash, a time or output limit, a message out of
turn: `collection.Broken`), and always in the weaker mode (no bubblewrap: no process
namespace of its own to reset).

A worker process (`ProcessPoolExecutor`, a dask worker) keeps its sandbox between tasks
(`worker_keeper`); it ends when the process exits, or with the process: bubblewrap's
`--die-with-parent`.
"""
from __future__ import annotations

import contextlib
import multiprocessing.util
import os
import shutil
import tempfile
import threading

from .collection import WarmSandbox
from .judging import Workspace
from .sandbox import Limits

SUBMISSIONS_PER_SANDBOX = 20


class SandboxKeeper:
    """A scratch folder and the warm sandbox that grades one submission after another."""

    def __init__(self, limits: Limits, per_sandbox: int = SUBMISSIONS_PER_SANDBOX):
        if per_sandbox < 1:
            raise ValueError(f"submissions per sandbox must be at least 1, not {per_sandbox}")
        self.scratch = tempfile.mkdtemp(prefix="autograder-")
        os.chmod(self.scratch, 0o755)
        workspace = Workspace(self.scratch, limits)
        self.asked = (limits, per_sandbox)
        self.per_sandbox = per_sandbox if workspace.isolated else 1
        self.sandbox = WarmSandbox(workspace)
        self._served = 0   # submissions the running sandbox has graded

    @contextlib.contextmanager
    def for_submission(self):
        """The warm sandbox for one submission; afterwards, it is stopped when it has served
        `per_sandbox` submissions (the next one starts a fresh sandbox)."""
        if self.sandbox.session is None:
            self._served = 0
        try:
            yield self.sandbox
        finally:
            self._served += 1
            if self._served >= self.per_sandbox:
                self.sandbox.stop(graceful=True)
            if self.sandbox.session is None:
                self._served = 0

    def close(self) -> None:
        self.sandbox.stop(graceful=True)
        shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_local = threading.local()


def worker_keeper(limits: Limits, per_sandbox: int) -> SandboxKeeper:
    """This worker's keeper (one per thread, for these limits), made on first use and closed
    when the process exits."""
    keeper = getattr(_local, "keeper", None)
    if keeper is not None and keeper.asked != (limits, per_sandbox):
        keeper.close()
        keeper = None
    if keeper is None:
        keeper = _local.keeper = SandboxKeeper(limits, per_sandbox)
        # multiprocessing runs these at exit in its worker processes (and, through atexit, in the main one)
        multiprocessing.util.Finalize(keeper, keeper.close, exitpriority=10)
    return keeper
