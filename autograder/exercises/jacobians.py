"""Jacobians two ways: `jacobian_fd(f, x, eps=1e-6)` by central differences (f on numpy
arrays) and `jacobian_reverse(f, x)` by one vector-Jacobian product per row (f on minigrad
Tensors). Both return J of shape (m, n) with J[i, j] = ∂f_i/∂x_j; x is a 1-D float64 array.

And the chain of them: `chain_gradients([J_0, ..., J_{K-1}], grad_last)` returns the rows
[∂c/∂z_0, ..., ∂c/∂z_K] of a network z_{k+1} = f_k(z_k) with J_k = ∂f_k/∂z_k, from the top:

    ∂c/∂z_K = grad_last,   ∂c/∂z_k = ∂c/∂z_{k+1} · J_k   (a row times a [d_{k+1} × d_k] matrix)."""
from __future__ import annotations

import numpy as np

from minigrad import gradcheck

from ..collecting.functions import FunctionRef
from ..detectors import ConstantFactor, ErrorPattern, InPlace, Variant, factor_variants, scaled, transposed
from ..exercise import Exercise
from ..kinds.jacobians import ChainExercise, ReverseExercise
from .cases import Case, derived_seed, frozen, rng_for
from .common import backward_case
from .derivatives import SLIP_POWERS
from .linalg import SHAPE_ERROR

DEFAULT_EPS = 1e-6
# (function, m, n, eps or None for the default)
FD_CASES = {
    "visible": [("linear", 3, 4, None), ("tanh_of_matrix", 2, 3, 1e-3), ("product", 3, 2, 1e-2),
                ("softmax", 4, 4, 1e-3), ("product", 1, 3, 1e-3), ("linear", 3, 1, None),
                ("tanh_of_matrix", 2, 2, 0.1), ("head", 2, 3, 1e-3)],
    "hidden": [("linear", 1, 5, None), ("tanh_of_matrix", 4, 1, 1e-2), ("product", 2, 4, 1e-3),
               ("softmax", 3, 3, None), ("tanh_of_matrix", 3, 3, 0.1), ("product", 4, 2, None),
               ("linear", 2, 1, 1e-3), ("head", 3, 3, None)],
}
REVERSE_CASES = {
    "visible": [("linear", 3, 4), ("tanh_of_matrix", 2, 3), ("product", 3, 2), ("softmax", 4, 4),
                ("tanh_of_matrix", 1, 3), ("product", 2, 1)],
    "hidden": [("linear", 1, 5), ("tanh_of_matrix", 4, 1), ("product", 2, 4), ("softmax", 3, 3),
               ("product", 5, 5), ("tanh_of_matrix", 3, 2)],
}


def fd_reference(f, x, eps=DEFAULT_EPS):
    return gradcheck.jacobian_fd(f.numpy(), x, eps)


def _eps(case):
    return case.args[2] if len(case.args) > 2 else DEFAULT_EPS


def _fd_cases(suite, seed=None):
    rng = rng_for("jacobian_fd", suite, seed=seed)
    cases = []
    for k, (name, m, n, eps) in enumerate(FD_CASES[suite]):
        f = FunctionRef(name, m, n, seed=derived_seed(k + (10 if suite == "hidden" else 0), seed))
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
    """Columns of a loop where x_plus = x and x_minus = x are the same array as x. None for an f that
    returns a view of x: what such a loop gives then depends on when it reads the view."""
    f, x, eps = case.args[0].numpy(), np.asarray(case.args[1]), _eps(case)
    base = f(x)
    if np.shares_memory(base, x):
        return None
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
     InPlace(), ConstantFactor()) + factor_variants({"eps": (_eps, "the step size")}, exponents=SLIP_POWERS),
    shape_notes=("(m, n): one row per output, one column per input",), writable=("x",))


def reverse_reference(f, x):
    return gradcheck.jacobian_reverse(f.tensor(), x)


def _reverse_cases(suite, seed=None):
    rng = rng_for("jacobian_reverse", suite, seed=seed)
    cases = []
    for k, (name, m, n) in enumerate(REVERSE_CASES[suite]):
        f = FunctionRef(name, m, n, seed=derived_seed(k + (20 if suite == "hidden" else 30), seed))
        x = rng.normal(size=n)
        cases.append(backward_case(f.describe(), "random", (f, x), reverse_reference,
                                   numerical=(gradcheck.jacobian_fd(f.numpy(), x),), rtol=1e-7, atol=1e-10,
                                   info={"size": m * n}))
    return cases


def _accumulated(case):
    return (np.cumsum(case.expected[0], axis=0),)


def _rows_reversed(case):
    """Variant result: J with its rows in reverse order (the gradient of f_m first)."""
    return (case.expected[0][::-1],)


jacobian_reverse = ReverseExercise(
    "jacobian_reverse", "jacobian_reverse(f, x)", ("f", "x"), ("J",), _reverse_cases,
    (Variant("stale_gradient", _accumulated),
     Variant("transposed", transposed(), seen="Your J is the transpose of the Jacobian: row i must be the "
             "gradient of the output f_i, one row per output."),
     Variant("wrong_order", _rows_reversed, seen="Your rows are right but in reverse order: the last output's "
             "gradient comes first. Row i must be the gradient of f_i.",
             hint="Put each new row after the ones you have (append, not insert at 0): row i belongs to output i."),
     Variant("sign_error", scaled(-1.0)), ConstantFactor()),
    shape_notes=("(m, n): one row per output, one column per input",))


# ----- chain_gradients ------------------------------------------------------------------------
# (state sizes d_0 ... d_K): one Jacobian [d_{k+1} x d_k] per stage
CHAIN_CASES = {
    "visible": [("two stages (the notebook's example)", None), ("no stages: only grad_last", (2,)),
                ("one stage, 4 → 3", (4, 3)), ("three square stages", (3, 3, 3, 3)),
                ("four stages, wide and narrow", (4, 7, 3, 5, 1)), ("one stage, 1 → 1", (1, 1)),
                ("two stages widening, 2 → 4 → 6", (2, 4, 6))],
    "hidden": [("one stage, 1 → 1", (1, 1)), ("five square stages", (2, 2, 2, 2, 2, 2)),
               ("three stages, 6 → 2 → 5 → 3", (6, 2, 5, 3)), ("two stages widening, 1 → 3 → 8", (1, 3, 8)),
               ("four square stages", (4, 4, 4, 4, 4)), ("no stages: only grad_last", (5,)),
               ("two stages narrowing, 5 → 3 → 1", (5, 3, 1))],
}
NOTEBOOK_CHAIN = ((np.array([[1.0, 2.0, 0.0], [0.0, 1.0, -1.0]]), np.array([[3.0, 0.5]])), np.array([2.0]))


def chain_rows(jacobians, grad_last) -> list:
    """[∂c/∂z_0, ..., ∂c/∂z_K], one row-times-matrix per stage from the top."""
    rows = [np.asarray(grad_last, dtype=np.float64)]
    for J in reversed(jacobians):
        rows.append(rows[-1] @ J)
    return rows[::-1]


def _chain_case(name, kind, jacobians, grad_last):
    jacobians = tuple(frozen(J) for J in jacobians)
    rows = chain_rows(jacobians, grad_last)
    sizes = tuple(len(r) for r in rows)
    return Case(name, kind, (jacobians, frozen(grad_last)),
                (frozen(np.concatenate(rows)),), rtol=1e-9, atol=1e-12,
                info={"sizes": sizes, "size": sum(np.size(J) for J in jacobians) + len(rows[-1])})


def _chain_cases(suite, seed=None):
    rng = rng_for("chain_gradients", suite, seed=seed)
    cases = []
    for name, sizes in CHAIN_CASES[suite]:
        if sizes is None:
            cases.append(_chain_case(name, "edge", *NOTEBOOK_CHAIN))
            continue
        jacobians = [rng.normal(size=(b, a)) for a, b in zip(sizes[:-1], sizes[1:])]
        kind = "edge" if len(jacobians) < 2 else "random"
        cases.append(_chain_case(name, kind, jacobians, rng.normal(size=sizes[-1])))
    return cases


def _rows_variant(make_rows):
    """A Variant result from a function (jacobians, grad_last) -> rows, end to end."""
    def result(case):
        rows = make_rows(*case.args)
        return (np.concatenate([np.atleast_1d(r) for r in rows]),)
    return result


def _top_down(jacobians, grad_last):
    return chain_rows(jacobians, grad_last)[::-1]


def _bottom_up(jacobians, grad_last):
    """Stages taken from J_0 upwards (a forward loop), then the list reversed."""
    rows = [np.asarray(grad_last)]
    for J in jacobians:
        rows.append(rows[-1] @ J)
    return rows[::-1]


def _column_products(jacobians, grad_last):
    """J_k · row instead of row · J_k (possible when every stage is square)."""
    rows = [np.asarray(grad_last)]
    for J in reversed(jacobians):
        rows.append(J @ rows[-1])
    return rows[::-1]


chain_gradients = ChainExercise(
    "chain_gradients", "chain_gradients(input_jacobians, grad_last)", ("input_jacobians", "grad_last"),
    ("the chain of rows dc/dz_0 ... dc/dz_K",), _chain_cases,
    (Variant("wrong_order", _rows_variant(_top_down), seen="Your rows are right but listed from the top: "
             "dc/dz_K first. The list goes from z_0 to z_K.",
             hint="Build the rows from the top down, then return them in the order of the states."),
     Variant("wrong_order", _rows_variant(_bottom_up), seen="Your rows (or the error numpy raised) match a "
             "loop that takes the stages from J_0 upwards. The gradient starts at the top, at dc/dz_K, so the "
             "first matrix it meets is the last stage's.", hint="Which stage does grad_last arrive at first?",
             same_error=True),
     Variant("transposed", _rows_variant(_column_products), seen="Your rows (or the error numpy raised) match "
             "J_k times the row, a column-vector product. In the row-vector convention the row comes first: "
             "[1 × d_(k+1)] times [d_(k+1) × d_k].", same_error=True),
     ErrorPattern("transposed", SHAPE_ERROR, seen="numpy could not multiply the shapes you combined: the "
                  "row and the Jacobian are in the wrong order, or one is transposed."),
     InPlace(seen="Your function changed what it was given: it reordered or shortened the list "
             "input_jacobians (list.reverse(), pop, ...) or wrote into one of its arrays. The caller still "
             "needs them as they were.",
             hint="reversed(input_jacobians) or input_jacobians[::-1] walks the list backwards without "
             "changing it.")))

EXERCISES = (jacobian_fd, jacobian_reverse, chain_gradients)
