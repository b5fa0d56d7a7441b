"""What a student's function returned, as plain data a judge can read without running it.

`describe(obj)` never keeps the student's objects: an array becomes a fresh float64 ndarray
(never an ndarray subclass), a number a 0-d float64 array, and anything else a short note
of its type. Containers (list, tuple, dict) are described item by item, and minigrad
Tensors that belong to a case's graph become references to the graph's nodes by index.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_ELEMENTS = 1_000_000   # larger arrays are described by shape and dtype only
MAX_ITEMS = 10_000         # longer lists are cut


@dataclass
class Value:
    """A returned object, described.

    kind: "array", "number", "none", "list", "tuple", "dict", "tensor", "node", "graph" or "other".
    type_name: the Python type's name ("ndarray", "float", "MyArray", ...).
    dtype, shape: for arrays, numbers and tensors ("float64", (3, 4)).
    data: a float64 copy of the numbers (real dtypes only), else None.
    items: the described items of a list, tuple or dict (the dict's values).
    keys: the described keys of a dict.
    index: for "node", the position of that tensor in the case's graph.
    length: the container's real length (items may have been cut at MAX_ITEMS); for a
        "graph", its number of tensors.
    graph: for "graph" (a graph the student built and returned, see
        `autograder.collecting.returned_graphs`), its `GraphSpec`, or None if it was too big
        to describe; `items` then refer to its nodes by index.
    """

    kind: str
    type_name: str = ""
    dtype: str = ""
    shape: tuple = ()
    data: np.ndarray | None = None
    items: tuple = ()
    keys: tuple = ()
    index: int | None = None
    length: int = 0
    graph: object = None


def describe(obj, nodes: dict | None = None, depth: int = 0) -> Value:
    """Describe `obj`; `nodes` maps id(tensor) -> index for the tensors of a case's graph."""
    type_name = type(obj).__name__
    if obj is None:
        return Value("none", "NoneType")
    if nodes and id(obj) in nodes:
        return Value("node", type_name, index=nodes[id(obj)])
    if isinstance(obj, np.ndarray):
        return _array(obj, type_name)
    if isinstance(obj, (np.generic, bool, int, float, complex)):
        return _number(obj, type_name)
    if _is_tensor(obj):
        data = _array(np.asarray(obj.data), type_name)
        return Value("tensor", type_name, data.dtype, data.shape, data.data)
    if depth < 3 and isinstance(obj, (list, tuple)):
        items = tuple(describe(item, nodes, depth + 1) for item in list(obj)[:MAX_ITEMS])
        return Value("list" if isinstance(obj, list) else "tuple", type_name, items=items, length=len(obj))
    if depth < 3 and isinstance(obj, dict):
        pairs = list(obj.items())[:MAX_ITEMS]
        return Value("dict", type_name, keys=tuple(describe(k, nodes, depth + 1) for k, _ in pairs),
                     items=tuple(describe(v, nodes, depth + 1) for _, v in pairs), length=len(obj))
    return Value("other", type_name)


def _array(obj: np.ndarray, type_name: str) -> Value:
    dtype = obj.dtype
    shape = tuple(int(n) for n in obj.shape)
    data = None
    if dtype.kind in "fiub" and obj.size <= MAX_ELEMENTS:
        data = np.array(obj, dtype=np.float64, copy=True, subok=False)
    return Value("array", type_name, str(dtype), shape, data)


def _number(obj, type_name: str) -> Value:
    dtype = np.asarray(obj).dtype if isinstance(obj, np.generic) else np.dtype(type(obj))
    data = np.array(obj, dtype=np.float64) if dtype.kind in "fiub" else None
    return Value("number", type_name, str(dtype), (), data)


def _is_tensor(obj) -> bool:
    return type(obj).__name__ == "Tensor" and hasattr(obj, "data") and hasattr(obj, "_ctx")


@dataclass
class Outcome:
    """Everything collected from one call of the student's function, as plain data.

    status: "returned", "raised", "timeout", "exited" (the code called exit()) or "skipped"
        (not run).
    value: the described result (a `Value`) when status is "returned".
    error: "ValueError: assignment destination is read-only" when something was raised.
    where: the student's line that raised, e.g. "line 3, in sigmoid_backward: out *= 2".
    printed: the first characters printed (see `runner.KEEP_PRINTED`); printed_chars: how many in all.
    warnings: the warnings raised, as "RuntimeWarning: overflow encountered in exp".
    mutated: names of the arguments the student's code changed in place.
    """

    status: str
    value: Value | None = None
    error: str | None = None
    where: str | None = None
    printed: str = ""
    printed_chars: int = 0
    warnings: tuple = ()
    mutated: tuple = ()
