"""Run the engine with one op's backward (or forward) replaced — then put it back.

    with minigrad.use_backward("sigmoid", my_sigmoid_backward):
        loss = model(x).mean(); loss.backward()     # every sigmoid node uses yours

The replacement has the op's own signature, `fn(ctx, grad_output)`: `ctx.inputs` are the
input arrays, `ctx.output` the forward's result, `ctx.saved` what forward saved and
`ctx.params` its keyword arguments. The original is restored when the block ends, also
when the body raises. This is what the exercise checks and the grader are built on.
"""
from __future__ import annotations

from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING

import numpy as np

from .autograd import unbroadcast
from .errors import BackwardFailed, GradientError, ShapeError, StudentBackwardError, StudentCodeError, error_text
from .registry import get_op

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import TypeVar

    from .op import Context, Op

    Value = TypeVar("Value")


@contextmanager
def _replace(op_name: str, method: str, fn: Callable) -> Iterator[type[Op]]:
    if not callable(fn):
        raise TypeError(f"use_{method}({op_name!r}, fn) needs a function, got {type(fn).__name__}.")
    op = get_op(op_name)
    original = op.__dict__[method]
    setattr(op, method, staticmethod(fn))
    try:
        yield op
    finally:
        setattr(op, method, original)


def use_backward(op_name: str, fn: Callable[[Context, np.ndarray], object]) -> AbstractContextManager[type[Op]]:
    """Context manager: op `op_name` uses `fn(ctx, grad_output)` as its backward."""
    return _replace(op_name, "backward", fn)


def use_forward(op_name: str, fn: Callable[..., np.ndarray]) -> AbstractContextManager[type[Op]]:
    """Context manager: op `op_name` uses `fn(ctx, *arrays, **params)` as its forward."""
    return _replace(op_name, "forward", fn)


def read_only(array: Value) -> Value:
    """A read-only view: a backward that writes into its inputs fails loudly instead."""
    if isinstance(array, np.ndarray):
        view = array.view()
        view.setflags(write=False)
        return view
    return array


def student_arguments(ctx: Context, grad_output: np.ndarray) -> tuple[np.ndarray, ...]:
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


def use_student_backward(op_name: str, fn: Callable[..., object],
                         checked: bool = False) -> AbstractContextManager[type[Op]]:
    """Like `use_backward`, for a function written on plain arrays (see `student_arguments`).

        def sigmoid_backward(x, out, grad_output):
            return grad_output * out * (1 - out)

        with use_student_backward("sigmoid", sigmoid_backward):
            ...   # the engine now backpropagates through sigmoid with your function

    For an op that declares `student_returns_first_gradient_only` (mse_loss), `fn` returns
    the first input's gradient alone and the other inputs must not need one.

    An error `fn` raises stops the backward pass with a `StudentBackwardError` that names `fn`
    and says what to do (the original is its `.error`); `Tensor.backward` raises it with a
    traceback that starts there, and IPython shows only the student's own lines.

    With `checked=True`, whatever goes wrong in `fn` stops the backward pass with a
    `BackwardFailed` that names the op and says what is wrong, before the engine uses the
    result (see `usable_gradients`): an error it raises, or gradients the engine cannot use.
    The widgets train this way, so a bad gradient becomes a sentence instead of a traceback
    deep inside the engine, or a model quietly trained on garbage.
    """
    name = getattr(fn, "__name__", "student_backward")

    def backward(ctx, grad_output):
        arguments = student_arguments(ctx, grad_output)
        result = _call_reporting_errors(op_name, fn, arguments) if checked else _call(op_name, name, fn, arguments)
        if ctx.op.student_returns_first_gradient_only and not isinstance(result, (tuple, list)):
            if any(ctx.needs_input_grad[1:]):
                raise GradientError(
                    f"{name} returns the gradient of the predictions only, but the "
                    f"{op_name} target here requires a gradient too. Make the target a constant "
                    "(a Tensor without requires_grad), or use the engine's own backward.")
            result = (result,) + (None,) * (len(ctx.parents) - 1)
        return usable_gradients(op_name, result, ctx, arguments, function=name) if checked else result

    backward.__name__ = name
    return use_backward(op_name, backward)


def _call(op_name: str, name: str, fn: Callable[..., object], arguments: tuple) -> object:
    """fn(*arguments); an error it raises becomes one StudentBackwardError naming `name`."""
    try:
        return fn(*arguments)
    except StudentCodeError:   # already names the student's function (a guarded one, say)
        raise
    except Exception as error:
        raise StudentBackwardError(op_name, name, error) from None


def _call_reporting_errors(op_name: str, fn: Callable[..., object], arguments: tuple) -> object:
    try:
        return fn(*arguments)
    except StudentCodeError as error:   # a guarded function: its own words, naming it
        raise BackwardFailed(op_name, error.problem, function=error.function, cause=error) from None
    except Exception as error:
        raise BackwardFailed(op_name, f"raised {error_text(error)}") from None


def usable_gradients(op_name: str, result: object, ctx: Context, arguments: tuple,
                     function: str | None = None) -> tuple[np.ndarray | None, ...]:
    """`result` as one float array per input of the op, or BackwardFailed saying what is wrong
    (naming the student's `function` when given).

    `arguments` are what the student's function received: a gradient with nan or inf is
    its fault only when every one of them was finite.
    """
    def failed(problem: str) -> BackwardFailed:
        return BackwardFailed(op_name, problem, function)

    grads = tuple(result) if isinstance(result, (tuple, list)) else (result,)
    expected = len(ctx.parents)
    if len(grads) != expected:
        raise failed(f"returned {len(grads)} gradient(s); it must return {expected}, one per input")
    checked = []
    for position, (parent, needed, grad) in enumerate(zip(ctx.parents, ctx.needs_input_grad, grads), start=1):
        if not needed:
            checked.append(None)
            continue
        which = f"gradient {position} of {expected}" if expected > 1 else "gradient"
        array = None if grad is None else np.asarray(grad)
        if array is None or array.dtype.kind not in "fiu":
            raise failed(f"returned {type(grad).__name__} as its {which}; it must be an array of numbers")
        try:
            array = unbroadcast(array, parent.data.shape, op_name)
        except ShapeError:
            raise failed(f"returned shape {array.shape} as its {which}, "
                         f"for an input of shape {parent.data.shape}") from None
        if not np.all(np.isfinite(array)) and _all_finite(arguments):
            raise failed(f"returned nan or inf in its {which}, although every input was finite")
        checked.append(array.astype(parent.data.dtype, copy=False))
    return tuple(checked)


def _all_finite(arrays) -> bool:
    """No nan or inf in any floating-point array (a NaN gradient from NaN inputs is not the student's fault)."""
    return all(np.all(np.isfinite(a)) for a in arrays if np.asarray(a).dtype.kind == "f")
