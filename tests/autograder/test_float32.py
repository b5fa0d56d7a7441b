"""float32 results: accepted in every exercise that returns arrays, with the tolerance float32
can give (rtol 1e-5 against the float64 reference, `autograder.compare.result_tolerances`),
only when the student's result is float32; float64 results keep their cases' tolerances;
other dtypes are refused, reported as a failure of form."""
import numpy as np
import pytest

from autograder import check, run_check, score
from autograder.compare import FLOAT32_RTOL
from tests.autograder.planted import CORRECT, PLANTED


def in_float32(value):
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        return value.astype(np.float32)
    if isinstance(value, tuple):
        return tuple(in_float32(v) for v in value)
    return value


def float32_version(fn):
    def wrapped(*args, **kwargs):
        return in_float32(fn(*args, **kwargs))
    wrapped.__name__ = fn.__name__
    return wrapped


def sigmoid_backward_float32(x, out, grad_output):
    return (grad_output * out * (1.0 - out)).astype(np.float32)


def matmul_backward_float32(a, b, grad_output):
    a, b, g = (np.asarray(v, dtype=np.float32) for v in (a, b, grad_output))   # computed in float32
    return g @ b.T, a.T @ g


@pytest.mark.parametrize("exercise_id, fn", [("sigmoid_backward", sigmoid_backward_float32),
                                             ("matmul_backward", matmul_backward_float32)])
def test_a_correct_float32_solution_passes_visible_and_hidden(exercise_id, fn, capsys):
    assert check(exercise_id, fn).passed
    assert score(exercise_id, fn, points=10) == 10.0
    for seed in (1, 2, 3):
        assert run_check(exercise_id, fn, "hidden", seed=seed).passed
    assert "✓" in capsys.readouterr().out


@pytest.mark.parametrize("exercise_id", sorted(CORRECT))
def test_every_correct_solution_in_float32_passes(exercise_id):
    for fn in CORRECT[exercise_id]:
        result = run_check(exercise_id, float32_version(fn), "hidden")
        assert result.passed, result.message


def test_float32_is_not_a_licence_to_be_wrong():
    def off(x, out, grad_output):
        return (grad_output * out * (1.0 - out) * (1 + 30 * FLOAT32_RTOL)).astype(np.float32)
    assert not run_check("sigmoid_backward", off).passed


def test_float64_results_keep_the_cases_own_tolerance():
    def off(x, out, grad_output):
        return grad_output * out * (1.0 - out) * (1 + FLOAT32_RTOL / 2)
    result = run_check("sigmoid_backward", off)
    assert not result.passed and "has wrong values" in result.message


@pytest.mark.parametrize("exercise_id, mistake", [("sigmoid_backward", "wrong_point"),
                                                  ("sigmoid_backward", "ignored_upstream"),
                                                  ("matmul_backward", "transposed"),
                                                  ("mse_backward", "missing_factor")])
def test_a_mistake_made_in_float32_is_still_named(exercise_id, mistake):
    result = run_check(exercise_id, float32_version(PLANTED[exercise_id][mistake][0]), "hidden")
    assert result.mistake == mistake


def test_another_dtype_is_reported_as_a_failure_of_form_not_an_unknown_mistake():
    def half(x, out, grad_output):
        return (grad_output * out * (1.0 - out)).astype(np.float16)
    result = run_check("sigmoid_backward", half)
    assert not result.passed and result.mistake is None
    assert "does not match a mistake I know" not in result.message
    assert "wrong form" in result.message and "has dtype float16; compute in float64" in result.message
