"""Matrix products: `matmul_backward(a, b, grad_output)` for Y = A B, and
`linear_backward(x, W, b, grad_output)` for y = x W + b (W of shape (D_in, D_out))."""
from __future__ import annotations

import numpy as np

from ..detectors import (
    ConstantFactor,
    ErrorPattern,
    InPlace,
    Unchanged,
    Variant,
    factor_variants,
    scaled,
    transposed,
    transposed_reshaped,
)
from ..exercise import Exercise
from .cases import rng_for
from .common import op_case, other_axis_sums, with_upstream_scaled
from .engine_runs import EngineRun

# a matrix product whose shapes do not fit: @, np.dot, or einsum pairing an index with axes of other sizes
# (einsum says "could not be broadcast together with remapped shapes": a contraction, not a broadcast)
SHAPE_ERROR = (r"mismatch in its core dimension|not aligned|matmul: |shapes? .* (?:do not|don't) (?:fit|match)"
               r"|remapped shapes")
BROADCAST_ERROR = r"could not be broadcast(?! together with remapped shapes)"


def matmul_reference(a, b, g):
    return g @ b.T, a.T @ g


def linear_reference(x, W, b, g):
    return g @ W.T, x.T @ g, g.sum(axis=0)


def linear_forward(x, W, b):
    return x @ W + b


def _matmul_cases(suite, seed=None):
    rng = rng_for("matmul_backward", suite, seed=seed)
    shapes = {"visible": [(1, 3, 1), (3, 4, 2), (2, 5, 3), (1, 1, 1), (4, 1, 2)],
              "hidden": [(1, 1, 1), (4, 2, 6), (5, 1, 3), (2, 3, 4), (1, 4, 1)]}

    def case(name, kind, n, k, m):
        return op_case(name, kind, (rng.normal(size=(n, k)), rng.normal(size=(k, m))), rng.normal(size=(n, m)),
                       matmul_reference, np.matmul, (0, 1))

    cases = [case(f"a {n}×{k} times b {k}×{m}", "random", n, k, m) for n, k, m in shapes[suite]]
    cases.append(with_upstream_scaled(cases, 1, -5.0, 2, matmul_reference))
    size = 3 if suite == "visible" else 4
    cases.append(case(f"square matrices, {size}×{size} (a transposed result has the right shape here)", "probe",
                      size, size, size))
    n, k, m = (2, 3, 2) if suite == "visible" else (3, 2, 3)
    cases.append(op_case("zero upstream gradient", "edge", (rng.normal(size=(n, k)), rng.normal(size=(k, m))),
                         np.zeros((n, m)), matmul_reference, np.matmul, (0, 1)))
    return cases


def _linear_cases(suite, seed=None):
    rng = rng_for("linear_backward", suite, seed=seed)
    shapes = {"visible": [(1, 2, 3), (4, 3, 2), (5, 4, 3), (1, 1, 1), (3, 4, 1), (2, 1, 3)],
              "hidden": [(1, 1, 1), (6, 2, 5), (2, 5, 1), (3, 4, 6), (4, 1, 3), (1, 3, 2)]}

    def case(name, kind, n, d_in, d_out):
        x, W, b = rng.normal(size=(n, d_in)), rng.normal(size=(d_in, d_out)), rng.normal(size=d_out)
        return op_case(name, kind, (x, W, b), rng.normal(size=(n, d_out)), linear_reference, linear_forward,
                       (0, 1, 2), info={"N": n})

    cases = [case(f"{n} row(s), {d_in} inputs, {d_out} outputs", "random", n, d_in, d_out)
             for n, d_in, d_out in shapes[suite]]
    cases.append(with_upstream_scaled(cases, 1, -5.0, 3, linear_reference))
    size = 3 if suite == "visible" else 4
    cases.append(case(f"square: {size} rows, {size} inputs, {size} outputs (a transposed result has the right "
                      "shape here)", "probe", size, size, size))
    n, d_in, d_out = (3, 2, 2) if suite == "visible" else (2, 3, 3)
    x, W, b = rng.normal(size=(n, d_in)), rng.normal(size=(d_in, d_out)), rng.normal(size=d_out)
    cases.append(op_case("zero upstream gradient", "edge", (x, W, b), np.zeros((n, d_out)), linear_reference,
                         linear_forward, (0, 1, 2), info={"N": n}))
    return cases


def _no_transpose_matmul(case):
    a, b, g = case.args
    da = g @ b if g.shape[1] == b.shape[0] else None
    db = a @ g if a.shape[1] == g.shape[0] else None
    return da, db


def _times(p, q):
    """p * q when numpy can broadcast the two shapes, else None."""
    try:
        np.broadcast_shapes(p.shape, q.shape)
    except ValueError:
        return None
    return p * q


def _elementwise_matmul(case):
    a, b, g = case.args
    return _times(g, b), _times(a, g)


def _no_transpose_linear(case):
    x, W, b, g = case.args
    return (g @ W if g.shape[1] == W.shape[0] else None, x @ g if x.shape[1] == g.shape[0] else None, None)


def _elementwise_linear(case):
    x, W, b, g = case.args
    return _times(g, W), _times(x, g), None


def _rows(case):
    return len(case.args[0])


def _bias_sums(case):
    """Variant alternatives for dL/db: G not summed over the batch (G or squeeze(G), even for a
    batch of one, where only the shape tells), or summed over other axes (G.sum(axis=1), G.sum(), ...)."""
    g = case.args[3]
    return None, None, [g, np.squeeze(g)] + other_axis_sums(g, case.expected[2])


def _bias_row(k: int):
    """Variant result for dL/db: row k of G, the first or the last (right for a batch of one only:
    the other rows' contributions are missing)."""
    return lambda case: (None, None, case.args[3][k])


def _bias_averaged(case):
    x, W, b, g = case.args
    return None, None, g.mean(axis=0) if len(g) > 1 else None


RESHAPED_SEEN = ("Your result is the expected one transposed and then reshaped to the right shape: the shape "
                 "fits, but the numbers are in the wrong places.")

MATMUL_MISTAKES = (
    Unchanged(), Variant("transposed", transposed()),
    Variant("transposed", transposed_reshaped(), seen=RESHAPED_SEEN),
    Variant("transposed", _no_transpose_matmul, seen="Your result is what the product gives without its "
            "transpose (for example G @ B where G @ Bᵀ belongs)."),
    ErrorPattern("transposed", SHAPE_ERROR, seen="numpy could not multiply the shapes you combined: a "
                 "transpose is missing or the factors are in the wrong order."),
    Variant("wrong_product", _elementwise_matmul), ErrorPattern("wrong_product", BROADCAST_ERROR),
    Variant("sign_error", scaled(-1.0)), InPlace(), ConstantFactor(),
    Variant("swapped", lambda case: case.expected[::-1], joint=True,
            seen="You return (dL/db, dL/da): the gradients are right but in the wrong order.",
            hint="Return the gradients in the order of the inputs: a first.")) + \
    factor_variants({"N": (lambda case: len(case.args[0]), "the number of rows of a")}, exponents=(-1, 1))

matmul_backward = Exercise(
    "matmul_backward", "matmul_backward(a, b, grad_output)", ("a", "b", "grad_output"), ("dL/da", "dL/db"),
    _matmul_cases, MATMUL_MISTAKES,
    engine=EngineRun("matmul", "matmul_network"), shape_notes=("the shape of a", "the shape of b"))

linear_backward = Exercise(
    "linear_backward", "linear_backward(x, W, b, grad_output)", ("x", "W", "b", "grad_output"),
    ("dL/dx", "dL/dW", "dL/db"), _linear_cases,
    (Unchanged(), Variant("transposed", transposed((0, 1))),
     Variant("transposed", transposed_reshaped((0, 1)), seen=RESHAPED_SEEN),
     Variant("transposed", _no_transpose_linear, seen="Your result is what the product gives without its "
             "transpose (for example G @ W where G @ Wᵀ belongs)."),
     ErrorPattern("transposed", SHAPE_ERROR, seen="numpy could not multiply the shapes you combined: a "
                  "transpose is missing or the factors are in the wrong order."),
     Variant("missing_broadcast_sum", _bias_sums, alternatives=True,
             seen="Your dL/db is the upstream gradient not summed over the batch, or summed over another "
                  "axis: b is added to every row, so its gradient is the sum over the rows (axis 0)."),
     *(Variant("missing_broadcast_sum", _bias_row(k), seen=f"Your dL/db is the {which} row of the upstream "
               "gradient, not the sum over every row b was added to.") for k, which in ((0, "first"), (-1, "last"))),
     Variant("missing_factor", _bias_averaged, seen="Your dL/db is the average over the rows, N times too "
             "small.", hint="b is added to every row; each row sends its own gradient back to b. Do they "
             "average out, or add up?"),
     Variant("wrong_product", _elementwise_linear), ErrorPattern("wrong_product", BROADCAST_ERROR),
     Variant("sign_error", scaled(-1.0)), InPlace(), ConstantFactor(),
     Variant("swapped", lambda case: (case.expected[1], case.expected[0], None), joint=True,
             seen="You return dL/dW first and dL/dx second: the gradients are right but in the wrong order.",
             hint="Return the gradients in the order of the inputs: x, W, b.")) +
    sum((factor_variants({"N": (_rows, "the number of rows")}, components=which) for which in (None, (0,), (1,), (2,))),
        ()),
    engine=EngineRun("linear", "relu_network"),
    shape_notes=("the shape of x", "the shape of W", "the shape of b"))

EXERCISES = (matmul_backward, linear_backward)
