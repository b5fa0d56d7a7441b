"""The grader's side of `collector.py`: a warm sandbox collects a submission's exercises,
then runs the feedback run's kernels (and serves the worker's next submissions: `reuse.py`).

    with WarmSandbox(workspace) as sandbox:
        outcomes, problem, cell_errors, seconds = sandbox.collect(exercise, "sigmoid_backward", cells, calls)
        ...
        sandbox.start_kernel(connection_file)       # for nbgrader's feedback run (kernel.py)

The sandbox starts once (Python, numpy, IPython, matplotlib, ipykernel) and forks a
collector per exercise, and a kernel per notebook of the feedback run; each exercise gets
its own library (the engine without that exercise's code),
sent to its collector only after the warm process has said that collector started, and
the calls' arguments only after the student's cells have run. The conversation is checked
strictly: the warm process's own messages (`warm`, `started`, `ended`) must come in order,
and whatever a collector writes arrives wrapped (`{"collector": line}`), so it cannot pass
for them. An exercise whose collector does not deliver — a crash, the wall time, the
output limit, a message out of turn, a sandbox that could not be emptied — costs that
exercise, with the reason, and the next exercise gets a fresh sandbox.
"""
from __future__ import annotations

import base64
import json
import pickle
import shutil
import signal
import time

from ..collecting import Outcome
from ..collecting.outcomes_json import outcome_from_plain
from .sandbox import Sandbox

CELL_SECONDS = 10.0     # one code cell of the student's notebook
CELLS_SECONDS = 45.0    # all the cells before the exercise's test cell
CALL_SECONDS = 2.0      # one call of the student's function
GOODBYE_SECONDS = 2.0   # for the warm process to end by itself


class Broken(Exception):
    """The sandbox cannot go on: why, in words for the instructor and the student."""


class Lost(Broken):
    """The exercise's collector ended without outcomes, but the sandbox is clean and goes on."""


class WarmSandbox:
    """The sandbox that collects one notebook's exercises (see the module's docstring)."""

    def __init__(self, workspace):
        self.workspace = workspace
        self.session = None
        self.work = None
        self.channels = None   # the kernels' sockets: a folder shared with the sandbox
        self.starts = 0
        self._cpu_stopped = 0.0   # what the stopped sandboxes reported using (their processes are not the grader's)
        self._cpu_running = 0.0   # what the running one reported last

    @property
    def cpu_seconds(self) -> float:
        """CPU time the sandboxes used, as their warm processes reported it (after each
        exercise and kernel, and when they stopped gracefully)."""
        return self._cpu_stopped + self._cpu_running

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop(graceful=True)

    def collect(self, exercise, function: str, code_cells: list, calls: list):
        """(outcomes, problem or None, the cells' errors, seconds) — always one outcome per call."""
        started = time.monotonic()
        deadline = started + self.workspace.limits.wall_seconds
        state = {"ready": None, "outcomes": None}
        try:
            if self.session is None:
                self._start(deadline)
            self.session.send(b"collect\n")
            self._expect("started", deadline, state)
            job = {"library": self.workspace.library(exercise), "cells": code_cells, "function": function,
                   "cell_seconds": CELL_SECONDS, "cells_seconds": CELLS_SECONDS, "time_limit": CALL_SECONDS}
            self.session.send(json.dumps(job).encode() + b"\n")
            outcomes = self._converse(calls, deadline, state)
            self._expect("ended", deadline, state)
        except Broken as err:
            if not isinstance(err, Lost):
                self.stop()
            problem = str(err)
            failed = Outcome("exited", error=f"stopped the grading process: {problem}")
            return [failed] * len(calls), problem, _cell_errors(state), time.monotonic() - started
        return outcomes, None, _cell_errors(state), time.monotonic() - started

    def ensure_started(self) -> None:
        """Start the sandbox if it is not running (raises Broken if it cannot)."""
        if self.session is None:
            self._start(time.monotonic() + self.workspace.limits.wall_seconds)

    def start_kernel(self, connection_file: str) -> None:
        """Fork a Jupyter kernel with the whole engine (and no answer of the checks), which
        reads `connection_file` (in `channels`); raises Broken if the sandbox cannot."""
        deadline = time.monotonic() + self.workspace.limits.wall_seconds
        state = {"ready": None}
        if self.session is None:
            self._start(deadline)
        self.session.send(b"kernel\n")
        self._expect("started", deadline, state)
        job = {"library": self.workspace.library(None), "connection_file": connection_file}
        self.session.send(json.dumps(job).encode() + b"\n")

    def kernel_ended(self, wait: bool = False) -> int | None:
        """The kernel's exit code once it has ended (and the sandbox has been emptied), None
        while it runs; a sandbox that stopped reads as a kernel killed (-9)."""
        deadline = time.monotonic() + (self.workspace.limits.wall_seconds if wait else 0)
        while self.session is not None:
            line = self.session.next_line(deadline)
            if line is None:
                if wait or self.session.ended or self.session.problem:
                    break
                return None
            message = _message(line)
            if message is not None and "ended" in message and "collector" not in message:
                self._note_cpu(message)
                code = message["ended"]
                if message.get("clean") is True and isinstance(code, int):
                    return code
                break
        self.stop()
        return -9

    def stop(self, graceful: bool = False) -> None:
        """End the sandbox and everything in it (a new one starts when needed). `graceful`:
        first let the warm process end by itself and report its CPU time (when it is idle)."""
        if self.session is not None:
            if graceful and not self.session.ended:
                self.session.close_input()
                deadline = time.monotonic() + GOODBYE_SECONDS
                while (line := self.session.next_line(deadline)) is not None:
                    self._note_cpu(_message(line))
            self.session.finish()
            self.session = None
            self._cpu_stopped += self._cpu_running
            self._cpu_running = 0.0
        for folder in (self.work, self.channels):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
        self.work = self.channels = None

    # ----- the conversation ----------------------------------------------------------------------
    def _start(self, deadline: float) -> None:
        workspace = self.workspace
        self.work = workspace.work_folder()
        self.channels = workspace.work_folder()
        program = workspace.program()
        sandbox = Sandbox(program, self.work, workspace.limits, shared=(self.channels,), uid=workspace.uid)
        argv = [sandbox.python(), sandbox.inside(program / "collector.py"), "--channels", str(self.channels)]
        self.session = sandbox.start(argv + (["--own-pid-namespace"] if sandbox.isolated else []))
        self.starts += 1
        self._expect("warm", deadline, {"ready": None})

    def _converse(self, calls: list, deadline: float, state: dict) -> list:
        """The collector's part: `ready` (then the calls go out), then `outcomes`."""
        while True:
            kind, message = self._next(deadline, state)
            if kind == "ended" and message.get("clean") is True:
                raise Lost(_ended(message.get("ended"), state))
            if kind != "collector":
                raise Broken("the sandbox answered out of turn")
            if state["ready"] is None and message.get("ready") is True:
                state["ready"] = message
                self.session.send(base64.b64encode(pickle.dumps(calls)) + b"\n")
            elif state["ready"] is not None and "outcomes" in message:
                outcomes = _read_outcomes(message["outcomes"], len(calls))
                if outcomes is None:
                    raise Broken("it sent back outcomes the grader could not read")
                return outcomes

    def _expect(self, kind: str, deadline: float, state: dict) -> None:
        """The warm process's next own message must be `kind` (lines of a collector that is
        ending are passed over)."""
        while True:
            got, message = self._next(deadline, state)
            if got == kind and (kind != "ended" or message.get("clean") is True):
                return
            if got == kind == "ended":
                raise Broken("the sandbox could not empty its folders after the run")
            if got != "collector" or kind != "ended":
                raise Broken("the sandbox answered out of turn")

    def _next(self, deadline: float, state: dict) -> tuple:
        """(kind, message) of the next well-formed message: kind is "collector" (the inner
        message) or the warm process's own ("warm", "started", "ended")."""
        while True:
            line = self.session.next_line(deadline)
            if line is None:
                raise Broken(self._why_stopped(state))
            message = _message(line)
            if message is None:
                continue
            if "collector" in message:
                inner = _message(str(message["collector"]).encode())
                if inner is not None:
                    return "collector", inner
                continue
            for kind in ("warm", "started", "ended"):
                if kind in message:
                    self._note_cpu(message)
                    return kind, message

    def _note_cpu(self, message) -> None:
        """The warm process's own messages carry the CPU time its sandbox used so far."""
        if message is not None and "collector" not in message and isinstance(message.get("cpu"), (int, float)):
            self._cpu_running = max(self._cpu_running, float(message["cpu"]))

    def _why_stopped(self, state: dict) -> str:
        session = self.session
        if session.problem:
            return session.problem
        if not session.ended:
            return f"it ran longer than {self.workspace.limits.wall_seconds:g} s in all"
        finished = session.finish()
        said = finished.stderr_tail.decode(errors="replace").strip().splitlines()
        last = f": {said[-1][:200]}" if said and state["ready"] is None else ""
        return _ended(finished.returncode, state) + last

def _ended(code, state: dict) -> str:
    """Why no outcomes came back, in words an instructor and a student understand."""
    where = "while the notebook's cells ran" if state["ready"] is None else "while your function was being called"
    if isinstance(code, int) and code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        hint = {"SIGKILL": " (killed: too much memory, or it killed itself)",
                "SIGXCPU": " (it used up its CPU time)", "SIGSEGV": " (a crash in compiled code)"}.get(name, "")
        return f"the process ended with {name}{hint} {where}"
    return f"the process ended (exit code {code}) {where}"


def _cell_errors(state: dict) -> list:
    return [str(e)[:300] for e in (state["ready"] or {}).get("cell_errors", [])[:20] if isinstance(e, str)]


def _message(line: bytes):
    try:
        message = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    return message if isinstance(message, dict) else None


def _read_outcomes(plain, count: int):
    if not isinstance(plain, list) or len(plain) != count:
        return None
    try:
        return [outcome_from_plain(item) for item in plain]
    except ValueError:
        return None
