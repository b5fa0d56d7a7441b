"""Every op by its name, filled in as the op classes are defined.

Defining an `Op` subclass with a `name` enters it here (see `minigrad.op`). The registry
is how the rest of the engine reaches an op without importing it: `Tensor.__add__` runs
`REGISTRY["add"]` (the ops are built on Tensor, so tensor.py cannot import them), and
`minigrad.use_backward(name, fn)` finds the op whose backward it replaces.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .op import Op

REGISTRY: dict[str, type[Op]] = {}


def register(op: type[Op]) -> None:
    """Enter `op` under its `name`; two ops may not share a name."""
    if op.name in REGISTRY:
        raise ValueError(f"two ops are both named {op.name!r}")
    REGISTRY[op.name] = op


def get_op(name: str) -> type[Op]:
    """The registered op called `name`, with a helpful error for a typo."""
    try:
        return REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise KeyError(f"there is no op named {name!r}; the ops are: {known}") from None
