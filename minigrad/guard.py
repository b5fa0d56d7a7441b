"""Call a student's function from a notebook under the limits the checks use.

    @guarded
    def numerical_derivative(f, x, h=1e-5):
        ...

Every call of a guarded function — in a "Try it" cell, a demo cell, an explorer, or inside the
engine as a swapped backward — runs with a time limit (`minigrad.limits`, the same as the
checks'), and what the function prints goes through a buffer: a cell shows at most
`SHOWN_PER_CELL` characters of a student's output, then one line saying the rest was cut
(outside IPython, each call).
Whatever goes wrong becomes one `StudentCodeError` whose sentence names the function and says
what to do: not written yet (NotImplementedError), an error (with the student's line), no
return within the time limit, `None` returned (a missing `return`), or exit() called.

Inside a check (`autograder`'s collect step) a guarded function runs plainly: the check's own
limits apply and it judges the student's original error. Standard library and minigrad only.
"""
from __future__ import annotations

import contextlib
import functools

from .errors import StudentCodeError, problem_and_todo
from .limits import DEFAULT_TIME_LIMIT, BoundedText, TimeLimitExceeded, is_limited, run_with_time_limit

SHOWN_PER_CELL = 2_000
"""Characters of a student's printed output one notebook cell shows (all guarded calls together)."""

_shown = {"cell": None, "chars": 0, "cut": False}


def guarded(fn=None, *, name: str | None = None, time_limit: float = DEFAULT_TIME_LIMIT):
    """`fn` wrapped so that calling it cannot hang, flood or break the notebook.

    Use as a decorator (`@guarded`) or a call (`guarded(fn)`, `guarded(fn, name="update")`).
    Guarding a guarded function returns it unchanged. `name` is what messages call the
    function (default: its `__name__`); `time_limit` is in seconds per call.
    """
    if fn is None:
        return functools.partial(guarded, name=name, time_limit=time_limit)
    if getattr(fn, "__guarded__", False):
        return fn
    if not callable(fn):
        raise TypeError(f"guarded needs a function, got {type(fn).__name__} (pass the name without brackets).")
    label = name or getattr(fn, "__name__", "(your function)")

    @functools.wraps(fn)
    def call(*args, **kwargs):
        if is_limited():           # inside a check, or a guarded call already: its limits hold
            return fn(*args, **kwargs)
        return _call_with_limits(fn, label, time_limit, args, kwargs)

    call.__guarded__ = True
    return call


def _call_with_limits(fn, label: str, time_limit: float, args, kwargs):
    out = BoundedText(_room_left())
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            result = run_with_time_limit(lambda: fn(*args, **kwargs), time_limit)
    except TimeLimitExceeded:
        raise StudentCodeError(label, f"did not return within {time_limit:g} s (an endless loop?) and was stopped",
                               f"Fix {label}, run its cell, then run this one again.", timed_out=True) from None
    except SystemExit as exit_:
        raise StudentCodeError(label, f"called exit({'' if exit_.code is None else repr(exit_.code)})",
                       f"Remove the exit from {label}, run its cell, then run this one again.") from None
    except StudentCodeError:
        raise
    except Exception as error:
        problem, todo = problem_and_todo(label, error)
        raise StudentCodeError(label, problem, todo, error) from None
    finally:
        _show(out, label)
    if result is None:
        raise StudentCodeError(label, "returned None", f"Make {label} return its result (is a `return` missing?), "
                                               "run its cell, then run this one again.")
    return result


def _cell() -> object:
    """The notebook cell running now (IPython's execution count), or None outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    return None if shell is None else shell.execution_count


def _room_left() -> int:
    """What this cell may still show; outside IPython (no cells) each call has the whole room."""
    cell = _cell()
    if cell is None or cell != _shown["cell"]:
        _shown.update(cell=cell, chars=0, cut=False)
    return max(SHOWN_PER_CELL - _shown["chars"], 0)


def _show(out: BoundedText, label: str) -> None:
    """Print what the call printed, within this cell's room; say once per cell when output was cut."""
    text = out.text()
    if text:
        print(text, end="")
        _shown["chars"] += len(text)
    if out.total > out.kept and not _shown["cut"]:
        _shown["cut"] = True
        print(f"\n[{label} printed more than this cell shows ({SHOWN_PER_CELL:,} characters); the rest is left out.]")
