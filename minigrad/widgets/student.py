"""Train with a student's backward functions, given as {op name: function}.

The functions have the exercise signatures of docs/exercises.md (plain read-only arrays in,
arrays out, e.g. `sigmoid_backward(x, out, grad_output)`). Each is called through
`minigrad.guarded` (the checks' time limit, an output cap) and
`minigrad.use_student_backward(..., checked=True)`: an error, a time-out or a bad gradient
stops training with a `BackwardFailed` naming the op and the function, instead of a
traceback deep inside the engine, a hung kernel, or a model quietly trained on garbage.
"""
from __future__ import annotations

from contextlib import ExitStack, contextmanager

from ..guard import guarded
from ..registry import REGISTRY
from ..swap import use_student_backward


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
    """Inside this block each op in `functions` backpropagates with the guarded, checked student function."""
    with ExitStack() as stack:
        for op, fn in functions.items():
            stack.enter_context(use_student_backward(op, guarded(fn), checked=True))
        yield
