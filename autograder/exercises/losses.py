"""Losses: `mse_backward(pred, target, grad_output)` for L = mean((pred − target)²) and
`cross_entropy_backward(logits, labels, grad_output)` for L = mean over rows of
−log softmax(logits)[label]. grad_output is dL_total/dL, a 0-d array (a single number)."""
from __future__ import annotations

import numpy as np

from minigrad.ops import log_softmax_array, softmax_array

from ..detectors import ConstantFactor, InPlace, Unchanged, Unstable, Variant, factor_variants, scaled
from ..exercise import Exercise
from .cases import rng_for
from .common import op_case, shape_text, with_upstream_scaled
from .engine_runs import EngineRun


def mse(pred, target):
    return np.mean((pred - target) ** 2)


def mse_reference(pred, target, g):
    return g * 2.0 * (pred - target) / pred.size


def cross_entropy(logits, labels):
    return -np.mean(log_softmax_array(logits)[np.arange(len(labels)), labels])


def cross_entropy_reference(logits, labels, g):
    grad = softmax_array(logits)
    grad[np.arange(len(labels)), labels] -= 1.0
    return g * grad / len(labels)


def _upstream(rng):
    """A random upstream gradient for a scalar loss, kept away from 1 (where ignoring it is invisible)."""
    return np.array(rng.choice([-1.0, 1.0]) * rng.uniform(0.3, 0.8))


def _mse_cases(suite, seed=None):
    rng = rng_for("mse_backward", suite, seed=seed)
    shapes = [(5,), (4, 1), (3, 3), (1, 4), (2, 3, 2)] if suite == "visible" else \
        [(7,), (2, 5), (6, 1), (2, 2, 2), (1, 3)]

    def case(name, kind, pred, target, upstream=None):
        upstream = _upstream(rng) if upstream is None else np.array(upstream)
        return op_case(name, kind, (pred, target), upstream, mse_reference, mse, (0,))

    cases = [case("one prediction", "edge", rng.normal(size=1), rng.normal(size=1))]
    cases += [case(f"random, {shape_text(s)}", "random", rng.normal(size=s), rng.normal(size=s)) for s in shapes]
    cases.append(with_upstream_scaled(cases, 2, -5.0, 2, mse_reference))
    same = rng.normal(size=4)
    cases.append(case("predictions equal to the targets (the gradient is 0)", "edge", same, same.copy()))
    n = 3 if suite == "visible" else 5
    cases.append(case("zero upstream gradient", "edge", rng.normal(size=n), rng.normal(size=n), 0.0))
    return cases


def _ce_cases(suite, seed=None):
    rng = rng_for("cross_entropy_backward", suite, seed=seed)
    shapes = [(4, 3), (6, 2)] if suite == "visible" else [(5, 4), (3, 7), (8, 2)]

    def case(name, kind, logits, labels, upstream=None):
        upstream = _upstream(rng) if upstream is None else np.array(upstream)
        return op_case(name, kind, (logits, np.asarray(labels, dtype=np.int64)), upstream,
                       cross_entropy_reference, cross_entropy, (0,), components=(0,), info={"N": len(labels)})

    cases = [case("one row, 3 classes", "edge", rng.normal(size=(1, 3)), [1])]
    cases += [case(f"random logits, {n} rows, {c} classes", "random", rng.normal(0, 2, (n, c)),
                   rng.integers(0, c, n)) for n, c in shapes]
    cases.append(with_upstream_scaled(cases, 1, -5.0, 2, cross_entropy_reference))
    cases.append(case("every row has the same label", "edge", rng.normal(size=(3, 4)), [2, 2, 2]))
    # a row far below the batch's largest logit: exp(row − the batch's maximum) underflows to 0
    big = np.array([[1000.0, 0.0, -1000.0], [-800.0, 800.0, 10.0], [-900.0, -950.0, -920.0]]) \
        if suite == "visible" else \
        np.array([[750.0, 700.0, 0.0, -750.0], [0.0, -1000.0, 1000.0, 999.0], [-710.0, -720.0, -730.0, -700.0]])
    cases.append(case("huge logits, up to ±1000, one row far below the others", "stability", big,
                      [0, 2, 1] if suite == "visible" else [1, 3, 0]))
    c = 3 if suite == "visible" else 4
    cases.append(case("zero upstream gradient", "edge", rng.normal(size=(2, c)), rng.integers(0, c, 2), 0.0))
    cases.append(case("two classes, one row", "edge", rng.normal(size=(1, 2)), [0]))
    return cases


def _n_times(case):
    return (case.expected[0] * case.expected[0].size,)


def _rows_not_elements(case):
    pred = case.args[0]
    return None if pred.ndim < 2 or len(pred) == pred.size else (case.expected[0] * pred.size / len(pred),)


def _last_axis_not_elements(case):
    pred = case.args[0]
    return None if pred.ndim < 2 or pred.shape[-1] == pred.size else \
        (case.expected[0] * pred.size / pred.shape[-1],)


def _mse_without_target(case):
    """2·G·pred/n: the gradient of mean(pred²), the target's term −2·G·target/n left out."""
    pred, _, g = case.args
    return (2.0 * np.asarray(g) * np.asarray(pred) / np.size(pred),)


mse_backward = Exercise(
    "mse_backward", "mse_backward(pred, target, grad_output)", ("pred", "target", "grad_output"), ("dL/dpred",),
    _mse_cases,
    (Unchanged(),
     Variant("missing_factor", scaled(0.5), seen="Your gradient is half the expected one.",
             hint="The derivative of a square u² is not just u: the power rule brings a factor down."),
     Variant("missing_factor", _n_times, seen="Your gradient is n times the expected one, n the number of "
             "elements.", hint="The loss is a mean: each element's squared error is divided by how many "
             "there are. Does your gradient divide too?"),
     Variant("missing_factor", lambda case: (case.expected[0] * case.expected[0].size / 2,),
             seen="Your gradient is n/2 times the expected one: both the 2 of the square and the 1/n of "
                  "the mean are missing."),
     Variant("missing_factor", _rows_not_elements, seen="You divided by the number of rows, not by the "
             "number of elements.", hint="The mean runs over every element of pred; how many are there?"),
     Variant("missing_factor", _last_axis_not_elements, seen="You divided by the size of the last axis, "
             "not by the number of elements.", hint="The mean runs over every element of pred; how many are there?"),
     Variant("sign_error", scaled(-1.0), hint="d/dpred of (pred − target)² — which of the two is positive "
             "inside the bracket?"),
     Variant("missing_onehot", _mse_without_target, seen="Your gradient is 2·grad_output·pred/n, the gradient of "
             "mean(pred²): the target's term is missing.",
             hint="Differentiate (pred − target)² with respect to pred: what stays inside the bracket?"),
     InPlace(), ConstantFactor()) +
    factor_variants({"n": (lambda case: case.args[0].size, "the number of elements"),
                     "N": (lambda case: len(case.args[0]) if case.args[0].ndim else 1, "the number of rows"),
                     "D": (lambda case: case.args[0].size / max(1, len(case.args[0]) if case.args[0].ndim else 1),
                           "the number of elements per row")}, exponents=(-1, 1)),
    engine=EngineRun("mse_loss", "linear_regression"), shape_notes=("the shape of pred",))


def _softmax_only(case):
    logits, labels, g = case.args
    return (g * softmax_array(logits) / len(labels),)


def _ce_n_times(case):
    return (case.expected[0] * case.info["N"],) if case.info["N"] > 1 else None


cross_entropy_backward = Exercise(
    "cross_entropy_backward", "cross_entropy_backward(logits, labels, grad_output)",
    ("logits", "labels", "grad_output"), ("dL/dlogits",), _ce_cases,
    (Unchanged(), Unstable(),
     Variant("missing_factor", _ce_n_times, seen="Your gradient is N times the expected one, N the number "
             "of rows.", hint="The loss is the mean over the rows. Does your gradient divide like the loss does?"),
     Variant("missing_onehot", _softmax_only),
     Variant("sign_error", scaled(-1.0)), InPlace(), ConstantFactor()) +
    factor_variants({"N": (lambda case: case.info["N"], "the number of rows"),
                     "C": (lambda case: case.args[0].shape[1], "the number of classes")}, exponents=(-1, 1)),
    engine=EngineRun("cross_entropy", "softmax_regression"), shape_notes=("the shape of logits",))

EXERCISES = (mse_backward, cross_entropy_backward)
