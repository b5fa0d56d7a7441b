"""The visible suites shipped to students as data (autograder/suites/, `autograder.shipped`):
they are a fresh export of the answer key, they judge every planted solution exactly as the
answer key does, and they hold no hidden case and no answer that is a value.

Out of date after changing an exercise? Run `python -m autograder.exercises.export`.
"""
from __future__ import annotations

import json
import math
from importlib import import_module

import numpy as np
import pytest

import autograder.answer_key
from autograder import run_check
from autograder.answer_key import AnswerKeyMissing
from autograder.collecting import collect
from autograder.detectors import Variant
from autograder.exercises import EXERCISES
from autograder.exercises.export import COMMAND, SUITES_FOLDER, export_text
from autograder.judge import judge
from autograder.kinds.answers import THROUGH
from autograder.plain_json import NotPlainData, from_json, to_json
from autograder.report import report
from autograder.shipped import answers_withheld, shipped_exercise, shipped_ids
from tests.autograder.planted import CORRECT, PLANTED

IDS = sorted(EXERCISES)


def test_every_exercise_is_shipped_and_nothing_else():
    assert shipped_ids() == tuple(IDS), f"the shipped suites are out of date: run `{COMMAND}`"


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_shipped_data_is_a_fresh_export(exercise_id):
    shipped = json.loads((SUITES_FOLDER / f"{exercise_id}.json").read_text(encoding="utf-8"))
    fresh = json.loads(export_text(EXERCISES[exercise_id]))
    difference = _first_difference(shipped, fresh)
    assert difference is None, (f"autograder/suites/{exercise_id}.json differs from the answer key at {difference}: "
                                f"run `{COMMAND}` and commit the result")


def _first_difference(a, b, where="the top"):
    """Where two JSON trees differ, or None. Numbers are compared as another machine's BLAS and
    vector units may round them: a float to 1e-12, the numbers of an array to 1e-8 of the
    array's largest, or 1e-12 (finite differences, in `numerical` and in jacobian_fd's answers,
    turn a last-bit difference of f into ~1e-9 of the result; an answer that is 0 in exact
    arithmetic, like a gradient at a least-squares solution, is rounding noise of ~1e-16)."""
    if isinstance(a, float) and isinstance(b, float):
        same = (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-300)
        return None if same else where
    if _array_data(a) and _array_data(b) and len(a) == len(b):
        x, y = np.array(a, dtype=float), np.array(b, dtype=float)
        finite = np.abs(y[np.isfinite(y)])
        scale = finite.max() if finite.size else 0.0
        same = np.allclose(x, y, rtol=1e-12, atol=1e-8 * scale + 1e-12, equal_nan=True)
        return None if same and np.array_equal(np.isfinite(x), np.isfinite(y)) else where
    if type(a) is not type(b):
        return where
    if isinstance(a, dict):
        if a.keys() != b.keys():
            return where
        return next((d for k in a if (d := _first_difference(a[k], b[k], f"{where} / {k}")) is not None), None)
    if isinstance(a, list):
        if len(a) != len(b):
            return where
        return next((d for k, (x, y) in enumerate(zip(a, b))
                     if (d := _first_difference(x, y, f"{where} / {k}")) is not None), None)
    return None if a == b else where


def _array_data(value) -> bool:
    """A JSON list of numbers with a float among them (an array's data)."""
    return (isinstance(value, list) and bool(value) and any(isinstance(v, float) for v in value)
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value))


def _solutions(exercise_id):
    return ([("correct", fn) for fn in CORRECT.get(exercise_id, [])]
            + [(mistake, fn) for mistake, fns in PLANTED.get(exercise_id, {}).items() for fn in fns])


def _judged(exercise, fn):
    cases = exercise.cases("visible")
    outcomes = collect(fn, [case.call for case in cases])
    verdict = judge(exercise, "visible", cases, outcomes)
    return verdict, report(exercise, cases, outcomes, verdict)


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_shipped_suite_judges_like_the_answer_key(exercise_id):
    """Every planted solution gets the same report; answers that are values, shipped without
    the detectors that would give them away, get the same verdict on every case."""
    key, shipped = EXERCISES[exercise_id], shipped_exercise(exercise_id)
    solutions = _solutions(exercise_id)
    assert solutions, f"no planted solution for {exercise_id}"
    for label, fn in solutions:
        key_verdict, key_report = _judged(key, fn)
        shipped_verdict, shipped_report = _judged(shipped, fn)
        if answers_withheld(key):
            assert [(v.passed, v.problem) for v in shipped_verdict.cases] == \
                   [(v.passed, v.problem) for v in key_verdict.cases], (label, fn.__name__)
        else:
            assert shipped_report == key_report, (label, fn.__name__)


@pytest.mark.parametrize("exercise_id", [i for i in IDS if answers_withheld(EXERCISES[i])])
def test_the_engine_fills_in_what_the_answer_key_expects(exercise_id):
    """An answer judged through a function (a learning rate through the engine's step) maps
    the key's answer onto the value the engine filled in."""
    key_case, = EXERCISES[exercise_id].cases("visible")
    case, = shipped_exercise(exercise_id).cases("visible")
    through = case.info.get("through") or (None,) * len(case.expected)
    for c, (expected, answer) in enumerate(zip(case.expected, key_case.expected)):
        mapped = answer if through[c] is None else THROUGH[through[c]](answer)
        np.testing.assert_allclose(mapped, expected, rtol=1e-12, atol=1e-15, err_msg=f"{exercise_id}, answer {c}")


def _numbers(tree):
    if isinstance(tree, bool):
        return
    if isinstance(tree, (int, float)):
        yield float(tree)
    elif isinstance(tree, dict):
        for value in tree.values():
            yield from _numbers(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from _numbers(value)


@pytest.mark.parametrize("exercise_id", [i for i in IDS if answers_withheld(EXERCISES[i])])
def test_answers_that_are_values_are_not_shipped(exercise_id):
    text = (SUITES_FOLDER / f"{exercise_id}.json").read_text(encoding="utf-8")
    shipped = set(_numbers(json.loads(text)))
    answers = {float(v) for case in EXERCISES[exercise_id].cases("visible") for e in case.expected
               for v in np.ravel(e)}
    assert not answers & shipped, f"{exercise_id}: the answers {sorted(answers & shipped)} are in the shipped data"


@pytest.mark.parametrize("exercise_id", IDS)
def test_no_hidden_case_is_shipped(exercise_id):
    exercise = EXERCISES[exercise_id]
    text = (SUITES_FOLDER / f"{exercise_id}.json").read_text(encoding="utf-8")
    visible = {case.name for case in exercise.cases("visible")}
    hidden = [case.name for case in exercise.cases("hidden") if case.name not in visible]
    assert not [name for name in hidden if f'"name":{json.dumps(name, ensure_ascii=False)}' in text]
    assert '"name":' in text


@pytest.fixture
def no_answer_key(monkeypatch):
    """The package as students install it: `autograder.exercises` cannot be imported."""
    def missing(name, *args):
        if name.startswith("autograder.exercises"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return import_module(name, *args)
    monkeypatch.setattr(autograder.answer_key, "import_module", missing)


def test_without_the_answer_key_check_works_and_the_hidden_tests_say_who_runs_them(no_answer_key):
    assert run_check("sigmoid_backward", lambda x, out, g: g * out * (1 - out)).passed
    wrong = run_check("sigmoid_backward", lambda x, out, g: out * (1 - out))
    assert wrong.mistake == "ignored_upstream"
    with pytest.raises(AnswerKeyMissing, match="instructor's grader"):
        run_check("sigmoid_backward", lambda x, out, g: g * out * (1 - out), "hidden")
    with pytest.raises(AnswerKeyMissing, match="seed 3"):
        run_check("sigmoid_backward", lambda x, out, g: g * out * (1 - out), seed=3)


def test_without_the_answer_key_answers_are_judged_by_the_engine(no_answer_key):
    assert run_check("hand_gradients", lambda: (-8.0, 4.0, 2.0)).passed
    wrong = run_check("hand_gradients", lambda: (-2.0, 4.0, 2.0))
    assert not wrong.passed and "x reaches f along two paths" in wrong.message
    assert run_check("parabola_rates", lambda: (lambda eta: 1 - 2 * eta, 0.5, 1.0)).passed
    rates = run_check("parabola_rates", lambda: (lambda eta: 1 - 2 * eta, 0.5, 2.0))
    assert not rates.passed and "first_unstable_rate" in rates.message and "one_step_rate" not in rates.message


def test_nothing_of_the_answer_key_can_be_shipped():
    """A detector or function defined in the answer key fails the export, saying what to do."""
    key_function = import_module("autograder.exercises.regression").regression_gradient
    with pytest.raises(NotPlainData, match="instructor's side"):
        to_json(key_function)
    with pytest.raises(NotPlainData, match="not a class or function of the kit"):
        to_json(Variant("sign_error", lambda case: None))


def test_plain_data_reads_back_exactly():
    array, mapping, scalar = from_json(to_json((np.array([0.1, -0.0, np.inf, np.nan]), {(1, 2): "a"}, np.float32(2))))
    assert array.tobytes() == np.array([0.1, -0.0, np.inf, np.nan]).tobytes() and not array.flags.writeable
    assert mapping == {(1, 2): "a"} and scalar.dtype == np.float32


def test_a_detector_that_is_not_a_dataclass_cannot_be_exported():
    class Homemade:
        mistake = "sign_error"

        def find(self, evidence):
            return None
    sigmoid = EXERCISES["sigmoid"]
    homemade = type(sigmoid).__new__(type(sigmoid))
    homemade.__dict__.update(vars(sigmoid), detectors=(Homemade(),), _cases={})
    with pytest.raises(TypeError, match="make it one"):
        export_text(homemade)
