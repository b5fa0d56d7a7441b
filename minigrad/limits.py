"""The limits under which a student's code runs: a time limit and a bounded output buffer.

    value = run_with_time_limit(task, seconds=2.0)     # raises TimeLimitExceeded when time is up
    out = BoundedText(keep=2_000)                       # keeps the first 2 000 characters, counts all

Both the checks (`autograder.collecting.runner`) and the notebooks' own calls of a student's
function (`minigrad.guard.guarded`) use them. While `run_with_time_limit` runs a task,
`is_limited()` is true in that thread, so a guarded function called from inside a check runs
plainly under the check's own limits instead of starting a second alarm. Standard library only.
"""
from __future__ import annotations

import io
import signal
import sys
import threading
from contextlib import contextmanager

DEFAULT_TIME_LIMIT = 2.0      # seconds for one call of the student's function
ALARMS_BEFORE_TRACING = 4     # alarms the student's code may swallow before every line raises

_state = threading.local()


class TimeLimitExceeded(BaseException):
    """Raised into the student's code when its time is up (a BaseException, so a bare
    `except Exception` in the student's loop does not swallow it; for a bare `except:`
    see `_with_alarm`)."""


class BoundedText(io.TextIOBase):
    """A text stream that keeps the first `keep` characters and counts the rest."""

    def __init__(self, keep: int):
        self.keep = keep
        self.parts: list[str] = []
        self.kept = 0
        self.total = 0

    def writable(self) -> bool:
        return True

    def write(self, text) -> int:
        text = text if isinstance(text, str) else str(text)
        self.total += len(text)
        room = self.keep - self.kept
        if room > 0:
            piece = text[:room]
            self.parts.append(piece)
            self.kept += len(piece)
        return len(text)

    def flush(self) -> None:
        pass

    def text(self) -> str:
        return "".join(self.parts)


def is_limited() -> bool:
    """True while this thread runs a task under `run_with_time_limit`."""
    return getattr(_state, "depth", 0) > 0


@contextmanager
def _limited():
    _state.depth = getattr(_state, "depth", 0) + 1
    try:
        yield
    finally:
        _state.depth -= 1


def run_with_time_limit(task, seconds: float = DEFAULT_TIME_LIMIT):
    """`task()`, or TimeLimitExceeded raised into it after `seconds`.

    In the main thread a SIGALRM stops the task itself; elsewhere a watchdog stops waiting
    for it (a thread cannot be killed, so the task keeps running in the background).
    """
    def marked():
        with _limited():
            return task()

    if _can_use_alarm():
        return _with_alarm(marked, seconds)
    return _with_watchdog(marked, seconds)


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _with_alarm(task, seconds: float):
    """Run `task` and raise TimeLimitExceeded into it when its time is up.

    The alarm keeps firing every 50 ms after the deadline. Code that swallows it (a bare
    `except:` inside an endless loop) gets a trace function after a few alarms that raises
    on every line it runs, the lines of its `except` blocks included, so the exception
    escapes the loop; the trace is removed before anything else runs.
    """
    armed = [True]
    fired = [0]

    def refuse_every_line(frame, event, arg):
        # raising from a trace function unsets it, so raise on a line (of an except block,
        # say), not on the exception event that delivers the alarm itself
        if armed[0] and event == "line":
            raise TimeLimitExceeded
        return refuse_every_line if armed[0] else None

    def on_alarm(signum, frame):
        if not armed[0]:
            return
        fired[0] += 1
        if fired[0] > ALARMS_BEFORE_TRACING:
            sys.settrace(refuse_every_line)
            while frame is not None and frame.f_code is not _with_alarm.__code__:
                frame.f_trace = refuse_every_line
                frame = frame.f_back
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, on_alarm)
    previous_trace = sys.gettrace()
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
        try:
            return task()
        finally:
            armed[0] = False
            sys.settrace(previous_trace)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _with_watchdog(task, seconds: float):
    """Outside the main thread there is no alarm: run in a helper thread and stop waiting."""
    box: dict = {}

    def target():
        try:
            box["result"] = task()
        except BaseException as err:  # noqa: BLE001 - handed over to the calling thread
            box["error"] = err

    worker = threading.Thread(target=target, daemon=True, name="minigrad-student-call")
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeLimitExceeded
    if "error" in box:
        raise box["error"]
    return box.get("result")
