"""Run a student's code with limits, and keep only plain data of what happened.

    outcome = run_limited(lambda: describe(fn(x, out, g)), time_limit=2.0)

Limits (from `minigrad.limits`, which the notebooks' `minigrad.guarded` shares): a time limit
(SIGALRM in the main thread; a watchdog thread elsewhere), captured and truncated output
(print, warnings), and every exception caught — with the line of the
student's code it came from. The task passed in should both call the student's function
*and* turn its result into plain data, so that nothing of the student's objects (an
ndarray subclass, an object with a strange `__array__`) is touched outside the limits.
"""
from __future__ import annotations

import contextlib
import linecache
import os
import traceback
import warnings

import numpy as np

import minigrad
from minigrad.errors import StudentCodeError
from minigrad.limits import DEFAULT_TIME_LIMIT, BoundedText, TimeLimitExceeded, run_with_time_limit

from .values import Outcome

KEEP_PRINTED = 2_000          # characters of printed output kept for the report
TOO_MUCH_PRINTED = 100_000    # printing more than this in one call fails the case

_CHECKER = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep   # autograder/
_LIBRARIES = tuple(os.path.dirname(os.path.abspath(m)) + os.sep for m in
                   (np.__file__, contextlib.__file__, minigrad.__file__))


def run_limited(task, time_limit: float = DEFAULT_TIME_LIMIT) -> Outcome:
    """Run `task()` (which calls student code) with a time limit and captured output; its
    return value (plain data) becomes the outcome's `value`."""
    out = BoundedText(KEEP_PRINTED)
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        warnings.simplefilter("always")
        try:
            outcome = Outcome("returned", run_with_time_limit(task, time_limit))
        except TimeLimitExceeded:
            outcome = Outcome("timeout", error=f"did not return within {time_limit:g} s")
        except SystemExit as err:
            outcome = Outcome("exited", error=f"called exit({err.code!r})" if err.code is not None else "called exit()")
        except KeyboardInterrupt:
            raise
        except Exception as err:  # noqa: BLE001 - any error of the student's code is a result
            if isinstance(err, StudentCodeError) and err.error is not None:   # the engine's wrapper: judge the original
                err = err.error
            outcome = Outcome("raised", error=_one_line(err), where=_student_line(err))
    outcome.printed = out.text()
    outcome.printed_chars = out.total
    outcome.warnings = tuple(f"{w.category.__name__}: {w.message}" for w in caught)[:20]
    return outcome


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
