"""Reverse-mode differentiation over the graph of tensors.

Backprop visits the tensors in *reverse topological order*: a tensor is processed only
after every tensor computed from it has sent its gradient back. Where a tensor is used
several times (fan-out), the gradients from the paths add up:

    dL/dx = sum over consumers c of  dL/dc · dc/dx.

Breadth-first order from the loss is not enough: in add(neg(neg(x)), x) it reaches x
before the gradient through the two negations has arrived.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .errors import ShapeError

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from .tensor import Tensor


def topological_order(root: Tensor) -> list[Tensor]:
    """Tensors of `root`'s graph that need gradients, every input before its consumers.

    Iterative depth-first search, so a chain 100 000 ops deep needs no recursion: a tensor
    goes on the stack once to be expanded (its inputs pushed) and once more to be appended
    after them. A leaf has no inputs, so it is appended as soon as it is met.
    """
    if root._ctx is None:
        return [root]
    order = []
    visited = set()
    stack = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
        elif node not in visited:
            visited.add(node)
            stack.append((node, True))
            for parent in node._ctx.parents:
                if parent.requires_grad and parent not in visited:
                    if parent._ctx is None:
                        visited.add(parent)
                        order.append(parent)
                    else:
                        stack.append((parent, False))
    return order


def unbroadcast(grad: np.ndarray, shape: tuple, op_name: str = "") -> np.ndarray:
    """Sum a gradient over the axes that broadcasting added or stretched, back to `shape`.

    If y = x + b with x of shape (N, D) and b of shape (D,), then b was used N times and
    dL/db = sum over the rows of dL/dy.
    """
    if grad.shape == shape:
        return grad
    extra = grad.ndim - len(shape)
    if extra < 0:
        raise ShapeError(_bad_grad_message(op_name, grad.shape, shape))
    if extra:
        grad = grad.sum(axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if stretched:
        grad = grad.sum(axis=stretched, keepdims=True)
    if grad.shape != shape:
        raise ShapeError(_bad_grad_message(op_name, grad.shape, shape))
    return grad


def _bad_grad_message(op_name, got, want) -> str:
    return (f"{op_name or 'an op'} backward returned a gradient of shape {got} for an input "
            f"of shape {want}. A gradient must have the shape of the input it belongs to.")


def _as_gradient(value, parent, op_name) -> np.ndarray:
    """Validate what an op's backward returned for one input (it may be student code)."""
    if type(value) is not np.ndarray:
        if not isinstance(value, (np.ndarray, np.generic, float, int)):
            raise TypeError(f"{op_name} backward returned a {type(value).__name__} as a gradient; "
                            "it must return numpy arrays (one per input).")
        value = np.asarray(value)
    if value.dtype != parent.data.dtype:
        if value.dtype.kind not in "fiub":
            raise TypeError(f"{op_name} backward returned a gradient of dtype {value.dtype}; "
                            "gradients must be real floating-point arrays.")
        value = value.astype(parent.data.dtype)
    return unbroadcast(value, parent.data.shape, op_name)


def _one_per_input(results, ctx) -> tuple:
    """An op's backward results as a tuple with exactly one entry per input, or a clear error."""
    if type(results) is not tuple:
        results = tuple(results) if isinstance(results, list) else (results,)
    if len(results) != len(ctx.parents):
        raise ValueError(f"{ctx.op.name} backward returned {len(results)} gradient(s) but the op "
                         f"has {len(ctx.parents)} input(s); return one per input (None if unused).")
    return results


def run_backward(root, grad_root: np.ndarray) -> None:
    """Send `grad_root` = dL/d(root) back through the graph, adding into every `.grad`.

    `pending` holds the gradient summed so far for each tensor not yet visited; reverse
    topological order guarantees it is complete when the tensor's turn comes. Each tensor
    owns its `.grad`: an array already kept by another tensor, or a view, is copied.
    """
    pending = {root: grad_root}
    take = pending.pop
    stored = set()  # ids of arrays already kept as some tensor's .grad in this pass
    for tensor in reversed(topological_order(root)):
        grad = take(tensor, None)
        if grad is None:
            continue
        held = tensor.grad
        if held is not None:
            tensor.grad = held + grad
        elif grad.base is not None or id(grad) in stored:
            tensor.grad = grad.copy()
        else:
            tensor.grad = grad
        stored.add(id(tensor.grad))
        ctx = tensor._ctx
        if ctx is None:
            continue
        parents = ctx.parents
        input_grads = ctx.op.backward(ctx, grad)
        if type(input_grads) is not tuple or len(input_grads) != len(parents):
            input_grads = _one_per_input(input_grads, ctx)
        for parent, needed, g in zip(parents, ctx.needs_input_grad, input_grads):
            if g is None or not needed:
                continue
            data = parent.data
            if type(g) is not np.ndarray or g.shape != data.shape or g.dtype != data.dtype:
                g = _as_gradient(g, parent, ctx.op.name)
            pending[parent] = pending[parent] + g if parent in pending else g


def input_gradients(tensor: Tensor, grad_output: ArrayLike) -> tuple[np.ndarray | None, ...]:
    """One step of backprop at one node: dL/d(each parent) given dL/d(tensor).

    Runs the node's op backward and sums each result back to its parent's shape. Entries
    are None for parents that need no gradient. This is the building block a student uses
    to write a whole backward pass by hand.
    """
    ctx = tensor._ctx
    if ctx is None:
        return ()
    grad_output = np.asarray(grad_output, dtype=tensor.data.dtype)
    if grad_output.shape != tensor.data.shape:
        raise ShapeError(f"input_gradients: the gradient has shape {grad_output.shape} but the tensor "
                         f"has shape {tensor.data.shape}; they must match.")
    results = _one_per_input(ctx.op.backward(ctx, grad_output), ctx)
    return tuple(None if (g is None or not needed) else _as_gradient(g, parent, ctx.op.name)
                 for parent, needed, g in zip(ctx.parents, ctx.needs_input_grad, results))
