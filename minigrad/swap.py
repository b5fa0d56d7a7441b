"""Run the engine with one op's backward (or forward) replaced — then put it back.

    with minigrad.use_backward("sigmoid", my_sigmoid_backward):
        loss = model(x).mean(); loss.backward()     # every sigmoid node uses yours

The replacement has the op's own signature, `fn(ctx, grad_output)`: `ctx.inputs` are the
input arrays, `ctx.output` the forward's result, `ctx.saved` what forward saved and
`ctx.params` its keyword arguments. The original is restored when the block ends, also
when the body raises. This is what the exercise checks and the grader are built on.
"""
from __future__ import annotations

from contextlib import contextmanager

import numpy as np

from .errors import GradientError
from .registry import get_op


@contextmanager
def _replace(op_name: str, method: str, fn):
    if not callable(fn):
        raise TypeError(f"use_{method}({op_name!r}, fn) needs a function, got {type(fn).__name__}.")
    op = get_op(op_name)
    original = op.__dict__[method]
    setattr(op, method, staticmethod(fn))
    try:
        yield op
    finally:
        setattr(op, method, original)


def use_backward(op_name: str, fn):
    """Context manager: op `op_name` uses `fn(ctx, grad_output)` as its backward."""
    return _replace(op_name, "backward", fn)


def use_forward(op_name: str, fn):
    """Context manager: op `op_name` uses `fn(ctx, *arrays, **params)` as its forward."""
    return _replace(op_name, "forward", fn)


def read_only(array):
    """A read-only view: a backward that writes into its inputs fails loudly instead."""
    if isinstance(array, np.ndarray):
        view = array.view()
        view.setflags(write=False)
        return view
    return array


def student_arguments(ctx, grad_output) -> tuple:
    """The plain arrays a course exercise's backward receives, all read-only.

    The inputs, then what the op declares (`Op.student_gets_output`, `Op.student_gets_params`),
    then grad_output. Elementwise ops (sigmoid, tanh, relu, exp, log, ...): (x, out, G).
    cross_entropy: (logits, labels, G). Every other op: (*inputs, G), e.g. mul (a, b, G),
    matmul (A, B, G), linear (x, W, b, G), mse_loss (pred, target, G).
    """
    op = ctx.op
    arrays = ctx.inputs
    if op.student_gets_output:
        arrays += (ctx.output,)
    arrays += tuple(ctx.params[name] for name in op.student_gets_params)
    return tuple(read_only(a) for a in arrays) + (read_only(grad_output),)


def use_student_backward(op_name: str, fn):
    """Like `use_backward`, for a function written on plain arrays (see `student_arguments`).

        def sigmoid_backward(x, out, grad_output):
            return grad_output * out * (1 - out)

        with use_student_backward("sigmoid", sigmoid_backward):
            ...   # the engine now backpropagates through sigmoid with your function

    For an op that declares `student_returns_first_gradient_only` (mse_loss), `fn` returns
    the first input's gradient alone and the other inputs must not need one.
    """
    name = getattr(fn, "__name__", "student_backward")

    def backward(ctx, grad_output):
        result = fn(*student_arguments(ctx, grad_output))
        if ctx.op.student_returns_first_gradient_only and not isinstance(result, (tuple, list)):
            if any(ctx.needs_input_grad[1:]):
                raise GradientError(
                    f"{name} returns the gradient of the predictions only, but the "
                    f"{op_name} target here requires a gradient too. Make the target a constant "
                    "(a Tensor without requires_grad), or use the engine's own backward.")
            result = (result,) + (None,) * (len(ctx.parents) - 1)
        return result

    backward.__name__ = name
    return use_backward(op_name, backward)
