"""The suites themselves: references agree with central differences, kinks are kept away
from finite differences, every exercise has the probes its detectors need, and the runner
keeps its limits."""
import signal
import warnings

import numpy as np
import pytest

from autograder import EXERCISES
from autograder.collecting.runner import KEEP_PRINTED, run_limited
from autograder.detectors import Unchanged, Unstable

SUITES = ("visible", "hidden")
ALL = [(e, s) for e in EXERCISES for s in SUITES]


@pytest.mark.parametrize("exercise_id, suite", ALL, ids=[f"{e}-{s}" for e, s in ALL])
def test_references_agree_with_central_differences(exercise_id, suite):
    checked = 0
    for case in EXERCISES[exercise_id].cases(suite):
        for expected, numerical in zip(case.expected, case.numerical or ()):
            if numerical is None:
                continue
            assert np.allclose(expected, numerical, rtol=1e-4, atol=1e-6), f"{exercise_id}: {case.name}"
            checked += 1
    analytic = exercise_id.endswith("_backward") or exercise_id == "jacobian_reverse"
    assert checked > 0 or not analytic, f"{exercise_id} has no case compared with central differences"


def test_finite_differences_stay_away_from_relu_s_kink():
    for suite in SUITES:
        for case in EXERCISES["relu_backward"].cases(suite):
            if case.numerical is not None:
                assert np.min(np.abs(case.args[0])) >= 0.05, case.name
        kinks = [c for c in EXERCISES["relu_backward"].cases(suite) if c.kind == "kink"]
        assert kinks and all(np.any(c.args[0] == 0) and c.numerical is None for c in kinks)


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_every_exercise_has_the_probes_its_detectors_need(exercise_id):
    exercise = EXERCISES[exercise_id]
    for suite in SUITES:
        cases = exercise.cases(suite)
        if any(isinstance(d, Unchanged) for d in exercise.detectors):
            pairs = [c for c in cases if c.pair is not None]
            assert pairs, f"{exercise_id}/{suite}: no case with a scaled upstream gradient"
            for probe in pairs:
                base = cases[probe.pair]
                assert not np.allclose(base.args[-1], probe.args[-1])
                assert all(np.array_equal(a, b) for a, b in zip(base.args[:-1], probe.args[:-1]))
        if any(isinstance(d, Unstable) for d in exercise.detectors):
            assert any(c.kind == "stability" for c in cases), f"{exercise_id}/{suite}: no inputs near ±1000"


def test_upstream_gradients_of_losses_are_not_one():
    """With grad_output = 1 a backward that ignores it cannot be told from a correct one."""
    for exercise_id in ("mse_backward", "cross_entropy_backward"):
        for suite in SUITES:
            for case in EXERCISES[exercise_id].cases(suite):
                if case.kind != "engine":
                    assert abs(float(case.args[-1])) != 1.0


def test_the_engine_runs_record_a_few_training_steps_that_lower_the_loss():
    from autograder.collecting.engine_runs import MODELS, train
    for model in MODELS:
        losses = train(model, seed=3)[0]
        assert losses.shape == (3,) and np.all(np.isfinite(losses))
        assert losses[-1] < losses[0], model


# ----- the runner --------------------------------------------------------------------------------
def test_time_limit_stops_an_endless_loop_and_restores_the_alarm():
    before = signal.getsignal(signal.SIGALRM)

    def endless():
        while True:
            pass
    record = run_limited(endless, time_limit=0.2)
    assert record.status == "timeout" and "0.2 s" in record.error
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_endless_loop_that_catches_exception_still_stops():
    def stubborn():
        while True:
            try:  # noqa: SIM105 - written the way a student writes it
                sum(range(1000))
            except Exception:
                pass
    assert run_limited(stubborn, time_limit=0.2).status == "timeout"


def test_output_is_captured_and_truncated():
    def chatty():
        for _ in range(1000):
            print("0123456789")
        return 42
    record = run_limited(chatty)
    assert record.status == "returned" and record.value == 42
    assert record.printed_chars == 11_000 and len(record.printed) == KEEP_PRINTED


def test_warnings_are_recorded_even_if_the_kernel_silenced_numpy():
    old = np.seterr(all="ignore")
    try:
        record = run_limited(lambda: np.exp(np.array([1000.0])))
    finally:
        np.seterr(**old)
    assert any("overflow" in w for w in record.warnings)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run_limited(lambda: np.exp(np.array([1000.0])))   # nothing escapes to the caller


def test_an_error_names_the_student_s_line():
    def students_function():
        values = [1, 2]
        return values[5]
    record = run_limited(students_function)
    assert record.status == "raised"
    assert record.error == "IndexError: list index out of range"
    line = students_function.__code__.co_firstlineno + 2
    assert record.where == f"line {line}, in students_function: return values[5]"
