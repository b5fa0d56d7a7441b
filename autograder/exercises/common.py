"""Helpers to write an exercise's cases: reference results, central differences, probes."""
from __future__ import annotations

from itertools import combinations

import numpy as np

from minigrad.gradcheck import numerical_gradient

from .cases import Case, frozen

EPS = 1e-6   # central-difference step of the protocol (float64)


def central_vjp(forward, args: tuple, upstream: np.ndarray, wrt: tuple) -> tuple:
    """dL/d(args[k]) for L = Σ upstream ⊙ forward(*args), by central differences, k in wrt."""
    upstream = np.asarray(upstream, dtype=np.float64)
    results = []
    for k in wrt:
        point = np.array(args[k], dtype=np.float64)

        def objective(moved, k=k):
            moved_args = list(args)
            moved_args[k] = moved
            return float(np.sum(upstream * forward(*moved_args)))
        results.append(numerical_gradient(objective, point, EPS))
    return tuple(results)


def central_elementwise(forward, x: np.ndarray, upstream: np.ndarray) -> np.ndarray:
    """upstream ⊙ f'(x) by central differences, for an elementwise f (one pass for all x)."""
    return upstream * (forward(x + EPS) - forward(x - EPS)) / (2 * EPS)


def backward_case(name, kind, args, reference, *, numerical=None, pair=None, info=None, rtol=1e-6,
                  atol=1e-9) -> Case:
    """A case whose expected result is `reference(*args)` (a tuple, or one array)."""
    args = tuple(frozen(a, np.asarray(a).dtype if np.asarray(a).dtype.kind in "iu" else np.float64)
                 if isinstance(a, (np.ndarray, list)) else a for a in args)
    expected = reference(*args)
    expected = expected if isinstance(expected, tuple) else (expected,)
    expected = tuple(frozen(e) for e in expected)
    if numerical is not None:
        numerical = tuple(None if n is None else frozen(n) for n in numerical)
    return Case(name, kind, args, expected, numerical, pair, rtol, atol, dict(info or {}))


def with_upstream_scaled(cases: list, base: int, factor: float, upstream_position: int, reference,
                         name: str | None = None) -> Case:
    """A probe: case `base` again with its upstream gradient multiplied by `factor` (−5 in the suites:
    a result that ignores the upstream gradient stays the same, one that reads only its sign does not)."""
    case = cases[base]
    args = list(case.args)
    args[upstream_position] = np.asarray(args[upstream_position]) * factor
    numerical = None if case.numerical is None else tuple(
        None if n is None else np.asarray(n) * factor for n in case.numerical)
    label = name or f"{case.name}, with the upstream gradient × {factor:g}".replace("-", "−")
    return backward_case(label, "probe", tuple(args), reference, numerical=numerical, pair=base,
                         info=case.info, rtol=case.rtol, atol=case.atol)


def shape_text(shape: tuple) -> str:
    if len(shape) == 0:
        return "a single number"
    if len(shape) == 1:
        return f"{shape[0]} element{'s' if shape[0] != 1 else ''}"
    return "×".join(str(n) for n in shape)


def op_case(name, kind, inputs: tuple, upstream, reference, forward, wrt, **options) -> Case:
    """A backward case for an op with `inputs` (arrays, in the student's order) and an upstream
    gradient; `forward(*inputs)` gives central differences for the inputs listed in `wrt`
    (the others — labels, targets — get None)."""
    inputs = tuple(np.asarray(a) for a in inputs)
    upstream = np.asarray(upstream, dtype=np.float64)
    numerical = central_vjp(forward, inputs, upstream, wrt)
    by_input = dict(zip(wrt, numerical))
    numerical = tuple(by_input.get(k) for k in options.pop("components", wrt))
    return backward_case(name, kind, inputs + (upstream,), reference, numerical=numerical, **options)


def other_axis_sums(g: np.ndarray, right: np.ndarray) -> list:
    """The upstream gradient g summed over every set of its axes (none, some, all; the summed
    axes kept or dropped) that does not give the right reduction `right`: what a broadcast
    input's gradient is when the sum runs over the wrong axes or is left out. The right numbers
    in another shape are left out too: a slip of shape, not of the sum."""
    g = np.asarray(g)
    sums = [np.sum(g, axis=axes, keepdims=keep) for k in range(g.ndim + 1)
            for axes in combinations(range(g.ndim), k) for keep in (False, True)]
    return [s for s in sums if s.size != right.size or not np.allclose(s.ravel(), right.ravel())]
