"""Comparing what the student's function returned (`autograder.collecting.Value`) with
the expected arrays, in plain words: the helpers every exercise judges with.

    verdict = judge_arrays(exercise, case, value)     # a result made of arrays
    parts, problem = split_components(value, names)   # one Value per returned component
    tally = Tally(case); tally.compare(c, part, expected, name)

A result is checked for its kind, number of components, dtype and shape before its
values; values are compared with the case's tolerances (numpy's allclose), and the
relative error of the worst element (`minigrad.gradcheck.relative_error`) is kept for the
report.

dtype: float64 is expected (the inputs are float64). A float32 result is accepted too, with
the tolerance float32 can give (`result_tolerances`: rtol FLOAT32_RTOL relative to the
float64 reference, and as much of the component's largest value as atol, for sums that
cancel); every other dtype (integers, float16, complex, ...) is refused, saying why.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from minigrad.gradcheck import relative_error

from .collecting.values import Value


@dataclass
class CaseVerdict:
    """One case, judged, with what the detectors and the report need (plain data).

    failing: indices of the components that failed. got: the student's numbers per
    component (float64 arrays of whatever shape they had) or None.
    worst: for a wrong value, (component, index, expected, got) of the worst element.
    """

    passed: bool
    problem: str | None = None
    failing: tuple = ()
    got: tuple | None = None
    max_relative_error: float | None = None
    worst: tuple | None = None
    numerical_error: float | None = None
    mistake: str | None = None
    form: bool = False      # failed on what came back (kind, count, dtype, shape), before any value


FLOAT32_RTOL = 1e-5


def result_tolerances(value: Value, expected, rtol: float, atol: float) -> tuple:
    """(rtol, atol) to compare `value` with: the case's own, loosened to what float32 can hold
    (about 7 digits; sums lose a few) when the student's result is float32."""
    items = value.items if value.kind in ("tuple", "list") and value.items else (value,)
    if not any(item.dtype == "float32" for item in items):
        return rtol, atol
    scale = float(np.max(np.abs(expected), initial=0.0)) if np.size(expected) else 0.0
    return max(rtol, FLOAT32_RTOL), max(atol, FLOAT32_RTOL * scale)


def judge_arrays(exercise, case, value: Value) -> CaseVerdict:
    """Judge a result made of arrays: one component, or a tuple of them (dL/da, dL/db, ...)."""
    names = exercise.component_names(case)
    parts, problem = split_components(value, names)
    if problem:
        return CaseVerdict(False, problem, tuple(range(len(names))), form=True)
    got, tally = [], Tally(case)
    for c, (part, expected) in enumerate(zip(parts, case.expected)):
        got.append(part.data if part.kind in ("array", "number", "tensor") else None)
        tally.compare(c, part, expected, names[c], exercise.shape_note(case, c))
    numerical_error = _numerical_agreement(case)
    if tally.failing:
        return CaseVerdict(False, " ".join(tally.problems), tuple(tally.failing), tuple(got), tally.max_error,
                           tally.worst, numerical_error, form=tally.form)
    return CaseVerdict(True, None, (), tuple(got), tally.max_error, None, numerical_error)


class Tally:
    """Compares a result's components one by one with the expected arrays, keeping the
    problems, the failing components, the largest relative error and the first wrong element.
    form: every failure so far is about what came back (kind, dtype, shape), not its values."""

    def __init__(self, case):
        self.rtol, self.atol = case.rtol, case.atol
        self.problems, self.failing = [], []
        self.worst, self.max_error = None, 0.0
        self.form = True

    def compare(self, c: int, value: Value, expected: np.ndarray, name: str, shape_note: str = "") -> None:
        array, problem = as_result_array(value, expected, name, shape_note)
        if problem is None:
            rtol, atol = result_tolerances(value, expected, self.rtol, self.atol)
            problem, error, at = compare_values(array, expected, rtol, atol, name)
            self.form = self.form and not problem
            self.max_error = max(self.max_error, error)
            if problem and self.worst is None:
                self.worst = (c, at, float(expected[at]), float(array[at]))
        if problem:
            self.fail(c, problem)

    def fail(self, c: int, problem: str) -> None:
        self.problems.append(problem)
        self.failing.append(c)


def judge_engine_run(exercise, case, value: Value) -> CaseVerdict:
    """A training run inside the engine: one sentence about where it first went wrong."""
    verdict = judge_arrays(exercise, case, value)
    if verdict.passed or not verdict.failing or verdict.worst is None:
        return verdict
    names = exercise.component_names(case)
    gradients = [c for c in verdict.failing if c > 0] or list(verdict.failing)
    first = names[gradients[0]]
    more = len(verdict.failing) - 1
    error = verdict.max_relative_error
    verdict.problem = (f"{first} differs from the same run with the reference solution"
                       f"{f' (relative error up to {error:.1e})' if error else ''}"
                       f"{f', and {more} more of the recorded gradients and losses differ' if more else ''}.")
    return verdict


def split_components(value: Value, names: tuple):
    """The returned value as one `Value` per component, or a problem in plain words."""
    if len(names) == 1:
        if value.kind in ("tuple", "list") and value.length == 1 and value.items[0].kind == "array":
            return [value.items[0]], None
        return [value], None
    listing = ", ".join(names)
    if value.kind not in ("tuple", "list"):
        what = "None (is a `return` missing?)" if value.kind == "none" else describe_kind(value)
        return None, f"it returned {what}, but it should return {len(names)} gradients ({listing})."
    if value.length != len(names):
        return None, (f"it returned {value.length} value(s), but it should return {len(names)} "
                      f"gradients, in this order: {listing}.")
    return list(value.items), None


def a_or_an(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def describe_kind(value: Value) -> str:
    """'an array of shape (3,)', 'a list', 'None', ... (with its article)."""
    if value.kind == "array":
        return f"an array of shape {value.shape}"
    if value.kind == "number":
        return "a single number"
    return {"none": "None", "list": "a list", "tuple": "a tuple", "dict": "a dict", "node": "a Tensor",
            "tensor": "a minigrad Tensor",
            "graph": "a tuple of minigrad Tensors"}.get(value.kind, a_or_an(value.type_name))


def as_result_array(value: Value, expected: np.ndarray, name: str, shape_note: str = ""):
    """The component as a float64 array of the expected shape, or a problem in plain words."""
    want = f"an array of shape {expected.shape}" if expected.ndim else "a number"
    if value.kind == "none":
        return None, f"{name} is None — is a `return` missing?"
    if value.kind == "tensor":
        return None, (f"{name} is a minigrad Tensor; return a numpy array (a Tensor's numbers are "
                      "in its .data).")
    if value.kind in ("list", "tuple", "dict"):
        return None, f"{name} is a {value.kind}; it should be {want} (np.array turns a list into one)."
    if value.kind not in ("array", "number"):
        return None, f"{name} is {a_or_an(value.type_name)}; it should be {want}."
    kind = np.dtype(value.dtype).kind if value.dtype else "?"
    if kind == "c":
        return None, f"{name} holds complex numbers ({value.dtype}); gradients are real numbers."
    if kind in "iu" and value.kind == "array":
        return None, (f"{name} is an integer array ({value.dtype}), which cannot hold fractions; "
                      "compute with floats (float64).")
    if kind == "b":
        return None, f"{name} holds True/False values; it should hold numbers (float64)."
    if value.data is None:
        return None, f"{name} has dtype {value.dtype}; it should hold float64 numbers."
    if kind == "f" and value.dtype not in ("float64", "float32") and value.kind == "array":
        return None, (f"{name} has dtype {value.dtype}; compute in float64 like the inputs (float32 is "
                      "accepted too; other dtypes are not).")
    if value.kind == "number" and expected.ndim:
        return None, f"{name} is a single number; it should be {want}."
    if value.shape != expected.shape:
        note = f" ({shape_note})" if shape_note else ""
        return None, f"{name} has shape {value.shape}; it should have shape {expected.shape}{note}."
    return value.data, None


def compare_values(got: np.ndarray, expected: np.ndarray, rtol: float, atol: float, name: str):
    """(problem or None, max relative error, index of the worst element)."""
    error = relative_error(got, expected, atol)
    at = tuple(int(k) for k in np.unravel_index(np.argmax(error), error.shape)) if error.size else ()
    max_error = float(error.max()) if error.size else 0.0
    bad_numbers = ~np.isfinite(got) & np.isfinite(expected)
    if bad_numbers.any():
        at = tuple(int(k) for k in np.argwhere(bad_numbers)[0])
        what = "NaN" if np.isnan(got[at]) else "inf"
        return f"{name} contains {what} (not a number) where a finite value was expected.", max_error, at
    if not np.allclose(got, expected, rtol=rtol, atol=atol):
        score = np.abs(got - expected) / (atol + rtol * np.abs(expected))
        at = tuple(int(k) for k in np.unravel_index(np.argmax(score), score.shape)) if score.size else ()
        zeros = " (all zeros: is the computation finished?)" if got.size and not np.any(got) else ""
        wrong = "is wrong" if got.ndim == 0 else "has wrong values"
        return f"{name} {wrong}{zeros}.", max_error, at
    return None, max_error, at


def _numerical_agreement(case) -> float | None:
    """Largest relative error between the reference and central differences, for the report."""
    if not case.numerical:
        return None
    errors = [float(relative_error(e, n, 1e-6).max(initial=0.0))
              for e, n in zip(case.expected, case.numerical) if n is not None]
    return max(errors) if errors else None
