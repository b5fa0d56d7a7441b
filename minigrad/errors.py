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
    """A student's backward for `op` raised or returned something unusable (`problem`, no final period)."""

    def __init__(self, op: str, problem: str):
        super().__init__(f"your {op} backward {problem}")
        self.op = op
        self.problem = problem


class StudentBackwardError(BackwardFailed):
    """The student's function `function`, swapped into the engine as op `op`'s backward
    (`minigrad.use_student_backward`), raised `error` (kept as `.error`, with its traceback).

    One sentence names the student's function and says what to do. In IPython,
    `_render_traceback_` shows it below the frames of the student's own code only (the cell
    that ran the engine, the lines of their function), none from inside the engine.
    """

    def __init__(self, op: str, function: str, error: Exception):
        if isinstance(error, NotImplementedError):
            problem = "is not written yet: it raises NotImplementedError"
            todo = f"Write {function} in its cell, run that cell, then run this one again."
        else:
            where = _deepest_user_line(error)
            problem = f"raised {error_text(error)}" + (f" ({where})" if where else "")
            todo = (f"Fix {function} (call it by itself on small arrays to see what goes wrong), "
                    "run its cell, then run this one again.")
        MinigradError.__init__(self, f"Your function {function}, which the engine uses here as the "
                                     f"backward of {op}, {problem}. {todo}")
        self.op = op
        self.problem = problem
        self.function = function
        self.error = error

    def _render_traceback_(self) -> list:
        frames = _user_frames(self.__traceback__) + _user_frames(self.error.__traceback__)
        lines = []
        if frames:
            lines.append("Traceback (your code only; the engine's own lines are left out):")
            for frame in frames:
                lines.append(f"  {_place(frame.filename)}, line {frame.lineno}, in {frame.name}")
                if frame.line:
                    lines.append(f"    {frame.line.strip()}")
        return lines + [f"{type(self).__name__}: {self}"]


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
