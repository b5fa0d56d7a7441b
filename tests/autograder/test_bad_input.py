"""Bad input from students: every one gets a clear message and a fail, never a crash or a
hang of the checker (and nothing on stderr, which nbgrader would count against the cell)."""
import sys
import threading
import time

import numpy as np
import pytest

import minigrad as mg
from autograder import run_check
from tests.autograder.planted.activations import sigmoid_backward
from tests.autograder.planted.graphs import depth_first_order

FAST = 0.3   # seconds: time limit for the endless functions below


def returns(value):
    def fn(*args):
        return value
    return fn


class Liar(np.ndarray):
    """An ndarray subclass that claims to equal anything."""

    def __eq__(self, other):
        return True

    def __array_ufunc__(self, *args, **kwargs):
        return np.zeros(3).view(Liar)


def loops_forever(*args):
    while True:
        pass


class EndlessArray:
    """Converting it would never end: the checker must not try outside its limits."""

    def __array__(self, dtype=None, copy=None):
        while True:
            pass


def prints_megabytes(x, out, grad_output):
    for _ in range(300):
        print("x" * 10_000)
    return sigmoid_backward(x, out, grad_output)


def prints_a_little(x, out, grad_output):
    print("debug: shapes", x.shape)
    return -sigmoid_backward(x, out, grad_output)


def raises(x, out, grad_output):
    return {}["missing"]


def release_stub(x, out, grad_output):
    # YOUR CODE HERE
    raise NotImplementedError()


def exits(*args):
    sys.exit(3)


def recurses(*args):
    return recurses(*args)


def mutates_out(x, out, grad_output):
    out *= 1 - out
    return grad_output * out


def complex_result(x, out, grad_output):
    return sigmoid_backward(x, out, grad_output) + 0j


def integer_result(x, out, grad_output):
    return np.round(sigmoid_backward(x, out, grad_output)).astype(np.int64)


def float16_result(x, out, grad_output):
    return sigmoid_backward(x, out, grad_output).astype(np.float16)


def nan_result(x, out, grad_output):
    return sigmoid_backward(x, out, grad_output) * np.nan


def wrong_shape(x, out, grad_output):
    return sigmoid_backward(x, out, grad_output).reshape(-1, 1)


def tensor_result(x, out, grad_output):
    return mg.Tensor(sigmoid_backward(x, out, grad_output))


BAD = [
    ("returns None", returns(None), "None — is a `return` missing?"),
    ("returns a list", lambda x, out, g: sigmoid_backward(x, out, g).tolist(), "is a list"),
    ("returns a scalar", returns(0.25), "is a single number"),
    ("returns a wrong shape", wrong_shape, "should have shape"),
    ("returns complex numbers", complex_result, "complex numbers"),
    ("returns integers", integer_result, "integer array"),
    ("returns float16", float16_result, "has dtype float16; compute in float64"),
    ("returns NaN", nan_result, "contains NaN"),
    ("returns a Tensor", tensor_result, "minigrad Tensor"),
    ("returns a string", returns("0.25"), "is a str"),
    ("returns an ndarray subclass that lies", returns(np.zeros(3).view(Liar)), "dL/dx"),
    ("raises", raises, "raised KeyError: 'missing' (line"),
    ("calls exit()", exits, "called exit(3)"),
    ("recurses forever", recurses, "raised RecursionError"),
    ("prints megabytes", prints_megabytes, "printed 3,00"),
    ("writes into an input", mutates_out, "read-only"),
    ("never returns", loops_forever, f"did not return within {FAST:g} s"),
    ("returns an unknown object", returns(EndlessArray()), "dL/dx is an EndlessArray; it should be an array"),
    ("is not a function", None, "needs your function itself"),
    ("is the release stub", release_stub, "not written yet: it raised NotImplementedError"),
    ("returns zeros", lambda x, out, g: np.zeros_like(x), "all zeros: is the computation finished?"),
]


@pytest.mark.parametrize("what, fn, phrase", BAD, ids=[b[0] for b in BAD])
def test_bad_backward_gets_a_clear_message_and_fails(what, fn, phrase, capsys):
    result = run_check("sigmoid_backward", fn, time_limit=FAST)
    assert not result.passed and result.fraction < 1.0
    assert phrase in result.message, result.message
    assert capsys.readouterr().err == ""


def test_endless_function_stops_after_two_time_outs():
    result = run_check("sigmoid_backward", loops_forever, time_limit=FAST)
    problems = [c.problem for c in result.cases]
    assert sum("did not return" in p for p in problems) == 2
    assert all(p.startswith("not run") for p in problems[2:])
    assert result.cases_passed == 0


def swallows_everything(*args):
    while True:
        try:  # noqa: SIM105 - written the way a student writes it
            time.sleep(0.001)
        except:  # noqa: E722 - the point of the test: a loop that catches the time-out itself
            pass


def swallows_in_nested_handlers(*args):
    while True:
        try:
            sum(range(1000))
        except BaseException:
            try:
                continue
            except BaseException:
                pass


@pytest.mark.parametrize("fn", [swallows_everything, swallows_in_nested_handlers])
def test_endless_loop_that_catches_the_time_out_still_stops(fn):
    before = sys.gettrace()
    result = run_check("sigmoid_backward", fn, time_limit=FAST)
    assert sys.gettrace() is before   # the escalation leaves no trace function behind
    problems = [c.problem for c in result.cases]
    assert sum("did not return" in p for p in problems) == 2, problems
    assert result.cases_passed == 0


def test_a_little_printing_is_shown_to_the_student_and_does_not_fail_by_itself():
    result = run_check("sigmoid_backward", prints_a_little)
    assert "Your function printed:" in result.message and "debug: shapes" in result.message
    assert result.mistake == "sign_error"   # judged on its values, not on the printing


def test_printing_too_much_fails_only_the_cases_that_flood():
    result = run_check("sigmoid_backward", prints_megabytes)
    assert result.cases_passed == 0   # each case printed 3 MB
    assert "remove the print calls" in result.message


@pytest.mark.parametrize("what, fn, phrase", [
    ("a single array", returns(np.zeros(3)), "should return 2 gradients (dL/da, dL/db)"),
    ("three arrays", lambda a, b, g: (g * b, g * a, g), "returned 3 value(s)"),
    ("None", returns(None), "None (is a `return` missing?)"),
    ("None for one of the two", lambda a, b, g: (g * b, None), "dL/db is None"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_two_gradient_exercises_explain_the_shape_of_the_answer(what, fn, phrase):
    result = run_check("mul_backward", fn)
    assert not result.passed
    assert phrase in result.message, result.message


@pytest.mark.parametrize("fn, phrase", [
    (returns(None), "it returned None; it should return a list of the graph's tensors"),
    (lambda root: [t.data for t in depth_first_order(root)], "not one of the graph's tensors"),
    (lambda root: [t for t in depth_first_order(root) if t.requires_grad], "missing; every tensor reachable"),
    (lambda root: depth_first_order(root)[:-1], "missing"),
    (lambda root: [mg.Tensor(1.0)] + depth_first_order(root), "not one of the graph's tensors"),
])
def test_topological_sort_bad_answers(fn, phrase):
    result = run_check("topological_sort", fn)
    assert not result.passed and phrase in result.message, result.message


@pytest.mark.parametrize("fn, phrase", [
    (returns([]), "it returned a list; it should return a dict"),
    (lambda root: {t.name: np.ones_like(t.data) for t in depth_first_order(root)}, "a key of your dict is"),
    (lambda root: {root: np.ones_like(root.data)}, "has no gradient in your dict"),
])
def test_backward_pass_bad_answers(fn, phrase):
    result = run_check("backward_pass", fn)
    assert not result.passed and phrase in result.message, result.message


def test_a_student_graph_cannot_be_changed():
    def scribbles(root):
        root.data[...] = 0
        return {}
    result = run_check("backward_pass", scribbles)
    assert not result.passed and "read-only" in result.message


def test_minibatch_bad_answers():
    floats = run_check("minibatch_indices", lambda n, b, rng: [rng.permutation(n).astype(float)])
    assert "integer indices" in floats.message
    one = run_check("minibatch_indices", lambda n, b, rng: rng.permutation(n))
    assert "should return a list of index arrays" in one.message


def test_jacobian_fd_changing_x_is_reported_by_name():
    def leaves_x_moved(f, x, eps=1e-6):
        x += 1.0
        return np.zeros((len(f(x)), len(x)))
    result = run_check("jacobian_fd", leaves_x_moved)
    assert "changed its input x in place" in result.message
    assert result.mistake == "in_place"


def test_endless_function_outside_the_main_thread_still_times_out():
    """In a worker thread there is no SIGALRM: a watchdog thread stops waiting instead."""
    stop = threading.Event()

    def waits_forever(*args):
        while not stop.is_set():
            time.sleep(0.005)

    box = {}
    worker = threading.Thread(target=lambda: box.update(result=run_check("sigmoid_backward", waits_forever,
                                                                          time_limit=FAST)))
    worker.start()
    worker.join(60)
    stop.set()
    result = box["result"]
    assert not result.passed
    assert "did not return within" in result.message
