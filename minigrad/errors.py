"""Errors that minigrad raises, worded for a student reading them in a notebook."""


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
