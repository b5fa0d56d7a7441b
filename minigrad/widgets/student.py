"""Train with a student's backward functions, and name the one that fails.

The functions have the exercise signatures of docs/exercises.md (plain read-only arrays in,
arrays out, e.g. `sigmoid_backward(x, out, grad_output)`); `minigrad.swap.student_arguments`
turns an op's context into those arrays. Each call is checked before the engine uses its
result, so a bad gradient stops training with a sentence instead of a traceback deep
inside the engine, or a model quietly trained on garbage.
"""
from __future__ import annotations

from contextlib import ExitStack, contextmanager

import numpy as np

from ..autograd import unbroadcast
from ..errors import ShapeError
from ..registry import REGISTRY
from ..swap import student_arguments, use_backward
from .base import error_text


class BackwardFailed(Exception):
    """A student's backward for `op` raised or returned something unusable (`problem`, no final period)."""

    def __init__(self, op: str, problem: str):
        super().__init__(f"your {op} backward {problem}")
        self.op = op
        self.problem = problem


def backward_problem(functions) -> str | None:
    """Why `functions` cannot be used as {op name: backward function}, or None."""
    if not isinstance(functions, dict):
        return f"backward must be a dict like {{'sigmoid': sigmoid_backward}}; got {type(functions).__name__}."
    for op, fn in functions.items():
        if op not in REGISTRY:
            return f"backward names an op {op!r} that does not exist; the ops are {', '.join(sorted(REGISTRY))}."
        if not callable(fn):
            return f"backward[{op!r}] must be a function; got {type(fn).__name__}."
    return None


@contextmanager
def student_backward(functions: dict):
    """Inside this block each op in `functions` backpropagates with the checked student function."""
    with ExitStack() as stack:
        for op, fn in functions.items():
            stack.enter_context(use_backward(op, _checked(op, fn)))
        yield


def _checked(op: str, fn):
    def backward(ctx, grad_output):
        arguments = student_arguments(ctx, grad_output)
        try:
            result = fn(*arguments)
        except Exception as error:
            raise BackwardFailed(op, f"raised {error_text(error)}") from None
        return _gradients(op, result, ctx, arguments)

    return backward


def _gradients(op: str, result, ctx, arguments) -> tuple:
    """`result` as one float array per input of the op, or BackwardFailed saying what is wrong."""
    grads = tuple(result) if isinstance(result, (tuple, list)) else (result,)
    expected = len(ctx.parents)
    if len(grads) != expected:
        raise BackwardFailed(op, f"returned {len(grads)} gradient(s); it must return {expected}, one per input")
    checked = []
    for position, (parent, needed, grad) in enumerate(zip(ctx.parents, ctx.needs_input_grad, grads), start=1):
        if not needed:
            checked.append(None)
            continue
        which = f"gradient {position} of {expected}" if expected > 1 else "gradient"
        array = None if grad is None else np.asarray(grad)
        if array is None or array.dtype.kind not in "fiu":
            raise BackwardFailed(op, f"returned {type(grad).__name__} as its {which}; it must be an array of numbers")
        try:
            array = unbroadcast(array, parent.data.shape, op)
        except ShapeError:
            raise BackwardFailed(op, f"returned shape {array.shape} as its {which}, "
                                     f"for an input of shape {parent.data.shape}") from None
        if not np.all(np.isfinite(array)) and _all_finite(arguments):
            raise BackwardFailed(op, f"returned nan or inf in its {which}, although every input was finite")
        checked.append(array.astype(parent.data.dtype, copy=False))
    return tuple(checked)


def _all_finite(arrays) -> bool:
    """No nan or inf in any floating-point array (a NaN gradient from NaN inputs is not the student's fault)."""
    return all(np.all(np.isfinite(a)) for a in arrays if np.asarray(a).dtype.kind == "f")
