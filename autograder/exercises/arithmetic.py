"""Elementwise binary ops: `mul_backward(a, b, grad_output)` (same shapes) and
`add_backward(a, b, grad_output)` (a and b may broadcast; each gradient gets its own
input's shape back)."""
from __future__ import annotations

import numpy as np

from ..detectors import ConstantFactor, ErrorPattern, InPlace, Unchanged, Variant, factor_variants, scaled
from ..exercise import Exercise
from .cases import rng_for
from .common import op_case, other_axis_sums, shape_text, with_upstream_scaled
from .engine_runs import EngineRun
from .linalg import SHAPE_ERROR


def mul_reference(a, b, g):
    return g * b, g * a


def unbroadcast(g, shape):
    """Sum g over the axes broadcasting added or stretched, back to `shape`."""
    g = np.asarray(g)
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for axis, n in enumerate(shape):
        if n == 1 and g.shape[axis] != 1:
            g = g.sum(axis=axis, keepdims=True)
    return g


def add_reference(a, b, g):
    return unbroadcast(g, a.shape), unbroadcast(g, b.shape)


def _mul_cases(suite, seed=None):
    rng = rng_for("mul_backward", suite, seed=seed)
    hidden = suite == "hidden"
    shapes = [(5,), (3, 4), (2, 2, 3)] if hidden else [(3,), (2, 3), (2, 2, 2)]

    def case(name, kind, a, b, g):
        return op_case(name, kind, (a, b), g, mul_reference, np.multiply, (0, 1))

    cases = [case("one element each", "edge", rng.normal(size=1), rng.normal(size=1), rng.normal(size=1))]
    for shape in shapes:
        cases.append(case(f"random, {shape_text(shape)}", "random", rng.normal(size=shape),
                          rng.normal(size=shape), rng.normal(size=shape)))
    cases.append(with_upstream_scaled(cases, 2, -5.0, 2, mul_reference))
    a = rng.normal(size=4)
    a[[0, 2]] = 0.0
    cases.append(case("a has zeros", "edge", a, rng.normal(size=4), rng.normal(size=4)))
    large = (2, 2) if hidden else (3,)
    cases.append(case("large values", "edge", 1e3 * rng.normal(size=large), rng.normal(size=large),
                      rng.normal(size=large)))
    cases.append(case("zero upstream gradient", "edge", rng.normal(size=large), rng.normal(size=large),
                      np.zeros(large)))
    cases.append(case("a 1×1 matrix", "edge", rng.normal(size=(1, 1)), rng.normal(size=(1, 1)),
                      rng.normal(size=(1, 1))))
    return cases


# (shape of a, shape of b, what it is)
BROADCASTS = {
    "visible": [((3, 4), (3, 4), "same shapes"), ((3, 4), (4,), "a bias: (3, 4) + (4,)"),
                ((2, 3), (1, 3), "a row: (2, 3) + (1, 3)"), ((4,), (2, 4), "a broadcast on the left: (4,) + (2, 4)"),
                ((2, 3), (), "a single number: (2, 3) + ()"), ((2, 1), (1, 3), "both broadcast: (2, 1) + (1, 3)"),
                ((3, 2), (3, 1), "a column: (3, 2) + (3, 1)"), ((2, 2, 3), (2, 3), "three axes: (2, 2, 3) + (2, 3)"),
                ((1,), (2, 2), "(1,) + (2, 2)"), ((1, 1), (1, 1), "1×1 matrices")],
    "hidden": [((2, 5), (2, 5), "same shapes"), ((5, 3), (3,), "a bias: (5, 3) + (3,)"),
               ((3, 1), (1, 4), "both broadcast: (3, 1) + (1, 4)"), ((4, 2), (4, 1), "a column: (4, 2) + (4, 1)"),
               ((2, 3, 2), (3, 2), "three axes: (2, 3, 2) + (3, 2)"), ((1,), (3, 3), "(1,) + (3, 3)"),
               ((3, 2), (1, 2), "a row: (3, 2) + (1, 2)"), ((5,), (3, 5), "a broadcast on the left: (5,) + (3, 5)"),
               ((3,), (), "a single number: (3,) + ()"), ((1, 1), (1, 1), "1×1 matrices")],
}


def _add_cases(suite, seed=None):
    rng = rng_for("add_backward", suite, seed=seed)
    cases = []
    for a_shape, b_shape, what in BROADCASTS[suite]:
        a, b = rng.normal(size=a_shape), rng.normal(size=b_shape)
        g = rng.normal(size=np.broadcast_shapes(a_shape, b_shape))
        cases.append(op_case(what, "random", (a, b), g, add_reference, np.add, (0, 1)))
    cases.insert(2, with_upstream_scaled(cases, 1, -5.0, 2, add_reference))
    rows = 3 if suite == "visible" else 4
    a, b = rng.normal(size=(rows, 2)), rng.normal(size=2)
    cases.append(op_case("zero upstream gradient, a bias", "edge", (a, b), np.zeros((rows, 2)), add_reference,
                         np.add, (0, 1)))
    return cases


def _swapped(case):
    a, b, g = case.args
    return g * a, g * b


def _unsummed(case):
    """The output's gradient handed back as it is, for the inputs that were broadcast."""
    a, b, g = case.args
    return tuple(None if x.shape == g.shape else g for x in (a, b))


def _matrix_products(multiply):
    """Variant result: G @ bᵀ and aᵀ @ G, where numpy can compute them: a matrix product where * belongs.
    multiply: np.matmul (@) or np.dot; they agree up to two axes, and differ beyond (np.dot
    sums over a's last and b's second-to-last axis and keeps all the others)."""
    def result(case):
        a, b, g = case.args

        def product(p, q):
            try:
                return multiply(p, q)
            except ValueError:
                return None
        return product(g, b.T), product(a.T, g)
    return result


def _other_inputs_gradient(case):
    """Each input gets the gradient reduced to the other input's shape."""
    a, b, g = case.args
    return unbroadcast(g, b.shape), unbroadcast(g, a.shape)


def _partial_sums(case):
    """Variant alternatives: the upstream gradient summed over any set of axes (kept or dropped)
    but the right one, for each input that was broadcast."""
    a, b, g = case.args
    return tuple([] if x.shape == g.shape else other_axis_sums(g, right) for x, right in zip((a, b), case.expected))


def _one_slice(case):
    """Variant alternatives: the upstream gradient at one index (the first or the last) of every
    axis broadcasting added or stretched, in the input's shape — one row's share, not the sum of
    all rows (the catalogue: "misses the contributions of all but one row")."""
    a, b, g = case.args
    return tuple([] if np.shape(x) == g.shape else [_slice_to(g, np.shape(x), k) for k in (0, -1)] for x in (a, b))


def _slice_to(g, shape: tuple, k: int):
    """g at index k of its leading axes and of the axes where `shape` has size 1 (kept)."""
    g = np.asarray(g)
    while g.ndim > len(shape):
        g = g[k]
    for axis, n in enumerate(shape):
        if n == 1 and g.shape[axis] != 1:
            g = np.take(g, [k], axis=axis)
    return g


def _broadcast_count(k):
    """How many times input k was used: the output's size over the input's."""
    return lambda case: case.args[2].size / max(1, np.size(case.args[k]))


def _summed_over_first_axis(case):
    a, b, g = case.args
    return tuple(None if x.shape == g.shape else g.sum(axis=0) for x in (a, b))


mul_backward = Exercise(
    "mul_backward", "mul_backward(a, b, grad_output)", ("a", "b", "grad_output"), ("dL/da", "dL/db"),
    _mul_cases,
    (Unchanged(), Variant("swapped", _swapped, joint=True), Variant("sign_error", scaled(-1.0)), InPlace(),
     ConstantFactor(),
     Variant("wrong_product", _matrix_products(np.matmul), seen="Your gradients match G @ bᵀ and aᵀ @ G, matrix "
             "products, where a and b are multiplied entry by entry."),
     Variant("wrong_product", _matrix_products(np.dot), seen="Your gradients match np.dot(G, bᵀ) and np.dot(aᵀ, G), "
             "matrix products, where a and b are multiplied entry by entry."),
     ErrorPattern("wrong_product", SHAPE_ERROR, seen="numpy could not multiply the shapes with @: the forward "
                  "multiplies entry by entry, so the backward does too.")),
    engine=EngineRun("mul", "gated_network"), shape_notes=("the shape of a", "the shape of b"))

add_backward = Exercise(
    "add_backward", "add_backward(a, b, grad_output)", ("a", "b", "grad_output"), ("dL/da", "dL/db"),
    _add_cases,
    (Unchanged(), Variant("missing_broadcast_sum", _unsummed),
     Variant("missing_broadcast_sum", _summed_over_first_axis,
             seen="Your gradient is always summed over the first axis, whatever the input's shape; that "
                  "is right for a (D,) bias only."),
     Variant("swapped", _other_inputs_gradient, joint=True, seen="Each of your gradients has the shape (and the sums) "
             "that belong to the other input."),
     Variant("missing_broadcast_sum", _partial_sums, alternatives=True,
             seen="Your gradient of a broadcast input is the upstream gradient summed over other axes than "
                  "the ones broadcasting added or stretched."),
     Variant("missing_broadcast_sum", _one_slice, alternatives=True,
             seen="Your gradient of a broadcast input is the upstream gradient of one row (the first or the "
                  "last), not the sum over every row the input was used for."),
     Variant("sign_error", scaled(-1.0)), InPlace(), ConstantFactor()) +
    factor_variants({"k": (_broadcast_count(0), "the number of times a was used")}, components=(0,),
                    constants=(1.0,), exponents=(-1,), what="dL/da") +
    factor_variants({"k": (_broadcast_count(1), "the number of times b was used")}, components=(1,),
                    constants=(1.0,), exponents=(-1,), what="dL/db"),
    engine=EngineRun("add", "bias_network"), shape_notes=("the shape of a", "the shape of b"))

EXERCISES = (mul_backward, add_backward)
