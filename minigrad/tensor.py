"""`Tensor`: a numpy array that remembers how it was computed, so it can be differentiated."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .autograd import run_backward
from .errors import GradientError, ShapeError, StudentCodeError
from .registry import REGISTRY

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numpy.typing import ArrayLike, DTypeLike


def as_float_array(data: ArrayLike, dtype: DTypeLike | None = None) -> np.ndarray:
    """Turn user data into a float array, or explain why it cannot be one."""
    if dtype is not None:
        dtype = np.dtype(dtype)
        if dtype.kind != "f":
            raise TypeError(f"minigrad tensors hold floating-point numbers; dtype={dtype} is not one. "
                            "Use np.float64 (the default) or np.float32.")
    try:
        arr = np.asarray(data)
    except (ValueError, TypeError) as err:
        raise TypeError(f"could not turn {type(data).__name__} into an array of numbers ({err}). "
                        "Nested lists must be rectangular, like [[1, 2], [3, 4]].") from None
    kind = arr.dtype.kind
    if kind == "c":
        raise TypeError("minigrad works with real numbers; this data is complex. "
                        "Take .real (or abs) first if that is what you mean.")
    if kind not in "fiub":
        raise TypeError(f"Tensor data must be numbers, but got an array of dtype {arr.dtype} "
                        f"(from {type(data).__name__}). Convert it to floats first.")
    if dtype is None:
        dtype = arr.dtype if kind == "f" and arr.dtype.itemsize >= 4 else np.float64
    return arr.astype(dtype, copy=False)


class Tensor:
    """An n-dimensional array of floats (float64 unless asked otherwise) in a graph.

    Parameters
    ----------
    data : array-like of real numbers (ints and bools become floats).
    requires_grad : if True, `backward()` fills `.grad` for this tensor. A tensor that
        requires gradients keeps its own copy of `data`, so optimisers may update it in place.
    dtype : np.float64 (default) or np.float32.
    name : an optional label, shown by `minigrad.graph_view.draw_graph`.

    After `loss.backward()`, `t.grad` holds dL/dt — for parameters *and* for every
    intermediate tensor of the graph, so notebooks can inspect them. Gradients add up
    over several `backward()` calls until they are cleared (`Module.zero_grad`).
    """

    __slots__ = ("data", "grad", "requires_grad", "_ctx", "name", "__weakref__")
    __array_priority__ = 1000  # numpy defers `ndarray + Tensor` to Tensor.__radd__

    def __init__(self, data: Tensor | ArrayLike, requires_grad: bool = False, dtype: DTypeLike | None = None,
                 name: str | None = None) -> None:
        if isinstance(data, Tensor):
            data = data.data
        array = as_float_array(data, dtype)
        if requires_grad and array is data:
            array = array.copy()
        self.data = array
        self.grad = None
        self.requires_grad = bool(requires_grad)
        self._ctx = None
        self.name = name

    @classmethod
    def _wrap(cls, data, ctx):
        """Fast constructor for op outputs (no validation, no copy)."""
        t = object.__new__(cls)
        t.data = data
        t.grad = None
        t.requires_grad = ctx is not None
        t._ctx = ctx
        t.name = None
        return t

    # ----- what it is ---------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def ndim(self) -> int:
        return self.data.ndim

    @property
    def size(self) -> int:
        return self.data.size

    @property
    def dtype(self) -> np.dtype:
        return self.data.dtype

    @property
    def op(self) -> str | None:
        """Name of the op that made this tensor, or None for a leaf (input or parameter)."""
        return self._ctx.op.name if self._ctx is not None else None

    @property
    def parents(self) -> tuple[Tensor, ...]:
        """The tensors this one was computed from (empty for a leaf)."""
        return self._ctx.parents if self._ctx is not None else ()

    @property
    def is_leaf(self) -> bool:
        return self._ctx is None

    def numpy(self) -> np.ndarray:
        return self.data

    def item(self) -> float:
        if self.data.size != 1:
            raise ValueError(f"item() needs a tensor with one element; this one has shape {self.shape}.")
        return float(self.data.reshape(()))

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        body = np.array2string(self.data, precision=4, separator=", ", threshold=20)
        extras = []
        if self.data.dtype != np.float64:
            extras.append(f"dtype={self.data.dtype}")
        if self._ctx is not None:
            extras.append(f"op={self.op}")
        elif self.requires_grad:
            extras.append("requires_grad=True")
        if self.name:
            extras.append(f"name={self.name!r}")
        return f"Tensor({body}{''.join(', ' + e for e in extras)})"

    def __bool__(self) -> bool:
        raise TypeError("a Tensor has no truth value; compare its .data or .item() instead.")

    def detach(self) -> Tensor:
        """The same numbers, cut from the graph (no gradient flows through)."""
        return Tensor._wrap(self.data, None)

    # ----- differentiation ------------------------------------------------------------
    def backward(self, grad: Tensor | ArrayLike | None = None) -> None:
        """Compute d(self)/d(every tensor it depends on) and add it into their `.grad`.

        Without `grad`, self must hold a single number (a loss): dL/dL = 1. For a
        non-scalar y, pass `grad` = dL/dy of y's shape (a vector-Jacobian product).
        """
        if not self.requires_grad:
            raise GradientError(
                "backward() was called on a tensor that does not require gradients: none of the "
                "tensors it was computed from has requires_grad=True, or it was computed inside "
                "no_grad(). Create the parameters with Tensor(..., requires_grad=True).")
        if grad is None:
            if self.data.size != 1:
                raise GradientError(
                    f"backward() without an argument needs a single number (a loss), but this "
                    f"tensor has shape {self.shape}. Reduce it first (y.sum().backward()) or pass "
                    f"grad=, an array of shape {self.shape} holding dL/dy.")
            grad = np.ones(self.data.shape, self.data.dtype)
        else:
            if type(grad) is np.ndarray and grad.dtype == self.data.dtype:
                grad = grad.copy()  # the common case; .grad must not alias the caller's buffer
            else:
                grad = as_float_array(grad.data if isinstance(grad, Tensor) else grad, self.data.dtype)
                grad = grad.copy()
            if grad.shape != self.data.shape:
                raise ShapeError(f"backward(grad=...) needs a gradient of shape {self.shape} "
                                 f"(the tensor's own shape), but got shape {grad.shape}.")
        try:
            run_backward(self, grad)
        except StudentCodeError as error:
            # the student's function failed inside the engine: the message says which and what
            # to do; the engine's frames (autograd, swap) would only hide it
            raise error.with_traceback(None) from None

    # ----- operators (each op found by name in the registry: the ops import Tensor) -----
    def _other(self, value: Tensor | ArrayLike) -> Tensor:
        if isinstance(value, Tensor):
            return value
        return Tensor._wrap(as_float_array(value, self.data.dtype), None)

    def __add__(self, other: Tensor | ArrayLike) -> Tensor:
        return REGISTRY["add"].apply(self, self._other(other))

    def __radd__(self, other: ArrayLike) -> Tensor:
        return REGISTRY["add"].apply(self._other(other), self)

    def __sub__(self, other: Tensor | ArrayLike) -> Tensor:
        return REGISTRY["sub"].apply(self, self._other(other))

    def __rsub__(self, other: ArrayLike) -> Tensor:
        return REGISTRY["sub"].apply(self._other(other), self)

    def __mul__(self, other: Tensor | ArrayLike) -> Tensor:
        return REGISTRY["mul"].apply(self, self._other(other))

    def __rmul__(self, other: ArrayLike) -> Tensor:
        return REGISTRY["mul"].apply(self._other(other), self)

    def __truediv__(self, other: Tensor | ArrayLike) -> Tensor:
        return REGISTRY["div"].apply(self, self._other(other))

    def __rtruediv__(self, other: ArrayLike) -> Tensor:
        return REGISTRY["div"].apply(self._other(other), self)

    def __neg__(self) -> Tensor:
        return REGISTRY["neg"].apply(self)

    def __pow__(self, exponent: float) -> Tensor:
        if isinstance(exponent, Tensor) or np.ndim(exponent) != 0:
            raise TypeError("x ** p needs a plain number p (a constant exponent); "
                            "for a tensor exponent write exp(p * log(x)).")
        return REGISTRY["pow"].apply(self, exponent=float(exponent))

    def __matmul__(self, other: Tensor | ArrayLike) -> Tensor:
        return REGISTRY["matmul"].apply(self, self._other(other))

    def __rmatmul__(self, other: ArrayLike) -> Tensor:
        return REGISTRY["matmul"].apply(self._other(other), self)

    # ----- methods for the other ops --------------------------------------------------
    def sum(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        return REGISTRY["sum"].apply(self, axis=axis, keepdims=keepdims)

    def mean(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        return REGISTRY["mean"].apply(self, axis=axis, keepdims=keepdims)

    def reshape(self, *shape: int | Sequence[int]) -> Tensor:
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        return REGISTRY["reshape"].apply(self, shape=shape)

    def transpose(self, *axes: int | Sequence[int]) -> Tensor:
        if len(axes) == 1 and isinstance(axes[0], (tuple, list)):
            axes = tuple(axes[0])
        return REGISTRY["transpose"].apply(self, axes=axes or None)

    @property
    def T(self) -> Tensor:
        return self.transpose()

    def exp(self) -> Tensor:
        return REGISTRY["exp"].apply(self)

    def log(self) -> Tensor:
        return REGISTRY["log"].apply(self)

    def sigmoid(self) -> Tensor:
        return REGISTRY["sigmoid"].apply(self)

    def tanh(self) -> Tensor:
        return REGISTRY["tanh"].apply(self)

    def relu(self) -> Tensor:
        return REGISTRY["relu"].apply(self)

    def softmax(self, axis: int = -1) -> Tensor:
        return REGISTRY["softmax"].apply(self, axis=axis)

    def log_softmax(self, axis: int = -1) -> Tensor:
        return REGISTRY["log_softmax"].apply(self, axis=axis)


def tensor(data: Tensor | ArrayLike, requires_grad: bool = False, dtype: DTypeLike | None = None,
           name: str | None = None) -> Tensor:
    """Shorthand for `Tensor(data, requires_grad, dtype, name)`."""
    return Tensor(data, requires_grad=requires_grad, dtype=dtype, name=name)
