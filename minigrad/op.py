"""The op contract: every differentiable operation is a small class.

An op declares its name once and two static methods on plain numpy arrays::

    class Exp(Op):
        name = "exp"

        @staticmethod
        def forward(ctx, x):
            y = np.exp(x)
            ctx.save_for_backward(y)
            return y

        @staticmethod
        def backward(ctx, grad_output):
            (y,) = ctx.saved
            return grad_output * y          # d exp(x)/dx = exp(x)

`backward` receives dL/d(output) and returns dL/d(input) — one array per input (a tuple
when there are several), or None for an input whose `ctx.needs_input_grad` is False. It
may return a gradient with the *output's* broadcast shape: the engine, not the op, sums it
back to the input's shape (see `minigrad.autograd.unbroadcast`).

A course exercise writes an op's backward on plain arrays instead, and the op declares
that signature (read by `minigrad.use_student_backward`): the student's function receives
the input arrays, then the forward's output if `student_gets_output` (sigmoid_backward(x,
out, grad_output)), then the keyword arguments named in `student_gets_params`
(cross_entropy_backward(logits, labels, grad_output)), then grad_output. It returns one
gradient per input, or the first input's alone if `student_returns_first_gradient_only`
(mse_backward returns dL/dpred: the target is data).

Defining a subclass with a `name` enters it in `minigrad.registry.REGISTRY`; that registry
is what lets `minigrad.use_backward(name, fn)` run the whole engine with one op's backward
replaced.
"""
from __future__ import annotations

import numpy as np

from .errors import MinigradError, ShapeError, describe_shapes
from .registry import register
from .tensor import Tensor

_grad_enabled = True


class Context:
    """What an op's forward leaves for its backward.

    Attributes
    ----------
    op : the Op subclass that made this node.
    parents : the input tensors (the graph's edges point from here to them).
    needs_input_grad : one bool per input; backward may skip the False ones.
    saved : arrays stored by `save_for_backward`.
    params : the op's non-differentiable keyword arguments (axis, exponent, labels...).
    output : the array the forward returned.
    """

    __slots__ = ("op", "parents", "needs_input_grad", "saved", "params", "output")

    def save_for_backward(self, *arrays: object) -> None:
        self.saved = arrays

    @property
    def inputs(self) -> tuple[np.ndarray, ...]:
        """The input arrays, in the order the op received them."""
        return tuple(p.data for p in self.parents)


class Op:
    """Base class of all ops; see the module docstring for the contract."""

    name: str = ""
    student_gets_output: bool = False
    student_gets_params: tuple[str, ...] = ()
    student_returns_first_gradient_only: bool = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.name:
            register(cls)

    @staticmethod
    def forward(ctx: Context, *arrays: np.ndarray, **params: object) -> np.ndarray:  # pragma: no cover - contract
        raise NotImplementedError

    @staticmethod
    def backward(ctx: Context,  # pragma: no cover - contract
                 grad_output: np.ndarray) -> np.ndarray | tuple[np.ndarray | None, ...] | None:
        raise NotImplementedError

    @classmethod
    def apply(cls, *inputs: Tensor, **params: object) -> Tensor:
        """Run the forward on tensors and, if any input needs a gradient, record the node.

        This runs for every op of every step, so it is written for speed: the output
        Tensor is built here directly (what `Tensor._wrap` does, without the extra call).
        """
        ctx = Context()
        ctx.params = params
        ctx.saved = ()
        needs = tuple([t.requires_grad for t in inputs])
        record = _grad_enabled and True in needs
        ctx.needs_input_grad = needs if record else (False,) * len(inputs)
        try:
            out = cls.forward(ctx, *[t.data for t in inputs], **params)
        except MinigradError:
            raise
        except ValueError as err:
            raise ShapeError(
                f"{cls.name}: inputs of shapes {describe_shapes([t.data for t in inputs])} "
                f"do not fit together ({err}). Check the shapes of what you pass in."
            ) from None
        if type(out) is not np.ndarray:
            out = np.asarray(out)  # ufuncs turn 0-d results into numpy scalars
        tensor = object.__new__(Tensor)
        tensor.data = out
        tensor.grad = None
        tensor.name = None
        if record:
            ctx.op = cls
            ctx.parents = inputs
            ctx.output = out
            tensor.requires_grad = True
            tensor._ctx = ctx
        else:
            tensor.requires_grad = False
            tensor._ctx = None
        return tensor


def is_grad_enabled() -> bool:
    return _grad_enabled


class no_grad:
    """Context manager: inside it ops record no graph (for evaluation and updates).

    >>> with no_grad():
    ...     y = model(x)      # y.requires_grad is False, nothing is kept for backward
    """

    def __enter__(self) -> no_grad:
        global _grad_enabled
        self._previous = _grad_enabled
        _grad_enabled = False
        return self

    def __exit__(self, *exc: object) -> bool:
        global _grad_enabled
        _grad_enabled = self._previous
        return False
