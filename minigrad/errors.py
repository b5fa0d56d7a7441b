"""Errors that minigrad raises, worded for a student reading them in a notebook."""


class MinigradError(Exception):
    """Base class of minigrad's own error types (bad data types stay plain TypeErrors)."""


class ShapeError(MinigradError, ValueError):
    """Inputs whose shapes do not fit the operation (or a gradient of the wrong shape)."""


class InvalidValueError(MinigradError, ValueError):
    """An argument of the right shape and type whose values make no sense (e.g. a label >= classes)."""


class GradientError(MinigradError, RuntimeError):
    """`backward()` asked for something the graph cannot give."""


def describe_shapes(arrays) -> str:
    """'(3, 2) and (4,)' — the shapes of the given arrays, for error messages."""
    shapes = [str(tuple(getattr(a, "shape", ()))) for a in arrays]
    if len(shapes) <= 1:
        return "".join(shapes)
    return ", ".join(shapes[:-1]) + " and " + shapes[-1]
