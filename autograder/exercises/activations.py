"""Activations: the sigmoid forward, and the sigmoid, tanh and relu backward.

Backward signature (the engine's convention for elementwise ops): fn(x, out, grad_output)
-> dL/dx, with out = f(x) as saved by the forward, every array read-only.
"""
from __future__ import annotations

import numpy as np

from minigrad.ops import stable_sigmoid

from ..detectors import ConstantFactor, InPlace, OnlyWhere, Unchanged, Unstable, Variant, scaled
from ..exercise import Exercise
from .cases import rng_for
from .common import backward_case, central_elementwise, shape_text, with_upstream_scaled
from .engine_runs import EngineRun


def sigmoid_reference(x, out, g):
    return g * out * (1.0 - out)


def tanh_reference(x, out, g):
    return g * (1.0 - out * out)


def relu_reference(x, out, g):
    return g * (x > 0)


def _away_from_zero(values):
    """Shift samples away from relu's kink, so central differences are valid there."""
    return np.where(values >= 0, values + 0.05, values - 0.05)


class _Elementwise:
    """The cases of an elementwise backward: edge values, random shapes, a probe with the
    upstream gradient scaled, inputs near ±1000, and (relu) the kink at 0."""

    def __init__(self, exercise_id, forward, reference, spread, kink=False):
        self.exercise_id, self.forward, self.reference = exercise_id, forward, reference
        self.spread, self.kink = spread, kink

    def case(self, name, kind, x, g, numerical=True, pair=None):
        x = np.asarray(x, dtype=np.float64)
        g = np.asarray(g, dtype=np.float64)
        fd = (central_elementwise(self.forward, x, g),) if numerical else None
        return backward_case(name, kind, (x, self.forward(x), g), self.reference, numerical=fd, pair=pair)

    def sample(self, rng, shape):
        x = rng.normal(0.0, self.spread, shape)
        return _away_from_zero(x) if self.kink else x

    def __call__(self, suite, seed=None):
        rng = rng_for(self.exercise_id, suite, seed=seed)
        hidden = suite == "hidden"
        shapes = [(7,), (4, 5), (2, 2, 3)] if hidden else [(5,), (3, 4), (2, 3, 2)]
        first = np.array([0.3 if self.kink else 0.0])
        cases = [self.case(f"one element, x = {first[0]:g}", "edge", first, rng.normal(size=1))]
        for shape in shapes:
            cases.append(self.case(f"random, {shape_text(shape)}", "random", self.sample(rng, shape),
                                   rng.normal(size=shape)))
        cases.append(with_upstream_scaled(cases, 2, -5.0, 2, self.reference))
        negative = -np.abs(self.sample(rng, (6,))) - 0.05
        cases.append(self.case("negative inputs only", "edge", negative, rng.normal(size=6)))
        if self.kink:
            x = np.array([-1.5, 0.0, 2.0, 0.0, -0.25, 0.7]) if not hidden else np.array([0.0, 0.0, 3.0, -3.0])
            cases.append(self.case("x exactly 0 at some entries (the kink)", "kink", x, rng.normal(size=x.shape),
                                   numerical=False))
        big = [-1000.0, -40.0, 40.0, 1000.0] if not hidden else [-745.0, -1000.0, 0.5, 800.0, 1000.0]
        cases.append(self.case("large inputs, ±1000", "stability", big, rng.normal(size=len(big))))
        zeros = (3, 3) if hidden else (2, 4)
        cases.append(self.case("zero upstream gradient", "edge", self.sample(rng, zeros), np.zeros(zeros)))
        cases.append(self.case("a 1×1 matrix", "edge", self.sample(rng, (1, 1)), rng.normal(size=(1, 1))))
        return cases


def _local_variant(formula):
    """Variant result: formula(x, out) times the upstream gradient."""
    def result(case):
        x, out, g = case.args
        return (g * formula(x, out),)
    return result


def _sigmoid_at(x):
    return stable_sigmoid(np.asarray(x, dtype=np.float64))


# the quantities a backward has at hand, where a derivative may be evaluated by mistake:
# (name, value from (x, out)); out is σ(x) for sigmoid and tanh(x) for tanh
SIGMOID_POINTS = (("x", lambda x, out: x), ("σ(x)", lambda x, out: out),
                  ("σ(out)", lambda x, out: _sigmoid_at(out)), ("σ(1 − x)", lambda x, out: _sigmoid_at(1.0 - x)),
                  ("σ(1 − out)", lambda x, out: _sigmoid_at(1.0 - out)), ("tanh(x)", lambda x, out: np.tanh(x)),
                  ("tanh(out)", lambda x, out: np.tanh(out)))
TANH_POINTS = (("x", lambda x, out: x), ("tanh(x)", lambda x, out: out), ("tanh(out)", lambda x, out: np.tanh(out)),
               ("σ(x)", lambda x, out: _sigmoid_at(x)), ("σ(out)", lambda x, out: _sigmoid_at(out)),
               ("1 − x", lambda x, out: 1.0 - x), ("1 − tanh(x)", lambda x, out: 1.0 - out))


def _factors(points):
    """Each quantity q and 1 − q, named."""
    def one_minus(f):
        return lambda x, out: 1.0 - f(x, out)
    return tuple(points) + tuple((f"(1 − {name})", one_minus(f)) for name, f in points)


def _product(f, g):
    return lambda x, out: f(x, out) * g(x, out)


def _one_minus_product(f, g):
    return lambda x, out: 1.0 - f(x, out) * g(x, out)


def sigmoid_points() -> tuple:
    """wrong_point for σ' = s·(1 − s): the product of any two factors q or 1 − q, q among the
    quantities at hand (σ(x)·(1 − x), x·(1 − x), σ(x)·σ(1 − x), ...)."""
    factors = _factors(SIGMOID_POINTS)
    return tuple(Variant("wrong_point", _local_variant(_product(f, g)), f"(Here: {a}·{b}.)")
                 for k, (a, f) in enumerate(factors) for b, g in factors[k:])


def tanh_points() -> tuple:
    """wrong_point for tanh' = 1 − t²: 1 − p·q for any two quantities at hand (1 − x²,
    1 − tanh(out)², 1 − x·tanh(x), ...)."""
    def term(name):
        return f"({name})" if " " in name else name
    return tuple(Variant("wrong_point", _local_variant(_one_minus_product(f, g)),
                         f"(Here: 1 − {term(a)}².)" if a == b else f"(Here: 1 − {term(a)}·{term(b)}.)")
                 for k, (a, f) in enumerate(TANH_POINTS) for b, g in TANH_POINTS[k:])


def _relu_mask_at(point):
    """Variant result: G · 1[q > 0], relu's derivative evaluated at q = point(x, out, G)."""
    def result(case):
        x, out, g = case.args
        return (g * (point(x, out, g) > 0),)
    return result


# the quantities a relu backward has at hand besides x (out > 0 exactly where x > 0: the same mask)
RELU_POINTS = (("grad_output", lambda x, out, g: g),)


def relu_points() -> tuple:
    """wrong_point for relu' = 1[x > 0]: the mask taken from another quantity at hand (the upstream
    gradient: G · 1[G > 0] keeps the positive entries of G whatever x is)."""
    return tuple(Variant("wrong_point", _relu_mask_at(f), f"(Here: the mask 1[{name} > 0], where 1[x > 0] "
                         "belongs.)") for name, f in RELU_POINTS)


def _at_zero(case):
    return (np.asarray(case.args[0]) == 0,)


BACKWARD_ARGS = ("x", "out", "grad_output")
COMMON = (Unchanged(), Variant("sign_error", scaled(-1.0)), InPlace())

sigmoid_backward = Exercise(
    "sigmoid_backward", "sigmoid_backward(x, out, grad_output)", BACKWARD_ARGS, ("dL/dx",),
    _Elementwise("sigmoid_backward", stable_sigmoid, sigmoid_reference, 2.0),
    COMMON + (
        Variant("wrong_point", _local_variant(lambda x, out: _sigmoid_at(x) * _sigmoid_at(1.0 - x)),
                "(Here: σ(x)·σ(1 − x).)"),
        Variant("wrong_point", _local_variant(lambda x, out: x * (1.0 - x)),
                "(Here: x·(1 − x), with the input where the output belongs.)"),
        Unstable()) + sigmoid_points() + (ConstantFactor(),),
    engine=EngineRun("sigmoid", "logistic_regression"), shape_notes=("the shape of x",))

tanh_backward = Exercise(
    "tanh_backward", "tanh_backward(x, out, grad_output)", BACKWARD_ARGS, ("dL/dx",),
    _Elementwise("tanh_backward", np.tanh, tanh_reference, 1.5),
    COMMON + (
        Variant("wrong_point", _local_variant(lambda x, out: 1.0 - x * x),
                "(Here: 1 − x², with the input x where tanh(x) belongs.)"),
        Unstable()) + tanh_points() + (ConstantFactor(),),
    engine=EngineRun("tanh", "tanh_network"), shape_notes=("the shape of x",))

relu_backward = Exercise(
    "relu_backward", "relu_backward(x, out, grad_output)", BACKWARD_ARGS, ("dL/dx",),
    _Elementwise("relu_backward", lambda x: np.maximum(x, 0.0), relu_reference, 1.0, kink=True),
    COMMON + (OnlyWhere("kink_convention", _at_zero),) + relu_points(),
    engine=EngineRun("relu", "relu_network"), shape_notes=("the shape of x",))


# ----- the forward ------------------------------------------------------------------------------
def _sigmoid_cases(suite, seed=None):
    rng = rng_for("sigmoid", suite, seed=seed)
    hidden = suite == "hidden"

    def case(name, kind, x):
        x = np.asarray(x)
        return backward_case(name, kind, (x if x.dtype.kind == "i" else x.astype(np.float64),), _sigmoid_at,
                             atol=1e-12)

    shapes = [(6,), (3, 5)] if hidden else [(4,), (2, 3)]
    cases = [case("x = 0, −0 and ±1e-300", "edge", [0.0, -0.0, 1e-300, -1e-300] if hidden else
                  [-1e-300, 0.0, 1e-300, -0.0])]
    cases += [case(f"random, {shape_text(s)}", "random", rng.normal(0, 3, s)) for s in shapes]
    cases.append(case("large inputs, ±1000", "stability",
                      [-1000.0, -710.0, -50.0, 50.0, 710.0, 1000.0] if not hidden
                      else [-1e4, -745.5, -1000.0, 1000.0, 745.5, 1e4]))
    x = rng.normal(0, 4, 5 if hidden else 4)
    cases.append(case("x and −x side by side (σ(−x) = 1 − σ(x))", "edge", np.concatenate([x, -x])))
    cases.append(case("a 1×1 matrix", "edge", rng.normal(size=(1, 1))))
    cases.append(case("x given as integers", "edge", np.array([-3, 0, 2, 5] if hidden else [-2, 1, 4], dtype=np.int64)))
    cases.append(case("moderately large inputs, ±30 to ±60", "edge",
                      [-60.0, -30.0, 30.0, 60.0] if hidden else [-55.0, -35.0, 35.0, 55.0]))
    return cases


sigmoid = Exercise(
    "sigmoid", "sigmoid(x)", ("x",), ("σ(x)",),
    _sigmoid_cases,
    (Unstable(),
     Variant("sign_error", lambda case: (1.0 - case.expected[0],),
             seen="Your result is σ(−x) = 1 − σ(x): a sign is flipped inside the exponential."),
     InPlace()),
    engine=EngineRun("sigmoid", "logistic_regression", forward=True), shape_notes=("the shape of x",))

EXERCISES = (sigmoid, sigmoid_backward, tanh_backward, relu_backward)
