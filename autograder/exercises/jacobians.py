"""Jacobians two ways: `jacobian_fd(f, x, eps=1e-6)` by central differences (f on numpy
arrays) and `jacobian_reverse(f, x)` by one vector-Jacobian product per row (f on minigrad
Tensors). Both return J of shape (m, n) with J[i, j] = ∂f_i/∂x_j; x is a 1-D float64 array."""
from __future__ import annotations

import numpy as np

from minigrad import gradcheck

from ..cases import rng_for
from ..functions import FunctionRef
from ..mistakes import InPlace, Variant, scaled, transposed
from .base import Exercise
from .common import backward_case

DEFAULT_EPS = 1e-6
# (function, m, n, eps or None for the default)
FD_CASES = {
    "visible": [("linear", 3, 4, None), ("tanh_of_matrix", 2, 3, 1e-3), ("product", 3, 2, 1e-2),
                ("softmax", 4, 4, 1e-3)],
    "hidden": [("linear", 1, 5, None), ("tanh_of_matrix", 4, 1, 1e-2), ("product", 2, 4, 1e-3),
               ("softmax", 3, 3, None), ("tanh_of_matrix", 3, 3, 0.1)],
}
REVERSE_CASES = {
    "visible": [("linear", 3, 4), ("tanh_of_matrix", 2, 3), ("product", 3, 2), ("softmax", 4, 4)],
    "hidden": [("linear", 1, 5), ("tanh_of_matrix", 4, 1), ("product", 2, 4), ("softmax", 3, 3),
               ("product", 5, 5)],
}


def fd_reference(f, x, eps=DEFAULT_EPS):
    return gradcheck.jacobian_fd(f.numpy(), x, eps)


def _eps(case):
    return case.args[2] if len(case.args) > 2 else DEFAULT_EPS


def _fd_cases(suite):
    rng = rng_for("jacobian_fd", suite)
    cases = []
    for k, (name, m, n, eps) in enumerate(FD_CASES[suite]):
        f = FunctionRef(name, m, n, seed=k + (10 if suite == "hidden" else 0))
        x = rng.normal(size=n)
        args = (f, x) if eps is None else (f, x, eps)
        step = "the default eps" if eps is None else f"eps = {eps:g}"
        cases.append(backward_case(f"{f.describe()}, {step}", "random", args, fd_reference, rtol=1e-8, atol=1e-10,
                                   info={"size": m * n}))
    return cases


def _one_sided(case):
    f, x, eps = case.args[0].numpy(), np.asarray(case.args[1]), _eps(case)
    base = f(x)
    return (np.stack([(f(x + eps * e) - base) / eps for e in np.eye(len(x))], axis=1),)


def _aliased(case):
    """Columns of a loop where x_plus = x and x_minus = x are the same array as x."""
    f, x, eps = case.args[0].numpy(), np.asarray(case.args[1]), _eps(case)
    base = f(x)
    return (np.stack([(f(x + eps * e) - base) / (2 * eps) for e in np.eye(len(x))], axis=1),)


def _default_eps(case):
    return None if _eps(case) == DEFAULT_EPS else (fd_reference(case.args[0], case.args[1]),)


jacobian_fd = Exercise(
    "jacobian_fd", "jacobian_fd(f, x, eps=1e-6)", ("f", "x", "eps"), ("J",), _fd_cases,
    (Variant("transposed", transposed(), seen="Your J is the transpose of the Jacobian: J[i, j] must be "
             "∂f_i/∂x_j, one row per output and one column per input."),
     Variant("forward_difference", _one_sided, seen="Your columns equal (f(x + eps·e_j) − f(x)) / eps, a "
             "one-sided difference."),
     Variant("missing_factor", scaled(2.0), seen="Your J is twice the central-difference Jacobian.",
             hint="How far apart are the two points where you evaluate f? Divide by that distance."),
     Variant("in_place", _aliased, seen="Your columns match a loop in which x + eps and x − eps were the same "
             "array: `x_plus = x` gives a second name for x, not a copy, so changing it changes both.",
             hint="Make a copy (x.copy()) before you change an entry, or build x + eps·e_j as a new array."),
     Variant("sign_error", scaled(-1.0)),
     Variant("fixed_step", _default_eps),
     InPlace()),
    shape_notes=("(m, n): one row per output, one column per input",), writable=("x",))


def reverse_reference(f, x):
    return gradcheck.jacobian_reverse(f.tensor(), x)


def _reverse_cases(suite):
    rng = rng_for("jacobian_reverse", suite)
    cases = []
    for k, (name, m, n) in enumerate(REVERSE_CASES[suite]):
        f = FunctionRef(name, m, n, seed=k + (20 if suite == "hidden" else 30))
        x = rng.normal(size=n)
        cases.append(backward_case(f.describe(), "random", (f, x), reverse_reference,
                                   numerical=(gradcheck.jacobian_fd(f.numpy(), x),), rtol=1e-7, atol=1e-10,
                                   info={"size": m * n}))
    return cases


def _accumulated(case):
    return (np.cumsum(case.expected[0], axis=0),)


class ReverseExercise(Exercise):
    def materialise(self, arg):
        return arg.tensor() if isinstance(arg, FunctionRef) else arg


jacobian_reverse = ReverseExercise(
    "jacobian_reverse", "jacobian_reverse(f, x)", ("f", "x"), ("J",), _reverse_cases,
    (Variant("stale_gradient", _accumulated),
     Variant("transposed", transposed(), seen="Your J is the transpose of the Jacobian: row i must be the "
             "gradient of the output f_i, one row per output."),
     Variant("sign_error", scaled(-1.0))),
    shape_notes=("(m, n): one row per output, one column per input",))

EXERCISES = (jacobian_fd, jacobian_reverse)
