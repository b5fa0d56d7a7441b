"""Run a student's code with limits, and keep only plain data of what happened.

    outcome = run_limited(lambda: describe(fn(x, out, g)), time_limit=2.0)

Limits: a time limit (SIGALRM in the main thread; a watchdog thread elsewhere), captured
and truncated output (print, warnings), and every exception caught — with the line of the
student's code it came from. The task passed in should both call the student's function
*and* turn its result into plain data, so that nothing of the student's objects (an
ndarray subclass, an object with a strange `__array__`) is touched outside the limits.
"""
from __future__ import annotations

import contextlib
import io
import linecache
import os
import signal
import sys
import threading
import traceback
import warnings

import numpy as np

import minigrad
from minigrad.errors import StudentBackwardError

from .values import Outcome

DEFAULT_TIME_LIMIT = 2.0      # seconds for one call of the student's function
KEEP_PRINTED = 2_000          # characters of printed output kept for the report
TOO_MUCH_PRINTED = 100_000    # printing more than this in one call fails the case

_CHECKER = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep   # autograder/
_LIBRARIES = tuple(os.path.dirname(os.path.abspath(m)) + os.sep for m in
                   (np.__file__, contextlib.__file__, minigrad.__file__))


class TimeLimitExceeded(BaseException):
    """Raised into the student's code when its time is up (a BaseException, so a bare
    `except Exception` in the student's loop does not swallow it; for a bare `except:`
    see `_with_alarm`)."""


class _BoundedText(io.TextIOBase):
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


def run_limited(task, time_limit: float = DEFAULT_TIME_LIMIT) -> Outcome:
    """Run `task()` (which calls student code) with a time limit and captured output; its
    return value (plain data) becomes the outcome's `value`."""
    out = _BoundedText(KEEP_PRINTED)
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        warnings.simplefilter("always")
        try:
            outcome = Outcome("returned", _with_time_limit(task, time_limit))
        except TimeLimitExceeded:
            outcome = Outcome("timeout", error=f"did not return within {time_limit:g} s")
        except SystemExit as err:
            outcome = Outcome("exited", error=f"called exit({err.code!r})" if err.code is not None else "called exit()")
        except KeyboardInterrupt:
            raise
        except Exception as err:  # noqa: BLE001 - any error of the student's code is a result
            if isinstance(err, StudentBackwardError):   # raised inside the engine: judge the original
                err = err.error
            outcome = Outcome("raised", error=_one_line(err), where=_student_line(err))
    outcome.printed = out.text()
    outcome.printed_chars = out.total
    outcome.warnings = tuple(f"{w.category.__name__}: {w.message}" for w in caught)[:20]
    return outcome


def _with_time_limit(task, seconds: float):
    if _can_use_alarm():
        return _with_alarm(task, seconds)
    return _with_watchdog(task, seconds)


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


ALARMS_BEFORE_TRACING = 4     # alarms the student's code may swallow before every line raises


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
    """Outside the main thread there is no alarm: run in a helper thread and stop waiting.

    A thread cannot be killed, so an endless function keeps running in the background;
    the check itself still finishes and reports the time-out.
    """
    box: dict = {}

    def target():
        try:
            box["result"] = task()
        except BaseException as err:  # noqa: BLE001 - handed over to the calling thread
            box["error"] = err

    worker = threading.Thread(target=target, daemon=True, name="autograder-student-call")
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeLimitExceeded
    if "error" in box:
        raise box["error"]
    return box.get("result")


def _one_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    message = text[0] if text else ""
    if len(message) > 300:
        message = message[:300] + " …"
    return f"{type(err).__name__}: {message}" if message else type(err).__name__


def _student_line(err: BaseException) -> str | None:
    """The deepest frame of the traceback that is not the checker's, numpy's or the stdlib's."""
    frames = traceback.extract_tb(err.__traceback__)
    theirs = [f for f in frames if _is_students(f.filename)]
    frame = theirs[-1] if theirs else None
    if frame is None:
        return None
    code = (frame.line or linecache.getline(frame.filename, frame.lineno) or "").strip()
    where = f"line {frame.lineno}, in {frame.name}"
    return f"{where}: {code}" if code else where


def _is_students(filename: str) -> bool:
    if filename.startswith("<frozen"):
        return False
    path = os.path.abspath(filename)
    return not path.startswith(_CHECKER) and not path.startswith(_LIBRARIES)
