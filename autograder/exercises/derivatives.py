"""Derivatives: the central-difference `numerical_derivative` and `gradient_descent_update`.

    numerical_derivative(f, x, h=1e-5) -> (f(x + h) − f(x − h)) / 2h, with x's shape
    gradient_descent_update(x, gradx, learning_rate) -> x − learning_rate · gradx (x untouched)
"""
from __future__ import annotations

import numpy as np

from ..cases import rng_for
from ..functions import FunctionRef
from ..mistakes import InPlace, Variant, scaled
from .base import Exercise
from .common import backward_case, shape_text
from .regression import DescentRun

DEFAULT_H = 1e-5


# ----- numerical_derivative ------------------------------------------------------------------
def central(f: FunctionRef, x, h=DEFAULT_H):
    g = f.numpy()
    x = np.asarray(x, dtype=np.float64)
    return (g(x + h) - g(x - h)) / (2 * h)


def _step(case):
    return case.args[2] if len(case.args) > 2 else DEFAULT_H


def _derivative_cases(suite):
    rng = rng_for("numerical_derivative", suite)
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
        ]
    return [
        case("f = x³ at x = −1.5 (default h)", "edge", "cube", -1.5),
        case("f = sin at x = 2 given as an integer, h = 0.01", "edge", "sin", 2, 0.01),
        case("f = exp at x = 0, h = 1e-4", "edge", "exp", 0.0, 1e-4),
        case("f = log(1 + x²) on 6 points, h = 0.05", "random", "log1p_square", rng.normal(0, 2, 6), 0.05),
        case("f = sin on a 3×2×2 array, h = 0.2", "random", "sin", rng.uniform(-4, 4, (3, 2, 2)), 0.2),
        case("f = x·sin(x) on a 1×1 array (default h)", "edge", "x_sin_x", rng.normal(size=(1, 1))),
        case("f = x³ at x = 3, a large step h = 1.0", "probe", "cube", 3.0, 1.0),
    ]


def _one_sided(forward: bool):
    def result(case):
        f, x, h = case.args[0], np.asarray(case.args[1], dtype=np.float64), _step(case)
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
     Variant("missing_factor", scaled(2.0), seen="Your value is twice the central difference.",
             hint="How far apart are the two points where you evaluate f? Divide by that distance."),
     Variant("sign_error", scaled(-1.0)),
     Variant("fixed_step", _default_step),
     InPlace()),
    shape_notes=("the shape of x",))


# ----- gradient_descent_update ---------------------------------------------------------------
def descend(x, gradx, learning_rate):
    return np.asarray(x, dtype=np.float64) - learning_rate * np.asarray(gradx, dtype=np.float64)


def _update_cases(suite):
    rng = rng_for("gradient_descent_update", suite)
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
    if hidden:
        cases.append(case("tiny learning rate 1e-6", "edge", rng.normal(size=5), rng.normal(size=5), 1e-6))
        cases.append(case("a 1×1 matrix, learning rate 1", "edge", rng.normal(size=(1, 1)),
                          rng.normal(size=(1, 1)), 1.0))
    return cases


def _plus(case):
    x, g, lr = case.args
    return (np.asarray(x) + lr * np.asarray(g),)


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
     InPlace()),
    engine=DescentRun(), shape_notes=("the shape of x",))

EXERCISES = (numerical_derivative, gradient_descent_update)
