"""Answers that are values (`parabola_rates`, `hand_gradients`) and a graph the student builds
(`bfs_counterexample`): the collect side's two procedures, the words of the notebooks' old
asserts as problem texts, partial credit per answer, and every course test cell one check
call that the instructor's grader can read."""
import json

import numpy as np
import pytest

import minigrad as mg
from autograder import get_exercise, run_check, score
from autograder.collecting import Call, collect, outcomes_from_json, outcomes_to_json
from autograder.serialize import judge_json
from tests.autograder.planted.answers import step_factor
from tests.autograder.planted.graphs import make_counterexample
from tests.helpers import REPO


def _problems(exercise_id, fn, suite="visible"):
    return [case.problem for case in run_check(exercise_id, fn, suite).cases if not case.passed]


# ----- answers that are values ---------------------------------------------------------------------
def test_one_wrong_answer_costs_its_own_third_of_the_hidden_points(capsys):
    assert score("parabola_rates", lambda: (step_factor, 0.5, 0.5), points=2) == pytest.approx(4 / 3)
    assert score("hand_gradients", lambda: (-8.0, 2.0, 2.0), points=2) == pytest.approx(4 / 3)
    assert "✗" in capsys.readouterr().out


def test_a_step_factor_that_raises_costs_only_its_own_case():
    def unwritten(learning_rate):
        raise NotImplementedError
    result = run_check("parabola_rates", lambda: (unwritten, 0.5, 1.0), "hidden")
    assert [c.passed for c in result.cases] == [False, True, True]
    assert "NotImplementedError" in result.cases[0].problem
    assert not run_check("parabola_rates", lambda: (unwritten, 0.5, 1.0)).passed


@pytest.mark.parametrize("answers, phrase", [
    ((lambda e: 1 - 3 * e, 0.5, 1.0), "but one step from x = 3 with this learning rate lands at"),
    ((step_factor, 0.25, 1.0), "with one_step_rate = 0.25, one step from x = 3 lands at 1.5, not 0."),
    ((step_factor, 0.5, 2.0), "at the boundary between converging and diverging, |x| neither shrinks nor grows."),
    ((step_factor, 0.5, 0.0), "x never moves from 3"),
    ((0.5, 0.5, 1.0), "step_factor(learning_rate) should be a function, but it is a float"),
    ((step_factor, "0.5", 1.0), "one_step_rate is a str; it should be a number."),
    ((step_factor, 0.5), "the function should return 3 answers"),
])
def test_parabola_rates_says_what_descent_on_x_squared_does(answers, phrase):
    problems = _problems("parabola_rates", lambda: answers)
    assert problems and phrase in problems[0]


@pytest.mark.parametrize("answers, phrase", [
    ((-2.0, 4.0, 2.0), "x reaches f along two paths (directly, and through q = x*y); add the two contributions."),
    ((-8.0, -3.0, 2.0), "y only reaches f through q: multiply df/dq by dq/dy = x."),
    ((-8.0, 4.0, 4.0), "z enters through r = q + z, and df/dr is the other factor of the product, x."),
])
def test_hand_gradients_gives_the_hint_of_each_wrong_derivative(answers, phrase):
    problems = _problems("hand_gradients", lambda: answers)
    assert len(problems) == 1 and phrase in problems[0]
    message = run_check("hand_gradients", lambda: answers, "hidden").message
    assert phrase in " ".join(message.split())   # the report wraps its lines


def test_the_report_does_not_print_the_expected_answers():
    for exercise_id, wrong in [("hand_gradients", lambda: (1.0, 1.0, 1.0)),
                               ("parabola_rates", lambda: (lambda e: 1.0, 7.0, 7.0))]:
        for suite in ("visible", "hidden"):
            message = run_check(exercise_id, wrong, suite).message
            assert "expected" not in message, message


def test_answers_calls_carry_the_names_and_rows_but_no_answer():
    for case in get_exercise("parabola_rates").cases("hidden"):
        names, pick, rows = case.call.args
        assert case.call.procedure == "answers" and names[1] == "one_step_rate"
        assert rows[1] is None and rows[2] is None and all(len(row) == 1 for row in rows[0])
    assert collect(lambda: (-8.0, 4.0, 2.0), [Call("answers", (("a", "b", "c"), 1, (None, None, None)))])[0] \
        .value.data == 4.0


# ----- a graph the student builds --------------------------------------------------------------
def _w(value=0.5):
    return mg.Tensor(value, requires_grad=True)


def _fan_out_at_a_leaf():
    w = _w()
    return w + w * w, w


def _with_neg():
    w = _w(1.5)
    x = w * w
    return mg.functional.add(mg.functional.neg(mg.functional.neg(x)), x), w


def _vector_loss():
    w = mg.Tensor([0.5, 1.0], requires_grad=True)
    x = mg.exp(w)
    return x + x * x, w


def _w_not_a_leaf():
    x = mg.exp(_w())
    return x + x * x, x


def _w_a_constant():
    w = mg.Tensor(0.5)
    return w + w, w


def _w_elsewhere():
    x = mg.exp(_w())
    return x + x * x, _w(2.0)


def _too_big():
    a = mg.Tensor(np.ones((5000, 1)), requires_grad=True)
    return (a + np.ones((1, 5000))).sum(), a


@pytest.mark.parametrize("fn, phrase", [
    (_fan_out_at_a_leaf, "breadth-first gets this graph right. It needs a node that is reached along two paths"),
    (_with_neg, "build a new graph without neg: the example above already uses it."),
    (_vector_loss, "the loss must be a single number; yours has shape (2,)."),
    (_w_not_a_leaf, "w must be a leaf created with requires_grad=True."),
    (_w_a_constant, "w must be a leaf created with requires_grad=True."),
    (_w_elsewhere, "w does not take part in the loss: the loss must be computed from w."),
    (lambda: _w(), "return (loss, w), both minigrad Tensors."),
    (lambda: (1.0, 2.0), "return (loss, w), both minigrad Tensors."),
    (_too_big, "would hold 25,000,000 numbers"),
])
def test_bfs_counterexample_keeps_the_notebook_s_messages(fn, phrase):
    for suite in ("visible", "hidden"):
        problems = _problems("bfs_counterexample", fn, suite)
        assert len(problems) == 1 and phrase in problems[0]


def test_the_returned_graph_travels_as_json_and_is_judged_elsewhere():
    exercise = get_exercise("bfs_counterexample")
    calls = [case.call for case in exercise.cases("visible")]
    text = outcomes_to_json(collect(make_counterexample, calls))
    graph = outcomes_from_json(text)[0].value.graph
    assert [getattr(node, "op", None) for node in graph.nodes] == [None, "exp", "mul", "add"]
    assert judge_json("bfs_counterexample", "visible", text).passed
    wrong = outcomes_to_json(collect(_fan_out_at_a_leaf, calls))
    assert not judge_json("bfs_counterexample", "visible", wrong).passed


def test_a_malformed_graph_in_the_json_is_refused():
    text = outcomes_to_json(collect(make_counterexample, [get_exercise("bfs_counterexample").cases("visible")[0].call]))
    data = json.loads(text)
    data[0]["value"]["graph"]["nodes"][1]["parents"] = [3]   # a parent that comes later
    with pytest.raises(ValueError, match="earlier nodes"):
        outcomes_from_json(json.dumps(data))
    data[0]["value"]["graph"]["nodes"][1]["parents"] = [0]
    data[0]["value"]["graph"]["nodes"][1]["params"] = [["axis", {"code": "x"}]]
    with pytest.raises(ValueError, match="parameter"):
        outcomes_from_json(json.dumps(data))


def test_an_op_the_engine_does_not_have_is_a_problem_not_a_crash():
    text = outcomes_to_json(collect(make_counterexample, [get_exercise("bfs_counterexample").cases("visible")[0].call]))
    data = json.loads(text)
    data[0]["value"]["graph"]["nodes"][1]["op"] = "no_such_op"
    result = judge_json("bfs_counterexample", "visible", json.dumps(data))
    assert not result.passed and "could not be rebuilt" in result.cases[0].problem


# ----- the course's test cells ------------------------------------------------------------------
def test_every_course_test_cell_is_one_check_call_the_grader_reads():
    from autograder.grading.notebooks import graded_cells
    named = {}
    for path in sorted((REPO / "course" / "notebooks").glob("*/*.ipynb")):
        for cell in graded_cells(path):
            get_exercise(cell.exercise)
            named.setdefault(cell.exercise, set()).add(cell.function)
    assert named["parabola_rates"] == {"lambda: (step_factor, one_step_rate, first_unstable_rate)"}
    assert named["hand_gradients"] == {"lambda: (df_dx, df_dy, df_dz)"}
    assert named["bfs_counterexample"] == {"make_counterexample"}
