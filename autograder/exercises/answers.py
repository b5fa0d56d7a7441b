"""Answers that are values: numbers a student works out on paper, and small functions of them.

A notebook's test cell names them as a lambda over the student's names, e.g.
`lambda: (df_dx, df_dy, df_dz)`; the collect side calls it with no arguments and keeps one
answer, or all of them (procedure "answers", `autograder.collecting.calls`). An answer that
is a function (`step_factor`) is called there on the case's rows of arguments, and only its
results come back. A case judges one answer (the hidden suites: one case per answer, so the
fraction of cases passed is the fraction of answers right) or all of them (the visible
suites: one case, passed when every answer is right).

    parabola_rates: lambda: (step_factor, one_step_rate, first_unstable_rate)
        step_factor(learning_rate) = 1 − 2·learning_rate   (one step on f(x) = x² multiplies x by it)
        one_step_rate = 0.5, first_unstable_rate = 1.0
    hand_gradients: lambda: (df_dx, df_dy, df_dz) for f = (x·y + z)·x at (2, −3, 4): (−8, 4, 2)
"""
from __future__ import annotations

import numpy as np

from ..detectors import Variant
from ..kinds.answers import (
    GRADIENTS,
    AnswersExercise,
    explain_gradient,
    explain_rates,
    hand_gradients_by_engine,
    parabola_by_engine,
)
from .cases import Case, frozen, rng_for


def _rows_case(name, kind, returns, expected, rows, answer=None, rtol=1e-6, atol=1e-9):
    """A case judging one answer (`answer`, an index) or all of them (None)."""
    expected = tuple(None if e is None else frozen(e) for e in expected)
    return Case(name, kind, (rows,), expected, rtol=rtol, atol=atol,
                info={"answer": answer, "size": 1 if answer is not None else len(returns)})


def _one_only(expected: tuple, c: int) -> tuple:
    return tuple(e if k == c else None for k, e in enumerate(expected))


def _flip(case):
    """Variant result: every judged answer with its sign flipped."""
    return tuple(None if e is None else -e for e in case.expected)


# ----- parabola_rates -----------------------------------------------------------------------------
RATES = ("step_factor(learning_rate)", "one_step_rate", "first_unstable_rate")


def _parabola_cases(suite, seed=None):
    rng = rng_for("parabola_rates", suite, seed=seed)
    written = (0.05, 0.3, 0.75, 1.2, 0.0) if suite == "visible" else (0.0, 0.2, 0.5, 0.9, 1.7)
    if seed is None:
        etas = written
    else:   # the same kinds of rates: creeping, zig-zagging inward and running away
        etas = tuple(round(float(v), 3) for v in (rng.uniform(0.01, 0.45), rng.uniform(0.55, 0.95),
                                                  rng.uniform(1.05, 2.0), rng.uniform(0.01, 2.0)))
        etas = etas + (0.0, 0.5)[: len(written) - len(etas)]
    rows = (tuple((eta,) for eta in etas), None, None)
    expected = (np.array([1 - 2 * eta for eta in etas]), 0.5, 1.0)
    if suite == "visible":
        return [_rows_case(f"the three answers (step_factor at {len(etas)} learning rates)", "edge", RATES, expected,
                           rows)]
    return [_rows_case(f"step_factor at {len(etas)} learning rates", "edge", RATES, _one_only(expected, 0), rows, 0),
            _rows_case("one_step_rate", "edge", RATES, _one_only(expected, 1), rows, 1),
            _rows_case("first_unstable_rate", "edge", RATES, _one_only(expected, 2), rows, 2)]


def _slope_without_two(case):
    """Variant result: the answers of descent taken with the slope x instead of 2x."""
    etas = np.array([row[0] for row in case.args[0][0]])
    return tuple(None if e is None else v for e, v in zip(case.expected, (1 - etas, 1.0, 2.0)))


def _factor_flipped(case):
    """Variant result: step_factor with its sign flipped, 2·η − 1 (the subtraction turned round:
    η·f'(x) − x); the other answers untouched."""
    return (None if case.expected[0] is None else -case.expected[0], None, None)


def _uphill(case):
    etas = np.array([row[0] for row in case.args[0][0]])
    return (1 + 2 * etas, None, None)


parabola_rates = AnswersExercise(
    "parabola_rates", "lambda: (step_factor, one_step_rate, first_unstable_rate)", RATES, _parabola_cases,
    (Variant("missing_factor", _slope_without_two,
             seen="Your answers fit gradient descent taken with the slope x instead of f'(x) = 2x: the factor 2 "
                  "of the derivative of x² is missing.",
             hint="Write one step out in full, x_new = x − η·f'(x) with f(x) = x², and collect the terms in x."),
     Variant("sign_error", _uphill,
             seen="Your step_factor is 1 + 2·learning_rate: that is a step uphill, x + η·f'(x).",
             hint="Gradient descent moves against the slope. Which sign does η·f'(x) get?"),
     Variant("sign_error", _factor_flipped,
             seen="Your step_factor is 2·learning_rate − 1, minus the right one: x_new = η·f'(x) − x has the "
                  "subtraction the wrong way round.",
             hint="Write one step out in full, x_new = x − η·f'(x) with f(x) = x², and collect the terms in x.")),
    explain=explain_rates, by_engine=parabola_by_engine)


# ----- hand_gradients -----------------------------------------------------------------------------
POINT = "f = (x*y + z)*x at x = 2, y = -3, z = 4"
GRADIENT_VALUES = (-8.0, 4.0, 2.0)   # q = -6, r = -2; df/dr = x = 2; df/dx = r + df/dq * y = -2 - 6


def _gradient_cases(suite, seed=None):
    expected = GRADIENT_VALUES
    rows = (None, None, None)
    if suite == "visible":
        return [_rows_case(f"the three partial derivatives of {POINT}", "edge", GRADIENTS, expected, rows)]
    return [_rows_case(f"{name} of {POINT}", "edge", GRADIENTS, _one_only(expected, c), rows, c)
            for c, name in enumerate(GRADIENTS)]


def _swapped(c, d):
    """Variant result: answers c and d exchanged (the right values, each in the other's place)."""
    def result(case):
        return tuple(GRADIENT_VALUES[{c: d, d: c}[k]] if k in (c, d) and e is not None else None
                     for k, e in enumerate(case.expected))
    return result


SWAP_REASONS = ("df/dx = r + x·y = −8 (x reaches f twice)", "df/dy = x·x = 4 (y multiplies x inside q)",
                "df/dz = x = 2 (z is added to q, then times x)")
UPSTREAM_HINT = "The chain rule multiplies the local derivative by the gradient that reaches the node from above: "


def _swaps():
    """`swapped`: any two answers exchanged, both of them (joint: one answer alone in another's place is not it)."""
    return tuple(Variant("swapped", _swapped(c, d), joint=True,
                         seen=f"Your {GRADIENTS[c]} and {GRADIENTS[d]} are each other's: {SWAP_REASONS[c]} and "
                              f"{SWAP_REASONS[d]}.")
                 for c, d in ((0, 1), (0, 2), (1, 2)))


def _product_rule_swapped(case):
    """Variant result: the two gradients of q = x·y swapped, x getting df/dq·x and y getting df/dq·y
    (dq/dx = y and dq/dy = x taken the wrong way round): df/dx = r + x·x = 2, df/dy = x·y = −6; df/dz untouched."""
    x, y, z = 2.0, -3.0, 4.0
    r, df_dq = x * y + z, x
    return tuple(None if e is None or k == 2 else (r + df_dq * x, df_dq * y)[k] for k, e in enumerate(case.expected))


def _only(c, value):
    """Variant result: `value` for answer c, nothing said about the others."""
    return lambda case: tuple(value if k == c and e is not None else None for k, e in enumerate(case.expected))


hand_gradients = AnswersExercise(
    "hand_gradients", "lambda: (df_dx, df_dy, df_dz)", GRADIENTS, _gradient_cases,
    (Variant("overwrite_fanout", _only(0, -2.0),
             seen="Your df_dx = -2 is the direct path alone (df/dx with q held fixed, which is r): x also reaches f "
                  "through q = x*y, and that path's share is missing.",
             hint="x is used twice. Work out the share of each path that leaves x; fan-out gradients add up."),
     Variant("overwrite_fanout", _only(0, -6.0),
             seen="Your df_dx = -6 is the path through q = x*y alone: x also multiplies r directly, and that "
                  "path's share is missing.",
             hint="x is used twice. Work out the share of each path that leaves x; fan-out gradients add up."),
     Variant("ignored_upstream", _only(2, 1.0),
             seen="Your df_dz = 1 is the local derivative dr/dz alone, without df/dr, the gradient that arrives at "
                  "r from the product above it.",
             hint=UPSTREAM_HINT + "df/dz = df/dr · dr/dz."),
     Variant("ignored_upstream", _only(1, 2.0),
             seen="Your df_dy = 2 is the local derivative dq/dy = x alone, without df/dq = x, the gradient that "
                  "arrives at q from above.",
             hint=UPSTREAM_HINT + "df/dy = df/dq · dq/dy."),
     *_swaps(),
     Variant("swapped", _product_rule_swapped, joint=True,
             seen="Your df_dx = 2 and df_dy = -6 fit the two gradients of q = x*y swapped: x got df/dq·x and y "
                  "got df/dq·y, where dq/dx = y and dq/dy = x.",
             hint="The gradient of a product for one factor is the upstream gradient times the *other* factor."),
     Variant("sign_error", _flip)),
    explain=explain_gradient, has_inputs=False, by_engine=hand_gradients_by_engine)

EXERCISES = (parabola_rates, hand_gradients)
