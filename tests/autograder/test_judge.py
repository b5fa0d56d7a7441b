"""The judgement is a pure function of plain data: deterministic, serialisable, and able to
run in a process that never saw the student's code. Plus what notebooks call: check, score."""
import dataclasses
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from autograder import CheckResult, ExerciseFailed, check, get_exercise, run_check, score
from autograder.collecting import collect
from autograder.judge import judge
from autograder.report import report
from autograder.serialize import judge_json, outcomes_from_json, outcomes_to_json
from tests.autograder.planted import PLANTED
from tests.autograder.planted.activations import sigmoid_backward, sigmoid_backward_typo, sigmoid_textbook
from tests.autograder.planted.graphs import backward_pass_overwriting
from tests.autograder.planted.linalg import linear_backward_bias_unsummed
from tests.helpers import REPO


def collected(exercise_id, fn, suite="visible"):
    exercise = get_exercise(exercise_id)
    cases = exercise.cases(suite)
    return exercise, cases, collect(fn, [case.call for case in cases])


def judged(exercise, suite, cases, outcomes) -> CheckResult:
    verdict = judge(exercise, suite, cases, outcomes)
    return CheckResult.of(verdict, cases, report(exercise, cases, outcomes, verdict))


# ----- what notebooks call -----------------------------------------------------------------------
def test_check_prints_a_one_line_report_and_returns_the_result_when_all_is_well(capsys):
    result = check("sigmoid_backward", sigmoid_backward)
    printed = capsys.readouterr()
    assert isinstance(result, CheckResult) and result.passed
    assert printed.out.strip() == ("✓ sigmoid_backward: 10/10 cases passed; it also trains logistic regression "
                                   "inside the engine.")
    assert printed.err == ""


def test_check_raises_the_report_on_a_wrong_answer_and_prints_nothing(capsys):
    with pytest.raises(ExerciseFailed) as failure:
        check("sigmoid_backward", sigmoid_backward_typo)
    assert isinstance(failure.value, AssertionError)   # nbgrader: the test cell scores 0
    report = str(failure.value)
    assert report == run_check("sigmoid_backward", sigmoid_backward_typo).message
    assert report.startswith("✗ sigmoid_backward: ")
    assert "Likely mistake: the derivative is evaluated at the wrong quantity" in report
    assert "σ(x)·σ(1 − x)" in report and "Smallest failing case" in report and "Hint:" in report
    assert capsys.readouterr().out == ""                  # shown once: as the error, not also printed
    # IPython renders the report alone, without frames from the kit
    assert failure.value._render_traceback_() == report.splitlines()


def test_reports_fit_in_the_width_nbgrader_validate_shows():
    """`nbgrader validate` cuts lines at 90 characters, its 4-space indent included."""
    for exercise_id, mistakes in PLANTED.items():
        for mistake_id, (fn, *_) in mistakes.items():
            for line in run_check(exercise_id, fn).message.splitlines():
                assert len(line) <= 84, f"{exercise_id}/{mistake_id}: {line!r}"


def test_score_returns_partial_credit_and_never_raises_for_a_wrong_answer(capsys):
    full = score("sigmoid", PLANTED["sigmoid"]["sign_error"][0], points=2)
    partial = run_check("sigmoid", sigmoid_textbook, "hidden")
    assert score("sigmoid", sigmoid_textbook, points=2) == pytest.approx(2 * partial.fraction)
    assert 0 < partial.fraction < 1
    assert 0 <= full < 2
    assert "✗ sigmoid" in capsys.readouterr().out


def test_score_uses_the_hidden_suite():
    assert run_check("sigmoid", sigmoid_textbook, "hidden").cases_total == \
        len(get_exercise("sigmoid").cases("hidden"))


@pytest.mark.parametrize("call", [lambda: check("sigmoid_backwards", sigmoid_backward),
                                  lambda: score("sigmoid_backwards", sigmoid_backward),
                                  lambda: run_check("sigmoid_backwards", sigmoid_backward)])
def test_an_unknown_exercise_id_is_an_error_that_lists_the_known_ones(call):
    with pytest.raises(KeyError, match="sigmoid_backward, tanh_backward"):
        call()


def test_an_unknown_suite_is_an_error():
    with pytest.raises(ValueError, match="suite"):
        run_check("sigmoid_backward", sigmoid_backward, suite="secret")


def test_visible_and_hidden_suites_share_no_case():
    for exercise_id, exercise in __import__("autograder").EXERCISES.items():
        visible, hidden = exercise.cases("visible"), exercise.cases("hidden")
        assert len(hidden) >= len(visible), exercise_id
        if not exercise.has_inputs:
            continue   # a function without inputs (answers that are values): the suites differ in what they judge
        for a in visible:
            for b in hidden:
                if a.kind == "engine" or b.kind == "engine":
                    continue
                same = len(a.args) == len(b.args) and all(
                    _same(x, y) for x, y in zip(a.args, b.args))
                assert not same, f"{exercise_id}: '{a.name}' is in both suites"


def _same(x, y):
    if dataclasses.is_dataclass(x) and type(x) is type(y):   # e.g. a graph spec
        return all(_same(getattr(x, f.name), getattr(y, f.name)) for f in dataclasses.fields(x))
    if isinstance(x, (tuple, list)) and isinstance(y, (tuple, list)):   # e.g. a list of Jacobians
        return len(x) == len(y) and all(_same(a, b) for a, b in zip(x, y))
    if isinstance(x, np.ndarray) or isinstance(y, np.ndarray):
        return np.shape(x) == np.shape(y) and np.array_equal(x, y)
    return x == y


# ----- deterministic and pure --------------------------------------------------------------------
def test_same_code_same_verdict():
    first = run_check("linear_backward", linear_backward_bias_unsummed, "hidden").to_dict()
    second = run_check("linear_backward", linear_backward_bias_unsummed, "hidden").to_dict()
    assert first == second


def test_the_result_is_plain_data_for_a_grading_pipeline():
    result = run_check("backward_pass", backward_pass_overwriting)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["mistake"] == "overwrite_fanout"
    assert set(data) >= {"exercise", "passed", "cases_passed", "cases_total", "fraction", "mistake", "message",
                         "cases"}
    assert CheckResult.from_dict(data) == result


@pytest.mark.parametrize("exercise_id, fn", [("sigmoid_backward", sigmoid_backward_typo),
                                             ("backward_pass", backward_pass_overwriting),
                                             ("sigmoid", sigmoid_textbook)])
def test_outcomes_survive_json_and_judge_the_same(exercise_id, fn):
    exercise, cases, outcomes = collected(exercise_id, fn)
    direct = judged(exercise, "visible", cases, outcomes)
    again = judged(exercise, "visible", cases, outcomes_from_json(outcomes_to_json(outcomes)))
    assert again.to_dict() == direct.to_dict()


def test_a_process_that_never_ran_student_code_reaches_the_same_verdict(tmp_path):
    exercise, cases, outcomes = collected("sigmoid_backward", sigmoid_backward_typo, "hidden")
    here = judged(exercise, "hidden", cases, outcomes)
    path = tmp_path / "outcomes.json"
    path.write_text(outcomes_to_json(outcomes))
    program = (
        "import json, sys\n"
        "from autograder.serialize import judge_json\n"
        "result = judge_json('sigmoid_backward', 'hidden', open(sys.argv[1]).read())\n"
        "assert not any(name.startswith('tests.autograder.planted') for name in sys.modules)\n"
        "print(json.dumps(result.to_dict()))\n")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", program, str(path)], capture_output=True, text=True, env=env,
                          check=True)
    assert json.loads(done.stdout) == json.loads(json.dumps(here.to_dict()))
    assert here.mistake == "wrong_point"


@pytest.mark.parametrize("bad", [
    "{}", "[1]", '[{"status": "fine"}]', '[{"status": "returned", "value": {"kind": "weird"}}]',
    '[{"status": "returned", "value": {"kind": "array", "data": {"shape": [3], "base64": "AAAA"}}}]',
    '[{"status": "returned", "printed_chars": "many"}]',
])
def test_malformed_outcomes_are_refused_not_trusted(bad):
    with pytest.raises(ValueError, match="malformed outcomes"):
        outcomes_from_json(bad)


def test_judging_needs_one_outcome_per_case():
    exercise, cases, outcomes = collected("sigmoid_backward", sigmoid_backward)
    with pytest.raises(ValueError):
        judge(exercise, "visible", cases, outcomes[:-1])


def test_json_judging_of_missing_student_output_fails_every_case():
    exercise = get_exercise("relu_backward")
    text = json.dumps([{"status": "skipped", "error": "the sandbox was killed"}] * len(exercise.cases("visible")))
    result = judge_json("relu_backward", "visible", text)
    assert result.cases_passed == 0 and "the sandbox was killed" in result.message


def test_case_data_is_read_only():
    for exercise in __import__("autograder").EXERCISES.values():
        for suite in ("visible", "hidden"):
            for case in exercise.cases(suite):
                for array in [a for a in case.args + case.expected if isinstance(a, np.ndarray)]:
                    assert not array.flags.writeable, f"{exercise.id}: {case.name}"


def test_an_unwritten_stub_is_told_what_to_do():
    def sigmoid_backward(x, out, grad_output):
        raise NotImplementedError()
    message = run_check("sigmoid_backward", sigmoid_backward).message
    assert "Not written yet: replace `raise NotImplementedError()` with your code" in message
    assert "does not match a mistake I know" not in message
