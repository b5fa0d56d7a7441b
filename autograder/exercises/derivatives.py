"""Derivatives: the central-difference `numerical_derivative`, `gradient_descent_update`, and
the gradient check that compares a backward with central differences.

    numerical_derivative(f, x, h=1e-5) -> (f(x + h) − f(x − h)) / 2h, with x's shape
    gradient_descent_update(x, gradx, learning_rate) -> x − learning_rate · gradx (x untouched)
    gradient_check_error(backward, x, grad_output, h=1e-5) -> max over elements of rel(a, n),
        a = backward(x, σ(x), G),  n = G · (σ(x + h) − σ(x − h)) / 2h,
        rel(a, n) = |a − n| / max(1e-8, |a| + |n|)
"""
from __future__ import annotations

import numpy as np

from minigrad.gradcheck import relative_error
from minigrad.ops.activations import stable_sigmoid

from ..collecting.functions import BackwardRef, FunctionRef
from ..detectors import ConstantFactor, InPlace, Variant, factor_variants, scaled
from ..exercise import Exercise
from .cases import rng_for
from .common import backward_case, shape_text
from .regression import DescentRun, descend

DEFAULT_H = 1e-5
SLIP_POWERS = (-2, -1, 1, 2)   # h divides as part of a product (2h): `/ 2 * h` puts it on top, a factor h²


# ----- numerical_derivative ------------------------------------------------------------------
def central(f: FunctionRef, x, h=DEFAULT_H):
    g = f.numpy()
    x = np.asarray(x, dtype=np.float64)
    return (g(x + h) - g(x - h)) / (2 * h)


def _step(case):
    return case.args[2] if len(case.args) > 2 else DEFAULT_H


def _derivative_cases(suite, seed=None):
    rng = rng_for("numerical_derivative", suite, seed=seed)
    hidden = suite == "hidden"

    def case(name, kind, f, x, h=None):
        args = (FunctionRef(f), x) if h is None else (FunctionRef(f), x, h)
        return backward_case(name, kind, args, central, rtol=1e-8, atol=1e-12,
                             info={"size": int(np.size(x))})

    if not hidden:
        return [
            case("f = sin at x = 1.0 (default h)", "edge", "sin", 1.0),
            case("f = x³ at x = 2.0, h = 1e-3", "random", "cube", 2.0, 1e-3),
            case("f = exp on an array of 4 points, h = 0.1", "random", "exp", np.array([-1.0, 0.0, 0.5, 2.0]), 0.1),
            case("f = x·sin(x) on a 2×3 array, h = 1e-2", "random", "x_sin_x", rng.uniform(-3, 3, (2, 3)), 1e-2),
            case("f = log(1 + x²) at x = 0.5, a large step h = 0.5", "probe", "log1p_square", 0.5, 0.5),
            case("f = x³ at x = 1 given as an integer, h = 0.1", "edge", "cube", 1, 0.1),
            case("f = sin on a 1×1 array, h = 1e-3", "edge", "sin", rng.normal(size=(1, 1)), 1e-3),
            case("f = exp at x given as a 0-d array, h = 0.01", "edge", "exp", np.array(0.7), 0.01),
        ]
    return [
        case("f = x³ at x = −1.5 (default h)", "edge", "cube", -1.5),
        case("f = sin at x = 2 given as an integer, h = 0.01", "edge", "sin", 2, 0.01),
        case("f = exp at x = 0, h = 1e-4", "edge", "exp", 0.0, 1e-4),
        case("f = log(1 + x²) on 6 points, h = 0.05", "random", "log1p_square", rng.normal(0, 2, 6), 0.05),
        case("f = sin on a 3×2×2 array, h = 0.2", "random", "sin", rng.uniform(-4, 4, (3, 2, 2)), 0.2),
        case("f = x·sin(x) on a 1×1 array (default h)", "edge", "x_sin_x", rng.normal(size=(1, 1))),
        case("f = x³ at x = 3, a large step h = 1.0", "probe", "cube", 3.0, 1.0),
        case("f = log(1 + x²) at x given as a 0-d array (default h)", "edge", "log1p_square", np.array(-0.4)),
    ]


def _one_sided(forward: bool, width: float = 1.0):
    """Variant result: a one-sided difference over a step width·h, (f(x + wh) − f(x)) / wh forward,
    (f(x) − f(x − wh)) / wh backward (width 2: a central difference taken around x ± h instead of x)."""
    def result(case):
        f, x, h = case.args[0], np.asarray(case.args[1], dtype=np.float64), width * _step(case)
        g = f.numpy()
        return ((g(x + h) - g(x)) / h,) if forward else ((g(x) - g(x - h)) / h,)
    return result


def _default_step(case):
    if _step(case) == DEFAULT_H:
        return None
    return (central(case.args[0], case.args[1], DEFAULT_H),)


numerical_derivative = Exercise(
    "numerical_derivative", "numerical_derivative(f, x, h=1e-5)", ("f", "x", "h"), ("the derivative",),
    _derivative_cases,
    (Variant("forward_difference", _one_sided(True)),
     Variant("forward_difference", _one_sided(False),
             seen="Your value equals (f(x) − f(x − h)) / h, a one-sided (backward) difference."),
     Variant("forward_difference", _one_sided(True, 2.0), seen="Your value equals (f(x + 2h) − f(x)) / 2h: a "
             "difference centred at x + h, which is a one-sided difference at x."),
     Variant("forward_difference", _one_sided(False, 2.0), seen="Your value equals (f(x) − f(x − 2h)) / 2h: a "
             "difference centred at x − h, which is a one-sided difference at x."),
     Variant("missing_factor", scaled(2.0), seen="Your value is twice the central difference.",
             hint="How far apart are the two points where you evaluate f? Divide by that distance."),
     Variant("sign_error", scaled(-1.0)),
     Variant("fixed_step", _default_step),
     InPlace(), ConstantFactor()) + factor_variants({"h": (_step, "the step size")}, exponents=SLIP_POWERS),
    shape_notes=("the shape of x",))


# ----- gradient_descent_update ---------------------------------------------------------------
def _update_cases(suite, seed=None):
    rng = rng_for("gradient_descent_update", suite, seed=seed)
    hidden = suite == "hidden"

    def case(name, kind, x, g, lr):
        return backward_case(name, kind, (x, g, lr), descend, rtol=1e-12, atol=1e-15,
                             info={"size": int(np.size(x))})

    shapes = [(4,), (3, 2)] if not hidden else [(6,), (2, 2, 2)]
    cases = [case("numbers: x = 3, gradx = 2, learning rate 0.1", "edge", 3.0, 2.0, 0.1) if not hidden
             else case("numbers: x = −1.5, gradx = 0.5, learning rate 0.3", "edge", -1.5, 0.5, 0.3)]
    for shape in shapes:
        cases.append(case(f"random, {shape_text(shape)}, learning rate 0.05", "random",
                          rng.normal(size=shape), rng.normal(size=shape), 0.05))
    cases.append(case("zero gradient (x must not move)", "edge", rng.normal(size=3), np.zeros(3), 0.5))
    cases.append(case("large learning rate 2.0", "edge", rng.normal(size=(2, 2)), rng.normal(size=(2, 2)), 2.0))
    cases.append(case("tiny learning rate 1e-6", "edge", rng.normal(size=5 if hidden else 4),
                      rng.normal(size=5 if hidden else 4), 1e-6))
    cases.append(case(f"a 1×1 matrix, learning rate {1 if hidden else 0.5}", "edge", rng.normal(size=(1, 1)),
                      rng.normal(size=(1, 1)), 1.0 if hidden else 0.5))
    ints = np.array([4, -1, 0, 7] if hidden else [3, -2, 5], dtype=np.int64)
    cases.append(case("x given as integers", "edge", ints, rng.normal(size=ints.shape), 0.1))
    return cases


def _plus(case):
    x, g, lr = case.args
    return (np.asarray(x) + lr * np.asarray(g),)


def _start(case):
    """Where the step starts: what a scaled step leaves alone."""
    return (np.asarray(case.args[0], dtype=np.float64),)


def _rate(case):
    return case.args[2]


def _entries(case):
    """The number of entries of x: a step divided (or multiplied) by it is scaled by a quantity the
    exercise defines (a mean taken where the update is per entry)."""
    return np.size(case.args[0])


def _along_x(case):
    """x − η·x: a step along x instead of along the gradient."""
    x, g, lr = case.args
    return (np.asarray(x) - lr * np.asarray(x),)


def _no_rate(case):
    x, g, lr = case.args
    return (np.asarray(x) - np.asarray(g),)


gradient_descent_update = Exercise(
    "gradient_descent_update", "gradient_descent_update(x, gradx, learning_rate)",
    ("x", "gradx", "learning_rate"), ("the new x",), _update_cases,
    (Variant("sign_error", _plus, seen="Your step goes uphill: you added learning_rate · gradx "
             "instead of subtracting it."),
     Variant("missing_factor", _no_rate, seen="Your step ignores the learning rate: x moved by the "
             "whole gradient.", hint="Which argument says how far one step goes?"),
     Variant("wrong_point", _along_x, seen="Your step goes along x, not along the gradient: x − "
             "learning_rate · x.", hint="Which argument holds the direction of steepest ascent?"),
     InPlace(), ConstantFactor(offset=_start, what="step"),
     ConstantFactor("fixed_step", offset=_start, basis=lambda case: (-np.asarray(case.args[1], dtype=np.float64),),
                    cap=_rate,
                    seen="Your step is x − {factor}·gradx on every case that failed, whatever its learning rate: "
                         "your code ignores the learning rate it is given (or replaces every rate above "
                         "{factor} by {factor}).")) +
    factor_variants({"η": (_rate, "the learning rate"), "n": (_entries, "the number of entries of x")},
                    constants=(1.0,), offset=_start, what="step"),
    engine=DescentRun(), shape_notes=("the shape of x",))



# ----- gradient_check_error -----------------------------------------------------------------
def _check_step(args) -> float:
    return args[3] if len(args) > 3 else DEFAULT_H


def _check_parts(args, h=None, upstream=True, out=None, swap=False, numeric_at=None, one_sided=False):
    """(the backward's result a, the reference n) as a check computes them from a case's
    arguments (backward, x, G[, h]); the keywords plant one slip each: out(x) passed as the
    output instead of σ(x), x and the output swapped, the difference taken around
    numeric_at(x) instead of x."""
    backward, x, g = args[0].numpy(), np.asarray(args[1]), np.asarray(args[2])
    h = _check_step(args) if h is None else h
    given = stable_sigmoid(x) if out is None else out(x)
    a = backward(given, x, g) if swap else backward(x, given, g)
    at = x if numeric_at is None else numeric_at(x)
    low = stable_sigmoid(at) if one_sided else stable_sigmoid(at - h)
    n = (stable_sigmoid(at + h) - low) / (h if one_sided else 2 * h)
    return a, (g * n if upstream else n)


def check_error(*args):
    """The reference: the largest relative error between the backward and central differences."""
    a, n = _check_parts(args)
    return np.asarray(np.max(relative_error(a, n)))


def _check_cases(suite, seed=None):
    rng = rng_for("gradient_check_error", suite, seed=seed)

    def case(name, kind, backward, shape, h=None, x=None, positive=False, upstream=None):
        """positive: x in (0.1, 0.9) and G > 0, where no error saturates at 1 (opposite signs).
        upstream: G is this number times random signs and sizes (0: G = 0, 1e-12: a tiny G)."""
        if x is None:
            x = rng.uniform(0.1, 0.9, shape) if positive else rng.uniform(-4, 4, shape)
        x = np.asarray(x, dtype=np.float64)
        g = rng.uniform(0.5, 2.0, np.shape(x)) if positive else rng.normal(size=np.shape(x))
        g = g if upstream is None else upstream * g
        args = (BackwardRef(backward), x, g) if h is None else (BackwardRef(backward), x, g, h)
        # an error at rounding level (a correct backward) is judged as "below 1e-8", not digit by digit
        return backward_case(f"{BackwardRef(backward).describe()}; {name}", kind, args, check_error,
                             rtol=1e-2, atol=1e-8, info={"size": int(np.size(x))})

    if suite == "visible":
        return [case("x of shape 3×4", "edge", "correct", (3, 4)),
                case("8 points", "random", "slip", (8,)),
                case("x of shape 3×4", "random", "ignores_upstream", (3, 4)),
                case("x of shape 2×5", "random", "tanh_derivative", (2, 5)),
                case("6 points, h = 1e-3", "probe", "correct", (6,), h=1e-3),
                case("4 points in (0.1, 0.9), G > 0", "probe", "correct", (4,), positive=True),
                case("one point, x = −0.6", "edge", "negated", None, x=[-0.6]),
                case("5 points, G = 0 (a = n = 0: no error)", "edge", "correct", (5,), upstream=0.0),
                case("6 points, a tiny G (1e-12)", "edge", "slip", (6,), upstream=1e-12)]
    return [case("x of shape 2×3×4", "edge", "correct", (2, 3, 4)),
            case("x of shape 2×3×4", "random", "off_by_a_thousandth", (2, 3, 4)),
            case("5 points", "random", "negated", (5,)),
            case("one point, x = 0.3", "edge", "correct", None, x=[0.3]),
            case("one point, x = 0", "edge", "slip", None, x=[0.0]),
            case("10 points, h = 1e-2", "probe", "correct", (10,), h=1e-2),
            case("4 points, h = 1e-3", "probe", "ignores_upstream", (4,), h=1e-3),
            case("5 points in (0.1, 0.9), G > 0", "probe", "slip", (5,), positive=True),
            case("3 points in (0.1, 0.9), G > 0", "probe", "correct", (3,), positive=True),
            case("x of shape 2×3, G = 0 (a = n = 0: no error)", "edge", "correct", (2, 3), upstream=0.0),
            case("4 points, a tiny G (1e-12)", "edge", "tanh_derivative", (4,), upstream=1e-12)]


def _check_variant(measure=None, **slip):
    """Variant result: what a check with one slip (see `_check_parts`, or another `measure`
    of the error) reports on the case; None where the slip changes nothing."""
    def result(case):
        if slip.get("h") == _check_step(case.args):
            return None
        a, n = _check_parts(case.args, **slip)
        return (np.asarray(measure(a, n) if measure else np.max(relative_error(a, n))),)
    return result


# where the check may evaluate the backward, or the difference, by mistake: (what it reads, out(x))
CHECK_POINTS = (("1 − x", lambda x: 1.0 - x), ("1 − σ(x)", lambda x: 1.0 - stable_sigmoid(x)),
                ("tanh(x)", np.tanh), ("σ(σ(x))", lambda x: stable_sigmoid(stable_sigmoid(x))),
                ("σ(x)·(1 − σ(x))", lambda x: stable_sigmoid(x) * (1.0 - stable_sigmoid(x))),
                ("0", np.zeros_like), ("σ(1 − x)", lambda x: stable_sigmoid(1.0 - x)))


def check_points() -> tuple:
    """wrong_point: the backward called with another quantity as its output, with x and the
    output swapped, or the difference taken around σ(x) instead of x."""
    family = [Variant("wrong_point", _check_variant(out=out), seen=f"Your check calls backward(x, {name}, "
                      "grad_output): the backward's second argument is the output σ(x).")
              for name, out in CHECK_POINTS]
    family.append(Variant("wrong_point", _check_variant(swap=True), seen="Your check calls backward(σ(x), x, "
                          "grad_output): the input and the output are swapped."))
    family.append(Variant("wrong_point", _check_variant(numeric_at=stable_sigmoid), seen="Your check takes the "
                          "central difference of σ around σ(x), not around x."))
    return tuple(family)


def _floored(d):
    return np.maximum(1e-8, d)


# the measures of |a − n| a check may take by mistake: (what it reads, elementwise measure)
ELEMENTWISE_ERRORS = (
    ("|a − n| / (|a| + |n|), without the floor 1e-8", lambda a, n: np.abs(a - n) / (np.abs(a) + np.abs(n))),
    ("|a − n| / |a|", lambda a, n: np.abs(a - n) / np.abs(a)),
    ("|a − n| / max(1e-8, |n|)", lambda a, n: np.abs(a - n) / _floored(np.abs(n))),
    ("|a − n| / max(1e-8, |a|)", lambda a, n: np.abs(a - n) / _floored(np.abs(a))),
    ("|a − n| / max(|a|, |n|)", lambda a, n: np.abs(a - n) / np.maximum(np.abs(a), np.abs(n))),
    ("|a − n| / max(1e-8, |a|, |n|)", lambda a, n: np.abs(a - n) / _floored(np.maximum(np.abs(a), np.abs(n)))),
    ("|a − n| / ((|a| + |n|) / 2)", lambda a, n: 2 * np.abs(a - n) / (np.abs(a) + np.abs(n))),
    ("|a − n| / max(1e-8, (|a| + |n|) / 2)", lambda a, n: np.abs(a - n) / _floored((np.abs(a) + np.abs(n)) / 2)),
    ("|a − n| / |a + n|", lambda a, n: np.abs(a - n) / np.abs(a + n)),
    ("|a − n| / |n|", lambda a, n: np.abs(a - n) / np.abs(n)),
    ("|a − n| / max(1e-8, |a| + |n|)", relative_error),
    ("|a − n|", lambda a, n: np.abs(a - n)),
    ("(a − n)²", lambda a, n: (a - n) ** 2),
    ("a − n, without the absolute value", lambda a, n: a - n),
)
REDUCTIONS = (("the largest", np.max), ("the mean", np.mean), ("the sum", np.sum))
NORMS = (
    ("‖a − n‖ / (‖a‖ + ‖n‖)", lambda a, n, r: r(a - n) / (r(a) + r(n))),
    ("‖a − n‖ / max(1e-8, ‖a‖ + ‖n‖)", lambda a, n, r: r(a - n) / max(1e-8, r(a) + r(n))),
    ("‖a − n‖ / ‖n‖", lambda a, n, r: r(a - n) / r(n)),
    ("‖a − n‖ / max(‖a‖, ‖n‖)", lambda a, n, r: r(a - n) / max(r(a), r(n))),
    ("‖a − n‖ / ‖a + n‖", lambda a, n, r: r(a - n) / r(a + n)),
    ("‖a − n‖", lambda a, n, r: r(a - n)),
)


def _norm(v):
    return float(np.linalg.norm(np.ravel(v)))


def _reduced(reduce, elementwise):
    return lambda a, n: reduce(elementwise(a, n))


def _normed(formula):
    return lambda a, n: formula(a, n, _norm)


def error_measures() -> tuple:
    """wrong_error_measure: any of the common measures but the right one — an elementwise error
    (other denominators, no floor, no absolute value, squared) reduced by max, mean or sum,
    or a ratio of norms of the whole arrays."""
    family = [Variant("wrong_error_measure", _check_variant(measure=_reduced(reduce, error)),
                      seen=f"Your check reports {which} of {text} over the elements.")
              for text, error in ELEMENTWISE_ERRORS for which, reduce in REDUCTIONS
              if not (error is relative_error and reduce is np.max)]
    family += [Variant("wrong_error_measure", _check_variant(measure=_normed(formula)),
                       seen=f"Your check reports {text} over the whole arrays (‖·‖ the Euclidean norm), not "
                            "the largest relative error of an element.")
               for text, formula in NORMS]
    return tuple(family)


gradient_check_error = Exercise(
    "gradient_check_error", "gradient_check_error(backward, x, grad_output, h=1e-5)",
    ("backward", "x", "grad_output", "h"), ("the largest relative error",), _check_cases,
    (Variant("forward_difference", _check_variant(one_sided=True), seen="Your check reports what a one-sided "
             "difference (σ(x + h) − σ(x)) / h gives: even a correct backward then shows an error of about h."),
     Variant("missing_factor", _check_variant(measure=lambda a, n: np.max(relative_error(a, 2 * n))),
             seen="Your check reports what a reference divided by h instead of 2h gives: it is twice the "
             "derivative, so even a correct backward fails.",
             hint="How far apart are the two points where you evaluate σ? Divide by that distance."),
     Variant("ignored_upstream", _check_variant(upstream=False), seen="Your check compares the backward "
             "with σ'(x) alone: the reference leaves out grad_output, so a correct backward fails and one "
             "that ignores grad_output passes.", hint="What does the backward return: σ'(x), or grad_output "
             "times σ'(x)? The reference must be the same quantity."),
     Variant("fixed_step", _check_variant(h=DEFAULT_H)),
     Variant("wrong_point", _check_variant(out=lambda x: x), seen="Your check calls backward(x, x, grad_output): "
             "it passes the input where the output σ(x) belongs.", hint="The backward's second argument is "
             "the node's output. What is the sigmoid node's output at x?"),
     Variant("wrong_error_measure", _check_variant(measure=lambda a, n: np.max(np.abs(a - n) / np.abs(n))),
             seen="Your check divides by |n| alone, not by max(1e-8, |a| + |n|)."),
     Variant("wrong_error_measure", _check_variant(measure=lambda a, n: np.mean(relative_error(a, n))),
             seen="Your check reports the mean relative error, not the largest: one bad element among many "
             "good ones is averaged away."),
     Variant("wrong_error_measure", _check_variant(measure=lambda a, n: np.max(np.abs(a - n))),
             seen="Your check reports the absolute error |a − n|, not the relative one."),
     InPlace()) + check_points() + error_measures(),
    shape_notes=("a single number",))

EXERCISES = (numerical_derivative, gradient_descent_update, gradient_check_error)
