"""Errors that minigrad raises, worded for a student reading them in a notebook."""
import os
import sys
import sysconfig
import traceback


class MinigradError(Exception):
    """Base class of minigrad's own error types (bad data types stay plain TypeErrors)."""


class ShapeError(MinigradError, ValueError):
    """Inputs whose shapes do not fit the operation (or a gradient of the wrong shape)."""


class InvalidValueError(MinigradError, ValueError):
    """An argument of the right shape and type whose values make no sense (e.g. a label >= classes)."""


class GradientError(MinigradError, RuntimeError):
    """`backward()` asked for something the graph cannot give."""


class BackwardFailed(MinigradError):
    """A student's backward for `op` raised or returned something unusable (`problem`, no final period).

    With `function` (the student's function's name) the message names it too; `cause` is the
    `StudentCodeError` of a guarded function, if that is what failed.
    """

    def __init__(self, op: str, problem: str, function: str | None = None, cause=None):
        who = f"{function} (the {op} backward)" if function else f"{op} backward"
        super().__init__(f"your {who} {problem}")
        self.op = op
        self.problem = problem
        self.function = function
        self.cause = cause


class StudentCodeError(MinigradError):
    """The student's function `function` failed where the notebook or the engine called it.

    The message is one sentence that names the function, says what went wrong (`problem`)
    and what to do (`todo`); `error` is the student's original exception (None for a time-out
    or a missing return value). In IPython, `_render_traceback_` shows it below the frames of
    the student's own code only (their cell, the lines of their function), none of the kit's.
    """

    def __init__(self, function: str, problem: str, todo: str, error: BaseException | None = None,
                 timed_out: bool = False):
        super().__init__(f"Your function {function} {problem}. {todo}")
        self.function = function
        self.problem = problem
        self.error = error
        self.timed_out = timed_out

    @property
    def not_written(self) -> bool:
        """The function is still the notebook's stub (it raises NotImplementedError)."""
        return isinstance(self.error, NotImplementedError)

    def _render_traceback_(self) -> list:
        frames = _user_frames(self.__traceback__)
        if self.error is not None:
            frames += _user_frames(self.error.__traceback__)
        lines = []
        if frames:
            lines.append("Traceback (your code only; the engine's own lines are left out):")
            for frame in frames:
                lines.append(f"  {_place(frame.filename)}, line {frame.lineno}, in {frame.name}")
                if frame.line:
                    lines.append(f"    {frame.line.strip()}")
        return lines + [f"{type(self).__name__}: {self}"]


def problem_and_todo(function: str, error: BaseException) -> tuple:
    """What a student's error means and what to do about it, in the words every message uses."""
    if isinstance(error, NotImplementedError):
        return ("is not written yet: it raises NotImplementedError",
                f"Write {function} in its cell, run that cell, then run this one again.")
    where = _deepest_user_line(error)
    return (f"raised {error_text(error)}" + (f" ({where})" if where else ""),
            f"Fix {function} (call it by itself on small arrays to see what goes wrong), "
            "run its cell, then run this one again.")


class StudentBackwardError(BackwardFailed, StudentCodeError):
    """The student's function `function`, swapped into the engine as op `op`'s backward
    (`minigrad.use_student_backward`), raised `error` (kept as `.error`, with its traceback).

    One sentence names the student's function and says what to do; it renders like any
    `StudentCodeError` (the student's lines only, none from inside the engine).
    """

    def __init__(self, op: str, function: str, error: Exception):
        problem, todo = problem_and_todo(function, error)
        StudentCodeError.__init__(self, f"{function}, which the engine uses here as the backward of {op},",
                                  problem, todo, error)
        self.op = op
        self.function = function


def _place(filename: str) -> str:
    """'Cell In[3]' for a notebook cell (as IPython names it), else 'File "path"'."""
    try:
        from IPython import get_ipython
        label = get_ipython().compile.format_code_name(filename)
    except Exception:   # noqa: BLE001 - outside IPython, or an IPython without the method
        label = None
    return f"{label[0]} {label[1]}" if label else f'File "{filename}"'


_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep
_LIBRARIES = tuple({os.path.abspath(p) + os.sep for p in
                    [sys.prefix, sys.base_prefix, sys.exec_prefix,
                     *(sysconfig.get_paths().get(k, "") for k in ("stdlib", "purelib", "platlib"))] if p})


def _is_users(filename: str) -> bool:
    """Not minigrad's own code, nor the standard library's or an installed package's."""
    if filename.startswith("<frozen"):
        return False
    path = os.path.abspath(filename)
    return not path.startswith(_PACKAGE) and not path.startswith(_LIBRARIES)


def _user_frames(tb) -> list:
    return [f for f in traceback.extract_tb(tb) if _is_users(f.filename)]


def _deepest_user_line(error: BaseException) -> str:
    frames = _user_frames(error.__traceback__)
    if not frames:
        return ""
    frame = frames[-1]
    return f"line {frame.lineno} of {frame.name}" + (f": {frame.line.strip()}" if frame.line else "")


def error_text(error: BaseException) -> str:
    """'ZeroDivisionError: division by zero', or just the type when the error has no message."""
    text = str(error).strip().rstrip(".")
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def describe_shapes(arrays) -> str:
    """'(3, 2) and (4,)' — the shapes of the given arrays, for error messages."""
    shapes = [str(tuple(getattr(a, "shape", ()))) for a in arrays]
    if len(shapes) <= 1:
        return "".join(shapes)
    return ", ".join(shapes[:-1]) + " and " + shapes[-1]
